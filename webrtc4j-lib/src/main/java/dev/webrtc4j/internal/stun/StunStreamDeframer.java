package dev.webrtc4j.internal.stun;

import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * Splits a TURN/STUN byte stream (TCP or TLS, RFC 8656 §12.5; RFC 8489 §6.2.2) into messages:
 * STUN messages (20-byte header plus the length in the header) and ChannelData messages (4-byte
 * header plus the data length, padded to 4 bytes), back to back. The I/O layer feeds received
 * chunks with {@link #feed} and takes whole messages with {@link #poll}; each can be handed to a
 * core as one datagram. The frame framer side is {@link ChannelData#toBuffer(boolean)} with {@code
 * stream = true} (STUN messages need no framing).
 *
 * <p>Memory is bounded: one frame at most (64 KiB + header) is buffered. A first byte that is
 * neither STUN (0x00..0x3F) nor ChannelData (0x40..0x4F) means the stream lost sync; the deframer
 * then becomes {@linkplain #isBroken() broken} and the connection should be closed.
 *
 * <p>Not thread-safe.
 */
public final class StunStreamDeframer {
  private static final int MAX_FRAME = 4 + 0xFFFF + 3 + 20;

  private final ByteBuffer buffer = ByteBuffer.allocate(MAX_FRAME * 2);
  private boolean broken;

  /** Appends received bytes (position to limit, consumed). Returns false, taking nothing, when full or broken. */
  public boolean feed(ByteBuffer chunk) {
    if (broken) {
      return false;
    }
    if (chunk.remaining() > buffer.remaining()) {
      compact();
      if (chunk.remaining() > buffer.remaining()) {
        // Take what fits; the caller feeds the rest after polling.
        ByteBuffer part = chunk.slice(chunk.position(), buffer.remaining());
        buffer.put(part);
        chunk.position(chunk.position() + part.capacity());
        return true;
      }
    }
    buffer.put(chunk);
    return true;
  }

  private int readPos;

  private void compact() {
    int end = buffer.position();
    buffer.position(readPos).limit(end);
    buffer.compact();
    readPos = 0;
  }

  /** The next whole message as a fresh buffer (ChannelData with its padding removed), or null. */
  public @Nullable ByteBuffer poll() {
    if (broken) {
      return null;
    }
    int available = buffer.position() - readPos;
    if (available < 4) {
      return null;
    }
    int first = Byte.toUnsignedInt(buffer.get(readPos));
    int length = Short.toUnsignedInt(buffer.getShort(readPos + 2));
    int frame;
    int message;
    if (first <= 0x3F) {
      frame = StunMessage.HEADER_LENGTH + length;
      message = frame;
    } else if (first <= 0x4F) {
      message = 4 + length;
      frame = 4 + StunAttribute.padded(length);
    } else {
      broken = true;
      return null;
    }
    if (available < frame) {
      return null;
    }
    byte[] out = new byte[message];
    buffer.get(readPos, out);
    readPos += frame;
    if (readPos == buffer.position()) {
      buffer.clear();
      readPos = 0;
    }
    return ByteBuffer.wrap(out);
  }

  /** Bytes received but not yet returned by {@link #poll}. */
  public int buffered() {
    return buffer.position() - readPos;
  }

  public boolean isBroken() {
    return broken;
  }
}

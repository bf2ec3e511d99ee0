package dev.webrtc4j.internal.sctp;

import dev.webrtc4j.internal.util.Bytes;
import java.nio.ByteBuffer;

/**
 * RFC 9260 §3.2: a chunk of a type this stack does not implement, kept with its value. The
 * upper two bits of the type choose the action: {@code 00} stop processing the packet and
 * discard it; {@code 01} stop, discard and report it in an ERROR (Unrecognized Chunk Type);
 * {@code 10} skip it and go on; {@code 11} skip, go on and report.
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Chunk Type  | Chunk  Flags  |        Chunk Length           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * /                          Chunk Value                          /
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record UnknownChunk(int type, int flags, Bytes value) implements Chunk {
  public UnknownChunk {
    if (type < 0 || type > 0xFF || flags < 0 || flags > 0xFF) {
      throw new IllegalArgumentException("chunk type " + type + " flags " + flags);
    }
  }

  /** Upper bit clear: stop processing the packet. */
  public boolean stopProcessing() {
    return (type & 0x80) == 0;
  }

  /** Second bit set: report in an ERROR chunk. */
  public boolean report() {
    return (type & 0x40) != 0;
  }

  @Override
  public int valueLength() {
    return value.length();
  }

  @Override
  public void writeValue(ByteBuffer out) {
    value.writeTo(out);
  }
}

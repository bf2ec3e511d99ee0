package dev.webrtc4j.internal.sctp;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * RFC 9260 §3.3.7: Abort Association (ABORT, type 6).
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Type = 6    |  Reserved   |T|            Length             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * \                                                               \
 * /                   zero or more Error Causes                   /
 * \                                                               \
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param tagReflected the T bit: the packet carries the receiver's own tag, not the peer's
 */
public record AbortChunk(boolean tagReflected, List<ErrorCause> causes) implements Chunk {
  public AbortChunk {
    causes = List.copyOf(causes);
  }

  @Override
  public int type() {
    return ABORT;
  }

  @Override
  public int flags() {
    return tagReflected ? 1 : 0;
  }

  @Override
  public int valueLength() {
    return Codec.causesLength(causes);
  }

  @Override
  public void writeValue(ByteBuffer out) {
    Codec.writeCauses(out, causes);
  }
}

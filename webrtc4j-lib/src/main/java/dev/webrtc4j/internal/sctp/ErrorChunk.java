package dev.webrtc4j.internal.sctp;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * RFC 9260 §3.3.10: Operation Error (ERROR, type 9).
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Type = 9    |  Chunk Flags  |            Length             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * \                                                               \
 * /                   one or more Error Causes                    /
 * \                                                               \
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record ErrorChunk(List<ErrorCause> causes) implements Chunk {
  public ErrorChunk {
    causes = List.copyOf(causes);
  }

  @Override
  public int type() {
    return ERROR;
  }

  @Override
  public int flags() {
    return 0;
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

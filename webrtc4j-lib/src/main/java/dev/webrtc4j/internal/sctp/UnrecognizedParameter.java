package dev.webrtc4j.internal.sctp;

import dev.webrtc4j.internal.util.Bytes;
import java.nio.ByteBuffer;

/**
 * RFC 9260 §3.3.3.1: the Unrecognized Parameter (type 8) of INIT ACK, carrying the complete
 * parameter of the INIT that the responder did not understand.
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           Type = 8            |            Length             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * /                    Unrecognized Parameter                     /
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record UnrecognizedParameter(Bytes parameter) implements Parameter {
  @Override
  public int type() {
    return UNRECOGNIZED_PARAMETER;
  }

  @Override
  public int valueLength() {
    return parameter.length();
  }

  @Override
  public void writeValue(ByteBuffer out) {
    parameter.writeTo(out);
  }
}

package dev.webrtc4j.internal.sctp;

import dev.webrtc4j.internal.util.Bytes;
import java.nio.ByteBuffer;

/**
 * RFC 9260 §3.3.5: the Heartbeat Information TLV (type 1) of HEARTBEAT and HEARTBEAT ACK, opaque
 * to the receiver, echoed back unchanged.
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |    Heartbeat Info Type = 1    |         HB Info Length        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * /                  Sender-Specific Heartbeat Info               /
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record HeartbeatInfoParameter(Bytes info) implements Parameter {
  @Override
  public int type() {
    return HEARTBEAT_INFO;
  }

  @Override
  public int valueLength() {
    return info.length();
  }

  @Override
  public void writeValue(ByteBuffer out) {
    info.writeTo(out);
  }
}

package dev.webrtc4j.internal.sctp;

import java.nio.ByteBuffer;

/**
 * RFC 9260 §3.3.6: Heartbeat Acknowledgement (HEARTBEAT ACK, type 5), echoing the request's info.
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Type = 5    |  Chunk Flags  |    Heartbeat Ack Length       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * \                                                               \
 * /          Heartbeat Information TLV (Variable-Length)          /
 * \                                                               \
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record HeartbeatAckChunk(HeartbeatInfoParameter info) implements Chunk {
  @Override
  public int type() {
    return HEARTBEAT_ACK;
  }

  @Override
  public int flags() {
    return 0;
  }

  @Override
  public int valueLength() {
    return Codec.parametersLength(java.util.List.of(info));
  }

  @Override
  public void writeValue(ByteBuffer out) {
    Codec.writeParameters(out, java.util.List.of(info));
  }
}

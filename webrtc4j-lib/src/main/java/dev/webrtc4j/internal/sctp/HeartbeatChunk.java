package dev.webrtc4j.internal.sctp;

import dev.webrtc4j.internal.util.Bytes;
import dev.webrtc4j.internal.util.ByteReader;
import dev.webrtc4j.internal.util.MalformedPacketException;
import java.nio.ByteBuffer;

/**
 * RFC 9260 §3.3.5: Heartbeat Request (HEARTBEAT, type 4), carrying one Heartbeat Info TLV.
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Type = 4    |  Chunk Flags  |      Heartbeat Length         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * \                                                               \
 * /          Heartbeat Information TLV (Variable-Length)          /
 * \                                                               \
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record HeartbeatChunk(HeartbeatInfoParameter info) implements Chunk {
  static HeartbeatInfoParameter parseInfo(ByteReader v) throws MalformedPacketException {
    Parameter p = Parameter.parse(v.buffer());
    if (!(p instanceof HeartbeatInfoParameter h)) {
      throw v.malformed("heartbeat without Heartbeat Info parameter");
    }
    return h;
  }

  public static HeartbeatChunk of(Bytes info) {
    return new HeartbeatChunk(new HeartbeatInfoParameter(info));
  }

  @Override
  public int type() {
    return HEARTBEAT;
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

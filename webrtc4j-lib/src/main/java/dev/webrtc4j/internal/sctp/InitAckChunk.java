package dev.webrtc4j.internal.sctp;

import dev.webrtc4j.internal.util.ByteReader;
import dev.webrtc4j.internal.util.MalformedPacketException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * RFC 9260 §3.3.3: Initiation Acknowledgement (INIT ACK, type 2); its parameters must carry the State Cookie.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Type = 2    |  Chunk Flags  |      Chunk Length             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         Initiate Tag                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           Advertised Receiver Window Credit (a_rwnd)          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Number of Outbound Streams   |  Number of Inbound Streams    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                          Initial TSN                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * \                                                               \
 * /              Optional/Variable-Length Parameters              /
 * \                                                               \
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param advertisedWindow a_rwnd, unsigned
 */
public record InitAckChunk(
    int initiateTag, long advertisedWindow, int outboundStreams, int inboundStreams, Tsn initialTsn,
    List<Parameter> parameters) implements Chunk {
  public InitAckChunk {
    parameters = List.copyOf(parameters);
  }

  static InitAckChunk parseValue(ByteReader v) throws MalformedPacketException {
    int tag = v.i32("initiate tag");
    long rwnd = v.u32("a_rwnd");
    int os = v.u16("outbound streams");
    int is = v.u16("inbound streams");
    Tsn tsn = new Tsn(v.i32("initial tsn"));
    return new InitAckChunk(tag, rwnd, os, is, tsn, Codec.parseParameters(v));
  }

  @Override
  public int type() {
    return INIT_ACK;
  }

  @Override
  public int flags() {
    return 0;
  }

  @Override
  public int valueLength() {
    return 16 + Codec.parametersLength(parameters);
  }

  @Override
  public void writeValue(ByteBuffer out) {
    out.putInt(initiateTag).putInt((int) advertisedWindow).putShort((short) outboundStreams)
        .putShort((short) inboundStreams).putInt(initialTsn.value());
    Codec.writeParameters(out, parameters);
  }

  /** The State Cookie parameter, or null when missing (a protocol violation). */
  public @org.jspecify.annotations.Nullable StateCookieParameter cookie() {
    for (Parameter p : parameters) {
      if (p instanceof StateCookieParameter c) {
        return c;
      }
    }
    return null;
  }
}

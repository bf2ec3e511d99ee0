package dev.webrtc4j.internal.sctp;

import dev.webrtc4j.internal.util.ByteReader;
import dev.webrtc4j.internal.util.MalformedPacketException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 6525 §4.2: the Incoming SSN Reset Request parameter (type 14): the sender asks the peer to
 * reset the peer's outgoing streams. This stack never sends it and answers it with "Denied".
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Parameter Type = 14       |  Parameter Length = 8 + 2 * N |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Re-configuration Request Sequence Number             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Stream Number 1 (optional)   |    Stream Number 2 (optional) |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record IncomingSsnResetRequestParameter(int requestSeq, List<StreamId> streams) implements Parameter {
  public IncomingSsnResetRequestParameter {
    streams = List.copyOf(streams);
  }

  static IncomingSsnResetRequestParameter parseValue(ByteReader v) throws MalformedPacketException {
    int req = v.i32("request seq");
    if (v.remaining() % 2 != 0) {
      throw v.malformed("odd stream list");
    }
    List<StreamId> streams = new ArrayList<>();
    while (v.hasRemaining()) {
      streams.add(new StreamId(v.u16("stream")));
    }
    return new IncomingSsnResetRequestParameter(req, streams);
  }

  @Override
  public int type() {
    return INCOMING_SSN_RESET_REQUEST;
  }

  @Override
  public int valueLength() {
    return 4 + 2 * streams.size();
  }

  @Override
  public void writeValue(ByteBuffer out) {
    out.putInt(requestSeq);
    for (StreamId s : streams) {
      out.putShort((short) s.value());
    }
  }
}

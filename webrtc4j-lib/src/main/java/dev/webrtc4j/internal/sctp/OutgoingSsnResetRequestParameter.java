package dev.webrtc4j.internal.sctp;

import dev.webrtc4j.internal.util.ByteReader;
import dev.webrtc4j.internal.util.MalformedPacketException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 6525 §4.1: the Outgoing SSN Reset Request parameter (type 13): the sender resets the SSNs
 * of its outgoing streams (all of them when the list is empty).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Parameter Type = 13       | Parameter Length = 16 + 2 * N |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           Re-configuration Request Sequence Number            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           Re-configuration Response Sequence Number           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                Sender's Last Assigned TSN                     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Stream Number 1 (optional)   |    Stream Number 2 (optional) |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * /                            ......                             /
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record OutgoingSsnResetRequestParameter(
    int requestSeq, int responseSeq, Tsn senderLastAssignedTsn, List<StreamId> streams) implements Parameter {
  public OutgoingSsnResetRequestParameter {
    streams = List.copyOf(streams);
  }

  static OutgoingSsnResetRequestParameter parseValue(ByteReader v) throws MalformedPacketException {
    int req = v.i32("request seq");
    int resp = v.i32("response seq");
    Tsn last = new Tsn(v.i32("last assigned tsn"));
    if (v.remaining() % 2 != 0) {
      throw v.malformed("odd stream list");
    }
    List<StreamId> streams = new ArrayList<>();
    while (v.hasRemaining()) {
      streams.add(new StreamId(v.u16("stream")));
    }
    return new OutgoingSsnResetRequestParameter(req, resp, last, streams);
  }

  @Override
  public int type() {
    return OUTGOING_SSN_RESET_REQUEST;
  }

  @Override
  public int valueLength() {
    return 12 + 2 * streams.size();
  }

  @Override
  public void writeValue(ByteBuffer out) {
    out.putInt(requestSeq).putInt(responseSeq).putInt(senderLastAssignedTsn.value());
    for (StreamId s : streams) {
      out.putShort((short) s.value());
    }
  }
}

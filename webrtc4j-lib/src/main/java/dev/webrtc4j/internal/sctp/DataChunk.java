package dev.webrtc4j.internal.sctp;

import dev.webrtc4j.internal.util.ByteReader;
import dev.webrtc4j.internal.util.MalformedPacketException;
import java.nio.ByteBuffer;

/**
 * RFC 9260 §3.3.1: Payload Data (DATA, type 0).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Type = 0    |  Res  |I|U|B|E|            Length             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                              TSN                              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      Stream Identifier S      |   Stream Sequence Number n    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  Payload Protocol Identifier                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * \                                                               \
 * /                 User Data (seq n of Stream S)                 /
 * \                                                               \
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>Hot path: {@code payload} is a read-only view, not a copy. When parsed it shares the
 * packet's buffer; when built for sending it shares the queued message. Never move its position:
 * read it through {@code duplicate()} or absolute gets. Equality compares the remaining bytes.
 *
 * @param immediate the I bit (RFC 7053): the sender asks for a SACK without delay
 * @param unordered the U bit
 * @param beginning the B bit: first fragment of a message
 * @param end the E bit: last fragment of a message
 */
public record DataChunk(
    Tsn tsn, StreamId streamId, Ssn ssn, int ppid, ByteBuffer payload, boolean immediate, boolean unordered,
    boolean beginning, boolean end) implements Chunk {
  public static final int HEADER_LENGTH = 16;

  static DataChunk parseValue(int flags, ByteReader v) throws MalformedPacketException {
    Tsn tsn = new Tsn(v.i32("tsn"));
    StreamId sid = new StreamId(v.u16("stream id"));
    Ssn ssn = new Ssn(v.u16("ssn"));
    int ppid = v.i32("ppid");
    ByteBuffer payload = v.slice(v.remaining(), "user data");
    return new DataChunk(tsn, sid, ssn, ppid, payload, (flags & 8) != 0, (flags & 4) != 0, (flags & 2) != 0, (flags & 1) != 0);
  }

  /** The chunk of {@code length} bytes (at least the header) at absolute {@code start} of {@code in}. */
  static DataChunk parseInPlace(ByteBuffer in, int start, int length) {
    int flags = in.get(start + 1);
    Tsn tsn = new Tsn(in.getInt(start + 4));
    StreamId sid = new StreamId(Short.toUnsignedInt(in.getShort(start + 8)));
    Ssn ssn = new Ssn(Short.toUnsignedInt(in.getShort(start + 10)));
    int ppid = in.getInt(start + 12);
    ByteBuffer payload = in.slice(start + HEADER_LENGTH, length - HEADER_LENGTH).asReadOnlyBuffer();
    return new DataChunk(tsn, sid, ssn, ppid, payload, (flags & 8) != 0, (flags & 4) != 0, (flags & 2) != 0, (flags & 1) != 0);
  }

  @Override
  public int type() {
    return DATA;
  }

  @Override
  public int flags() {
    return (immediate ? 8 : 0) | (unordered ? 4 : 0) | (beginning ? 2 : 0) | (end ? 1 : 0);
  }

  @Override
  public int valueLength() {
    return 12 + payload.remaining();
  }

  @Override
  public void writeValue(ByteBuffer out) {
    out.putInt(tsn.value()).putShort((short) streamId.value()).putShort((short) ssn.value()).putInt(ppid);
    // Absolute bulk copy: the payload's position stays put and no duplicate is made.
    int n = payload.remaining();
    out.put(out.position(), payload, payload.position(), n);
    out.position(out.position() + n);
  }

  public DataChunk withTsn(Tsn t) {
    return new DataChunk(t, streamId, ssn, ppid, payload, immediate, unordered, beginning, end);
  }

  @Override
  public String toString() {
    return "DATA[" + tsn.unsigned() + " s" + streamId.value() + " n" + ssn.value() + " ppid " + ppid + " "
        + payload.remaining() + "B" + (unordered ? " U" : "") + (beginning ? " B" : "") + (end ? " E" : "") + "]";
  }
}

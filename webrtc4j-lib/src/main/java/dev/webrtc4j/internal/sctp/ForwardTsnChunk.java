package dev.webrtc4j.internal.sctp;

import dev.webrtc4j.internal.util.ByteReader;
import dev.webrtc4j.internal.util.MalformedPacketException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 3758 §3.2: Forward Cumulative TSN (FORWARD TSN, type 192).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Type = 192  |  Flags = 0x00 |        Length = Variable      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      New Cumulative TSN                       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Stream-1              |       Stream Sequence-1       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * \                                                               /
 * /                                                               \
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Stream-N              |       Stream Sequence-N       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record ForwardTsnChunk(Tsn newCumulativeTsn, List<SkippedStream> skipped) implements Chunk {
  /** The largest SSN skipped on an ordered stream. */
  public record SkippedStream(StreamId streamId, Ssn ssn) {}

  public ForwardTsnChunk {
    skipped = List.copyOf(skipped);
  }

  static ForwardTsnChunk parseValue(ByteReader v) throws MalformedPacketException {
    Tsn tsn = new Tsn(v.i32("new cumulative tsn"));
    if (v.remaining() % 4 != 0) {
      throw v.malformed("forward tsn stream list not a multiple of 4");
    }
    List<SkippedStream> s = new ArrayList<>();
    while (v.hasRemaining()) {
      s.add(new SkippedStream(new StreamId(v.u16("stream")), new Ssn(v.u16("ssn"))));
    }
    return new ForwardTsnChunk(tsn, s);
  }

  @Override
  public int type() {
    return FORWARD_TSN;
  }

  @Override
  public int flags() {
    return 0;
  }

  @Override
  public int valueLength() {
    return 4 + 4 * skipped.size();
  }

  @Override
  public void writeValue(ByteBuffer out) {
    out.putInt(newCumulativeTsn.value());
    for (SkippedStream s : skipped) {
      out.putShort((short) s.streamId().value()).putShort((short) s.ssn().value());
    }
  }
}

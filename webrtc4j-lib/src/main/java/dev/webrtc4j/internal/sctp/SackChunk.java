package dev.webrtc4j.internal.sctp;

import dev.webrtc4j.internal.util.ByteReader;
import dev.webrtc4j.internal.util.MalformedPacketException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 9260 §3.3.4: Selective Acknowledgement (SACK, type 3).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Type = 3    |  Chunk Flags  |         Chunk Length          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      Cumulative TSN Ack                       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Advertised Receiver Window Credit (a_rwnd)           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Number of Gap Ack Blocks = N  |  Number of Duplicate TSNs = M |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |    Gap Ack Block #1 Start     |     Gap Ack Block #1 End      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * /                                                               /
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                        Duplicate TSN 1                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * /                                                               /
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param advertisedWindow a_rwnd, unsigned
 * @param gapBlocks offsets relative to the cumulative TSN ack
 */
public record SackChunk(Tsn cumulativeTsnAck, long advertisedWindow, List<GapBlock> gapBlocks, List<Tsn> duplicateTsns)
    implements Chunk {
  /**
   * One gap ack block: TSNs {@code cumAck + start} to {@code cumAck + end} were received.
   *
   * @param start 1..65535
   * @param end start..65535
   */
  public record GapBlock(int start, int end) {
    public GapBlock {
      if (start < 0 || start > 0xFFFF || end < 0 || end > 0xFFFF) {
        throw new IllegalArgumentException("gap block " + start + ".." + end);
      }
    }
  }

  public SackChunk {
    gapBlocks = List.copyOf(gapBlocks);
    duplicateTsns = List.copyOf(duplicateTsns);
  }

  static SackChunk parseValue(ByteReader v) throws MalformedPacketException {
    Tsn cum = new Tsn(v.i32("cumulative tsn ack"));
    long rwnd = v.u32("a_rwnd");
    int n = v.u16("gap block count");
    int m = v.u16("duplicate count");
    if (v.remaining() < 4 * (n + m)) {
      throw v.malformed("sack declares " + n + " gap blocks and " + m + " duplicates in " + v.remaining() + " bytes");
    }
    List<GapBlock> gaps = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      gaps.add(new GapBlock(v.u16("gap start"), v.u16("gap end")));
    }
    List<Tsn> dups = new ArrayList<>(m);
    for (int i = 0; i < m; i++) {
      dups.add(new Tsn(v.i32("duplicate tsn")));
    }
    return new SackChunk(cum, rwnd, gaps, dups);
  }

  @Override
  public int type() {
    return SACK;
  }

  @Override
  public int flags() {
    return 0;
  }

  @Override
  public int valueLength() {
    return 12 + 4 * gapBlocks.size() + 4 * duplicateTsns.size();
  }

  @Override
  public void writeValue(ByteBuffer out) {
    out.putInt(cumulativeTsnAck.value()).putInt((int) advertisedWindow).putShort((short) gapBlocks.size())
        .putShort((short) duplicateTsns.size());
    for (GapBlock g : gapBlocks) {
      out.putShort((short) g.start()).putShort((short) g.end());
    }
    for (Tsn t : duplicateTsns) {
      out.putInt(t.value());
    }
  }
}

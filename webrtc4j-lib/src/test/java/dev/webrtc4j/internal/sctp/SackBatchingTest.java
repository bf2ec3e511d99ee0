package dev.webrtc4j.internal.sctp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The receiver's SACK policy when its owner hands it several packets before draining it (the I/O
 * layer's batching), and the sender's packet filling against cwnd. A SACK is only recorded as
 * due while packets are handled; the chunk is built when {@code pollTransmit} is called, so it
 * describes everything that arrived (RFC 9260 §6.2: every second packet, at once on gaps and
 * duplicates, §6.7).
 */
class SackBatchingTest {
  private static final StreamId S1 = new StreamId(1);
  /** Payload that fills one 1200-byte packet: 1200 - 12 (common header) - 16 (DATA header). */
  private static final int FULL = 1172;

  private static ByteBuffer payload(int n, int seed) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (i * 31 + seed);
    }
    return ByteBuffer.wrap(b);
  }

  private static List<ByteBuffer> drain(Association from) {
    List<ByteBuffer> out = new ArrayList<>();
    for (ByteBuffer p; (p = from.pollTransmit()) != null; ) {
      out.add(p);
    }
    return out;
  }

  private static List<SackChunk> sacks(List<ByteBuffer> packets) {
    List<SackChunk> out = new ArrayList<>();
    for (ByteBuffer p : packets) {
      for (Chunk c : Peers.parse(p).chunks()) {
        if (c instanceof SackChunk s) {
          out.add(s);
        }
      }
    }
    return out;
  }

  private static Tsn lastTsn(List<ByteBuffer> packets) {
    Tsn last = null;
    for (ByteBuffer p : packets) {
      for (Chunk c : Peers.parse(p).chunks()) {
        if (c instanceof DataChunk d) {
          last = d.tsn();
        }
      }
    }
    return last;
  }

  private static Peers connected() {
    Peers p = new Peers(SctpOptions.defaults());
    p.connect();
    return p;
  }

  @Test
  void aBatchOfPacketsHandledBeforeOnePollYieldsOneSackCoveringAll() {
    Peers p = connected();
    for (int i = 0; i < 8; i++) {
      p.a.send(p.now, S1, 53, payload(FULL, i), SendOptions.RELIABLE_ORDERED);
    }
    List<ByteBuffer> data = drain(p.a);
    assertThat(data).hasSize(8);
    for (ByteBuffer d : data) {
      p.b.handleDatagram(p.now, d);
    }
    List<ByteBuffer> answer = drain(p.b);
    assertThat(answer).as("one packet answers the batch").hasSize(1);
    List<SackChunk> s = sacks(answer);
    assertThat(s).hasSize(1);
    assertThat(s.get(0).cumulativeTsnAck()).isEqualTo(lastTsn(data));
    assertThat(s.get(0).gapBlocks()).isEmpty();
    assertThat(s.get(0).duplicateTsns()).isEmpty();
    // Nothing is left pending: the delayed-SACK timer is not running any more.
    assertThat(p.b.pollTimeout()).isGreaterThan(p.now + Peers.ms(200));
    p.drainEvents();
    assertThat(p.events(p.eventsB, SctpEvent.Message.class)).hasSize(8);
  }

  @Test
  void aGapIsAcknowledgedAtTheNextPollEvenForASinglePacket() {
    Peers p = connected();
    for (int i = 0; i < 3; i++) {
      p.a.send(p.now, S1, 53, payload(FULL, i), SendOptions.RELIABLE_ORDERED);
    }
    List<ByteBuffer> data = drain(p.a);
    assertThat(data).hasSize(3);
    // The first packet is lost; only the third arrives: one packet, but out of order.
    p.b.handleDatagram(p.now, data.get(2));
    List<SackChunk> s = sacks(drain(p.b));
    assertThat(s).as("§6.7: a gap is reported without delay").hasSize(1);
    assertThat(s.get(0).gapBlocks()).containsExactly(new SackChunk.GapBlock(3, 3));
  }

  @Test
  void aBatchWithAGapYieldsOneSackDescribingTheGap() {
    Peers p = connected();
    for (int i = 0; i < 6; i++) {
      p.a.send(p.now, S1, 53, payload(FULL, i), SendOptions.RELIABLE_ORDERED);
    }
    List<ByteBuffer> data = drain(p.a);
    for (int i = 0; i < data.size(); i++) {
      if (i != 1) {
        p.b.handleDatagram(p.now, data.get(i));
      }
    }
    List<SackChunk> s = sacks(drain(p.b));
    assertThat(s).hasSize(1);
    assertThat(s.get(0).gapBlocks()).containsExactly(new SackChunk.GapBlock(2, 5));
  }

  @Test
  void aDuplicateIsAcknowledgedAtTheNextPoll() {
    Peers p = connected();
    p.a.send(p.now, S1, 53, payload(100, 0), SendOptions.RELIABLE_ORDERED);
    ByteBuffer d = p.a.pollTransmit();
    p.b.handleDatagram(p.now, d);
    assertThat(p.b.pollTransmit()).as("one in-order packet: the SACK is delayed").isNull();
    p.b.handleDatagram(p.now, d);
    List<SackChunk> s = sacks(drain(p.b));
    assertThat(s).hasSize(1);
    assertThat(s.get(0).duplicateTsns()).hasSize(1);
  }

  @Test
  void oneSackForManyPacketsStillGrowsTheSendersWindow() {
    Peers p = connected();
    Association.Tcb tcb = ((Association.Established) p.a.state()).tcb();
    long before = tcb.out.cwnd;
    for (int i = 0; i < 40; i++) {
      p.a.send(p.now, S1, 53, payload(FULL, i), SendOptions.RELIABLE_ORDERED);
    }
    List<ByteBuffer> data = drain(p.a);
    assertThat(tcb.out.flightBytes).as("the window is full").isGreaterThanOrEqualTo(before);
    for (ByteBuffer d : data) {
      p.b.handleDatagram(p.now, d);
    }
    List<ByteBuffer> answer = drain(p.b);
    assertThat(sacks(answer)).hasSize(1);
    p.a.handleDatagram(p.now, answer.get(0));
    // §7.2.1: in slow start one SACK may open cwnd by at most one MTU, however much it acks.
    assertThat(tcb.out.cwnd).isEqualTo(before + 1200);
    assertThat(tcb.out.flightBytes).isZero();
  }

  @Test
  void aPacketStartedBelowCwndIsFilledEvenIfThatExceedsCwnd() {
    Peers p = connected();
    Association.Tcb tcb = ((Association.Established) p.a.state()).tcb();
    long cwnd = tcb.out.cwnd;
    assertThat(cwnd).isEqualTo(12_000);
    // 11700 bytes take ten packets (nine of 1172 and a tail of 1152 that leaves no room for
    // another chunk) and leave 300 bytes of cwnd. The eleventh packet starts below cwnd; its
    // first 300-byte message reaches cwnd exactly. Checked per chunk, that packet would go out
    // with that one message; checked when the packet starts (§6.1 B), it is filled.
    p.a.send(p.now, S1, 53, payload(11_700, 0), SendOptions.RELIABLE_ORDERED);
    for (int i = 0; i < 10; i++) {
      p.a.send(p.now, S1, 53, payload(300, i + 1), SendOptions.RELIABLE_ORDERED);
    }
    List<ByteBuffer> data = drain(p.a);
    assertThat(data).hasSize(11);
    ByteBuffer last = data.get(10);
    assertThat(last.remaining()).as("the packet that crosses cwnd is full").isGreaterThan(1200 - 20);
    assertThat(Peers.parse(last).chunks()).hasSizeGreaterThan(1);
    // §6.1 B: the flight may exceed cwnd by less than one MTU, never more.
    assertThat(tcb.out.flightBytes).isGreaterThanOrEqualTo(cwnd).isLessThan(cwnd + 1200);
    for (ByteBuffer d : data) {
      p.b.handleDatagram(p.now, d);
    }
    p.flush();
    assertThat(p.events(p.eventsB, SctpEvent.Message.class)).hasSize(11);
  }
}

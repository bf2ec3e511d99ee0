package dev.webrtc4j.internal.sctp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webrtc4j.internal.util.Bytes;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Loss, acknowledgement and partial-reliability scenarios with hand-dropped packets. */
class AssociationLossTest {
  private static final StreamId S1 = new StreamId(1);
  /** One message fills one 1200-byte packet: 1200 - 12 (common header) - 16 (DATA header). */
  private static final int FULL = 1172;

  private static ByteBuffer msg(int i, int n) {
    ByteBuffer b = ByteBuffer.allocate(n);
    b.putInt(0, i);
    return b;
  }

  private static int id(SctpEvent.Message m) {
    return m.payload().getInt(0);
  }

  /** Drops the {@code nth} (1-based) packet from A that carries DATA, once. */
  private static void dropNthDataFromA(Peers p, int nth) {
    AtomicInteger seen = new AtomicInteger();
    p.filter = (fromA, pkt) -> !(fromA && Peers.hasChunk(pkt, DataChunk.class) && seen.incrementAndGet() == nth);
  }

  private static Peers connected() {
    Peers p = new Peers(SctpOptions.defaults());
    p.connect();
    return p;
  }

  @Test
  void lostPacketIsFastRetransmittedWithoutWaitingForTheTimer() {
    Peers p = connected();
    dropNthDataFromA(p, 1);
    long start = p.now;
    for (int i = 0; i < 20; i++) {
      p.a.send(p.now, S1, 53, msg(i, FULL), SendOptions.RELIABLE_ORDERED);
    }
    p.flush();
    List<SctpEvent.Message> got = p.events(p.eventsB, SctpEvent.Message.class);
    assertThat(got).extracting(AssociationLossTest::id).containsExactlyElementsOf(range(20));
    assertThat(p.a.metrics().t3Expiries()).isZero();
    assertThat(p.a.metrics().retransmissions()).isEqualTo(1);
    assertThat(p.a.metrics().fastRetransmits()).isEqualTo(1);
    assertThat(p.now).isEqualTo(start);
  }

  @Test
  void lostLastPacketIsRetransmittedWhenT3Expires() {
    Peers p = connected();
    dropNthDataFromA(p, 1);
    long start = p.now;
    p.a.send(p.now, S1, 53, msg(1, 100), SendOptions.RELIABLE_ORDERED);
    p.flush();
    assertThat(p.eventsB).noneMatch(e -> e instanceof SctpEvent.Message);
    p.runUntil(start + Peers.ms(600));
    assertThat(p.events(p.eventsB, SctpEvent.Message.class)).hasSize(1);
    assertThat(p.a.metrics().t3Expiries()).isEqualTo(1);
    assertThat(p.a.metrics().retransmissions()).isEqualTo(1);
  }

  @Test
  void sackReportsGapBlocksAndDuplicates() {
    Peers p = connected();
    for (int i = 0; i < 4; i++) {
      p.a.send(p.now, S1, 53, msg(i, FULL), SendOptions.RELIABLE_ORDERED);
    }
    List<ByteBuffer> data = new ArrayList<>();
    for (ByteBuffer b; (b = p.a.pollTransmit()) != null; ) {
      data.add(b);
    }
    assertThat(data).hasSize(4);
    // TSN 1 lost, 2..4 arrive, 3 twice.
    p.b.handleDatagram(p.now, data.get(1));
    p.b.handleDatagram(p.now, data.get(2));
    p.b.handleDatagram(p.now, data.get(2).duplicate());
    p.b.handleDatagram(p.now, data.get(3));
    SackChunk last = null;
    for (ByteBuffer b; (b = p.b.pollTransmit()) != null; ) {
      for (Chunk c : Peers.parse(b).chunks()) {
        if (c instanceof SackChunk s) {
          last = s;
        }
      }
    }
    assertThat(last).isNotNull();
    Tsn first = ((DataChunk) Peers.parse(data.get(0)).chunks().get(0)).tsn();
    assertThat(last.cumulativeTsnAck()).isEqualTo(new Tsn(first.value() - 1));
    assertThat(last.gapBlocks()).containsExactly(new SackChunk.GapBlock(2, 4));
    Tsn third = ((DataChunk) Peers.parse(data.get(2)).chunks().get(0)).tsn();
    assertThat(last.duplicateTsns()).containsExactly(third);
  }

  @Test
  void duplicateDataIsReportedInTheNextSack() {
    Peers p = connected();
    p.a.send(p.now, S1, 53, msg(0, 100), SendOptions.RELIABLE_ORDERED);
    ByteBuffer d = p.a.pollTransmit();
    p.b.handleDatagram(p.now, d.duplicate());
    p.b.handleDatagram(p.now, d.duplicate());
    ByteBuffer sackPkt = p.b.pollTransmit();
    SackChunk s = (SackChunk) Peers.parse(sackPkt).chunks().get(0);
    Tsn tsn = ((DataChunk) Peers.parse(d).chunks().get(0)).tsn();
    assertThat(s.duplicateTsns()).containsExactly(tsn);
    assertThat(s.cumulativeTsnAck()).isEqualTo(tsn);
  }

  @Test
  void maxRetransmitsZeroAbandonsTheLostMessageWithForwardTsn() {
    Peers p = connected();
    dropNthDataFromA(p, 3);
    for (int i = 0; i < 10; i++) {
      p.a.send(p.now, S1, 53, msg(i, FULL), SendOptions.maxRetransmits(true, 0));
    }
    p.runUntil(p.now + Peers.ms(3000));
    List<SctpEvent.Message> got = p.events(p.eventsB, SctpEvent.Message.class);
    assertThat(got).extracting(AssociationLossTest::id).containsExactly(0, 1, 3, 4, 5, 6, 7, 8, 9);
    assertThat(p.a.metrics().retransmissions()).isZero();
    // The stream keeps working afterwards.
    p.a.send(p.now, S1, 53, msg(10, 10), SendOptions.maxRetransmits(true, 0));
    p.flush();
    assertThat(p.events(p.eventsB, SctpEvent.Message.class)).extracting(AssociationLossTest::id).endsWith(10);
    Association.Tcb tcb = ((Association.Established) p.a.state()).tcb();
    assertThat(tcb.out.isEmpty() || p.a.pollTimeout() != Long.MAX_VALUE).isTrue();
  }

  @Test
  void expiredLifetimeAbandonsTheMessageInsteadOfRetransmitting() {
    Peers p = connected();
    dropNthDataFromA(p, 1);
    p.a.send(p.now, S1, 53, msg(0, FULL), SendOptions.maxLifetime(true, Peers.ms(100)));
    p.a.send(p.now, S1, 53, msg(1, FULL), SendOptions.RELIABLE_ORDERED);
    p.runUntil(p.now + Peers.ms(3000));
    assertThat(p.events(p.eventsB, SctpEvent.Message.class)).extracting(AssociationLossTest::id).containsExactly(1);
    assertThat(p.a.metrics().retransmissions()).isZero();
  }

  @Test
  void fragmentedUnreliableMessageIsAbandonedWhole() {
    Peers p = connected();
    dropNthDataFromA(p, 2); // a middle fragment
    p.a.send(p.now, S1, 53, msg(0, 5000), SendOptions.maxRetransmits(false, 0));
    p.a.send(p.now, S1, 53, msg(1, 100), SendOptions.maxRetransmits(false, 0));
    p.runUntil(p.now + Peers.ms(3000));
    assertThat(p.events(p.eventsB, SctpEvent.Message.class)).extracting(AssociationLossTest::id).containsExactly(1);
    Association.Tcb tcb = ((Association.Established) p.b.state()).tcb();
    assertThat(tcb.in.bufferedBytes()).isZero();
  }

  @Test
  void messageWhoseLifetimeEndsMidFragmentationIsAbandonedAndItsRestNeverSent() {
    Peers p = connected();
    // 60 KB is about 52 DATA chunks; the initial window lets only ten go at once.
    p.a.send(p.now, S1, 53, msg(0, 60_000), SendOptions.maxLifetime(false, Peers.ms(100)));
    List<ByteBuffer> first = drain(p.a);
    assertThat(first).isNotEmpty().allMatch(pkt -> Peers.hasChunk(pkt, DataChunk.class));
    for (ByteBuffer pkt : first) {
      p.b.handleDatagram(p.now, pkt);
    }
    List<ByteBuffer> sacks = drain(p.b);
    p.b.handleTimeout(p.now + Peers.ms(200)); // the delayed SACK, if one is pending
    sacks.addAll(drain(p.b));
    // The SACKs arrive after the lifetime: the window opens, but the message is dead.
    p.now += Peers.ms(150);
    for (ByteBuffer sack : sacks) {
      p.a.handleDatagram(p.now, sack);
    }
    List<ByteBuffer> after = drain(p.a);
    // RFC 3758 §3.5 A1 / W3C maxPacketLifeTime: no (re)transmission once the lifetime is over.
    assertThat(after).noneMatch(pkt -> Peers.hasChunk(pkt, DataChunk.class));
    assertThat(after).anyMatch(pkt -> Peers.hasChunk(pkt, ForwardTsnChunk.class));
    assertThat(p.a.bufferedAmount(S1)).isZero();
    for (ByteBuffer pkt : after) {
      p.b.handleDatagram(p.now, pkt);
    }
    p.drainEvents();
    assertThat(p.events(p.eventsB, SctpEvent.Message.class)).isEmpty();
    assertThat(p.b.receiveBufferedBytes()).as("the held fragments are discarded").isZero();
    // The stream goes on.
    p.a.send(p.now, S1, 53, msg(1, 100), SendOptions.maxLifetime(false, Peers.ms(100)));
    p.flush();
    assertThat(p.events(p.eventsB, SctpEvent.Message.class)).extracting(AssociationLossTest::id).containsExactly(1);
  }

  private static List<ByteBuffer> drain(Association x) {
    List<ByteBuffer> out = new ArrayList<>();
    for (ByteBuffer b; (b = x.pollTransmit()) != null; ) {
      out.add(b);
    }
    return out;
  }

  @Test
  void corruptedChecksumIsDroppedAndRecoveredByRetransmission() {
    Peers p = connected();
    AtomicInteger n = new AtomicInteger();
    p.filter = (fromA, pkt) -> {
      if (fromA && Peers.hasChunk(pkt, DataChunk.class) && n.incrementAndGet() == 1) {
        pkt.put(pkt.limit() - 1, (byte) (pkt.get(pkt.limit() - 1) ^ 0x55));
      }
      return true;
    };
    p.a.send(p.now, S1, 53, msg(0, 100), SendOptions.RELIABLE_ORDERED);
    p.runUntil(p.now + Peers.ms(2000));
    assertThat(p.b.metrics().droppedBadChecksum()).isEqualTo(1);
    assertThat(p.events(p.eventsB, SctpEvent.Message.class)).hasSize(1);
  }

  @Test
  void wrongVerificationTagIsDropped() {
    Peers p = connected();
    p.a.send(p.now, S1, 53, msg(0, 100), SendOptions.RELIABLE_ORDERED);
    SctpPacket pkt = Peers.parse(p.a.pollTransmit());
    SctpPacket forged = new SctpPacket(pkt.sourcePort(), pkt.destinationPort(), pkt.verificationTag() + 1, pkt.chunks());
    p.b.handleDatagram(p.now, forged.toBuffer());
    assertThat(p.b.metrics().droppedBadTag()).isEqualTo(1);
    assertThat(p.b.pollTransmit()).isNull();
    p.drainEvents();
    assertThat(p.eventsB).noneMatch(e -> e instanceof SctpEvent.Message);
  }

  @Test
  void outOfTheBluePacketIsAnsweredWithAbortReflectingTheTag() {
    Peers p = connected();
    Association fresh = new Association(SctpOptions.defaults(), new java.util.SplittableRandom(9), Peers.fixedSecure(9));
    p.a.send(p.now, S1, 53, msg(0, 100), SendOptions.RELIABLE_ORDERED);
    ByteBuffer data = p.a.pollTransmit();
    int tag = Peers.parse(data).verificationTag();
    fresh.handleDatagram(p.now, data);
    SctpPacket answer = Peers.parse(fresh.pollTransmit());
    assertThat(answer.verificationTag()).isEqualTo(tag);
    assertThat(answer.chunks()).containsExactly(new AbortChunk(true, List.of()));
    // An ABORT out of the blue is not answered.
    fresh.handleDatagram(p.now, answer.toBuffer());
    assertThat(fresh.pollTransmit()).isNull();
  }

  @Test
  void staleCookieIsAnsweredWithStaleCookieErrorAndTheInitiatorStartsOver() {
    SctpOptions shortCookie = SctpOptions.defaults().withCookieLifetime(Peers.ms(10));
    Peers p = new Peers(SctpOptions.defaults(), shortCookie);
    p.a.connect(p.now);
    p.b.handleDatagram(p.now, p.a.pollTransmit()); // INIT
    p.a.handleDatagram(p.now, p.b.pollTransmit()); // INIT ACK
    ByteBuffer echo = p.a.pollTransmit();
    assertThat(Peers.hasChunk(echo, CookieEchoChunk.class)).isTrue();
    p.now += Peers.ms(50);
    p.b.handleDatagram(p.now, echo);
    ByteBuffer err = p.b.pollTransmit();
    ErrorChunk e = (ErrorChunk) Peers.parse(err).chunks().get(0);
    assertThat(e.causes()).extracting(ErrorCause::code).containsExactly(ErrorCause.STALE_COOKIE);
    assertThat(p.b.isEstablished()).isFalse();
    p.a.handleDatagram(p.now, err);
    p.flush();
    assertThat(p.a.isEstablished()).isTrue();
    assertThat(p.b.isEstablished()).isTrue();
  }

  @Test
  void forgedCookieIsDropped() {
    Peers p = new Peers(SctpOptions.defaults());
    p.a.connect(p.now);
    p.b.handleDatagram(p.now, p.a.pollTransmit());
    p.a.handleDatagram(p.now, p.b.pollTransmit());
    SctpPacket echo = Peers.parse(p.a.pollTransmit());
    byte[] cookie = ((CookieEchoChunk) echo.chunks().get(0)).cookie().toArray();
    cookie[5] ^= 1;
    SctpPacket forged = new SctpPacket(echo.sourcePort(), echo.destinationPort(), echo.verificationTag(),
        List.of(new CookieEchoChunk(Bytes.of(cookie))));
    p.b.handleDatagram(p.now, forged.toBuffer());
    assertThat(p.b.isEstablished()).isFalse();
    assertThat(p.b.pollTransmit()).isNull();
    assertThat(p.b.metrics().droppedMalformed()).isEqualTo(1);
  }

  static List<Integer> range(int n) {
    List<Integer> l = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      l.add(i);
    }
    return l;
  }
}

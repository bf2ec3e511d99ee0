package dev.webrtc4j.internal.sctp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Stream reset, shutdown, abort, buffering limits and timer exhaustion. */
class AssociationLifecycleTest {
  private static final StreamId S1 = new StreamId(1);
  private static final StreamId S3 = new StreamId(3);

  private static ByteBuffer msg(int i, int n) {
    ByteBuffer b = ByteBuffer.allocate(n);
    b.putInt(0, i);
    return b;
  }

  private static Peers connected() {
    Peers p = new Peers(SctpOptions.defaults());
    p.connect();
    return p;
  }

  @Test
  void outgoingStreamResetIsConfirmedAndTheStreamRestartsAtSsnZero() {
    Peers p = connected();
    for (int i = 0; i < 3; i++) {
      p.a.send(p.now, S1, 53, msg(i, 100), SendOptions.RELIABLE_ORDERED);
    }
    p.a.resetStreams(p.now, List.of(S1));
    assertThat(p.a.send(p.now, S1, 53, msg(9, 10), SendOptions.RELIABLE_ORDERED)).isEqualTo(SendResult.CLOSED);
    p.flush();
    assertThat(p.events(p.eventsA, SctpEvent.StreamsReset.class)).containsExactly(new SctpEvent.StreamsReset(List.of(S1), false));
    assertThat(p.events(p.eventsB, SctpEvent.StreamsReset.class)).containsExactly(new SctpEvent.StreamsReset(List.of(S1), true));
    // Data queued before the reset arrived first.
    assertThat(p.events(p.eventsB, SctpEvent.Message.class)).hasSize(3);
    // The stream is reusable, its SSNs restart at 0 on both sides.
    assertThat(p.a.send(p.now, S1, 53, msg(3, 100), SendOptions.RELIABLE_ORDERED)).isEqualTo(SendResult.ACCEPTED);
    ByteBuffer pkt = p.a.pollTransmit();
    DataChunk d = (DataChunk) Peers.parse(pkt).chunks().get(0);
    assertThat(d.ssn()).isEqualTo(new Ssn(0));
    p.b.handleDatagram(p.now, pkt);
    p.flush();
    assertThat(p.events(p.eventsB, SctpEvent.Message.class)).hasSize(4);
  }

  @Test
  void streamsAreResetInBothDirectionsWhenBothSidesAsk() {
    Peers p = connected();
    p.a.send(p.now, S3, 51, msg(0, 10), SendOptions.RELIABLE_ORDERED);
    p.b.send(p.now, S3, 51, msg(0, 10), SendOptions.RELIABLE_ORDERED);
    p.flush();
    p.a.resetStreams(p.now, List.of(S3));
    p.b.resetStreams(p.now, List.of(S3));
    p.flush();
    assertThat(p.events(p.eventsA, SctpEvent.StreamsReset.class))
        .containsExactlyInAnyOrder(new SctpEvent.StreamsReset(List.of(S3), false), new SctpEvent.StreamsReset(List.of(S3), true));
    assertThat(p.events(p.eventsB, SctpEvent.StreamsReset.class))
        .containsExactlyInAnyOrder(new SctpEvent.StreamsReset(List.of(S3), false), new SctpEvent.StreamsReset(List.of(S3), true));
  }

  @Test
  void resetRequestWaitsForDataStillInFlightWithInProgress() {
    Peers p = connected();
    // The last data packet is lost: the peer cannot reset before it arrives.
    final int[] dataSeen = {0};
    p.filter = (fromA, pkt) -> !(fromA && Peers.hasChunk(pkt, DataChunk.class) && ++dataSeen[0] == 1);
    p.a.send(p.now, S1, 53, msg(0, 100), SendOptions.RELIABLE_ORDERED);
    p.flush();
    p.a.resetStreams(p.now, List.of(S1));
    p.flush();
    assertThat(p.events(p.eventsB, SctpEvent.StreamsReset.class)).isEmpty();
    p.runUntil(p.now + Peers.ms(5000));
    assertThat(p.events(p.eventsB, SctpEvent.Message.class)).hasSize(1);
    assertThat(p.events(p.eventsB, SctpEvent.StreamsReset.class)).hasSize(1);
    assertThat(p.events(p.eventsA, SctpEvent.StreamsReset.class)).hasSize(1);
  }

  @Test
  void gracefulShutdownDeliversQueuedDataThenClosesBothSides() {
    Peers p = connected();
    for (int i = 0; i < 50; i++) {
      p.a.send(p.now, S1, 53, msg(i, 1000), SendOptions.RELIABLE_ORDERED);
    }
    p.a.close(p.now);
    assertThat(p.a.send(p.now, S1, 53, msg(99, 10), SendOptions.RELIABLE_ORDERED)).isEqualTo(SendResult.CLOSED);
    p.runUntil(p.now + Peers.ms(1000));
    assertThat(p.events(p.eventsB, SctpEvent.Message.class)).hasSize(50);
    assertThat(p.events(p.eventsA, SctpEvent.Closed.class)).hasSize(1);
    assertThat(p.events(p.eventsB, SctpEvent.Closed.class)).hasSize(1);
    assertThat(p.a.isTerminated()).isTrue();
    assertThat(p.b.isTerminated()).isTrue();
    assertThat(p.a.pollTimeout()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void abortEndsBothSidesWithTheCause() {
    Peers p = connected();
    p.a.abort(p.now, "bye");
    p.flush();
    assertThat(p.events(p.eventsA, SctpEvent.Aborted.class)).containsExactly(new SctpEvent.Aborted("bye", false));
    assertThat(p.events(p.eventsB, SctpEvent.Aborted.class)).containsExactly(new SctpEvent.Aborted("User-Initiated Abort: bye", true));
    assertThat(p.b.isTerminated()).isTrue();
  }

  @Test
  void unansweredInitGivesUpAfterMaxInitRetransmits() {
    Peers p = new Peers(SctpOptions.defaults());
    p.filter = (fromA, pkt) -> false;
    p.a.connect(p.now);
    while (p.step()) {}
    assertThat(p.events(p.eventsA, SctpEvent.Aborted.class)).hasSize(1);
    assertThat(p.droppedByFilter).isEqualTo(1 + SctpOptions.defaults().maxInitRetransmits());
  }

  @Test
  void deadPeerIsAbortedAfterMaxRetransmissions() {
    Peers p = connected();
    p.filter = (fromA, pkt) -> !fromA;
    p.a.send(p.now, S1, 53, msg(0, 100), SendOptions.RELIABLE_ORDERED);
    p.runUntil(p.now + Peers.ms(10 * 60_000));
    assertThat(p.events(p.eventsA, SctpEvent.Aborted.class)).hasSize(1);
    assertThat(p.a.metrics().t3Expiries()).isEqualTo(SctpOptions.defaults().maxRetransmissions() + 1);
  }

  @Test
  void sendQueueIsBoundedAndReportsBufferedAmountLow() {
    SctpOptions o = SctpOptions.defaults().withBuffers(5 * 1024 * 1024, 10_000);
    Peers p = new Peers(o);
    p.connect();
    p.a.setBufferedAmountLowThreshold(S1, 1000);
    for (int i = 0; i < 10; i++) {
      assertThat(p.a.send(p.now, S1, 53, msg(i, 1000), SendOptions.RELIABLE_ORDERED)).isEqualTo(SendResult.ACCEPTED);
    }
    assertThat(p.a.send(p.now, S1, 53, msg(10, 4), SendOptions.RELIABLE_ORDERED)).isEqualTo(SendResult.QUEUE_FULL);
    assertThat(p.a.bufferedAmount(S1)).isEqualTo(10_000);
    p.flush();
    assertThat(p.a.bufferedAmount(S1)).isZero();
    assertThat(p.events(p.eventsA, SctpEvent.BufferedAmountLow.class)).containsExactly(new SctpEvent.BufferedAmountLow(S1));
    assertThat(p.a.send(p.now, S1, 53, msg(10, 4), SendOptions.RELIABLE_ORDERED)).isEqualTo(SendResult.ACCEPTED);
  }

  @Test
  void receiverWindowLimitsWhatTheSenderPutsInFlight() {
    SctpOptions small = SctpOptions.defaults().withBuffers(8 * 1200, 16L * 1024 * 1024);
    Peers p = new Peers(SctpOptions.defaults(), small);
    p.connect();
    // The first data packet is lost: B must hold everything after it and its window closes.
    final int[] n = {0};
    long[] maxBuffered = {0};
    p.filter = (fromA, pkt) -> {
      if (p.b.state() instanceof Association.Established e) {
        maxBuffered[0] = Math.max(maxBuffered[0], e.tcb().in.bufferedBytes());
      }
      return !(fromA && Peers.hasChunk(pkt, DataChunk.class) && ++n[0] == 1);
    };
    for (int i = 0; i < 100; i++) {
      p.a.send(p.now, S1, 53, msg(i, 1000), SendOptions.RELIABLE_ORDERED);
    }
    p.runUntil(p.now + Peers.ms(10_000));
    List<SctpEvent.Message> got = p.events(p.eventsB, SctpEvent.Message.class);
    assertThat(got).hasSize(100);
    assertThat(maxBuffered[0]).isLessThanOrEqualTo(8 * 1200);
  }

  @Test
  void peerOverrunningTheWindowIsDroppedThenAborted() {
    SctpOptions small = SctpOptions.defaults().withBuffers(4 * 1200, 16L * 1024 * 1024);
    Peers p = new Peers(SctpOptions.defaults(), small);
    p.connect();
    Association.Tcb ta = ((Association.Established) p.a.state()).tcb();
    Association.Tcb tb = ((Association.Established) p.b.state()).tcb();
    Tsn next = new Tsn((int) ta.out.nextTsn);
    // A misbehaving sender: skips one TSN, then floods far more than the window.
    int sent = 0;
    for (int i = 1; i < 20_000 && !p.b.isTerminated(); i++) {
      DataChunk d = new DataChunk(next.plus(i), S1, new Ssn(i & 0xFFFF), 53, ByteBuffer.allocate(1000), false, false, true, true);
      p.b.handleDatagram(p.now, new SctpPacket(5000, 5000, tb.localTag, List.of(d)).toBuffer());
      sent++;
      assertThat(tb.in.bufferedBytes()).isLessThanOrEqualTo(2L * 4 * 1200);
      while (p.b.pollTransmit() != null) {}
    }
    p.drainEvents();
    assertThat(p.b.isTerminated()).isTrue();
    assertThat(p.events(p.eventsB, SctpEvent.Aborted.class)).hasSize(1);
    assertThat(p.b.metrics().receiveOverruns()).isGreaterThan(Association.MAX_OVERRUNS);
    assertThat(sent).isLessThan(20_000);
  }

  @Test
  void heartbeatIsSentOnAnIdleAssociationAndAnswered() {
    Peers p = connected();
    final int[] heartbeats = {0};
    p.filter = (fromA, pkt) -> {
      if (fromA && Peers.hasChunk(pkt, HeartbeatChunk.class)) {
        heartbeats[0]++;
      }
      return true;
    };
    p.runUntil(p.now + Peers.ms(65_000));
    assertThat(heartbeats[0]).isBetween(1, 3);
    assertThat(p.a.isEstablished()).isTrue();
  }

  @Test
  void unorderedMessagesAreDeliveredAsTheyArriveOrderedOnesWait() {
    Peers p = connected();
    final int[] n = {0};
    p.filter = (fromA, pkt) -> !(fromA && Peers.hasChunk(pkt, DataChunk.class) && ++n[0] == 1);
    p.a.send(p.now, S1, 53, msg(0, 1172), SendOptions.RELIABLE_ORDERED);
    p.a.send(p.now, S1, 53, msg(1, 1172), SendOptions.RELIABLE_ORDERED);
    p.a.send(p.now, S3, 53, msg(2, 1172), SendOptions.RELIABLE_UNORDERED);
    p.a.send(p.now, S3, 53, msg(3, 1172), SendOptions.RELIABLE_UNORDERED);
    // Deliver without timers: first packet lost, the rest arrive.
    for (ByteBuffer b; (b = p.a.pollTransmit()) != null; ) {
      if (p.filter.test(true, b)) {
        p.b.handleDatagram(p.now, b);
      }
    }
    p.drainEvents();
    List<SctpEvent.Message> early = p.events(p.eventsB, SctpEvent.Message.class);
    assertThat(early).extracting(m -> m.payload().getInt(0)).containsExactly(2, 3);
    assertThat(early).allMatch(SctpEvent.Message::unordered);
    p.runUntil(p.now + Peers.ms(2000));
    assertThat(p.events(p.eventsB, SctpEvent.Message.class)).extracting(m -> m.payload().getInt(0)).containsExactly(2, 3, 0, 1);
  }
}

package dev.webrtc4j.testkit.stack;

import static dev.webrtc4j.testkit.stack.SimStackPair.MS;
import static dev.webrtc4j.testkit.stack.SimStackPair.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import dev.webrtc4j.internal.sctp.DataChannelController.ChannelConfig;
import dev.webrtc4j.internal.sctp.DataChannelController.ChannelEvent;
import dev.webrtc4j.internal.sctp.SendResult;
import dev.webrtc4j.internal.sctp.StreamId;
import dev.webrtc4j.testkit.stack.PartialReliabilityModel.Fate;
import dev.webrtc4j.testkit.stack.PartialReliabilityModel.OnWire;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Partially reliable data channels through the whole stack over the simulated network
 * (10% loss, reordering, duplication, 100 ms one way), checked against what the wire saw: the
 * {@link SctpTap}s at both ends give every DATA chunk's transmissions and arrivals, and {@link
 * PartialReliabilityModel} says exactly which messages the receiver must deliver. The channels are
 * negotiated, so no DCEP OPEN forces the first messages to be ordered and reliable.
 */
class SimSctpPartialReliabilityTest {
  static final int MESSAGES = 300;
  static final long LIFETIME_MS = 500;

  record Sent(byte[] data, long at) {}

  record Run(SimStackPair pair, StreamId id, List<Sent> sent, Map<Integer, OnWire> wire, Map<Integer, SimStack.Received> got) {
    Set<Integer> deliverable() {
      return wire.values().stream().filter(w -> w.fate() == Fate.DELIVERABLE).map(OnWire::index)
          .collect(Collectors.toCollection(TreeSet::new));
    }

    Map<Fate, Integer> fates() {
      Map<Fate, Integer> m = new EnumMap<>(Fate.class);
      wire.values().forEach(w -> m.merge(w.fate(), 1, Integer::sum));
      return m;
    }
  }

  /**
   * Opens negotiated channel 7 on both sides and sends {@link #MESSAGES} messages of 4..1103 bytes
   * from A, one every {@code spacing}, one in {@code fragmentedOneIn} of them 1200..4999 bytes (two
   * to five DATA chunks).
   */
  static Run run(long seed, ChannelConfig config, long spacing, int fragmentedOneIn) {
    SimStackPair p = SimStackPair.builder(seed).link(Lossy.LINK).sctp(Lossy.SCTP).build();
    p.connect(60 * SECOND);
    StreamId id = p.a().openChannel(config, OptionalInt.of(7));
    assertThat(p.b().openChannel(config, OptionalInt.of(7))).isEqualTo(id);
    SplittableRandom random = new SplittableRandom(seed);
    List<Sent> sent = new ArrayList<>();
    for (int i = 0; i < MESSAGES; i++) {
      p.runFor(spacing);
      int size = random.nextInt(fragmentedOneIn) == 0 ? 1200 + random.nextInt(3800) : 4 + random.nextInt(1100);
      byte[] m = Lossy.message(random, i, size);
      sent.add(new Sent(m, p.now()));
      assertThat(p.a().send(id, m)).isEqualTo(SendResult.ACCEPTED);
    }
    // Long enough for every abandonment to be forwarded (T3 backs off to a few seconds at most here).
    p.runFor(60 * SECOND);
    assertThat(p.a().association().isEstablished()).as("A still established: %s", p).isTrue();
    assertThat(p.b().association().isEstablished()).as("B still established: %s", p).isTrue();
    assertThat(p.a().association().totalBufferedAmount()).isZero();
    assertThat(p.b().association().metrics().receiveOverruns()).isZero();
    assertThat(p.b().channelEvents(ChannelEvent.TransportClosed.class)).isEmpty();

    Map<Integer, SimStack.Received> got = new HashMap<>();
    for (SimStack.Received r : p.b().messages(id)) {
      int index = Lossy.index(r.data());
      assertThat(got.put(index, r)).as("message %d delivered twice", index).isNull();
      assertThat(r.data()).as("message %d intact", index).isEqualTo(sent.get(index).data());
    }
    Map<Integer, OnWire> wire = PartialReliabilityModel.analyze(p.a().tap(), p.b().tap(), id);
    Run r = new Run(p, id, sent, wire, got);
    // Exactly the messages the wire let through, no more, no fewer.
    assertThat(new TreeSet<>(got.keySet())).as("delivered vs deliverable; fates %s", r.fates()).isEqualTo(r.deliverable());
    assertThat(p.b().receiveBufferedHighWater()).isLessThanOrEqualTo(Lossy.SCTP.receiveBufferBytes());
    return r;
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("dev.webrtc4j.testkit.stack.Lossy#seeds")
  void maxRetransmitsZeroLosesExactlyTheMessagesWhoseFragmentTheNetworkDropped(long seed) {
    ChannelConfig config = new ChannelConfig("rexmit0", "", false, 0, -1, 256, true);
    // 5 ms apart, a quarter fragmented: more than the lossy path carries, so the congestion window
    // is full and T3 expiries abandon whatever is in flight.
    Run r = run(seed, config, 5 * MS, 4);
    // Nothing is dropped before its first transmission under maxRetransmits.
    assertThat(r.wire().keySet()).hasSize(MESSAGES);
    // One transmission per DATA chunk: maxRetransmits 0 never retransmits.
    Map<Long, Integer> perTsn = new HashMap<>();
    for (SctpTap.Data d : r.pair().a().tap().sent(SctpTap.Data.class)) {
      if (d.stream() == r.id().value()) {
        perTsn.merge(d.tsn().unsigned(), 1, Integer::sum);
      }
    }
    assertThat(perTsn.values()).as("transmissions per TSN").containsOnly(1);
    assertThat(r.wire().values()).allSatisfy(w -> assertThat(w.transmissions()).isEqualTo(w.fragments()));
    // The network's drops explain every loss: a message is missing exactly when the single
    // transmission of one of its fragments was dropped, or when the sender, having abandoned it
    // after such a drop or a T3 expiry, never sent its remaining fragments.
    Set<Integer> droppedPiece = new TreeSet<>();
    Set<Integer> neverSent = new TreeSet<>();
    for (OnWire w : r.wire().values()) {
      switch (w.fate()) {
        case FRAGMENT_LOST_ON_WIRE -> droppedPiece.add(w.index());
        case FRAGMENT_NEVER_SENT -> neverSent.add(w.index());
        case OVERTAKEN_BY_FORWARD_TSN, DELIVERABLE -> {}
      }
    }
    Set<Integer> missing = new TreeSet<>();
    for (int i = 0; i < MESSAGES; i++) {
      if (!r.got().containsKey(i)) {
        missing.add(i);
      }
    }
    Set<Integer> explained = new TreeSet<>(droppedPiece);
    explained.addAll(neverSent);
    assertThat(missing).as("missing = dropped on the wire + never fully sent").isEqualTo(explained);
    // A reordered datagram is late by 40 ms, less than the round trip any FORWARD TSN needs to be
    // provoked and arrive: no chunk that reached the receiver was discarded as already skipped.
    assertThat(r.fates()).doesNotContainKey(Fate.OVERTAKEN_BY_FORWARD_TSN);
    assertThat(droppedPiece).as("the network dropped some DATA").isNotEmpty();
    assertThat(r.got()).as("most messages get through").hasSizeGreaterThan(MESSAGES / 2);
    System.out.printf("rexmit0 seed %d: delivered %d/%d, fates %s; %s%n", seed, r.got().size(), MESSAGES, r.fates(),
        r.pair().network().stats());
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("dev.webrtc4j.testkit.stack.Lossy#seeds")
  void orderedMaxRetransmitsZeroDeliversInOrderExactlyWhatTheWireLetThrough(long seed) {
    ChannelConfig config = new ChannelConfig("ordered-rexmit0", "", true, 0, -1, 256, true);
    Run r = run(seed, config, 5 * MS, 4);
    assertThat(r.wire().keySet()).hasSize(MESSAGES);
    // A complete message held for an earlier, lost SSN is released when the FORWARD TSN skips
    // that SSN (RFC 3758 §3.6), so run() found the same delivered set as unordered; and in order:
    List<Integer> order = r.pair().b().messages(r.id()).stream().map(m -> Lossy.index(m.data())).toList();
    assertThat(order).isSorted();
    assertThat(r.fates()).containsKey(Fate.FRAGMENT_LOST_ON_WIRE);
    System.out.printf("ordered rexmit0 seed %d: delivered %d/%d, fates %s%n", seed, r.got().size(), MESSAGES, r.fates());
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("dev.webrtc4j.testkit.stack.Lossy#seeds")
  void maxPacketLifeTimeNeverTransmitsAfterExpiryAndDeliversExactlyWhatArrivedInTime(long seed) {
    ChannelConfig config = new ChannelConfig("lifetime", "", false, -1, LIFETIME_MS, 256, true);
    // 40 ms apart, one in eight fragmented (about 18 KB/s): close to what the path carries at 10%
    // loss, so most messages are sent and the lifetime, not the queue, decides their fate.
    Run r = run(seed, config, 40 * MS, 8);
    long lifetime = LIFETIME_MS * MS;
    // The sender stops (re)transmitting a message when its lifetime is over (RFC 3758 §3.5 A1-A3)...
    for (OnWire w : r.wire().values()) {
      long expiry = r.sent().get(w.index()).at() + lifetime;
      assertThat(w.lastTransmissionAt()).as("message %d (%s, sent at %d ms): last transmission vs expiry",
          w.index(), w, r.sent().get(w.index()).at() / MS).isLessThan(expiry);
    }
    // ...so nothing is delivered later than its expiry plus the longest one-way trip.
    for (SimStack.Received m : r.got().values()) {
      int i = Lossy.index(m.data());
      assertThat(m.at()).as("message %d delivered", i).isLessThan(r.sent().get(i).at() + lifetime + Lossy.MAX_ONE_WAY);
    }
    // Not vacuous: lost pieces were retransmitted in time and delivered, and some were given up.
    long recovered = r.wire().values().stream().filter(w -> w.fate() == Fate.DELIVERABLE && w.transmissions() > w.fragments()).count();
    assertThat(recovered).as("messages delivered thanks to a retransmission").isPositive();
    assertThat(r.got()).as("some messages expired").hasSizeLessThan(MESSAGES);
    System.out.printf("lifetime seed %d: delivered %d/%d (%d after a retransmission), fates %s; %s%n", seed, r.got().size(),
        MESSAGES, recovered, r.fates(), r.pair().network().stats());
  }
}

package dev.webrtc4j.testkit.stack;

import static dev.webrtc4j.testkit.stack.SimStackPair.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import dev.webrtc4j.internal.sctp.Association;
import dev.webrtc4j.internal.sctp.DataChannelController.ChannelConfig;
import dev.webrtc4j.internal.sctp.DataChannelController.ChannelEvent;
import dev.webrtc4j.internal.sctp.SendResult;
import dev.webrtc4j.internal.sctp.StreamId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reliable data channels through the whole stack (ICE → fake DTLS → SCTP → DCEP) over the
 * simulated network with 10% loss, reordering, duplication and 100 ms one-way delay, on virtual
 * time: every message arrives exactly once, byte for byte, in order on an ordered channel.
 */
class SimSctpReliableTest {
  /** Both directions carry data at once, so SACKs ride with DATA and both senders recover losses. */
  static final int A_TO_B = 120;
  static final int B_TO_A = 40;
  /** Sizes always included: tiny, MTU boundaries (1157 payload bytes per DATA chunk), 64 KiB, 256 KiB, 300 KB. */
  static final int[] FIXED_SIZES = {1, 2, 3, 4, 1156, 1157, 1158, 2314, 2315, 65_536, 262_144, 300_000};

  record Run(SimStackPair pair, StreamId id, List<byte[]> fromA, List<byte[]> fromB) {}

  static Run sendBothWays(long seed, ChannelConfig config, int minSize) {
    SimStackPair p = SimStackPair.builder(seed).link(Lossy.LINK).sctp(Lossy.SCTP).build();
    p.connect(60 * SECOND);
    StreamId id = p.a().openChannel(config, OptionalInt.empty());
    assertThat(p.runUntil(() -> !p.b().channelEvents(ChannelEvent.Incoming.class).isEmpty(), p.now() + 30 * SECOND))
        .as("B hears the DATA_CHANNEL_OPEN: %s", p).isTrue();
    // RFC 8832 §6: until A has B's DATA_CHANNEL_ACK its messages go ordered. The ACK is the first
    // DATA chunk B sends on the stream, an ordered SSN 0, so A delivers it the moment it arrives.
    assertThat(p.runUntil(() -> p.a().tap().received(SctpTap.Data.class).stream().anyMatch(d -> d.stream() == id.value()),
        p.now() + 30 * SECOND)).as("A hears the DATA_CHANNEL_ACK: %s", p).isTrue();
    SplittableRandom random = new SplittableRandom(seed);
    List<byte[]> fromA = new ArrayList<>();
    List<byte[]> fromB = new ArrayList<>();
    for (int i = 0; i < A_TO_B; i++) {
      int size = i < FIXED_SIZES.length ? Math.max(minSize, FIXED_SIZES[i]) : Lossy.size(random, minSize);
      fromA.add(Lossy.message(random, i, size));
    }
    for (int i = 0; i < B_TO_A; i++) {
      fromB.add(Lossy.message(random, i, Lossy.size(random, minSize)));
    }
    // Interleave the sends so both directions are busy together.
    for (int i = 0; i < Math.max(A_TO_B, B_TO_A); i++) {
      if (i < A_TO_B) {
        assertThat(p.a().send(id, fromA.get(i))).isEqualTo(SendResult.ACCEPTED);
      }
      if (i < B_TO_A) {
        assertThat(p.b().send(id, fromB.get(i))).isEqualTo(SendResult.ACCEPTED);
      }
    }
    boolean done = p.runUntil(() -> p.b().messages(id).size() >= A_TO_B && p.a().messages(id).size() >= B_TO_A,
        p.now() + 900 * SECOND);
    assertThat(done).as("all messages delivered: B has %d/%d, A has %d/%d; %s", p.b().messages(id).size(), A_TO_B,
        p.a().messages(id).size(), B_TO_A, p).isTrue();
    // Late duplicates of the last datagrams must not surface as extra messages.
    p.runFor(5 * SECOND);
    assertStillHealthy(p);
    return new Run(p, id, fromA, fromB);
  }

  static void assertStillHealthy(SimStackPair p) {
    for (SimStack s : List.of(p.a(), p.b())) {
      Association assoc = s.association();
      assertThat(assoc).isNotNull();
      assertThat(assoc.isEstablished()).as("%s still established", s).isTrue();
      assertThat(s.channelEvents(ChannelEvent.TransportClosed.class)).isEmpty();
      assertThat(s.stack().droppedSctpPackets()).as("%s SCTP packets that did not fit a DTLS record", s).isZero();
      assertThat(assoc.metrics().receiveOverruns()).isZero();
      assertThat(s.receiveBufferedHighWater()).isLessThanOrEqualTo(Lossy.SCTP.receiveBufferBytes());
    }
    // The link did impair the run, and the stacks had to recover.
    assertThat(p.network().stats().lost).isPositive();
    assertThat(p.network().stats().duplicated).isPositive();
    assertThat(p.a().association().metrics().retransmissions() + p.b().association().metrics().retransmissions()).isPositive();
  }

  static void assertExactlyInOrder(List<SimStack.Received> got, List<byte[]> sent, String direction) {
    assertThat(got).as(direction + ": count").hasSize(sent.size());
    for (int i = 0; i < sent.size(); i++) {
      assertThat(got.get(i).binary()).isTrue();
      assertThat(got.get(i).data()).as(direction + ": message %d of %d bytes", i, sent.get(i).length).isEqualTo(sent.get(i));
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("dev.webrtc4j.testkit.stack.Lossy#seeds")
  void reliableOrderedChannelDeliversEveryMessageExactlyOnceInOrderByteExact(long seed) {
    Run r = sendBothWays(seed, ChannelConfig.reliable("ordered"), 1);
    assertExactlyInOrder(r.pair().b().messages(r.id()), r.fromA(), "A->B");
    assertExactlyInOrder(r.pair().a().messages(r.id()), r.fromB(), "B->A");
    report("ordered", r);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("dev.webrtc4j.testkit.stack.Lossy#seeds")
  void reliableUnorderedChannelDeliversEveryMessageExactlyOnceByteExact(long seed) {
    ChannelConfig unordered = new ChannelConfig("unordered", "", false, -1, -1, 256, false);
    Run r = sendBothWays(seed, unordered, 4);
    assertExactlyOnce(r.pair().b().messages(r.id()), r.fromA(), "A->B");
    assertExactlyOnce(r.pair().a().messages(r.id()), r.fromB(), "B->A");
    // Unordered for real: a message behind a lost one overtook it (once the DCEP ACK lifted the
    // ordered start of RFC 8832 §6).
    List<Integer> order = r.pair().b().messages(r.id()).stream().map(m -> Lossy.index(m.data())).toList();
    assertThat(order).as("A->B delivery order").isNotEqualTo(order.stream().sorted().toList());
    report("unordered", r);
  }

  /** Every sent message delivered once with its exact bytes, in whatever order (indexes are unique). */
  static void assertExactlyOnce(List<SimStack.Received> got, List<byte[]> sent, String direction) {
    assertThat(got).as(direction + ": count").hasSize(sent.size());
    Map<Integer, byte[]> byIndex = new HashMap<>();
    for (SimStack.Received m : got) {
      int index = Lossy.index(m.data());
      assertThat(byIndex.put(index, m.data())).as(direction + ": message %d delivered twice", index).isNull();
    }
    for (int i = 0; i < sent.size(); i++) {
      assertThat(byIndex.get(i)).as(direction + ": message %d", i).isEqualTo(sent.get(i));
    }
  }

  static void report(String what, Run r) {
    SimStackPair p = r.pair();
    long bytes = r.fromA().stream().mapToLong(m -> m.length).sum() + r.fromB().stream().mapToLong(m -> m.length).sum();
    System.out.printf("%s seed %d: %d bytes in %d ms virtual; %s; A %s; B %s%n", what, p.seed(), bytes,
        p.now() / SimStackPair.MS, p.network().stats(), p.a().association().metrics(), p.b().association().metrics());
  }
}

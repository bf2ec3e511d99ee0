package dev.webrtc4j.testkit.stack;

import static dev.webrtc4j.testkit.stack.SimStackPair.MS;
import static dev.webrtc4j.testkit.stack.SimStackPair.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import dev.webrtc4j.internal.dtls.DtlsState;
import dev.webrtc4j.internal.ice.IceConnectionState;
import dev.webrtc4j.internal.sctp.DataChannelController.ChannelConfig;
import dev.webrtc4j.internal.sctp.StreamId;
import dev.webrtc4j.testkit.net.LinkConditions;
import java.util.List;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The harness itself: it connects the real stacks, and a seed replays a run exactly. */
class SimStackPairTest {
  @Test
  void connectsIceDtlsAndSctpOverAPlainLinkWithinAFewRoundTrips() {
    SimStackPair p = SimStackPair.builder(7).link(LinkConditions.delay(50 * MS)).build();
    p.connect(10 * SECOND);
    for (SimStack s : List.of(p.a(), p.b())) {
      assertThat(s.stack().iceState()).isIn(IceConnectionState.CONNECTED, IceConnectionState.COMPLETED);
      assertThat(s.stack().dtlsState()).isEqualTo(DtlsState.CONNECTED);
      assertThat(s.association().isEstablished()).isTrue();
    }
    // ICE check + nomination, the fake DTLS handshake and the SCTP four-way handshake: a handful
    // of 100 ms round trips, nothing waits for a timer.
    assertThat(Math.max(p.a().sctpUpAt(), p.b().sctpUpAt())).isLessThan(2 * SECOND);
    assertThat(p.a().tap().sctpDatagramsSent()).isPositive();
    assertThat(p.b().tap().sctpDatagramsReceived()).isPositive();
    assertThat(p.network().stats().lost).isZero();
  }

  record Trace(List<SctpTap.Seen> sentByA, List<SctpTap.Seen> receivedByB, List<Long> deliveredAt, String stats) {}

  static Trace run(long seed) {
    SimStackPair p = SimStackPair.builder(seed).link(Lossy.LINK).sctp(Lossy.SCTP).build();
    p.connect(60 * SECOND);
    StreamId id = p.a().openChannel(ChannelConfig.reliable("replay"), OptionalInt.empty());
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < 50; i++) {
      p.a().send(id, Lossy.message(random, i, Lossy.size(random, 4)));
    }
    assertThat(p.runUntil(() -> p.b().messages(id).size() == 50, p.now() + 300 * SECOND)).isTrue();
    return new Trace(List.copyOf(p.a().tap().sent()), List.copyOf(p.b().tap().received()),
        p.b().messages(id).stream().map(SimStack.Received::at).toList(), p.network().stats().toString());
  }

  @Test
  void theSameSeedReplaysTheSameRunChunkForChunk() {
    Trace first = run(99);
    Trace second = run(99);
    assertThat(second.sentByA()).isEqualTo(first.sentByA());
    assertThat(second.receivedByB()).isEqualTo(first.receivedByB());
    assertThat(second.deliveredAt()).isEqualTo(first.deliveredAt());
    assertThat(second.stats()).isEqualTo(first.stats());
    assertThat(run(100).sentByA()).as("another seed, another run").isNotEqualTo(first.sentByA());
  }
}

package dev.webrtc4j.testkit.ice;

import static dev.webrtc4j.testkit.ice.IceScenario.MS;
import static dev.webrtc4j.testkit.ice.IceScenario.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import dev.webrtc4j.internal.ice.CandidatePair;
import dev.webrtc4j.testkit.ice.IceScenario.NatType;
import dev.webrtc4j.testkit.net.LinkConditions;
import dev.webrtc4j.testkit.net.NatBehavior;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ICE over links with 50 ms one-way latency and 10–20 % random loss, behind NATs. */
class IceLossAndDelayTest {

  @ParameterizedTest(name = "loss {0}, seed {1}")
  @CsvSource({"0.10, 1, 4", "0.10, 2, 4", "0.15, 3, 6", "0.15, 4, 6", "0.20, 5, 8", "0.20, 6, 8", "0.20, 7, 8"})
  void connectsThroughLossAndDelayWithinAFewSecondsAndCarriesData(double loss, long seed, long maxSeconds) {
    IceScenario.Builder b = IceScenario.builder(seed).link(LinkConditions.delay(50 * MS).withLoss(loss));
    b.a().nat(new NatType(NatBehavior.ADDRESS_DEPENDENT, NatBehavior.ADDRESS_DEPENDENT));
    b.b().nat(new NatType(NatBehavior.ENDPOINT_INDEPENDENT, NatBehavior.ADDRESS_DEPENDENT));
    IceScenario s = b.build();
    s.start();
    assertThat(s.runUntilConnected(10 * SECOND)).as("connected: %s", s).isTrue();
    // Nothing can be faster than the offer/answer (2 x 50 ms signaling) plus one check round trip
    // (2 x 50 ms). A lost check costs its retransmission timeout (250 ms, doubling), a lost STUN
    // query 500 ms, and nomination waits up to 1 s for better pairs: a few seconds at most.
    assertThat(s.now()).as("connect time").isBetween(200 * MS, maxSeconds * SECOND);

    // Let nomination settle, then send 30 messages each way: most arrive, all on the selected pair.
    s.runFor(2 * SECOND);
    CandidatePair pa = s.a().selectedPair().orElseThrow();
    CandidatePair pb = s.b().selectedPair().orElseThrow();
    for (int i = 0; i < 30; i++) {
      assertThat(s.a().send("a" + i)).isTrue();
      assertThat(s.b().send("b" + i)).isTrue();
      s.runFor(20 * MS);
    }
    s.runFor(500 * MS);
    List<SimIceAgent.Received> atB = s.b().received();
    List<SimIceAgent.Received> atA = s.a().received();
    int expectedAtLeast = (int) (30 * (1 - loss) * 0.6);
    assertThat(atB).hasSizeGreaterThanOrEqualTo(expectedAtLeast).hasSizeLessThanOrEqualTo(30);
    assertThat(atA).hasSizeGreaterThanOrEqualTo(expectedAtLeast).hasSizeLessThanOrEqualTo(30);
    assertThat(atB).allSatisfy(r -> assertThat(r.pair().remote().address()).isEqualTo(pb.remote().address()));
    assertThat(atA).allSatisfy(r -> assertThat(r.pair().remote().address()).isEqualTo(pa.remote().address()));
    assertThat(s.a().isConnected() && s.b().isConnected()).isTrue();
    assertThat(s.network().stats().lost).as("the links did lose datagrams").isPositive();
  }

  @ParameterizedTest(name = "seed {0}")
  @CsvSource({"11", "12", "13"})
  void connectsOverALossFreeSlowLinkInAboutTheMinimumTime(long seed) {
    IceScenario.Builder b = IceScenario.builder(seed).link(LinkConditions.delay(50 * MS)).signalingDelay(50 * MS);
    IceScenario s = b.build();
    s.start();
    assertThat(s.runUntilConnected(10 * SECOND)).as("connected: %s", s).isTrue();
    // Public hosts: offer (50 ms) + answer (50 ms) + candidates trickled at once, then a check
    // round trip of 100 ms on each side; pacing (Ta 50 ms) adds a little.
    assertThat(s.now()).isBetween(200 * MS, 600 * MS);
    ScenarioAssertions.assertConnectedWithData(s);
  }

  @ParameterizedTest(name = "seed {0}")
  @CsvSource({"61", "62"})
  void theSameSeedReplaysTheSameRun(long seed) {
    assertThat(lossyRun(seed)).isEqualTo(lossyRun(seed));
    assertThat(lossyRun(seed)).isNotEqualTo(lossyRun(seed + 100));
  }

  /** Everything observable of a lossy run: both agents' timed state changes, the selected pairs and the network's counters. */
  private static String lossyRun(long seed) {
    IceScenario.Builder b = IceScenario.builder(seed).link(LinkConditions.delay(50 * MS).withJitter(20 * MS).withLoss(0.2));
    b.a().nat(new NatType(NatBehavior.ENDPOINT_INDEPENDENT, NatBehavior.ADDRESS_AND_PORT_DEPENDENT));
    b.b().nat(new NatType(NatBehavior.ENDPOINT_INDEPENDENT, NatBehavior.ADDRESS_DEPENDENT));
    IceScenario s = b.build();
    s.start();
    s.runFor(8 * SECOND);
    return s.a().states() + " " + s.b().states() + " " + s.a().selectedPair() + " " + s.b().selectedPair() + " "
        + s.network().stats();
  }
}

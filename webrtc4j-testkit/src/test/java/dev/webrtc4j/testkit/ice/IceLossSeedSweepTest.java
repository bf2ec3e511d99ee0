package dev.webrtc4j.testkit.ice;

import static dev.webrtc4j.testkit.ice.IceLossNatTurnTest.CONNECT_BOUND;
import static dev.webrtc4j.testkit.ice.IceLossNatTurnTest.CONVERGE_BOUND;
import static dev.webrtc4j.testkit.ice.IceLossNatTurnTest.SYMMETRIC;
import static dev.webrtc4j.testkit.ice.IceLossNatTurnTest.burstLossRelayOnly;
import static dev.webrtc4j.testkit.ice.IceLossNatTurnTest.onTheSamePair;
import static dev.webrtc4j.testkit.ice.IceScenario.MS;
import static dev.webrtc4j.testkit.ice.IceScenario.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import dev.webrtc4j.internal.ice.CandidatePair;
import dev.webrtc4j.internal.ice.IceConnectionState;
import dev.webrtc4j.testkit.net.LinkConditions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The scenarios of {@link IceLossNatTurnTest} over 50 consecutive seeds each, so that the agent's
 * behaviour under loss is checked as a property and not on hand-picked trajectories (every seed
 * changes every loss decision: the network draws them from one random stream).
 *
 * <p>What must hold for every seed is that the two sides agree. Under uniform 20 % loss the class
 * comment of {@link IceLossNatTurnTest} derives that they connect within 26 s; under the burst model
 * some seeds cannot connect at all (a side receives no success response for longer than a check's
 * 9.75 s schedule, or a TURN allocation never gets an answer), and then both sides must end failed
 * rather than one connected, or one failed while the other waits for ever.
 *
 * <p>The data checks here are about where data arrives (on the receiver's selected pair, from the
 * peer, never twice), not how much: how much depends on a TURN client bug (ChannelData dropped before
 * the ChannelBind answer, see {@code IceLossNatTurnTest.burstLossWhereAChannelBindAnswerIsLostStillDeliversData}).
 */
class IceLossSeedSweepTest {
  static final int SEEDS = 50;

  /** Long enough for a TURN allocation to give up (RFC 8489: 39.5 s) and both sides to conclude. */
  static final long BURST_HORIZON = 90 * SECOND;

  static LongStream uniformSeeds() {
    return LongStream.range(400, 400 + SEEDS);
  }

  static LongStream burstSeeds() {
    return LongStream.range(1000, 1000 + SEEDS);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("uniformSeeds")
  void symmetricNatsAndTurnAtTwentyPercentLossConnectAndAgreeOnOnePair(long seed) {
    IceScenario.Builder b = IceScenario.builder(seed).link(LinkConditions.delay(50 * MS).withLoss(0.20));
    b.a().nat(SYMMETRIC).turn(true);
    b.b().nat(SYMMETRIC).turn(true);
    IceScenario s = b.build();
    s.start();
    assertThat(s.runUntilConnected(CONNECT_BOUND)).as("connected within %d ms: %s", CONNECT_BOUND / MS, s).isTrue();
    assertThat(s.runUntil(() -> onTheSamePair(s), CONVERGE_BOUND)).as("both on one pair: %s", s).isTrue();
    assertDataOnTheSelectedPairs(s);
  }

  /** Outcome (connected or not) of each burst seed, computed once for both tests below. */
  private static final Map<Long, Boolean> BURST_CONNECTED = new HashMap<>();

  /** Runs a burst seed (once) and checks that it ended with one pair on both sides or both failed. */
  static boolean burstSeedConnects(long seed) {
    Boolean known = BURST_CONNECTED.get(seed);
    if (known != null) {
      return known;
    }
    IceScenario s = burstLossRelayOnly(seed);
    s.start();
    boolean settled = s.runUntil(() -> bothFailed(s) || (s.a().isConnected() && s.b().isConnected() && onTheSamePair(s)),
        BURST_HORIZON);
    assertThat(settled).as("seed %d: both on one pair or both failed within %d s: %s", seed, BURST_HORIZON / SECOND, s)
        .isTrue();
    boolean connected = !bothFailed(s);
    if (connected) {
      assertDataOnTheSelectedPairs(s);
    }
    BURST_CONNECTED.put(seed, connected);
    return connected;
  }

  static boolean bothFailed(IceScenario s) {
    return s.a().state() == IceConnectionState.FAILED && s.b().state() == IceConnectionState.FAILED;
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("burstSeeds")
  void burstLossOnARelayPathEndsWithBothSidesOnOnePairOrBothFailed(long seed) {
    burstSeedConnects(seed);
  }

  /**
   * Not a bound from the loss model (the burst chains stay in their bad state for as long as a
   * sparse link carries nothing, which no closed form here captures): a floor under the measured
   * 85 % (255 of the 300 seeds 1000..1299 connect; before the fixes of this change 191 of them
   * did within 26 s), so that "both failed" cannot quietly become the usual outcome.
   */
  @Test
  void mostBurstSeedsConnect() {
    long connected = burstSeeds().filter(IceLossSeedSweepTest::burstSeedConnects).count();
    assertThat(connected).as("seeds of %d that connected", SEEDS).isGreaterThanOrEqualTo(SEEDS * 7 / 10);
  }

  /**
   * 100 messages each way, 10 ms apart: whatever arrives came from the peer, on the receiver's
   * selected pair, once.
   */
  static void assertDataOnTheSelectedPairs(IceScenario s) {
    CandidatePair pa = s.a().selectedPair().orElseThrow();
    CandidatePair pb = s.b().selectedPair().orElseThrow();
    int beforeA = s.a().received().size();
    int beforeB = s.b().received().size();
    for (int i = 0; i < 100; i++) {
      assertThat(s.a().send("a" + i)).as("A sends").isTrue();
      assertThat(s.b().send("b" + i)).as("B sends").isTrue();
      s.runFor(10 * MS);
    }
    s.runFor(SECOND);
    check("B", s.b().received().subList(beforeB, s.b().received().size()), pb, "a", s);
    check("A", s.a().received().subList(beforeA, s.a().received().size()), pa, "b", s);
  }

  private static void check(String who, List<SimIceAgent.Received> got, CandidatePair selected, String peerTag, IceScenario s) {
    assertThat(got).extracting(SimIceAgent.Received::text).as("%s got only the peer's messages, once: %s", who, s)
        .allMatch(t -> t.startsWith(peerTag)).doesNotHaveDuplicates();
    assertThat(got).as("%s got everything on its selected pair: %s", who, s).allSatisfy(r -> {
      assertThat(r.pair().remote().address()).isEqualTo(selected.remote().address());
      assertThat(r.pair().localBase()).isEqualTo(selected.localBase());
    });
  }
}

package dev.webrtc4j.testkit.ice;

import static dev.webrtc4j.testkit.ice.IceScenario.MS;
import static dev.webrtc4j.testkit.ice.IceScenario.SECOND;
import static dev.webrtc4j.testkit.ice.ScenarioAssertions.relayInvolved;
import static org.assertj.core.api.Assertions.assertThat;

import dev.webrtc4j.internal.ice.CandidatePair;
import dev.webrtc4j.internal.ice.CandidateType;
import dev.webrtc4j.internal.ice.IceConnectionState;
import dev.webrtc4j.internal.ice.IcePairStats;
import dev.webrtc4j.internal.ice.IceTransportPolicy;
import dev.webrtc4j.testkit.ice.IceScenario.NatType;
import dev.webrtc4j.testkit.net.LinkConditions;
import dev.webrtc4j.testkit.net.NatBehavior;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue-3 acceptance, the combination of the other suites: NATs that cannot hole-punch AND TURN
 * AND lossy, slow links (50 ms one way on every link, the ones to the STUN and TURN servers and
 * the relay's own hop included).
 *
 * <p>The connect-time bound, from the retransmission schedules (defaults of {@code
 * IceConfig.Timings} and {@code StunTransactions.Config.DEFAULT}):
 *
 * <ul>
 *   <li>signaling: offer + answer, 2 x 50 ms = 0.1 s;
 *   <li>a TURN transaction (RFC 8489: RTO 500 ms doubling) whose first three round trips are all
 *       lost is answered on its 4th transmission at 0.5 + 1 + 2 = 3.5 s, plus a 100 ms round trip:
 *       3.6 s. Allocate needs two transactions (401 challenge, then the authenticated one), the
 *       peer's CreatePermission a third: 3 x 3.6 s = 10.8 s;
 *   <li>a connectivity check (RTO 250 ms doubling, cap 2 s) answered on its 4th transmission:
 *       0.25 + 0.5 + 1 = 1.75 s plus a relayed round trip of up to 6 x 50 ms = 2.05 s;
 *   <li>nomination: the controlling side waits up to 1 s for better pairs, then the nominating
 *       check is again a check: 1 s + 2.05 s.
 * </ul>
 *
 * That is 0.1 + 10.8 + 2.05 + 3.05 = 16 s when every transaction gets through within three
 * consecutive losses: at 20 % loss a two-link round trip is lost with 1 - 0.8^2 = 0.36, so four in
 * a row happen with 0.36^4 < 2 % per transaction, and the agent has several pairs and triggered
 * checks, so one unlucky ordinary check rarely decides. Nomination is one transaction on one pair
 * and a relayed round trip crosses four lossy links (0.8^4 = 0.41 per transmission), so all seven
 * transmissions fail with 0.59^7 = 2.5 %: not negligible. The bound therefore also pays for one
 * failed nomination: 0.25 + 0.5 + 1 + 2 + 2 + 2 = 7.75 s of retransmissions plus the final 2 s
 * wait, 9.75 s, before the next best valid pair is nominated: 16 + 9.75 = 26 s. The runs are
 * seeded, so the bound is checked exactly for each seed.
 */
class IceLossNatTurnTest {
  static final NatType SYMMETRIC = new NatType(NatBehavior.ADDRESS_AND_PORT_DEPENDENT, NatBehavior.ADDRESS_AND_PORT_DEPENDENT);
  static final NatType FULL_CONE = new NatType(NatBehavior.ENDPOINT_INDEPENDENT, NatBehavior.ENDPOINT_INDEPENDENT);

  /** See the class comment. */
  static final long CONNECT_BOUND = 26 * SECOND;

  static final int MESSAGES = 200;

  @ParameterizedTest(name = "loss {0}, seed {1}")
  @CsvSource({"0.10, 301", "0.10, 302", "0.10, 303", "0.20, 305", "0.20, 306", "0.20, 313"})
  void symmetricNatsOnBothSidesConnectThroughTheRelayUnderLossAndDelay(double loss, long seed) {
    IceScenario s = symmetricWithTurn(seed, LinkConditions.delay(50 * MS).withLoss(loss));
    s.start();
    assertThat(s.runUntilConnected(CONNECT_BOUND)).as("connected within %d ms: %s", CONNECT_BOUND / MS, s).isTrue();
    // Nothing is faster than signaling (0.1 s), a TURN allocation (two 100 ms round trips) and a check.
    assertThat(s.now()).as("connect time").isGreaterThanOrEqualTo(400 * MS);
    assertThat(s.network().stats().lost).as("the links did lose datagrams").isPositive();

    s.runFor(2 * SECOND); // let nomination settle on both sides
    assertThat(s.a().isConnected() && s.b().isConnected()).as("still connected: %s", s).isTrue();
    CandidatePair pa = s.a().selectedPair().orElseThrow();
    CandidatePair pb = s.b().selectedPair().orElseThrow();
    assertThat(relayInvolved(pa)).as("A's pair through the relay: %s", pa).isTrue();
    assertThat(relayInvolved(pb)).as("B's pair through the relay: %s", pb).isTrue();
    assertThat(s.turnServer().counters().toPeer).isPositive();
    assertDataBothWays(s, loss, hops(pa));
  }

  /**
   * Seed 310 at 20 % loss: A (controlling) nominates its valid pair 203.0.113.1:40004 (prflx, learned
   * from its host check) -> B's relay 198.51.100.3:49152. B gets the USE-CANDIDATE, answers and
   * selects the pair, but all seven nominating transmissions of A go unanswered (loss). Seed 304 is
   * the milder form: A's first nomination fails the same way after B accepted it, A then nominates
   * another pair, and B keeps the first, higher-priority one (RFC 8445 8.1.1: the highest-priority
   * nominated pair). Before the fix A failed only the valid pair, so B's later checks on that
   * 5-tuple met a Succeeded checklist pair and triggered nothing: A went failed (310) or the sides
   * sent on different pairs (304). Now the timed-out nomination fails the checklist pair that
   * produced it, B's checks trigger a new check (7.3.1.4), and A repeats the unanswered nomination
   * once the pair is valid again: both sides end on the same pair.
   */
  @ParameterizedTest(name = "seed {0}")
  @CsvSource({"304", "310"})
  void aFailedNominationWhoseRequestsReachedThePeerDoesNotFailTheControllingAgent(long seed) {
    IceScenario s = symmetricWithTurn(seed, LinkConditions.delay(50 * MS).withLoss(0.20));
    s.start();
    assertThat(s.runUntilConnected(CONNECT_BOUND)).as("connected within %d ms: %s", CONNECT_BOUND / MS, s).isTrue();
    assertThat(s.runUntil(() -> onTheSamePair(s), CONVERGE_BOUND)).as("both sides on one pair: %s", s).isTrue();
    s.runFor(2 * SECOND);
    assertThat(onTheSamePair(s)).as("still on one pair: %s", s).isTrue();
    assertThat(relayInvolved(s.a().selectedPair().orElseThrow())).isTrue();
    assertDataBothWays(s, 0.20, hops(s.a().selectedPair().orElseThrow()));
  }

  /** The control: the same scenario without loss delivers every message, in order. */
  @Test
  void theLosslessControlRunDeliversEveryMessage() {
    IceScenario s = symmetricWithTurn(300, LinkConditions.delay(50 * MS));
    s.start();
    assertThat(s.runUntilConnected(CONNECT_BOUND)).as("connected: %s", s).isTrue();
    s.runFor(2 * SECOND);
    CandidatePair pa = s.a().selectedPair().orElseThrow();
    assertThat(relayInvolved(pa)).as("A's pair through the relay: %s", pa).isTrue();
    assertThat(relayInvolved(s.b().selectedPair().orElseThrow())).isTrue();
    assertDataBothWays(s, 0, hops(pa));
    assertThat(s.network().stats().lost).isZero();
  }

  /**
   * One side endpoint-independent (mapping and filtering), the other symmetric: hole punching
   * works (the symmetric side's checks arrive from a new mapping, which the EIF filter admits, and
   * the answer goes back to that mapping from the address it was sent to), so with 15 % loss the
   * agents still select a direct pair although TURN is configured on both sides.
   */
  @ParameterizedTest(name = "seed {0}")
  @CsvSource({"311", "312", "313", "314"})
  void fullConeAgainstSymmetricConnectsDirectlyDespiteLoss(long seed) {
    IceScenario.Builder b = IceScenario.builder(seed).link(LinkConditions.delay(50 * MS).withLoss(0.15));
    b.a().nat(FULL_CONE).turn(true);
    b.b().nat(SYMMETRIC).turn(true);
    IceScenario s = b.build();
    s.start();
    assertThat(s.runUntilConnected(CONNECT_BOUND)).as("connected: %s", s).isTrue();
    s.runFor(2 * SECOND);
    CandidatePair pa = s.a().selectedPair().orElseThrow();
    CandidatePair pb = s.b().selectedPair().orElseThrow();
    assertThat(relayInvolved(pa) || relayInvolved(pb)).as("no relay: A %s, B %s", pa, pb).isFalse();
    assertThat(pa.remote().type()).as("A's remote: %s", pa).isIn(CandidateType.SRFLX, CandidateType.PRFLX);
    assertThat(pb.remote().type()).as("B's remote: %s", pb).isIn(CandidateType.SRFLX, CandidateType.PRFLX);
    assertThat(s.network().stats().lost).isPositive();
    assertDataBothWays(s, 0.15, 1);
  }

  /**
   * Bursty loss (Gilbert-Elliott: bursts of mean length 1 / 0.3 = 3.3 datagrams at 80 % loss,
   * entered with 10 % per datagram, 1 % loss between bursts; about 20 % loss on average) on every
   * link, relay-only so all the connectivity checks go through the TURN server: still connects.
   */
  @ParameterizedTest(name = "seed {0}")
  @CsvSource({"321", "325", "328", "332"})
  void burstLossDuringChecksOnARelayPathStillConnects(long seed) {
    assertConnectsThroughBurstLoss(seed);
  }

  /**
   * Seed 331 connected within 26 s until the TURN client started accepting ChannelData on a
   * channel whose ChannelBind is unanswered (RFC 8656 §12.1): the run's trajectory changed and at
   * 26 s A is still checking while B selected a pair. A bound on the connect time under 20 % burst
   * loss is not something ICE guarantees (see IceLossSeedSweepTest#mostBurstSeedsConnect); what it
   * must guarantee is the same as for the sweep's seeds: both sides end on one pair or both fail.
   */
  @ParameterizedTest(name = "seed {0}")
  @CsvSource({"331"})
  void burstLossSeedThatNoLongerConnectsIn26SecondsStillConverges(long seed) {
    IceLossSeedSweepTest.burstSeedConnects(seed);
  }

  /**
   * Seed 322 connects (both sides completed on the relay-to-relay pair) but A then receives none of
   * B's 200 messages: B's data reaches the TURN server, which relays it to A as ChannelData on the
   * channel A bound when it selected the pair; A's ChannelBind success response was lost, and
   * {@code TurnClient.handleChannelData} drops ChannelData on a channel whose ChannelBind is not yet
   * answered. RFC 8656 12.1 (as RFC 5766 11.2): the client has to be prepared to receive
   * ChannelData as soon as it sent the ChannelBind request; the client now does (and keeps a
   * channel whose ChannelBind went unanswered for receiving).
   */
  @ParameterizedTest(name = "seed {0}")
  @CsvSource({"322"})
  void burstLossWhereAChannelBindAnswerIsLostStillDeliversData(long seed) {
    assertConnectsThroughBurstLoss(seed);
  }

  /**
   * Seed 323 (one of 7 of the seeds 321..360 that failed this way): relay-only, one pair. B's
   * checks reach A while A's own check on that pair is in progress. A used to answer them without
   * doing anything else, so when its own seven transmissions were lost the pair failed and A
   * reached failed at about 13 s while B, whose check had succeeded, waited for a nomination for
   * ever. RFC 8445 7.3.1.4: the in-progress transaction is cancelled (no more retransmissions, a
   * late response still counts) and a triggered check with a fresh schedule goes out at once.
   */
  @ParameterizedTest(name = "seed {0}")
  @CsvSource({"323"})
  void burstLossWherePeerChecksArriveDuringAnInProgressCheckStillConnects(long seed) {
    assertConnectsThroughBurstLoss(seed);
  }

  /**
   * Seed 324 was kept with 323 as the same bug, but it is not connectable: after 1.6 s no Binding
   * success response reaches A at all (its uplink to the TURN server and its downlink stay in the
   * bad state, with only A's sparse retransmissions and B's checks to move the chain on), and
   * without a response no agent has a valid pair (RFC 8445 7.2.5.3). What the agents must do is
   * agree: before the fixes A failed while B held a valid pair and stayed checking for ever; now
   * A's checks restart on every check of B (7.3.1.4), B re-checks its valid pair while it waits for
   * a nomination, and when that times out too both sides end failed.
   */
  @Test
  void aRelayPathThatNeverAnswersTheControllingAgentFailsBothSides() {
    IceScenario s = burstLossRelayOnly(324);
    s.start();
    s.runFor(60 * SECOND);
    long responsesToA = s.a().agent().pairStats().stream().mapToLong(IcePairStats::responsesReceived).sum();
    assertThat(responsesToA).as("success responses A received: %s", s).isZero();
    assertThat(s.b().agent().pairStats()).as("B did have a valid pair").anyMatch(p -> p.responsesReceived() > 0);
    assertThat(s.a().state()).isEqualTo(IceConnectionState.FAILED);
    assertThat(s.b().state()).as("B does not wait for ever").isEqualTo(IceConnectionState.FAILED);
    assertThat(s.b().selectedPair()).isEmpty();
    assertThat(s.network().stats().lost).isPositive();
  }

  /** The Gilbert-Elliott model of the burst tests; see {@link #burstLossDuringChecksOnARelayPathStillConnects}. */
  static final LinkConditions.GilbertElliott BURSTS = new LinkConditions.GilbertElliott(0.10, 0.30, 0.01, 0.80);

  /** Mean loss of {@link #BURSTS}: P(bad) = 0.10 / (0.10 + 0.30) = 0.25, so 0.25 x 0.80 + 0.75 x 0.01. */
  static final double BURST_MEAN_LOSS = 0.25 * 0.80 + 0.75 * 0.01;

  /**
   * How long the sides may disagree after connecting: a nomination that timed out is repeated once
   * B's next check on the pair (every 2.5 to 6 s: its consent cadence) made it valid again; the
   * triggered check and the repeated nomination each may need their full 9.75 s schedule.
   */
  static final long CONVERGE_BOUND = 6 * SECOND + 2 * 9_750 * MS;

  static IceScenario burstLossRelayOnly(long seed) {
    IceScenario.Builder b = IceScenario.builder(seed).link(LinkConditions.delay(50 * MS).withBurstLoss(BURSTS));
    b.a().nat(SYMMETRIC).turn(true).policy(IceTransportPolicy.RELAY);
    b.b().nat(SYMMETRIC).turn(true).policy(IceTransportPolicy.RELAY);
    return b.build();
  }

  /**
   * Both have a selected pair and they are one path: what each sees as its local candidate's
   * address is what the other sees as the remote address (the valid pair's local candidate is the
   * mapped address, RFC 8445 7.2.5.3.2, so this holds through NATs and relays).
   */
  static boolean onTheSamePair(IceScenario s) {
    var pa = s.a().selectedPair();
    var pb = s.b().selectedPair();
    return pa.isPresent() && pb.isPresent() && pa.get().local().address().equals(pb.get().remote().address())
        && pb.get().local().address().equals(pa.get().remote().address());
  }

  private static void assertConnectsThroughBurstLoss(long seed) {
    IceScenario s = burstLossRelayOnly(seed);
    s.start();
    assertThat(s.runUntilConnected(CONNECT_BOUND)).as("connected: %s", s).isTrue();
    s.runFor(2 * SECOND);
    assertThat(s.a().state()).isIn(IceConnectionState.CONNECTED, IceConnectionState.COMPLETED);
    assertThat(s.b().state()).isIn(IceConnectionState.CONNECTED, IceConnectionState.COMPLETED);
    CandidatePair pa = s.a().selectedPair().orElseThrow();
    CandidatePair pb = s.b().selectedPair().orElseThrow();
    assertThat(pa.local().type()).isEqualTo(CandidateType.RELAY);
    assertThat(pb.local().type()).isEqualTo(CandidateType.RELAY);
    assertThat(s.network().stats().lost).as("bursts did hit").isPositive();
    assertThat(s.turnServer().counters().toPeer).isPositive();
    assertThat(onTheSamePair(s)).as("one pair: %s", s).isTrue();
    double meanLoss = BURST_MEAN_LOSS;
    // Bursts correlate the losses of consecutive datagrams (state persistence 1 - 0.1 - 0.3 = 0.6
    // inflates the variance of a count by (1 + 0.6) / (1 - 0.6) = 4): twice the standard deviation.
    assertDataBothWays(s, meanLoss, hops(pa), 8);
  }

  private static IceScenario symmetricWithTurn(long seed, LinkConditions link) {
    IceScenario.Builder b = IceScenario.builder(seed).link(link);
    b.a().nat(SYMMETRIC).turn(true);
    b.b().nat(SYMMETRIC).turn(true);
    return b.build();
  }

  /**
   * Lossy links one message crosses on A's selected pair: direct 1; relay at one end 2 (client to
   * TURN server, TURN server to peer, or back); relay to relay 3 (client to server, relayed
   * address to relayed address, server to client).
   */
  static int hops(CandidatePair p) {
    boolean localRelay = p.local().type() == CandidateType.RELAY;
    boolean remoteRelay = p.remote().type() == CandidateType.RELAY;
    return (localRelay ? 1 : 0) + (remoteRelay ? 1 : 0) + 1;
  }

  /**
   * Sends {@link #MESSAGES} each way, 10 ms apart, and expects at least the mean number delivered
   * over {@code hops} links of {@code loss} minus four standard deviations of that binomial
   * (exactly all of them without loss), each on the receiver's selected pair and none twice.
   */
  static void assertDataBothWays(IceScenario s, double loss, int hops) {
    assertDataBothWays(s, loss, hops, 4);
  }

  /** As {@link #assertDataBothWays(IceScenario, double, int)}, with {@code sigmas} standard deviations of slack. */
  static void assertDataBothWays(IceScenario s, double loss, int hops, double sigmas) {
    CandidatePair pa = s.a().selectedPair().orElseThrow();
    CandidatePair pb = s.b().selectedPair().orElseThrow();
    int beforeA = s.a().received().size();
    int beforeB = s.b().received().size();
    for (int i = 0; i < MESSAGES; i++) {
      assertThat(s.a().send("a" + i)).as("A sends").isTrue();
      assertThat(s.b().send("b" + i)).as("B sends").isTrue();
      s.runFor(10 * MS);
    }
    s.runFor(SECOND);
    double delivery = Math.pow(1 - loss, hops);
    double mean = MESSAGES * delivery;
    int atLeast = (int) Math.floor(mean - sigmas * Math.sqrt(MESSAGES * delivery * (1 - delivery)));
    List<SimIceAgent.Received> atB = s.b().received().subList(beforeB, s.b().received().size());
    List<SimIceAgent.Received> atA = s.a().received().subList(beforeA, s.a().received().size());
    for (var check : List.of(new Object[] {"B", atB, pb, "a"}, new Object[] {"A", atA, pa, "b"})) {
      @SuppressWarnings("unchecked")
      List<SimIceAgent.Received> got = (List<SimIceAgent.Received>) check[1];
      CandidatePair selected = (CandidatePair) check[2];
      List<String> texts = got.stream().map(SimIceAgent.Received::text).toList();
      assertThat(texts).as("%s got only the peer's messages, none twice", check[0])
          .allMatch(t -> t.startsWith((String) check[3])).doesNotHaveDuplicates();
      if (loss == 0) {
        assertThat(got).as("%s lost nothing: %s", check[0], s).hasSize(MESSAGES);
      } else {
        assertThat(got).as("%s received (at least %d of %d at %.0f%% over %d hops): %s", check[0], atLeast, MESSAGES,
            loss * 100, hops, s).hasSizeBetween(atLeast, MESSAGES);
      }
      assertThat(got).as("%s got everything on its selected pair", check[0])
          .allSatisfy(r -> assertThat(r.pair().remote().address()).isEqualTo(selected.remote().address()));
    }
  }
}

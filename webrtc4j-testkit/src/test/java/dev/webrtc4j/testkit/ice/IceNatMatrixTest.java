package dev.webrtc4j.testkit.ice;

import static dev.webrtc4j.testkit.ice.IceScenario.SECOND;
import static dev.webrtc4j.testkit.ice.ScenarioAssertions.assertConnectedWithData;
import static dev.webrtc4j.testkit.ice.ScenarioAssertions.relayInvolved;
import static org.assertj.core.api.Assertions.assertThat;

import dev.webrtc4j.internal.ice.CandidatePair;
import dev.webrtc4j.internal.ice.CandidateType;
import dev.webrtc4j.internal.ice.IceConnectionState;
import dev.webrtc4j.internal.ice.IceTransportPolicy;
import dev.webrtc4j.testkit.ice.IceScenario.NatType;
import dev.webrtc4j.testkit.net.NatBehavior;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two agents through every pairing of "no NAT" and the nine RFC 4787 mapping × filtering NATs, both
 * with a STUN server. Where hole punching can work, ICE connects directly (host, srflx, prflx, no
 * relay); where it cannot, it fails without TURN and connects through the TURN server, both with
 * iceTransportPolicy all and relay.
 */
class IceNatMatrixTest {

  static Stream<Arguments> allPairings() {
    List<@Nullable NatType> sides = new ArrayList<>();
    sides.add(null);
    sides.addAll(NatType.all());
    List<Arguments> out = new ArrayList<>();
    long seed = 1000;
    for (NatType a : sides) {
      for (NatType b : sides) {
        out.add(Arguments.of(name(a), name(b), a, b, seed++));
      }
    }
    return out.stream();
  }

  static Stream<Arguments> blockedPairings() {
    return allPairings().filter(args -> !directPossible((NatType) args.get()[2], (NatType) args.get()[3]));
  }

  /** Blocked pairings where the agent, with TURN and policy all, does connect through the relay. */
  static Stream<Arguments> blockedPairingsWithoutPrflxStorm() {
    return blockedPairings().filter(args -> !prflxStorm((NatType) args.get()[2], (NatType) args.get()[3]));
  }

  static Stream<Arguments> blockedPairingsWithPrflxStorm() {
    return blockedPairings().filter(args -> prflxStorm((NatType) args.get()[2], (NatType) args.get()[3]));
  }

  /**
   * Both sides map per address and port and at least one filter lets a stranger's first datagram
   * in while the other admits other ports of a contacted IP: every check then leaves from a fresh
   * mapping, each side learns a new peer-reflexive candidate per check, answers it with a triggered
   * check from yet another mapping, and so on. The endless stream of high-priority prflx pairs
   * filled the checklist (100 pairs) and evicted the relay pairs (RFC 8445 §6.1.2.5 pruning), so the
   * agent failed although TURN would work; the checklist now evicts unstarted prflx pairs first.
   * A regression test of its own.
   */
  static boolean prflxStorm(@Nullable NatType a, @Nullable NatType b) {
    if (a == null || b == null || a.mapping() != NatBehavior.ADDRESS_AND_PORT_DEPENDENT
        || b.mapping() != NatBehavior.ADDRESS_AND_PORT_DEPENDENT) {
      return false;
    }
    boolean anyEif = a.filtering() == NatBehavior.ENDPOINT_INDEPENDENT || b.filtering() == NatBehavior.ENDPOINT_INDEPENDENT;
    boolean noApdf = a.filtering() != NatBehavior.ADDRESS_AND_PORT_DEPENDENT && b.filtering() != NatBehavior.ADDRESS_AND_PORT_DEPENDENT;
    return anyEif && noApdf;
  }

  static String name(@Nullable NatType t) {
    return t == null ? "public" : t.toString();
  }

  /**
   * Whether UDP hole punching with STUN-learned (and peer-reflexive) addresses can work, from the
   * RFC 4787 behaviours (the reasoning is in docs/design/simulated-ice.md): if neither side's
   * mapping depends on the destination, always; if one side's does, its checks come from ports the
   * other side never sent to, which only an address-and-port-dependent filter on the other side
   * refuses; if both do, not with APDM on both sides (every check opens yet another mapping), and
   * otherwise only if one side's filter is endpoint-independent (a first check must enter through
   * a mapping made for the STUN server) while the other side's is not address-and-port-dependent.
   */
  static boolean directPossible(@Nullable NatType a, @Nullable NatType b) {
    NatBehavior ma = a == null ? NatBehavior.ENDPOINT_INDEPENDENT : a.mapping();
    NatBehavior fa = a == null ? NatBehavior.ENDPOINT_INDEPENDENT : a.filtering();
    NatBehavior mb = b == null ? NatBehavior.ENDPOINT_INDEPENDENT : b.mapping();
    NatBehavior fb = b == null ? NatBehavior.ENDPOINT_INDEPENDENT : b.filtering();
    boolean depA = ma != NatBehavior.ENDPOINT_INDEPENDENT;
    boolean depB = mb != NatBehavior.ENDPOINT_INDEPENDENT;
    if (!depA && !depB) {
      return true;
    }
    if (depA && !depB) {
      return fb != NatBehavior.ADDRESS_AND_PORT_DEPENDENT;
    }
    if (!depA) {
      return fa != NatBehavior.ADDRESS_AND_PORT_DEPENDENT;
    }
    if (ma == NatBehavior.ADDRESS_AND_PORT_DEPENDENT && mb == NatBehavior.ADDRESS_AND_PORT_DEPENDENT) {
      return false;
    }
    boolean aOpens = fa == NatBehavior.ENDPOINT_INDEPENDENT && fb != NatBehavior.ADDRESS_AND_PORT_DEPENDENT;
    boolean bOpens = fb == NatBehavior.ENDPOINT_INDEPENDENT && fa != NatBehavior.ADDRESS_AND_PORT_DEPENDENT;
    return aOpens || bOpens;
  }

  @ParameterizedTest(name = "{0} <-> {1}")
  @MethodSource("allPairings")
  void connectsDirectlyWhereHolePunchingWorksAndFailsWithoutTurnWhereItCannot(String nameA, String nameB,
      @Nullable NatType natA, @Nullable NatType natB, long seed) {
    IceScenario s = scenario(seed, natA, natB, false, IceTransportPolicy.ALL);
    s.start();
    if (directPossible(natA, natB)) {
      assertThat(s.runUntilConnected(10 * SECOND)).as("connected: %s", s).isTrue();
      assertConnectedWithData(s);
      CandidatePair pa = s.a().selectedPair().orElseThrow();
      CandidatePair pb = s.b().selectedPair().orElseThrow();
      assertThat(relayInvolved(pa) || relayInvolved(pb)).as("no relay: %s", s).isFalse();
      // A NATed peer is reached on its public face (srflx or prflx), a public one on its host address.
      assertThat(pa.remote().type()).as("A's remote: %s", pa)
          .isIn(natB == null ? List.of(CandidateType.HOST) : List.of(CandidateType.SRFLX, CandidateType.PRFLX));
      assertThat(pb.remote().type()).as("B's remote: %s", pb)
          .isIn(natA == null ? List.of(CandidateType.HOST) : List.of(CandidateType.SRFLX, CandidateType.PRFLX));
    } else {
      boolean failed = s.runUntil(() -> s.a().state() == IceConnectionState.FAILED
          && s.b().state() == IceConnectionState.FAILED, 60 * SECOND);
      assertThat(failed).as("both failed: %s", s).isTrue();
      assertThat(s.a().firstTimeIn(IceConnectionState.CONNECTED, 0)).isEqualTo(-1);
      assertThat(s.b().firstTimeIn(IceConnectionState.CONNECTED, 0)).isEqualTo(-1);
    }
  }

  @ParameterizedTest(name = "{0} <-> {1}")
  @MethodSource("blockedPairingsWithoutPrflxStorm")
  void connectsThroughTurnWhereHolePunchingCannot(String nameA, String nameB, @Nullable NatType natA,
      @Nullable NatType natB, long seed) {
    assertConnectsThroughTurn(natA, natB, seed);
  }

  @ParameterizedTest(name = "{0} <-> {1}")
  @MethodSource("blockedPairingsWithPrflxStorm")
  void connectsThroughTurnDespiteAPeerReflexiveStorm(String nameA, String nameB, @Nullable NatType natA,
      @Nullable NatType natB, long seed) {
    assertConnectsThroughTurn(natA, natB, seed);
  }

  private static void assertConnectsThroughTurn(@Nullable NatType natA, @Nullable NatType natB, long seed) {
    IceScenario s = scenario(seed, natA, natB, true, IceTransportPolicy.ALL);
    s.start();
    assertThat(s.runUntilConnected(10 * SECOND)).as("connected: %s", s).isTrue();
    assertConnectedWithData(s);
    CandidatePair pa = s.a().selectedPair().orElseThrow();
    CandidatePair pb = s.b().selectedPair().orElseThrow();
    assertThat(relayInvolved(pa)).as("A's pair through the relay: %s", pa).isTrue();
    assertThat(relayInvolved(pb)).as("B's pair through the relay: %s", pb).isTrue();
    assertThat(s.turnServer().counters().toPeer).isPositive();
    assertThat(s.turnServer().counters().channelBinds).as("relayed data moves to ChannelData").isPositive();
  }

  @ParameterizedTest(name = "{0} <-> {1}")
  @MethodSource("blockedPairings")
  void connectsRelayOnlyWhereHolePunchingCannot(String nameA, String nameB, @Nullable NatType natA,
      @Nullable NatType natB, long seed) {
    IceScenario s = scenario(seed, natA, natB, true, IceTransportPolicy.RELAY);
    s.start();
    assertThat(s.runUntilConnected(10 * SECOND)).as("connected: %s", s).isTrue();
    assertConnectedWithData(s);
    assertThat(s.a().selectedPair().orElseThrow().local().type()).isEqualTo(CandidateType.RELAY);
    assertThat(s.b().selectedPair().orElseThrow().local().type()).isEqualTo(CandidateType.RELAY);
    assertThat(s.a().signalledCandidates()).extracting(c -> c.type()).containsOnly(CandidateType.RELAY);
    assertThat(s.b().signalledCandidates()).extracting(c -> c.type()).containsOnly(CandidateType.RELAY);
  }

  private static IceScenario scenario(long seed, @Nullable NatType natA, @Nullable NatType natB, boolean turn,
      IceTransportPolicy policy) {
    IceScenario.Builder b = IceScenario.builder(seed);
    b.a().nat(natA).turn(turn).policy(policy);
    b.b().nat(natB).turn(turn).policy(policy);
    return b.build();
  }
}

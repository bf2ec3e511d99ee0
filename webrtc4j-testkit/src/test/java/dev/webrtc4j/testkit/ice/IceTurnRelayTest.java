package dev.webrtc4j.testkit.ice;

import static dev.webrtc4j.testkit.ice.IceScenario.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import dev.webrtc4j.internal.ice.CandidatePair;
import dev.webrtc4j.internal.ice.CandidateType;
import dev.webrtc4j.internal.ice.IceTransportPolicy;
import dev.webrtc4j.testkit.ice.IceScenario.NatType;
import dev.webrtc4j.testkit.net.NatBehavior;
import org.junit.jupiter.api.Test;

/** Relayed connections through the simulated TURN server, end to end through the agent's TURN client. */
class IceTurnRelayTest {
  static final NatType SYMMETRIC = new NatType(NatBehavior.ADDRESS_AND_PORT_DEPENDENT, NatBehavior.ADDRESS_AND_PORT_DEPENDENT);

  @Test
  void relayedDataUsesChannelsAndClosingReleasesTheAllocations() {
    IceScenario.Builder b = IceScenario.builder(51);
    b.a().nat(SYMMETRIC).turn(true).policy(IceTransportPolicy.RELAY);
    b.b().nat(SYMMETRIC).turn(true).policy(IceTransportPolicy.RELAY);
    IceScenario s = b.build();
    s.start();
    assertThat(s.runUntilConnected(5 * SECOND)).as("%s", s).isTrue();
    s.runFor(SECOND);
    ScenarioAssertions.assertConnectedWithData(s);
    CandidatePair pa = s.a().selectedPair().orElseThrow();
    CandidatePair pb = s.b().selectedPair().orElseThrow();
    // relay <-> relay: each side's remote is the other's relayed address on the TURN server.
    assertThat(pa.remote().type()).isEqualTo(CandidateType.RELAY);
    assertThat(pb.remote().type()).isEqualTo(CandidateType.RELAY);
    assertThat(s.turnServer().relayedAddresses()).containsExactlyInAnyOrder(pa.local().address(), pb.local().address());
    SimTurnServerCounters c = SimTurnServerCounters.of(s);
    assertThat(c.channelBinds()).as("the agent binds a channel per peer").isGreaterThanOrEqualTo(2);
    assertThat(c.permissions()).isGreaterThanOrEqualTo(2);
    assertThat(c.toPeer()).isPositive();
    assertThat(c.toClient()).isPositive();

    s.a().close();
    s.b().close();
    s.runFor(SECOND);
    assertThat(s.turnServer().relayedAddresses()).isEmpty();
    assertThat(s.turnServer().counters().deleted).isEqualTo(2);
  }

  /** A view of the server's counters, so assertions read as names. */
  record SimTurnServerCounters(long channelBinds, long permissions, long toPeer, long toClient) {
    static SimTurnServerCounters of(IceScenario s) {
      var c = s.turnServer().counters();
      return new SimTurnServerCounters(c.channelBinds, c.permissions, c.toPeer, c.toClient);
    }
  }
}

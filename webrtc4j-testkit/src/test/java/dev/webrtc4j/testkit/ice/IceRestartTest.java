package dev.webrtc4j.testkit.ice;

import static dev.webrtc4j.testkit.ice.IceScenario.MS;
import static dev.webrtc4j.testkit.ice.IceScenario.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import dev.webrtc4j.internal.ice.CandidatePair;
import dev.webrtc4j.internal.ice.IceConnectionState;
import dev.webrtc4j.internal.ice.IceCredentials;
import dev.webrtc4j.internal.ice.IceEvent;
import dev.webrtc4j.testkit.ice.IceScenario.NatType;
import dev.webrtc4j.testkit.net.NatBehavior;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ICE restart (RFC 8445 §9) over the simulated network, driven through signaling as an application would. */
class IceRestartTest {
  static final NatType CONE = new NatType(NatBehavior.ENDPOINT_INDEPENDENT, NatBehavior.ADDRESS_AND_PORT_DEPENDENT);

  static IceScenario connected(long seed) {
    IceScenario.Builder b = IceScenario.builder(seed);
    b.a().nat(CONE);
    b.b().nat(CONE);
    IceScenario s = b.build();
    s.start();
    assertThat(s.runUntilConnected(5 * SECOND)).as("connected: %s", s).isTrue();
    s.runFor(2 * SECOND);
    ScenarioAssertions.assertConnectedWithData(s);
    return s;
  }

  static long selectedPairChangedAfter(SimIceAgent x, long since) {
    return x.events().stream()
        .filter(t -> t.at() > since && t.value() instanceof IceEvent.SelectedPairChanged p && p.pair() != null)
        .mapToLong(SimIceAgent.Timed::at).findFirst().orElse(-1);
  }

  @Test
  void bothSidesReconnectOnNewCredentialsAndDataFlowsThroughout() {
    IceScenario s = connected(31);
    IceCredentials oldA = s.a().agent().localCredentials();
    IceCredentials oldB = s.b().agent().localCredentials();
    CandidatePair oldPairA = s.a().selectedPair().orElseThrow();
    long restartAt = s.now();
    s.a().restart();

    // Data every 10 ms both ways while the restart runs: none is lost (the links are loss-free).
    List<String> sentByA = new ArrayList<>();
    List<String> sentByB = new ArrayList<>();
    int beforeA = s.a().received().size();
    int beforeB = s.b().received().size();
    for (int i = 0; i < 150; i++) {
      String ma = "a" + i;
      String mb = "b" + i;
      assertThat(s.a().send(ma)).as("A can send at %d ms", (s.now() - restartAt) / MS).isTrue();
      assertThat(s.b().send(mb)).as("B can send at %d ms", (s.now() - restartAt) / MS).isTrue();
      sentByA.add(ma);
      sentByB.add(mb);
      s.runFor(10 * MS);
    }
    s.runFor(200 * MS);
    assertThat(s.b().receivedTexts().subList(beforeB, s.b().received().size())).containsExactlyElementsOf(sentByA);
    assertThat(s.a().receivedTexts().subList(beforeA, s.a().received().size())).containsExactlyElementsOf(sentByB);

    long newA = selectedPairChangedAfter(s.a(), restartAt);
    long newB = selectedPairChangedAfter(s.b(), restartAt);
    assertThat(newA).as("A selected a pair of the new generation").isPositive();
    assertThat(newB).as("B selected a pair of the new generation").isPositive();
    assertThat(newA - restartAt).isLessThan(1_500 * MS);

    // New credentials on both sides, each side knows the other's new ones.
    IceCredentials newCredsA = s.a().agent().localCredentials();
    IceCredentials newCredsB = s.b().agent().localCredentials();
    assertThat(newCredsA).isNotEqualTo(oldA);
    assertThat(newCredsB).isNotEqualTo(oldB);
    assertThat(s.a().agent().remoteCredentials()).contains(newCredsB);
    assertThat(s.b().agent().remoteCredentials()).contains(newCredsA);
    assertThat(s.a().isConnected() && s.b().isConnected()).isTrue();
    // Until the new pair was selected, A's data went on the old pair: B received it from A's old address.
    List<SimIceAgent.Received> beforeSwitch = s.b().received().subList(beforeB, s.b().received().size()).stream()
        .filter(r -> r.at() < newB).toList();
    assertThat(beforeSwitch).isNotEmpty();
    assertThat(beforeSwitch).allSatisfy(r -> assertThat(r.pair().remote().address())
        .isEqualTo(s.b().events().stream().filter(t -> t.at() <= restartAt)
            .map(SimIceAgent.Timed::value).filter(e -> e instanceof IceEvent.SelectedPairChanged p && p.pair() != null)
            .map(e -> ((IceEvent.SelectedPairChanged) e).pair().remote().address()).reduce((x, y) -> y).orElseThrow()));
    assertThat(oldPairA.localBase()).isEqualTo(s.a().selectedPair().orElseThrow().localBase());
    ScenarioAssertions.assertConnectedWithData(s, "after restart");
  }

  @Test
  void aRestartAfterTheHostMovedBehindAnotherNatRecoversAFailedConnection() {
    IceScenario s = connected(32);
    InetSocketAddress oldFace = s.b().selectedPair().orElseThrow().remote().address();
    long moved = s.now();
    s.moveA(new NatType(NatBehavior.ENDPOINT_INDEPENDENT, NatBehavior.ADDRESS_DEPENDENT));
    // The old path is gone: B loses consent and fails (A lost its pair with the socket).
    assertThat(s.runUntil(() -> s.b().state() == IceConnectionState.FAILED, 40 * SECOND)).as("%s", s).isTrue();
    assertThat(s.b().firstTimeIn(IceConnectionState.FAILED, moved) - moved).isBetween(23_900 * MS, 30_100 * MS);
    assertThat(s.a().isConnected()).as("A without its socket: %s", s.a()).isFalse();

    long restartAt = s.now();
    s.a().restart();
    assertThat(s.runUntilConnected(5 * SECOND)).as("reconnected: %s", s).isTrue();
    assertThat(s.now() - restartAt).isLessThan(3 * SECOND);
    CandidatePair pb = s.b().selectedPair().orElseThrow();
    assertThat(pb.remote().address().getAddress()).as("B reaches A through its new NAT")
        .isEqualTo(s.movedNat().externalIp());
    assertThat(pb.remote().address()).isNotEqualTo(oldFace);
    assertThat(s.a().selectedPair().orElseThrow().localBase()).isEqualTo(new InetSocketAddress(IceScenario.ip("10.0.3.2"), 5000));
    ScenarioAssertions.assertConnectedWithData(s, "after move");
  }
}

package dev.webrtc4j.internal.ice;

import static dev.webrtc4j.internal.ice.IceTestNet.MS;
import static dev.webrtc4j.internal.ice.IceTestNet.addr;
import static dev.webrtc4j.internal.ice.IceTestNet.data;
import static dev.webrtc4j.internal.ice.IceTestNet.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.webrtc4j.internal.ice.IceEvent.AppData;
import dev.webrtc4j.internal.ice.IceEvent.ConnectionStateChanged;
import dev.webrtc4j.internal.ice.IceEvent.SelectedPairChanged;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Consent freshness (RFC 7675), disconnected/failed timing, and ICE restart. */
class IceConsentAndRestartTest {
  static final IceCredentials CA = IceAgentTest.CA;
  static final IceCredentials CB = IceAgentTest.CB;
  static final IceCredentials CA2 = new IceCredentials("aaa2", "passwordpasswordAAAAA2");
  static final IceCredentials CB2 = new IceCredentials("bbb2", "passwordpasswordBBBBB2");
  static final InetSocketAddress A1 = IceAgentTest.A1;
  static final InetSocketAddress B1 = IceAgentTest.B1;

  final IceTestNet net = new IceTestNet(new StunCodecBridge());
  IceAgent a;
  IceAgent b;

  static IceConfig.Timings timings(long disconnectedMs, long failedMs) {
    IceConfig.Timings d = IceConfig.Timings.defaults();
    return new IceConfig.Timings(d.ta(), d.checkRto(), d.checkRtoMax(), d.checkMaxTransmissions(), d.stunRto(),
        d.stunMaxTransmissions(), d.nominationDelay(), d.consentInterval(), disconnectedMs * MS, failedMs * MS, d.maxPairs());
  }

  void connect(IceConfig.Timings timings) {
    a = new IceAgent(IceConfig.builder(CA, IceRole.CONTROLLING, 10).timings(timings).build(), new SplittableRandom(1));
    b = new IceAgent(IceConfig.builder(CB, IceRole.CONTROLLED, 20).timings(timings).build(), new SplittableRandom(2));
    net.socket(a, A1);
    net.socket(b, B1);
    a.startGathering(net.now);
    b.startGathering(net.now);
    a.setRemoteCredentials(net.now, CB);
    b.setRemoteCredentials(net.now, CA);
    a.localCandidates().forEach(c -> b.addRemoteCandidate(net.now, c));
    b.localCandidates().forEach(c -> a.addRemoteCandidate(net.now, c));
    a.endOfRemoteCandidates(net.now);
    b.endOfRemoteCandidates(net.now);
    assertThat(net.runUntil(() -> a.connectionState() == IceConnectionState.COMPLETED
        && b.connectionState() == IceConnectionState.COMPLETED, 3_000)).isTrue();
  }

  List<IceConnectionState> statesOf(IceAgent x) {
    return net.events(x, ConnectionStateChanged.class).stream().map(ConnectionStateChanged::state).toList();
  }

  @Test
  void peerThatStopsAnsweringIsDisconnectedWithinTheTimeoutThenFailed() {
    connect(IceConfig.Timings.defaults());
    net.runFor(20_000);
    assertThat(a.connectionState()).as("an idle live pair stays fresh").isEqualTo(IceConnectionState.COMPLETED);
    net.drop = d -> d.source().equals(B1);
    long t0 = net.now;
    assertThat(net.runUntil(() -> a.connectionState() == IceConnectionState.DISCONNECTED, 10_000)).isTrue();
    long disconnectedAfter = net.now - t0;
    assertThat(disconnectedAfter).isBetween(2_500 * MS, 5_000 * MS);
    assertThat(a.sendAppData(net.now, data("still trying"))).as("disconnected is not failed").isTrue();
    assertThat(net.runUntil(() -> a.connectionState() == IceConnectionState.FAILED, 40_000)).isTrue();
    long failedAfter = net.now - t0;
    assertThat(failedAfter).isBetween(27_500 * MS, 30_000 * MS);
    assertThat(a.sendAppData(net.now, data("x"))).as("RFC 7675: no data after consent expired").isFalse();
    assertThat(statesOf(a)).endsWith(IceConnectionState.COMPLETED, IceConnectionState.DISCONNECTED, IceConnectionState.FAILED);
  }

  @Test
  void configuredTimingsApply() {
    connect(timings(1_000, 4_000));
    net.drop = d -> d.source().equals(B1);
    long t0 = net.now;
    assertThat(net.runUntil(() -> a.connectionState() == IceConnectionState.DISCONNECTED, 10_000)).isTrue();
    assertThat(net.now - t0).isLessThanOrEqualTo(1_000 * MS);
    assertThat(net.runUntil(() -> a.connectionState() == IceConnectionState.FAILED, 10_000)).isTrue();
    assertThat(net.now - t0).isBetween(3_500 * MS, 4_000 * MS);
  }

  @Test
  void trafficResumingBeforeFailureBringsTheStateBack() {
    connect(IceConfig.Timings.defaults());
    net.drop = d -> d.source().equals(B1);
    assertThat(net.runUntil(() -> a.connectionState() == IceConnectionState.DISCONNECTED, 10_000)).isTrue();
    net.runFor(5_000);
    net.drop = d -> false;
    assertThat(net.runUntil(() -> a.connectionState() == IceConnectionState.COMPLETED, 5_000)).isTrue();
    assertThat(statesOf(a)).endsWith(IceConnectionState.DISCONNECTED, IceConnectionState.CONNECTED,
        IceConnectionState.COMPLETED);
    net.runFor(40_000);
    assertThat(a.connectionState()).isEqualTo(IceConnectionState.COMPLETED);
  }

  @Test
  void consentChecksAreRandomizedAroundTheIntervalWhileDataFlows() {
    connect(IceConfig.Timings.defaults());
    List<Long> consentRequests = new ArrayList<>();
    net.tap = (t, d) -> {
      // a STUN Binding request (type 0x0001) from a on the selected pair
      if (d.source().equals(A1) && d.length() >= 20 && d.payload().getShort(d.payload().position()) == 0x0001) {
        consentRequests.add(t);
      }
    };
    for (int i = 0; i < 300; i++) {
      a.sendAppData(net.now, data("a" + i));
      b.sendAppData(net.now, data("b" + i));
      net.runFor(200);
    }
    assertThat(consentRequests.size()).isBetween(10, 15);
    for (int i = 1; i < consentRequests.size(); i++) {
      assertThat(consentRequests.get(i) - consentRequests.get(i - 1)).isBetween(4_000 * MS, 6_000 * MS);
    }
    assertThat(net.events(b, AppData.class)).hasSize(300);
  }

  @Test
  void restartKeepsDataFlowingOnTheOldPairUntilTheNewPairIsSelected() {
    connect(IceConfig.Timings.defaults());
    CandidatePair oldPair = a.selectedPair().orElseThrow();
    int statesBefore = statesOf(a).size();

    a.restart(net.now, CA2);
    b.restart(net.now, CB2);
    assertThat(a.localCredentials()).isEqualTo(CA2);
    assertThat(a.selectedPair()).contains(oldPair);
    a.startGathering(net.now);
    b.startGathering(net.now);
    net.runFor(0);
    assertThat(net.events(a, IceEvent.LocalCandidate.class)).last().extracting(IceEvent.LocalCandidate::ufrag)
        .isEqualTo("aaa2");

    // Signalling of the new generation is slow: data keeps flowing meanwhile, consent too.
    for (int i = 0; i < 40; i++) {
      assertThat(a.sendAppData(net.now, data("during " + i))).isTrue();
      net.runFor(250);
    }
    assertThat(net.events(b, AppData.class)).extracting(e -> text(e.payload())).contains("during 0", "during 39");
    assertThat(net.events(a, SelectedPairChanged.class)).hasSize(1);
    assertThat(a.connectionState()).isEqualTo(IceConnectionState.CONNECTED);

    a.setRemoteCredentials(net.now, CB2);
    b.setRemoteCredentials(net.now, CA2);
    a.localCandidates().forEach(c -> b.addRemoteCandidate(net.now, c));
    b.localCandidates().forEach(c -> a.addRemoteCandidate(net.now, c));
    a.endOfRemoteCandidates(net.now);
    b.endOfRemoteCandidates(net.now);
    assertThat(net.runUntil(() -> net.events(a, SelectedPairChanged.class).size() == 2
        && net.events(b, SelectedPairChanged.class).size() == 2, 3_000)).isTrue();
    assertThat(net.runUntil(() -> a.connectionState() == IceConnectionState.COMPLETED, 3_000)).isTrue();
    assertThat(statesOf(a).subList(statesBefore, statesOf(a).size()))
        .as("no checking/disconnected while the old pair carried data")
        .doesNotContain(IceConnectionState.CHECKING, IceConnectionState.DISCONNECTED, IceConnectionState.FAILED);

    int before = net.events(b, AppData.class).size();
    assertThat(a.sendAppData(net.now, data("after"))).isTrue();
    net.runFor(50);
    assertThat(net.events(b, AppData.class)).hasSize(before + 1);
    // the old credentials are gone once the new pair is selected
    net.runFor(20_000);
    assertThat(a.connectionState()).isEqualTo(IceConnectionState.COMPLETED);
    assertThat(b.connectionState()).isEqualTo(IceConnectionState.COMPLETED);
  }

  @Test
  void restartMovesToANewPairWhenTheNetworkChanged() {
    connect(IceConfig.Timings.defaults());
    InetSocketAddress a2 = addr("10.0.1.1", 5100);
    a.restart(net.now, CA2);
    b.restart(net.now, CB2);
    net.socket(a, a2);
    a.removeLocalSocket(net.now, A1); // the old network went away
    assertThat(a.selectedPair()).isEmpty();
    net.runFor(0);
    assertThat(net.events(a, SelectedPairChanged.class)).last().isEqualTo(new SelectedPairChanged(null));
    a.startGathering(net.now);
    b.startGathering(net.now);
    a.setRemoteCredentials(net.now, CB2);
    b.setRemoteCredentials(net.now, CA2);
    a.localCandidates().forEach(c -> b.addRemoteCandidate(net.now, c));
    b.localCandidates().forEach(c -> a.addRemoteCandidate(net.now, c));
    assertThat(net.runUntil(() -> a.selectedPair().isPresent() && b.selectedPair().isPresent()
        && b.selectedPair().get().remote().address().equals(a2), 3_000)).isTrue();
    assertThat(a.selectedPair().orElseThrow().localBase()).isEqualTo(a2);
  }
}

package dev.webrtc4j.internal.ice;

import static dev.webrtc4j.internal.ice.IceTestNet.MS;
import static dev.webrtc4j.internal.ice.IceTestNet.addr;
import static org.assertj.core.api.Assertions.assertThat;

import dev.webrtc4j.internal.ice.IceEvent.CandidateError;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Server-reflexive gathering behind an in-test NAT, peer-reflexive discovery, server errors, mDNS, policies. */
class IceNatAndServersTest {
  static final IceCredentials CA = IceAgentTest.CA;
  static final IceCredentials CB = IceAgentTest.CB;
  static final InetSocketAddress A_PRIVATE = addr("10.0.0.1", 5000);
  static final InetSocketAddress A_PUBLIC = addr("203.0.113.1", 40000);
  static final InetSocketAddress B_PUBLIC = addr("198.51.100.2", 6000);
  static final InetSocketAddress STUN = addr("198.51.100.9", 3478);
  static final String STUN_URL = "stun:stun.example.org:3478";

  final IceTestNet net = new IceTestNet(new StunCodecBridge());
  private long seed = 11;

  static final InetSocketAddress TURN = addr("198.51.100.10", 3478);
  static final InetSocketAddress RELAYED = addr("198.51.100.10", 50000);
  static final String TURN_URL = "turn:turn.example.org:3478?transport=udp";

  IceAgent agent(IceConfig config) {
    IceAgent x = new IceAgent(config, new SplittableRandom(seed++), new StunCodecBridge(), FakeRelay.factory(RELAYED));
    net.add(x);
    return x;
  }

  static IceServer turn() {
    return new IceServer(TURN_URL, TURN, "user", "secret");
  }

  static IceConfig.Builder config(IceCredentials c, IceRole role, long tie) {
    return IceConfig.builder(c, role, tie);
  }

  void exchangeAndConnect(IceAgent a, IceAgent b, boolean signalAToB) {
    a.setRemoteCredentials(net.now, CB);
    b.setRemoteCredentials(net.now, CA);
    if (signalAToB) {
      a.localCandidates().forEach(c -> b.addRemoteCandidate(net.now, c));
    }
    b.localCandidates().forEach(c -> a.addRemoteCandidate(net.now, c));
    assertThat(net.runUntil(() -> a.selectedPair().isPresent() && b.selectedPair().isPresent(), 5_000)).isTrue();
  }

  @Test
  void gathersServerReflexiveBehindANatAndConnectsThroughIt() {
    net.nat(A_PRIVATE, A_PUBLIC);
    net.stunServer(STUN, 0);
    IceAgent a = agent(config(CA, IceRole.CONTROLLING, 10).server(IceServer.stun(STUN_URL, STUN)).build());
    IceAgent b = agent(config(CB, IceRole.CONTROLLED, 20).build());
    net.socket(a, A_PRIVATE);
    net.socket(b, B_PUBLIC);
    a.startGathering(net.now);
    b.startGathering(net.now);
    assertThat(a.gatheringState()).isEqualTo(IceGatheringState.GATHERING);
    assertThat(net.runUntil(() -> a.gatheringState() == IceGatheringState.COMPLETE, 1_000)).isTrue();

    List<IceCandidate> local = a.localCandidates();
    assertThat(local).extracting(IceCandidate::type).containsExactly(CandidateType.HOST, CandidateType.SRFLX);
    IceCandidate srflx = local.get(1);
    assertThat(srflx.address()).isEqualTo(A_PUBLIC);
    assertThat(srflx.relatedAddress()).isEqualTo(A_PRIVATE);
    assertThat(srflx.priority()).isEqualTo(Priorities.candidatePriority(CandidateType.SRFLX, (127 << 8) | 30, 1));
    assertThat(srflx.foundation()).isNotEqualTo(local.get(0).foundation());
    assertThat(net.events(a, IceEvent.LocalCandidate.class)).hasSize(2);
    assertThat(net.events(a).getLast()).isEqualTo(new IceEvent.GatheringStateChanged(IceGatheringState.COMPLETE));
    assertThat(a.checklistPairs()).as("srflx is pruned to its base: no pairs of its own").isEmpty();

    exchangeAndConnect(a, b, true);
    assertThat(b.selectedPair().orElseThrow().remote()).isEqualTo(srflx);
    CandidatePair pa = a.selectedPair().orElseThrow();
    assertThat(pa.local()).as("the mapped address is the srflx candidate").isEqualTo(srflx);
    assertThat(pa.localBase()).isEqualTo(A_PRIVATE);
  }

  @Test
  void peerReflexiveOnBothSidesThroughANatWithoutStun() {
    net.nat(A_PRIVATE, A_PUBLIC);
    IceAgent a = agent(config(CA, IceRole.CONTROLLING, 10).build());
    IceAgent b = agent(config(CB, IceRole.CONTROLLED, 20).build());
    net.socket(a, A_PRIVATE);
    net.socket(b, B_PUBLIC);
    a.startGathering(net.now);
    b.startGathering(net.now);
    exchangeAndConnect(a, b, true); // b's checks to a's private address go nowhere

    CandidatePair pb = b.selectedPair().orElseThrow();
    assertThat(pb.remote().type()).isEqualTo(CandidateType.PRFLX);
    assertThat(pb.remote().address()).isEqualTo(A_PUBLIC);
    CandidatePair pa = a.selectedPair().orElseThrow();
    assertThat(pa.local().type()).as("RFC 8445 §7.2.5.3.1 local prflx").isEqualTo(CandidateType.PRFLX);
    assertThat(pa.local().address()).isEqualTo(A_PUBLIC);
    assertThat(pa.localBase()).isEqualTo(A_PRIVATE);
    assertThat(a.localCandidates()).as("local prflx is never signalled").extracting(IceCandidate::type)
        .containsExactly(CandidateType.HOST);
  }

  @Test
  void unreachableStunServerReports701AndGatheringCompletes() {
    IceAgent a = agent(config(CA, IceRole.CONTROLLING, 10).server(IceServer.stun(STUN_URL, STUN)).build());
    net.socket(a, A_PRIVATE);
    a.startGathering(net.now);
    long t0 = net.now;
    assertThat(net.runUntil(() -> a.gatheringState() == IceGatheringState.COMPLETE, 60_000)).isTrue();
    assertThat(net.now - t0).isBetween(30_000 * MS, 40_000 * MS);
    List<CandidateError> errors = net.events(a, CandidateError.class);
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).errorCode()).isEqualTo(701);
    assertThat(errors.get(0).url()).isEqualTo(STUN_URL);
    assertThat(errors.get(0).localAddress()).isEqualTo(A_PRIVATE);
    List<IceEvent> ev = net.events(a);
    assertThat(ev.subList(ev.size() - 3, ev.size())).containsExactly(errors.get(0), new IceEvent.EndOfCandidates("aaaa"),
        new IceEvent.GatheringStateChanged(IceGatheringState.COMPLETE));
  }

  @Test
  void stunServerErrorIsReportedWithItsCode() {
    net.stunServer(STUN, 420);
    IceAgent a = agent(config(CA, IceRole.CONTROLLING, 10).server(IceServer.stun(STUN_URL, STUN)).build());
    net.socket(a, A_PRIVATE);
    a.startGathering(net.now);
    assertThat(net.runUntil(() -> a.gatheringState() == IceGatheringState.COMPLETE, 1_000)).isTrue();
    assertThat(net.events(a, CandidateError.class))
        .containsExactly(new CandidateError(A_PRIVATE, STUN_URL, 420, "Test Error"));
    assertThat(a.localCandidates()).extracting(IceCandidate::type).containsExactly(CandidateType.HOST);
  }

  @Test
  void remoteMdnsCandidateIsResolvedThroughTheResolverAndConnects() {
    List<String> asked = new ArrayList<>();
    IceAgent a = agent(config(CA, IceRole.CONTROLLING, 10).mdnsResolver(asked::add).build());
    IceAgent b = agent(config(CB, IceRole.CONTROLLED, 20).build());
    net.socket(a, A_PRIVATE);
    net.socket(b, B_PUBLIC);
    a.startGathering(net.now);
    b.startGathering(net.now);
    a.setRemoteCredentials(net.now, CB);
    b.setRemoteCredentials(net.now, CA);
    a.localCandidates().forEach(c -> b.addRemoteCandidate(net.now, c));
    String name = "1f4712db-ea17-4bcf-a596-105139dfd8bf.local";
    IceCandidate hostB = b.localCandidates().get(0);
    IceCandidate mdns = IceCandidate.parse("candidate:" + hostB.foundation() + " 1 udp " + hostB.priority() + " " + name
        + " " + B_PUBLIC.getPort() + " typ host");
    a.addRemoteCandidate(net.now, mdns);
    a.addRemoteCandidate(net.now, mdns);
    assertThat(asked).containsExactly(name);
    assertThat(a.checklistPairs()).isEmpty();
    a.mdnsResolved(net.now, name, B_PUBLIC.getAddress());
    assertThat(a.remoteCandidates()).extracting(IceCandidate::address).containsExactly(B_PUBLIC);
    assertThat(net.runUntil(() -> a.selectedPair().isPresent() && b.selectedPair().isPresent(), 3_000)).isTrue();
    assertThat(a.selectedPair().orElseThrow().remote().address()).isEqualTo(B_PUBLIC);
  }

  @Test
  void unresolvableNamesAreDropped() {
    List<String> asked = new ArrayList<>();
    IceAgent a = agent(config(CA, IceRole.CONTROLLING, 10).mdnsResolver(asked::add).build());
    IceAgent noResolver = agent(config(CB, IceRole.CONTROLLED, 10).build());
    net.socket(a, A_PRIVATE);
    a.startGathering(net.now);
    a.addRemoteCandidate(net.now, IceCandidate.parse("candidate:1 1 udp 2122260223 example.org 9 typ host"));
    a.addRemoteCandidate(net.now, IceCandidate.parse("candidate:1 1 udp 2122260223 gone.local 9 typ host"));
    a.mdnsResolved(net.now, "gone.local", null);
    noResolver.addRemoteCandidate(net.now, IceCandidate.parse("candidate:1 1 udp 2122260223 x.local 9 typ host"));
    assertThat(asked).containsExactly("gone.local");
    assertThat(a.remoteCandidates()).isEmpty();
    assertThat(noResolver.remoteCandidates()).isEmpty();
  }

  @Test
  void relayPolicyWithoutTurnServersGathersSignalsAndPairsNothing() {
    net.stunServer(STUN, 0);
    IceAgent a = agent(config(CA, IceRole.CONTROLLING, 10).transportPolicy(IceTransportPolicy.RELAY)
        .server(IceServer.stun(STUN_URL, STUN)).build());
    IceAgent b = agent(config(CB, IceRole.CONTROLLED, 20).build());
    net.socket(a, A_PRIVATE);
    net.socket(b, B_PUBLIC);
    a.startGathering(net.now);
    b.startGathering(net.now);
    a.setRemoteCredentials(net.now, CB);
    b.setRemoteCredentials(net.now, CA);
    b.localCandidates().forEach(c -> a.addRemoteCandidate(net.now, c));
    net.runFor(2_000);
    assertThat(a.localCandidates()).isEmpty();
    assertThat(net.events(a, IceEvent.LocalCandidate.class)).isEmpty();
    assertThat(a.checklistPairs()).isEmpty();
    assertThat(net.delivered).as("no STUN query and no check left a").isZero();
    assertThat(a.gatheringState()).isEqualTo(IceGatheringState.COMPLETE);

    // b learns a's host address some other way and checks it: a must not answer from its host socket
    b.addRemoteCandidate(net.now, new IceCandidate("h", 1, "UDP", 2122260223L, A_PRIVATE, CandidateType.HOST, null));
    net.runFor(2_000);
    assertThat(a.counters().unknownSource()).isPositive();
    assertThat(b.selectedPair()).isEmpty();
    assertThat(b.checklistPairs()).hasSize(1);
  }

  @Test
  void relayPolicyGathersAndPairsOnlyRelayCandidatesAndConnectsThroughTheRelay() {
    net.nat(A_PRIVATE, A_PUBLIC);
    net.relayServer(TURN, RELAYED, 0);
    net.stunServer(STUN, 0);
    IceAgent a = agent(config(CA, IceRole.CONTROLLING, 10).transportPolicy(IceTransportPolicy.RELAY).server(turn())
        .server(IceServer.stun(STUN_URL, STUN)).build());
    IceAgent b = agent(config(CB, IceRole.CONTROLLED, 20).build());
    net.socket(a, A_PRIVATE);
    net.socket(b, B_PUBLIC);
    a.startGathering(net.now);
    b.startGathering(net.now);
    assertThat(net.runUntil(() -> a.gatheringState() == IceGatheringState.COMPLETE, 1_000)).isTrue();
    assertThat(a.localCandidates()).hasSize(1);
    IceCandidate relay = a.localCandidates().get(0);
    assertThat(relay.type()).isEqualTo(CandidateType.RELAY);
    assertThat(relay.address()).isEqualTo(RELAYED);
    assertThat(relay.relatedAddress()).isEqualTo(A_PUBLIC);
    assertThat(relay.priority()).isEqualTo(Priorities.candidatePriority(CandidateType.RELAY, ((127 << 8) | 30) + 2, 1));

    exchangeAndConnect(a, b, true);
    assertThat(a.checklistPairs()).isNotEmpty().allSatisfy(p -> assertThat(p.local().type()).isEqualTo(CandidateType.RELAY));
    CandidatePair pa = a.selectedPair().orElseThrow();
    assertThat(pa.local()).isEqualTo(relay);
    assertThat(b.selectedPair().orElseThrow().remote()).isEqualTo(relay);

    List<InetSocketAddress> sourcesSeenByB = new ArrayList<>();
    net.tap = (t, d) -> {
      if (d.destination().equals(B_PUBLIC)) {
        sourcesSeenByB.add(d.source());
      }
    };
    assertThat(a.sendAppData(net.now, IceTestNet.data("via relay"))).isTrue();
    assertThat(b.sendAppData(net.now, IceTestNet.data("back via relay"))).isTrue();
    net.runFor(100);
    assertThat(sourcesSeenByB).containsOnly(RELAYED);
    assertThat(net.events(b, IceEvent.AppData.class)).extracting(e -> IceTestNet.text(e.payload())).containsExactly("via relay");
    assertThat(net.events(a, IceEvent.AppData.class)).extracting(e -> IceTestNet.text(e.payload()))
        .containsExactly("back via relay");
  }

  @Test
  void allPolicyWithTurnGathersHostServerReflexiveAndRelay() {
    net.nat(A_PRIVATE, A_PUBLIC);
    net.relayServer(TURN, RELAYED, 0);
    IceAgent a = agent(config(CA, IceRole.CONTROLLING, 10).server(turn()).build());
    net.socket(a, A_PRIVATE);
    a.startGathering(net.now);
    assertThat(net.runUntil(() -> a.gatheringState() == IceGatheringState.COMPLETE, 1_000)).isTrue();
    assertThat(a.localCandidates()).extracting(IceCandidate::type)
        .containsExactly(CandidateType.HOST, CandidateType.RELAY, CandidateType.SRFLX);
    assertThat(a.localCandidates().get(2).address()).isEqualTo(A_PUBLIC);
  }

  @Test
  void turnAllocationErrorIsReportedWithTheServerCode() {
    net.relayServer(TURN, RELAYED, 401);
    IceAgent a = agent(config(CA, IceRole.CONTROLLING, 10).transportPolicy(IceTransportPolicy.RELAY).server(turn()).build());
    net.socket(a, A_PRIVATE);
    a.startGathering(net.now);
    assertThat(a.gatheringState()).isEqualTo(IceGatheringState.GATHERING);
    assertThat(net.runUntil(() -> a.gatheringState() == IceGatheringState.COMPLETE, 1_000)).isTrue();
    assertThat(net.events(a, CandidateError.class)).containsExactly(new CandidateError(A_PRIVATE, TURN_URL, 401, "Test Error"));
    assertThat(a.localCandidates()).isEmpty();
  }

  @Test
  void connectsThroughTheRealTurnClientUnderRelayPolicy() {
    net.nat(A_PRIVATE, A_PUBLIC);
    TestTurnServer server = new TestTurnServer(TURN, RELAYED, "user", "secret");
    net.turnServer(server);
    IceAgent a = new IceAgent(config(CA, IceRole.CONTROLLING, 10).transportPolicy(IceTransportPolicy.RELAY).server(turn())
        .build(), new SplittableRandom(3));
    IceAgent b = new IceAgent(config(CB, IceRole.CONTROLLED, 20).build(), new SplittableRandom(4));
    net.socket(a, A_PRIVATE);
    net.socket(b, B_PUBLIC);
    a.startGathering(net.now);
    b.startGathering(net.now);
    assertThat(net.runUntil(() -> a.gatheringState() == IceGatheringState.COMPLETE, 2_000)).isTrue();
    assertThat(a.localCandidates()).extracting(IceCandidate::type, IceCandidate::address, IceCandidate::relatedAddress)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(CandidateType.RELAY, RELAYED, A_PUBLIC));

    exchangeAndConnect(a, b, true);
    assertThat(a.selectedPair().orElseThrow().local().type()).isEqualTo(CandidateType.RELAY);
    assertThat(b.selectedPair().orElseThrow().remote().address()).isEqualTo(RELAYED);
    net.runFor(200);
    assertThat(server.channelBound()).as("the selected relay pair gets a channel").isTrue();
    assertThat(a.sendAppData(net.now, IceTestNet.data("over turn"))).isTrue();
    assertThat(b.sendAppData(net.now, IceTestNet.data("and back"))).isTrue();
    net.runFor(100);
    assertThat(net.events(b, IceEvent.AppData.class)).extracting(e -> IceTestNet.text(e.payload())).containsExactly("over turn");
    assertThat(net.events(a, IceEvent.AppData.class)).extracting(e -> IceTestNet.text(e.payload())).containsExactly("and back");
    net.runFor(30_000);
    assertThat(a.connectionState()).as("consent keeps flowing through the relay").isNotEqualTo(IceConnectionState.FAILED)
        .isNotEqualTo(IceConnectionState.DISCONNECTED);
  }

  @Test
  void turnServerRejectingTheAllocationIsACandidateError() {
    TestTurnServer server = new TestTurnServer(TURN, RELAYED, "user", "secret");
    server.rejectWith = 486;
    net.turnServer(server);
    IceAgent a = new IceAgent(config(CA, IceRole.CONTROLLING, 10).server(turn()).build(), new SplittableRandom(3));
    net.add(a);
    net.socket(a, A_PRIVATE);
    a.startGathering(net.now);
    assertThat(net.runUntil(() -> a.gatheringState() == IceGatheringState.COMPLETE, 2_000)).isTrue();
    assertThat(net.events(a, CandidateError.class)).extracting(CandidateError::errorCode, CandidateError::url)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(486, TURN_URL));
    assertThat(a.localCandidates()).extracting(IceCandidate::type).containsExactly(CandidateType.HOST);
  }
}

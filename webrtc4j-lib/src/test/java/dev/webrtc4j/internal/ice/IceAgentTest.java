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
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Two agents in one thread over {@link IceTestNet}: connectivity, nomination, roles, trickle. */
class IceAgentTest {
  static final IceCredentials CA = new IceCredentials("aaaa", "passwordpasswordAAAAAA");
  static final IceCredentials CB = new IceCredentials("bbbb", "passwordpasswordBBBBBB");
  static final InetSocketAddress A1 = addr("10.0.0.1", 5000);
  static final InetSocketAddress B1 = addr("10.0.0.2", 6000);

  final IceTestNet net = new IceTestNet(codec());
  private long seed = 7;

  static IceStunCodec codec() {
    return new StunCodecBridge();
  }

  IceAgent agent(IceConfig config) {
    IceAgent a = new IceAgent(config, new SplittableRandom(seed++), codec(), null);
    net.add(a);
    return a;
  }

  IceAgent agent(IceCredentials c, IceRole role, long tieBreaker) {
    return agent(IceConfig.builder(c, role, tieBreaker).build());
  }

  void signal(IceAgent from, IceAgent to) {
    for (IceCandidate c : from.localCandidates()) {
      to.addRemoteCandidate(net.now, c);
    }
  }

  /** Gathers, exchanges credentials, candidates and end-of-candidates both ways. */
  void signalAll(IceAgent a, IceCredentials ca, IceAgent b, IceCredentials cb) {
    a.startGathering(net.now);
    b.startGathering(net.now);
    a.setRemoteCredentials(net.now, cb);
    b.setRemoteCredentials(net.now, ca);
    signal(a, b);
    signal(b, a);
    a.endOfRemoteCandidates(net.now);
    b.endOfRemoteCandidates(net.now);
  }

  static List<IceConnectionState> states(IceTestNet net, IceAgent a) {
    return net.events(a, ConnectionStateChanged.class).stream().map(ConnectionStateChanged::state).toList();
  }

  boolean bothCompleted(IceAgent a, IceAgent b) {
    return a.connectionState() == IceConnectionState.COMPLETED && b.connectionState() == IceConnectionState.COMPLETED;
  }

  @Test
  void hostToHostConnectsWithNominationByTheControllingAgent() {
    IceAgent a = agent(CA, IceRole.CONTROLLING, 10);
    IceAgent b = agent(CB, IceRole.CONTROLLED, 20);
    net.socket(a, A1);
    net.socket(b, B1);
    signalAll(a, CA, b, CB);

    assertThat(net.runUntil(() -> bothCompleted(a, b), 3_000)).isTrue();

    assertThat(states(net, a)).containsExactly(IceConnectionState.CHECKING, IceConnectionState.CONNECTED,
        IceConnectionState.COMPLETED);
    assertThat(states(net, b)).containsExactly(IceConnectionState.CHECKING, IceConnectionState.CONNECTED,
        IceConnectionState.COMPLETED);
    CandidatePair pa = a.selectedPair().orElseThrow();
    CandidatePair pb = b.selectedPair().orElseThrow();
    assertThat(pa.localBase()).isEqualTo(A1);
    assertThat(pa.remote().address()).isEqualTo(B1);
    assertThat(pb.localBase()).isEqualTo(B1);
    assertThat(pb.remote().address()).isEqualTo(A1);
    assertThat(net.events(a, SelectedPairChanged.class)).hasSize(1);
    assertThat(net.events(b, SelectedPairChanged.class)).hasSize(1);
    assertThat(net.now - 1_000 * MS).as("connects in well under a second of virtual time").isLessThan(500 * MS);

    assertThat(a.sendAppData(net.now, data("hello"))).isTrue();
    assertThat(b.sendAppData(net.now, data("world"))).isTrue();
    net.runFor(50);
    List<AppData> atB = net.events(b, AppData.class);
    List<AppData> atA = net.events(a, AppData.class);
    assertThat(atB).hasSize(1);
    assertThat(text(atB.get(0).payload())).isEqualTo("hello");
    assertThat(atB.get(0).pair()).isEqualTo(pb);
    assertThat(text(atA.get(0).payload())).isEqualTo("world");
  }

  @Test
  void gatheringReportsEachCandidateThenEndOfCandidatesAndComplete() {
    IceAgent a = agent(IceConfig.builder(CA, IceRole.CONTROLLING, 1).gatherLoopback(false).build());
    net.socket(a, A1);
    net.socket(a, addr("127.0.0.1", 5001)); // loopback: filtered out by default
    net.socket(a, addr("2001:db8::1", 5002));
    assertThat(a.gatheringState()).isEqualTo(IceGatheringState.NEW);
    a.startGathering(net.now);
    net.runFor(1);
    List<IceEvent> ev = net.events(a);
    assertThat(ev.get(0)).isEqualTo(new IceEvent.GatheringStateChanged(IceGatheringState.GATHERING));
    assertThat(ev.get(1)).isInstanceOf(IceEvent.LocalCandidate.class);
    assertThat(ev.get(2)).isInstanceOf(IceEvent.LocalCandidate.class);
    assertThat(ev.get(3)).isEqualTo(new IceEvent.EndOfCandidates("aaaa"));
    assertThat(ev.get(4)).isEqualTo(new IceEvent.GatheringStateChanged(IceGatheringState.COMPLETE));
    assertThat(a.localCandidates()).extracting(IceCandidate::address).containsExactly(A1, addr("2001:db8::1", 5002));
    assertThat(a.localCandidates().get(0).priority()).isEqualTo(2122260223L);
    assertThat(a.localCandidates().get(1).priority()).as("second network ranks lower")
        .isEqualTo(Priorities.candidatePriority(CandidateType.HOST, (126 << 8) | 40, 1));
  }

  @Test
  void loopbackIsGatheredOnlyWhenAllowed() {
    IceAgent a = agent(IceConfig.builder(CA, IceRole.CONTROLLING, 1).gatherLoopback(true).build());
    net.socket(a, addr("127.0.0.1", 5001));
    net.socket(a, addr("169.254.1.1", 5003)); // link-local: not allowed
    a.startGathering(net.now);
    assertThat(a.localCandidates()).extracting(IceCandidate::address).containsExactly(addr("127.0.0.1", 5001));
  }

  @Test
  void candidatePoolGathersSilentlyUntilGatheringStarts() {
    IceAgent a = agent(CA, IceRole.CONTROLLING, 1);
    net.socket(a, A1);
    a.pregather(net.now);
    net.runFor(10);
    assertThat(net.events(a)).isEmpty();
    assertThat(a.gatheringState()).isEqualTo(IceGatheringState.NEW);
    IceCredentials finalCreds = new IceCredentials("zzzz", "passwordpasswordZZZZZZ");
    a.setLocalCredentials(finalCreds);
    a.startGathering(net.now);
    net.runFor(1);
    assertThat(net.events(a, IceEvent.LocalCandidate.class)).extracting(IceEvent.LocalCandidate::ufrag)
        .containsExactly("zzzz");
    assertThat(a.gatheringState()).isEqualTo(IceGatheringState.COMPLETE);
  }

  @Test
  void learnsPeerReflexiveRemoteFromAnUnknownSource() {
    IceAgent a = agent(CA, IceRole.CONTROLLING, 10);
    IceAgent b = agent(CB, IceRole.CONTROLLED, 20);
    net.socket(a, A1);
    net.socket(b, B1);
    a.startGathering(net.now);
    b.startGathering(net.now);
    a.setRemoteCredentials(net.now, CB);
    b.setRemoteCredentials(net.now, CA);
    signal(b, a); // b never hears of a's candidates
    assertThat(net.runUntil(() -> a.selectedPair().isPresent() && b.selectedPair().isPresent(), 3_000)).isTrue();
    IceCandidate learned = b.selectedPair().orElseThrow().remote();
    assertThat(learned.type()).isEqualTo(CandidateType.PRFLX);
    assertThat(learned.address()).isEqualTo(A1);
    assertThat(learned.priority()).as("PRIORITY of the request")
        .isEqualTo(Priorities.candidatePriority(CandidateType.PRFLX, (127 << 8) | 30, 1));
    // the signalled candidate arriving late replaces the prflx one
    signal(a, b);
    assertThat(b.remoteCandidates()).extracting(IceCandidate::type).containsExactly(CandidateType.HOST);
  }

  @Test
  void roleConflictBothControllingResolvesByTieBreaker() {
    IceAgent a = agent(CA, IceRole.CONTROLLING, 1000);
    IceAgent b = agent(CB, IceRole.CONTROLLING, 5);
    net.socket(a, A1);
    net.socket(b, B1);
    signalAll(a, CA, b, CB);
    assertThat(net.runUntil(() -> bothCompleted(a, b), 5_000)).isTrue();
    assertThat(a.role()).isEqualTo(IceRole.CONTROLLING);
    assertThat(b.role()).isEqualTo(IceRole.CONTROLLED);
    assertThat(net.events(b, IceEvent.RoleChanged.class)).containsExactly(new IceEvent.RoleChanged(IceRole.CONTROLLED));
    assertThat(net.events(a, IceEvent.RoleChanged.class)).isEmpty();
    assertThat(a.counters().roleConflicts() + b.counters().roleConflicts()).isPositive();
  }

  @Test
  void roleConflictBothControlledResolvesByTieBreaker() {
    IceAgent a = agent(CA, IceRole.CONTROLLED, 5);
    IceAgent b = agent(CB, IceRole.CONTROLLED, 1000);
    net.socket(a, A1);
    net.socket(b, B1);
    signalAll(a, CA, b, CB);
    assertThat(net.runUntil(() -> bothCompleted(a, b), 5_000)).isTrue();
    assertThat(a.role()).isEqualTo(IceRole.CONTROLLED);
    assertThat(b.role()).isEqualTo(IceRole.CONTROLLING);
    assertThat(net.events(b, IceEvent.RoleChanged.class)).containsExactly(new IceEvent.RoleChanged(IceRole.CONTROLLING));
  }

  @Test
  void tieBreakersCompareUnsigned() {
    IceAgent a = agent(CA, IceRole.CONTROLLING, -1L); // 2^64-1: the largest
    IceAgent b = agent(CB, IceRole.CONTROLLING, 1L);
    net.socket(a, A1);
    net.socket(b, B1);
    signalAll(a, CA, b, CB);
    assertThat(net.runUntil(() -> bothCompleted(a, b), 5_000)).isTrue();
    assertThat(a.role()).isEqualTo(IceRole.CONTROLLING);
    assertThat(b.role()).isEqualTo(IceRole.CONTROLLED);
  }

  @Test
  void trickledCandidatesBeforeCredentialsWaitForThem() {
    IceAgent a = agent(CA, IceRole.CONTROLLING, 10);
    IceAgent b = agent(CB, IceRole.CONTROLLED, 20);
    net.socket(a, A1);
    net.socket(b, B1);
    a.startGathering(net.now);
    b.startGathering(net.now);
    signal(a, b);
    signal(b, a);
    net.runFor(500);
    assertThat(net.delivered).as("no check without remote credentials").isZero();
    assertThat(a.connectionState()).isEqualTo(IceConnectionState.CHECKING);
    a.setRemoteCredentials(net.now, CB);
    b.setRemoteCredentials(net.now, CA);
    assertThat(net.runUntil(() -> a.selectedPair().isPresent() && b.selectedPair().isPresent(), 3_000)).isTrue();
  }

  @Test
  void checksArrivingBeforeRemoteCredentialsAreAnsweredAndTriggeredLater() {
    IceAgent a = agent(CA, IceRole.CONTROLLING, 10);
    IceAgent b = agent(CB, IceRole.CONTROLLED, 20);
    net.socket(a, A1);
    net.socket(b, B1);
    a.startGathering(net.now);
    b.startGathering(net.now);
    a.setRemoteCredentials(net.now, CB); // b has neither a's credentials nor a's candidates yet
    signal(b, a);
    net.runUntil(() -> a.selectedPair().isPresent(), 3_000);
    assertThat(a.selectedPair()).as("a's checks succeeded: b answered with its own password").isPresent();
    assertThat(b.remoteCandidates()).extracting(IceCandidate::type).containsExactly(CandidateType.PRFLX);
    assertThat(b.selectedPair()).isEmpty();
    b.setRemoteCredentials(net.now, CA);
    assertThat(net.runUntil(() -> b.selectedPair().isPresent(), 3_000)).isTrue();
    assertThat(b.selectedPair().orElseThrow().remote().address()).isEqualTo(A1);
  }

  @Test
  void candidatesTrickledOneByOneAfterChecksStartedStillConnect() {
    IceAgent a = agent(CA, IceRole.CONTROLLING, 10);
    IceAgent b = agent(CB, IceRole.CONTROLLED, 20);
    net.socket(a, A1);
    net.socket(b, B1);
    InetSocketAddress dead = addr("10.9.9.9", 9);
    a.startGathering(net.now);
    b.startGathering(net.now);
    a.setRemoteCredentials(net.now, CB);
    b.setRemoteCredentials(net.now, CA);
    a.addRemoteCandidate(net.now, new IceCandidate("x", 1, "udp", 2122260223L, dead, CandidateType.HOST, null));
    net.runFor(300);
    assertThat(a.connectionState()).isEqualTo(IceConnectionState.CHECKING);
    signal(b, a);
    signal(a, b);
    assertThat(net.runUntil(() -> a.selectedPair().isPresent() && b.selectedPair().isPresent(), 3_000)).isTrue();
    assertThat(a.selectedPair().orElseThrow().remote().address()).isEqualTo(B1);
    a.endOfRemoteCandidates(net.now);
    b.endOfRemoteCandidates(net.now);
    assertThat(net.runUntil(() -> bothCompleted(a, b), 20_000)).isTrue();
  }

  @Test
  void failsWhenEveryPairFailedAfterEndOfCandidates() {
    IceAgent a = agent(CA, IceRole.CONTROLLING, 10);
    net.socket(a, A1);
    a.startGathering(net.now);
    a.setRemoteCredentials(net.now, CB);
    a.addRemoteCandidate(net.now, new IceCandidate("x", 1, "udp", 2122260223L, addr("10.9.9.9", 9), CandidateType.HOST, null));
    a.endOfRemoteCandidates(net.now);
    assertThat(net.runUntil(() -> a.connectionState() == IceConnectionState.FAILED, 30_000)).isTrue();
    assertThat(states(net, a)).containsExactly(IceConnectionState.CHECKING, IceConnectionState.FAILED);
  }

  @Test
  void paceChecksTaApartButSendsTheFirstAtOnce() {
    IceAgent a = agent(CA, IceRole.CONTROLLING, 10);
    net.socket(a, A1);
    a.startGathering(net.now);
    a.setRemoteCredentials(net.now, CB);
    long t0 = net.now;
    for (int i = 0; i < 3; i++) {
      a.addRemoteCandidate(net.now, new IceCandidate("f" + i, 1, "udp", 1000 + i, addr("10.9.9." + (i + 1), 9),
          CandidateType.HOST, null));
    }
    assertThat(a.pollTimeout()).isEqualTo(t0);
    a.handleTimeout(t0);
    assertThat(a.pollTransmit()).isNotNull();
    assertThat(a.pollTransmit()).isNull();
    assertThat(a.pollTimeout()).isEqualTo(t0 + 50 * MS);
  }

  @Test
  void malformedAndUnknownInputIsDroppedAndCounted() {
    IceAgent a = agent(CA, IceRole.CONTROLLING, 10);
    net.socket(a, A1);
    a.handleDatagram(net.now, dev.webrtc4j.internal.util.Datagram.of(B1, A1, new byte[] {0, 1, 2}));
    a.handleDatagram(net.now, dev.webrtc4j.internal.util.Datagram.of(B1, A1, new byte[0]));
    a.handleDatagram(net.now, dev.webrtc4j.internal.util.Datagram.of(B1, A1, new byte[] {(byte) 0x80, 1, 2, 3}));
    assertThat(a.counters().malformed()).isEqualTo(2);
    assertThat(a.counters().unknownSource()).isEqualTo(1);
    assertThat(a.pollEvent()).isNull();
    assertThat(a.pollTransmit()).isNull();
  }

  @Test
  void beforeAnySelectionDataGoesOnTheBestValidPairAndNotBeforeOneIsValid() {
    IceAgent a = agent(CA, IceRole.CONTROLLING, 10);
    IceAgent b = agent(CB, IceRole.CONTROLLED, 20);
    net.socket(a, A1);
    net.socket(b, B1);
    a.startGathering(net.now);
    b.startGathering(net.now);
    assertThat(b.canSendAppData()).as("no remote credentials, no pair").isFalse();
    assertThat(b.sendAppData(net.now, data("too early"))).isFalse();
    signalAll(a, CA, b, CB);
    assertThat(b.canSendAppData()).as("pairs exist, none valid yet").isFalse();
    // B's own check succeeds before A's nomination reaches it (RFC 8445 §12.1: data may flow then).
    assertThat(net.runUntil(() -> b.canSendAppData() && b.selectedPair().isEmpty(), 3_000)).isTrue();
    assertThat(b.sendAppData(net.now, data("early"))).isTrue();
    assertThat(net.runUntil(() -> bothCompleted(a, b), 3_000)).isTrue();
    List<AppData> atA = net.events(a, AppData.class);
    assertThat(atA).hasSize(1);
    assertThat(text(atA.get(0).payload())).isEqualTo("early");
    assertThat(atA.get(0).pair().localBase()).isEqualTo(A1);
    assertThat(atA.get(0).pair().remote().address()).isEqualTo(B1);
  }

  @Test
  void closeStopsEverything() {
    IceAgent a = agent(CA, IceRole.CONTROLLING, 10);
    IceAgent b = agent(CB, IceRole.CONTROLLED, 20);
    net.socket(a, A1);
    net.socket(b, B1);
    signalAll(a, CA, b, CB);
    net.runUntil(() -> bothCompleted(a, b), 3_000);
    a.close();
    assertThat(a.connectionState()).isEqualTo(IceConnectionState.CLOSED);
    assertThat(a.pollTimeout()).isEqualTo(Long.MAX_VALUE);
    assertThat(a.sendAppData(net.now, data("x"))).isFalse();
    a.handleTimeout(net.now + 10_000 * MS);
    assertThat(a.pollTransmit()).isNull();
    assertThat(a.pollEvent()).isNull();
  }

  @Test
  void failsWithoutEndOfCandidatesOnceNoCandidateArrivedForTheFailedTimeout() {
    IceAgent a = agent(CA, IceRole.CONTROLLING, 10);
    net.socket(a, A1);
    a.startGathering(net.now);
    a.setRemoteCredentials(net.now, CB);
    long t0 = net.now;
    a.addRemoteCandidate(net.now, new IceCandidate("x", 1, "udp", 2122260223L, addr("10.9.9.9", 9), CandidateType.HOST, null));
    assertThat(net.runUntil(() -> a.connectionState() == IceConnectionState.FAILED, 60_000)).isTrue();
    assertThat(net.now - t0).isEqualTo(30_000 * MS);
  }

  @Test
  void setRoleMakesAnAnswererControllingForALitePeer() {
    IceAgent a = agent(CA, IceRole.CONTROLLED, 10);
    IceAgent b = agent(CB, IceRole.CONTROLLED, 20);
    a.setRole(net.now, IceRole.CONTROLLING);
    assertThat(a.role()).isEqualTo(IceRole.CONTROLLING);
    net.socket(a, A1);
    net.socket(b, B1);
    signalAll(a, CA, b, CB);
    assertThat(net.runUntil(() -> bothCompleted(a, b), 3_000)).isTrue();
    assertThat(net.events(a, IceEvent.RoleChanged.class)).isEmpty();
    assertThat(a.counters().roleConflicts() + b.counters().roleConflicts()).isZero();
  }

  @Test
  void pairStatsCountChecksRoundTripsAndData() {
    IceAgent a = agent(CA, IceRole.CONTROLLING, 10);
    IceAgent b = agent(CB, IceRole.CONTROLLED, 20);
    net.socket(a, A1);
    net.socket(b, B1);
    signalAll(a, CA, b, CB);
    assertThat(net.runUntil(() -> bothCompleted(a, b), 3_000)).isTrue();
    a.sendAppData(net.now, data("12345"));
    net.runFor(20);
    IcePairStats sa = a.pairStats().stream().filter(IcePairStats::selected).findFirst().orElseThrow();
    assertThat(sa.state()).isEqualTo("succeeded");
    assertThat(sa.nominated()).isTrue();
    assertThat(sa.requestsSent()).isGreaterThanOrEqualTo(2); // check + nomination
    assertThat(sa.responsesReceived()).isEqualTo(sa.requestsSent());
    assertThat(sa.currentRoundTripTimeNanos()).isEqualTo(2 * net.latency);
    assertThat(sa.packetsSent()).isEqualTo(1);
    assertThat(sa.bytesSent()).isEqualTo(5);
    IcePairStats sb = b.pairStats().stream().filter(IcePairStats::selected).findFirst().orElseThrow();
    assertThat(sb.requestsReceived()).isEqualTo(sa.requestsSent());
    assertThat(sb.responsesSent()).isEqualTo(sb.requestsReceived());
    assertThat(sb.bytesReceived()).isEqualTo(5);
    assertThat(sb.packetsReceived()).isEqualTo(1);
  }

  @Test
  void peerReflexiveLearningIsBoundedButANominationStillGetsItsPair() {
    IceAgent b = agent(CB, IceRole.CONTROLLED, 20);
    net.socket(b, B1);
    b.startGathering(net.now);
    b.setRemoteCredentials(net.now, CA);
    StunCodecBridge codec = new StunCodecBridge();
    for (int i = 0; i < 60; i++) {
      IceStunMessage req = IceStunMessage.bindingRequest(dev.webrtc4j.internal.util.Bytes.fromHex(String.format("%024x", i)),
          "bbbb:aaaa", 1853824767L, false, 10L, null);
      b.handleDatagram(net.now, new dev.webrtc4j.internal.util.Datagram(addr("203.0.113.7", 20000 + i), B1,
          codec.encode(req, CB.pwd())));
    }
    assertThat(b.remoteCandidates()).hasSize(25);
    List<dev.webrtc4j.internal.util.Datagram> answers = new java.util.ArrayList<>();
    for (dev.webrtc4j.internal.util.Datagram d; (d = b.pollTransmit()) != null; ) {
      answers.add(d);
    }
    assertThat(answers).as("every request is still answered").hasSizeGreaterThanOrEqualTo(60);
    IceStunMessage nomination = IceStunMessage.bindingRequest(dev.webrtc4j.internal.util.Bytes.fromHex("ffffffffffffffffffffffff"),
        "bbbb:aaaa", 1853824767L, true, 10L, null);
    InetSocketAddress fresh = addr("203.0.113.7", 30000);
    b.handleDatagram(net.now, new dev.webrtc4j.internal.util.Datagram(fresh, B1, codec.encode(nomination, CB.pwd())));
    assertThat(b.checklistPairs()).extracting(p -> p.remote().address()).contains(fresh);
  }

  @Test
  void failsAfterEndOfCandidatesWhenNothingCouldBePaired() {
    IceAgent a = agent(CA, IceRole.CONTROLLING, 10);
    net.socket(a, A1);
    a.startGathering(net.now);
    a.setRemoteCredentials(net.now, CB);
    a.addRemoteCandidate(net.now, IceCandidate.parse("candidate:1 1 udp 2122262783 2001:db8::9 9 typ host"));
    assertThat(a.checklistPairs()).as("no IPv6 socket: nothing to pair").isEmpty();
    assertThat(a.connectionState()).isEqualTo(IceConnectionState.CHECKING);
    a.endOfRemoteCandidates(net.now);
    assertThat(a.connectionState()).isEqualTo(IceConnectionState.FAILED);
  }
}

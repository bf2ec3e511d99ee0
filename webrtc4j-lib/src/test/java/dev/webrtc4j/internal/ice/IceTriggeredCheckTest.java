package dev.webrtc4j.internal.ice;

import static dev.webrtc4j.internal.ice.IceTestNet.MS;
import static dev.webrtc4j.internal.ice.IceTestNet.addr;
import static org.assertj.core.api.Assertions.assertThat;

import dev.webrtc4j.internal.util.Bytes;
import dev.webrtc4j.internal.util.Datagram;
import dev.webrtc4j.internal.util.MalformedPacketException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Triggered checks on In-Progress pairs (RFC 8445 §7.3.1.4), nominations that time out after the
 * peer accepted them (§8.1.1), and the controlled agent's probe while it waits for a nomination,
 * each with the datagrams that decide it dropped on purpose.
 */
class IceTriggeredCheckTest {
  static final IceCredentials CA = new IceCredentials("aaaa", "passwordpasswordAAAAAA");
  static final IceCredentials CB = new IceCredentials("bbbb", "passwordpasswordBBBBBB");
  static final InetSocketAddress A1 = addr("10.0.0.1", 5000);
  static final InetSocketAddress B1 = addr("10.0.0.2", 6000);
  /** A's address on the outside of the NAT some tests put it behind. */
  static final InetSocketAddress A1_PUBLIC = addr("203.0.113.1", 7000);
  static final IceStunCodec CODEC = new StunCodecBridge();

  final IceTestNet net = new IceTestNet(CODEC);
  final IceAgent a = new IceAgent(IceConfig.builder(CA, IceRole.CONTROLLING, 10).build(), new SplittableRandom(1), CODEC, null);
  final IceAgent b = new IceAgent(IceConfig.builder(CB, IceRole.CONTROLLED, 20).build(), new SplittableRandom(2), CODEC, null);

  /** A STUN message seen on the wire, with when and where. */
  record Seen(long at, Datagram datagram, IceStunMessage message) {
    boolean from(InetSocketAddress source) {
      return datagram.source().equals(source);
    }

    boolean isRequest() {
      return message.kind() == IceStunMessage.Kind.REQUEST;
    }

    boolean isSuccess() {
      return message.kind() == IceStunMessage.Kind.SUCCESS;
    }

    Bytes tid() {
      return message.transactionId();
    }
  }

  final List<Seen> wire = new ArrayList<>();

  IceTriggeredCheckTest() {
    net.tap = (t, d) -> {
      IceStunMessage m = stun(d);
      if (m != null) {
        wire.add(new Seen(t, d, m));
      }
    };
    net.socket(a, A1);
    net.socket(b, B1);
  }

  static @Nullable IceStunMessage stun(Datagram d) {
    ByteBuffer p = d.payload().duplicate();
    if (!p.hasRemaining() || (p.get(p.position()) & 0xff) > 3) {
      return null;
    }
    try {
      return CODEC.decode(p);
    } catch (MalformedPacketException e) {
      return null;
    }
  }

  /** B's success responses to A's requests, which {@code net.drop} can then select. */
  static boolean successFromBToA(Datagram d) {
    IceStunMessage m = stun(d);
    return m != null && m.kind() == IceStunMessage.Kind.SUCCESS && d.source().equals(B1)
        && (d.destination().equals(A1) || d.destination().equals(A1_PUBLIC));
  }

  List<Seen> requestsOfA() {
    return wire.stream().filter(s -> s.from(A1) && s.isRequest()).toList();
  }

  /** Everything signalled both ways, end-of-candidates included. */
  void signalBoth() {
    a.startGathering(net.now);
    b.startGathering(net.now);
    a.setRemoteCredentials(net.now, CB);
    b.setRemoteCredentials(net.now, CA);
    for (IceCandidate c : b.localCandidates()) {
      a.addRemoteCandidate(net.now, c);
    }
    for (IceCandidate c : a.localCandidates()) {
      b.addRemoteCandidate(net.now, c);
    }
    a.endOfRemoteCandidates(net.now);
    b.endOfRemoteCandidates(net.now);
  }

  String stateOfAsPair() {
    return a.pairStats().stream().filter(p -> p.pair().localBase().equals(A1) && p.pair().remote().address().equals(B1))
        .findFirst().orElseThrow().state();
  }

  @Test
  void aPeerCheckOnAnInProgressPairCancelsItsTransactionAndTriggersAFreshCheck() {
    long t0 = net.now;
    // A's first check reaches B, but B's answer is lost: the pair stays In-Progress. B learns A
    // from that check (peer-reflexive) and checks back at once.
    net.drop = d -> successFromBToA(d) && net.now < t0 + 20 * MS;
    a.startGathering(net.now);
    b.startGathering(net.now);
    a.setRemoteCredentials(net.now, CB);
    b.setRemoteCredentials(net.now, CA);
    for (IceCandidate c : b.localCandidates()) {
      a.addRemoteCandidate(net.now, c);
    }
    a.endOfRemoteCandidates(net.now);

    assertThat(net.runUntil(() -> "succeeded".equals(stateOfAsPair()), 200)).isTrue();

    List<Seen> checks = requestsOfA().stream().filter(s -> !s.message().useCandidate()).toList();
    Bytes first = checks.get(0).tid();
    Seen bsCheck = wire.stream().filter(s -> s.from(B1) && s.isRequest()).findFirst().orElseThrow();
    long arrivedAtA = bsCheck.at() + net.latency;
    assertThat(checks).as("a second check, with a new transaction, in the next Ta slot").hasSizeGreaterThanOrEqualTo(2);
    assertThat(checks.get(1).tid()).isNotEqualTo(first);
    assertThat(checks.get(1).at()).isBetween(arrivedAtA, arrivedAtA + 50 * MS);
    // Without the cancellation A would only have retransmitted at t0 + 250 ms.
    assertThat(net.now - t0).as("succeeded before the first retransmission was due").isLessThan(250 * MS);
    net.runFor(12_000);
    assertThat(wire).as("the cancelled transaction is never retransmitted")
        .filteredOn(s -> s.from(A1) && s.isRequest() && s.tid().equals(first)).hasSize(1);
  }

  @Test
  void aLateResponseToTheCancelledCheckStillCountsAndItsTimeoutFailsNothing() {
    long t0 = net.now;
    List<Datagram> heldBack = new ArrayList<>();
    // Every answer of B to A is lost, except the first, which arrives late (injected below).
    net.drop = d -> {
      if (successFromBToA(d)) {
        if (heldBack.isEmpty()) {
          heldBack.add(d);
        }
        return true;
      }
      return false;
    };
    a.startGathering(net.now);
    b.startGathering(net.now);
    a.setRemoteCredentials(net.now, CB);
    b.setRemoteCredentials(net.now, CA);
    for (IceCandidate c : b.localCandidates()) {
      a.addRemoteCandidate(net.now, c);
    }
    a.endOfRemoteCandidates(net.now);
    net.runFor(100);
    assertThat(requestsOfA()).as("cancelled and re-checked").hasSizeGreaterThanOrEqualTo(2);
    Bytes cancelled = requestsOfA().get(0).tid();
    assertThat(heldBack).hasSize(1);
    assertThat(stun(heldBack.get(0)).transactionId()).isEqualTo(cancelled);
    assertThat(stateOfAsPair()).isEqualTo("in-progress");

    net.runFor(2_000);
    a.handleDatagram(net.now, heldBack.get(0)); // the answer to the cancelled check, 2 s late

    assertThat(stateOfAsPair()).isEqualTo("succeeded");
    assertThat(net.now - t0).isLessThan(9_750 * MS);
  }

  /**
   * A is behind a NAT, so its valid pair (peer-reflexive local 203.0.113.1:7000 -> B) is not the
   * checklist pair that produced it (host 10.0.0.1:5000 -> B, the same 5-tuple). Failing only the
   * valid pair left the checklist pair Succeeded, and B's later checks on it triggered nothing.
   */
  @Test
  void aNominationAnsweredOnlyByLostResponsesIsRepeatedOnceThePeersChecksRevalidateThePair() {
    net.nat(A1, A1_PUBLIC);
    Set<Bytes> firstNomination = new HashSet<>();
    // All answers to A's first nominating transaction (seven transmissions) are lost; B accepts it.
    net.drop = d -> {
      IceStunMessage m = stun(d);
      if (m == null) {
        return false;
      }
      if (d.source().equals(A1) && m.kind() == IceStunMessage.Kind.REQUEST && m.useCandidate() && firstNomination.isEmpty()) {
        firstNomination.add(m.transactionId());
      }
      return successFromBToA(d) && firstNomination.contains(m.transactionId());
    };
    signalBoth();

    assertThat(net.runUntil(() -> b.selectedPair().isPresent(), 2_000)).as("B accepted the nomination").isTrue();
    assertThat(a.selectedPair()).isEmpty();
    // The nomination times out after its 9.75 s schedule; A used to fail then, with B connected.
    assertThat(net.runUntil(() -> a.selectedPair().isPresent(), 30_000)).as("A selects after all").isTrue();

    List<Bytes> nominations = requestsOfA().stream().filter(s -> s.message().useCandidate()).map(Seen::tid).distinct().toList();
    assertThat(nominations).as("a second nominating transaction").hasSizeGreaterThanOrEqualTo(2);
    Seen repeated = requestsOfA().stream().filter(s -> s.tid().equals(nominations.get(1))).findFirst().orElseThrow();
    Seen failed = requestsOfA().stream().filter(s -> s.tid().equals(nominations.get(0))).findFirst().orElseThrow();
    assertThat(repeated.at() - failed.at()).as("only after the first timed out").isGreaterThanOrEqualTo(9_750 * MS);
    assertThat(a.selectedPair().orElseThrow().remote().address()).isEqualTo(B1);
    assertThat(a.selectedPair().orElseThrow().local().address()).as("the peer-reflexive valid pair").isEqualTo(A1_PUBLIC);
    assertThat(b.selectedPair().orElseThrow().remote().address()).isEqualTo(A1_PUBLIC);
    assertThat(a.connectionState()).isIn(IceConnectionState.CONNECTED, IceConnectionState.COMPLETED);
  }

  @Test
  void theControlledAgentProbesItsValidPairWhileNoNominationComesAndFailsWhenThePathDies() {
    long t0 = net.now;
    // A's checks never arrive, so A never has a valid pair and never nominates; B's checks and A's
    // answers get through, so B's pair is valid.
    boolean[] cut = {false};
    net.drop = d -> cut[0] || (d.source().equals(A1) && stun(d) != null && stun(d).kind() == IceStunMessage.Kind.REQUEST);
    signalBoth();
    net.runFor(20_000);

    List<Seen> probes = wire.stream().filter(s -> s.from(B1) && s.isRequest()).toList();
    assertThat(b.pairStats()).anyMatch(p -> p.responsesReceived() > 0);
    assertThat(b.connectionState()).isEqualTo(IceConnectionState.CHECKING);
    assertThat(probes).as("B keeps checking its valid pair, every 2.5 s").hasSizeGreaterThanOrEqualTo(6);
    assertThat(probes.get(probes.size() - 1).at() - t0).isGreaterThan(17_000 * MS);
    // B's checks keep re-triggering A's (7.3.1.4): A does not conclude failed while B is there.
    assertThat(a.connectionState()).isEqualTo(IceConnectionState.CHECKING);

    cut[0] = true;
    assertThat(net.runUntil(() -> b.connectionState() == IceConnectionState.FAILED
        && a.connectionState() == IceConnectionState.FAILED, 30_000)).as("both conclude once the path is gone").isTrue();
    assertThat(b.selectedPair()).isEmpty();
  }

  /**
   * W3C iceConnectionState "completed" on both roles. Everything A sends from its preferred socket
   * is lost, so after the 1 s nomination delay A nominates the pair of its second socket while the
   * better pair is still being checked (B's checks to it keep restarting A's, 7.3.1.4): both sides
   * are connected, and only once the last checks concluded (failed) are they completed.
   */
  @Test
  void bothSidesAreCompletedOnlyOnceNoCheckIsLeftAfterTheNomination() {
    InetSocketAddress a2 = addr("10.0.1.1", 5002);
    net.socket(a, a2);
    net.drop = d -> d.source().equals(A1);
    signalBoth();

    assertThat(net.runUntil(() -> a.selectedPair().isPresent() && b.selectedPair().isPresent(), 3_000)).isTrue();
    assertThat(a.selectedPair().orElseThrow().localBase()).isEqualTo(a2);
    assertThat(a.connectionState()).isEqualTo(IceConnectionState.CONNECTED);
    assertThat(b.connectionState()).isEqualTo(IceConnectionState.CONNECTED);
    assertThat(a.pairStats()).as("A's check from its preferred socket still runs")
        .anyMatch(p -> p.pair().localBase().equals(A1) && p.state().equals("in-progress"));

    assertThat(net.runUntil(() -> a.connectionState() == IceConnectionState.COMPLETED
        && b.connectionState() == IceConnectionState.COMPLETED, 30_000)).isTrue();
    for (IceAgent x : List.of(a, b)) {
      assertThat(x.pairStats()).extracting(IcePairStats::state).doesNotContain("in-progress", "waiting", "frozen");
      assertThat(net.events(x, IceEvent.ConnectionStateChanged.class)).extracting(IceEvent.ConnectionStateChanged::state)
          .containsExactly(IceConnectionState.CHECKING, IceConnectionState.CONNECTED, IceConnectionState.COMPLETED);
    }
  }
}

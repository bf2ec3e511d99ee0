package dev.webrtc4j.testkit.ice;

import static dev.webrtc4j.testkit.ice.IceScenario.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import dev.webrtc4j.internal.ice.CandidateType;
import dev.webrtc4j.internal.ice.IceConnectionState;
import dev.webrtc4j.internal.ice.IceEvent;
import dev.webrtc4j.internal.ice.IceTransportPolicy;
import dev.webrtc4j.testkit.ice.IceScenario.NatType;
import dev.webrtc4j.testkit.net.NatBehavior;
import org.junit.jupiter.api.Test;

/** TURN credentials the server refuses: the candidate error carries the server's code; no relay candidate. */
class IceTurnAuthTest {

  @Test
  void wrongTurnPasswordReports401AndGathersNoRelayCandidate() {
    IceScenario.Builder b = IceScenario.builder(41);
    b.a().turn(true).turnCredentials("user", "wrong");
    b.b().turn(true);
    IceScenario s = b.build();
    s.start();
    assertThat(s.runUntilConnected(5 * SECOND)).as("%s", s).isTrue();
    s.runFor(SECOND);
    assertThat(s.a().candidateErrors()).hasSize(1);
    IceEvent.CandidateError e = s.a().candidateErrors().get(0);
    assertThat(e.errorCode()).isEqualTo(401);
    assertThat(e.url()).isEqualTo("turn:198.51.100.2:3478?transport=udp");
    assertThat(e.localAddress()).isEqualTo(s.a().sockets().get(0));
    assertThat(s.a().agent().localCandidates()).extracting(c -> c.type()).doesNotContain(CandidateType.RELAY);
    assertThat(s.a().signalledCandidates()).extracting(c -> c.type()).doesNotContain(CandidateType.RELAY);
    // B's credentials are good: it has its relay candidate, and no error.
    assertThat(s.b().candidateErrors()).isEmpty();
    assertThat(s.b().signalledCandidates()).extracting(c -> c.type()).contains(CandidateType.RELAY);
    assertThat(s.turnServer().counters().unauthenticated).isEqualTo(3); // two challenges and A's bad HMAC
  }

  @Test
  void unknownTurnUserReports401() {
    IceScenario.Builder b = IceScenario.builder(42);
    b.a().turn(true).turnCredentials("nobody", "secret");
    b.b().turn(true);
    IceScenario s = b.build();
    s.start();
    s.runFor(2 * SECOND);
    assertThat(s.a().candidateErrors()).extracting(IceEvent.CandidateError::errorCode).containsExactly(401);
  }

  @Test
  void relayOnlyWithWrongCredentialsHasNoCandidatesAndFails() {
    NatType symmetric = new NatType(NatBehavior.ADDRESS_AND_PORT_DEPENDENT, NatBehavior.ADDRESS_AND_PORT_DEPENDENT);
    IceScenario.Builder b = IceScenario.builder(43);
    b.a().nat(symmetric).turn(true).turnCredentials("user", "wrong").policy(IceTransportPolicy.RELAY);
    b.b().nat(symmetric).turn(true).policy(IceTransportPolicy.RELAY);
    IceScenario s = b.build();
    s.start();
    assertThat(s.runUntil(() -> s.a().state() == IceConnectionState.FAILED, 60 * SECOND)).as("%s", s).isTrue();
    assertThat(s.a().candidateErrors()).extracting(IceEvent.CandidateError::errorCode).containsExactly(401);
    assertThat(s.a().signalledCandidates()).isEmpty();
    assertThat(s.a().firstTimeIn(IceConnectionState.CONNECTED, 0)).isEqualTo(-1);
  }
}

package dev.webrtc4j;

import static dev.webrtc4j.Peers.await;
import static dev.webrtc4j.Peers.failure;
import static dev.webrtc4j.Peers.rejection;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Offer/answer and the signaling state, mirroring web-platform-tests webrtc/
 * RTCPeerConnection-createOffer.html, -createAnswer.html, -setLocalDescription-offer.html,
 * -setLocalDescription-answer.html, -setLocalDescription-pranswer.html,
 * -setLocalDescription-rollback.html, -setLocalDescription-parameterless.https.html,
 * -setRemoteDescription-offer.html, -setRemoteDescription-answer.html,
 * -setRemoteDescription-pranswer.html, -setRemoteDescription-rollback.html,
 * -setRemoteDescription.html and -operations.https.html.
 */
class RTCPeerConnectionSignalingTest {
  @RegisterExtension final Peers peers = new Peers();

  // createOffer.html: "createOffer() with no argument from newly created RTCPeerConnection should succeed"
  @Test
  void createOfferSucceedsAndLeavesTheStateStable() {
    RTCPeerConnection pc = peers.create();
    Peers.Log log = new Peers.Log();
    pc.setOnSignalingStateChange(e -> log.add("signalingstatechange"));
    RTCSessionDescription offer = await(pc.createOffer());
    assertThat(offer.type()).isEqualTo(RTCSdpType.OFFER);
    assertThat(offer.sdp()).startsWith("v=0\r\n");
    assertThat(pc.signalingState()).isEqualTo(RTCSignalingState.STABLE);
    assertThat(pc.localDescription()).isEmpty();
    Peers.settle(pc);
    assertThat(log.snapshot()).isEmpty();
  }

  // createOffer.html: "createOffer() after connection is closed should reject with InvalidStateError"
  @Test
  void createOfferAfterCloseRejectsWithInvalidStateError() {
    RTCPeerConnection pc = peers.create();
    pc.close();
    assertThat(rejection(pc.createOffer())).isEqualTo("InvalidStateError");
  }

  // createOffer.html: "When media stream is added when createOffer() is running in parallel, the result offer should contain the new media stream"
  @Test
  void createOfferReflectsTransceiversAddedBeforeItRuns() {
    RTCPeerConnection pc = peers.create();
    pc.addTransceiver("audio");
    pc.addTransceiver("video");
    RTCSessionDescription offer = await(pc.createOffer());
    assertThat(offer.sdp()).contains("m=audio 9 UDP/TLS/RTP/SAVPF").contains("m=video 9 UDP/TLS/RTP/SAVPF")
        .contains("c=IN IP4 0.0.0.0").doesNotContain("a=candidate");
  }

  // createAnswer.html: "createAnswer() with null remoteDescription should reject with InvalidStateError"
  @Test
  void createAnswerWithoutARemoteOfferRejectsWithInvalidStateError() {
    RTCPeerConnection pc = peers.create();
    assertThat(rejection(pc.createAnswer())).isEqualTo("InvalidStateError");
  }

  // createAnswer.html: "createAnswer() after setting remote description should succeed"
  // and "createAnswer() when connection is closed reject with InvalidStateError"
  @Test
  void createAnswerAfterARemoteOfferSucceedsAndFailsOnceClosed() {
    RTCPeerConnection caller = peers.create();
    RTCPeerConnection callee = peers.create();
    caller.createDataChannel("x");
    RTCSessionDescription offer = await(caller.createOffer());
    await(callee.setRemoteDescription(offer));
    RTCSessionDescription answer = await(callee.createAnswer());
    assertThat(answer.type()).isEqualTo(RTCSdpType.ANSWER);
    assertThat(callee.signalingState()).isEqualTo(RTCSignalingState.HAVE_REMOTE_OFFER);
    callee.close();
    assertThat(rejection(callee.createAnswer())).isEqualTo("InvalidStateError");
  }

  // setLocalDescription-offer.html: "setLocalDescription with valid offer should succeed";
  // the state changes and signalingstatechange fires before the promise resolves.
  @Test
  void setLocalOfferMovesToHaveLocalOfferAndFiresTheEventBeforeResolving() {
    RTCPeerConnection pc = peers.create();
    Peers.Log log = new Peers.Log();
    pc.setOnSignalingStateChange(e -> log.add("signalingstatechange:" + pc.signalingState().w3cName()));
    RTCSessionDescription offer = await(pc.createOffer());
    await(pc.setLocalDescription(offer).thenRun(() -> log.add("resolved")));
    assertThat(log.snapshot()).containsExactly("signalingstatechange:have-local-offer", "resolved");
    assertThat(pc.signalingState()).isEqualTo(RTCSignalingState.HAVE_LOCAL_OFFER);
    assertThat(pc.localDescription()).contains(offer);
    assertThat(pc.pendingLocalDescription()).map(RTCPeerConnectionSignalingTest::withoutCandidates).contains(offer);
    assertThat(pc.currentLocalDescription()).isEmpty();
  }

  // setLocalDescription-offer.html: "setLocalDescription() with offer not created by own createOffer() should reject with InvalidModificationError"
  @Test
  void setLocalOfferNotCreatedHereRejectsWithInvalidModificationError() {
    RTCPeerConnection a = peers.create();
    RTCPeerConnection b = peers.create();
    RTCSessionDescription foreign = await(b.createOffer());
    await(a.createOffer());
    assertThat(rejection(a.setLocalDescription(foreign))).isEqualTo("InvalidModificationError");
    assertThat(a.signalingState()).isEqualTo(RTCSignalingState.STABLE);
  }

  // setLocalDescription-offer.html: "Set created offer other than last offer should reject with InvalidModificationError"
  // — we keep the spec's rule: only the last created offer may be applied.
  @Test
  void setLocalOfferOfAnOlderCreateOfferRejects() {
    RTCPeerConnection pc = peers.create();
    pc.addTransceiver("audio");
    RTCSessionDescription first = await(pc.createOffer());
    RTCSessionDescription second = await(pc.createOffer());
    assertThat(second.sdp()).isNotEqualTo(first.sdp());
    assertThat(rejection(pc.setLocalDescription(first))).isEqualTo("InvalidModificationError");
    await(pc.setLocalDescription(second));
  }

  // setLocalDescription-offer.html: "Creating and setting offer multiple times should succeed"
  @Test
  void settingALocalOfferAgainStaysInHaveLocalOffer() {
    RTCPeerConnection pc = peers.create();
    await(pc.setLocalDescription(await(pc.createOffer())));
    Peers.Log log = new Peers.Log();
    pc.setOnSignalingStateChange(e -> log.add("signalingstatechange"));
    RTCSessionDescription again = await(pc.createOffer());
    await(pc.setLocalDescription(again));
    assertThat(pc.signalingState()).isEqualTo(RTCSignalingState.HAVE_LOCAL_OFFER);
    assertThat(pc.pendingLocalDescription()).map(RTCPeerConnectionSignalingTest::withoutCandidates).contains(again);
    Peers.settle(pc);
    assertThat(log.snapshot()).isEmpty();
  }

  // setLocalDescription-answer.html: "setLocalDescription() with answer in stable state should reject with InvalidStateError"
  @Test
  void setLocalAnswerInStableRejectsWithInvalidStateError() {
    RTCPeerConnection a = peers.create();
    RTCPeerConnection b = peers.create();
    await(b.setRemoteDescription(await(a.createOffer())));
    RTCSessionDescription answer = await(b.createAnswer());
    assertThat(rejection(a.setLocalDescription(answer))).isEqualTo("InvalidStateError");
  }

  // setLocalDescription-answer.html: "setLocalDescription() with valid answer should succeed"
  @Test
  void localAnswerCompletesTheNegotiationAndMovesPendingToCurrent() {
    RTCPeerConnection a = peers.create();
    RTCPeerConnection b = peers.create();
    a.addTransceiver("audio");
    RTCSessionDescription offer = await(a.createOffer());
    await(a.setLocalDescription(offer));
    await(b.setRemoteDescription(offer));
    assertThat(b.pendingRemoteDescription()).map(RTCSessionDescription::sdp).contains(offer.sdp());
    assertThat(b.currentRemoteDescription()).isEmpty();
    RTCSessionDescription answer = await(b.createAnswer());
    await(b.setLocalDescription(answer));
    assertThat(b.signalingState()).isEqualTo(RTCSignalingState.STABLE);
    // wpt assert_session_desc_similar: the same description, plus the candidates gathered since.
    assertThat(b.currentLocalDescription()).map(RTCPeerConnectionSignalingTest::withoutCandidates)
        .contains(withoutCandidates(answer));
    assertThat(b.currentRemoteDescription()).map(RTCSessionDescription::sdp).contains(offer.sdp());
    assertThat(b.pendingLocalDescription()).isEmpty();
    assertThat(b.pendingRemoteDescription()).isEmpty();
    await(a.setRemoteDescription(answer));
    assertThat(a.signalingState()).isEqualTo(RTCSignalingState.STABLE);
    assertThat(a.currentLocalDescription()).map(RTCPeerConnectionSignalingTest::withoutCandidates).contains(offer);
    assertThat(a.currentRemoteDescription()).map(RTCSessionDescription::sdp).contains(answer.sdp());
  }

  // setLocalDescription-pranswer.html and setRemoteDescription-pranswer.html
  @Test
  void pranswerThenAnswerOnBothSides() {
    RTCPeerConnection a = peers.create();
    RTCPeerConnection b = peers.create();
    a.addTransceiver("audio");
    RTCSessionDescription offer = await(a.createOffer());
    await(a.setLocalDescription(offer));
    await(b.setRemoteDescription(offer));
    RTCSessionDescription answer = await(b.createAnswer());
    RTCSessionDescriptionInit pranswer = new RTCSessionDescriptionInit(RTCSdpType.PRANSWER, answer.sdp());
    await(b.setLocalDescription(pranswer));
    assertThat(b.signalingState()).isEqualTo(RTCSignalingState.HAVE_LOCAL_PRANSWER);
    assertThat(b.pendingLocalDescription()).map(RTCSessionDescription::type).contains(RTCSdpType.PRANSWER);
    assertThat(b.currentLocalDescription()).isEmpty();
    await(a.setRemoteDescription(pranswer));
    assertThat(a.signalingState()).isEqualTo(RTCSignalingState.HAVE_REMOTE_PRANSWER);
    assertThat(a.pendingRemoteDescription()).map(RTCSessionDescription::type).contains(RTCSdpType.PRANSWER);
    await(b.setLocalDescription(answer));
    await(a.setRemoteDescription(answer));
    assertThat(a.signalingState()).isEqualTo(RTCSignalingState.STABLE);
    assertThat(b.signalingState()).isEqualTo(RTCSignalingState.STABLE);
    assertThat(a.currentRemoteDescription()).map(RTCSessionDescription::type).contains(RTCSdpType.ANSWER);
  }

  // setLocalDescription-pranswer.html: "setLocalDescription(pranswer) from stable state should reject with InvalidStateError"
  @Test
  void pranswerInStableRejectsWithInvalidStateError() {
    RTCPeerConnection a = peers.create();
    RTCPeerConnection b = peers.create();
    await(b.setRemoteDescription(await(a.createOffer())));
    RTCSessionDescription answer = await(b.createAnswer());
    assertThat(rejection(a.setLocalDescription(new RTCSessionDescriptionInit(RTCSdpType.PRANSWER, answer.sdp()))))
        .isEqualTo("InvalidStateError");
    assertThat(rejection(a.setRemoteDescription(new RTCSessionDescriptionInit(RTCSdpType.PRANSWER, answer.sdp()))))
        .isEqualTo("InvalidStateError");
  }

  // setLocalDescription-rollback.html: "setLocalDescription(rollback) from have-local-offer state should reset back to stable state"
  @Test
  void localRollbackReturnsToStable() {
    RTCPeerConnection pc = peers.create();
    pc.addTransceiver("audio");
    await(pc.setLocalDescription(await(pc.createOffer())));
    assertThat(pc.getTransceivers().get(0).mid()).contains("0");
    Peers.Log log = new Peers.Log();
    pc.setOnSignalingStateChange(e -> log.add(pc.signalingState().w3cName()));
    await(pc.setLocalDescription(RTCSessionDescriptionInit.of(RTCSdpType.ROLLBACK)));
    assertThat(pc.signalingState()).isEqualTo(RTCSignalingState.STABLE);
    assertThat(pc.localDescription()).isEmpty();
    assertThat(pc.pendingLocalDescription()).isEmpty();
    // RTCRtpTransceiver-setDirection / rollback: the mid goes back to null.
    assertThat(pc.getTransceivers().get(0).mid()).isEmpty();
    assertThat(log.snapshot()).containsExactly("stable");
  }

  // setLocalDescription-rollback.html: "setLocalDescription(rollback) from stable state should reject with InvalidStateError"
  @Test
  void rollbackInStableRejectsWithInvalidStateError() {
    RTCPeerConnection pc = peers.create();
    assertThat(rejection(pc.setLocalDescription(RTCSessionDescriptionInit.of(RTCSdpType.ROLLBACK)))).isEqualTo("InvalidStateError");
    assertThat(rejection(pc.setRemoteDescription(RTCSessionDescriptionInit.of(RTCSdpType.ROLLBACK)))).isEqualTo("InvalidStateError");
  }

  // setRemoteDescription-rollback.html: "setRemoteDescription(rollback) in have-remote-offer state should revert to stable state"
  @Test
  void remoteRollbackRemovesTheTransceiversTheOfferCreated() {
    RTCPeerConnection a = peers.create();
    RTCPeerConnection b = peers.create();
    a.addTransceiver("audio");
    await(b.setRemoteDescription(await(a.createOffer())));
    assertThat(b.getTransceivers()).hasSize(1);
    await(b.setRemoteDescription(RTCSessionDescriptionInit.of(RTCSdpType.ROLLBACK)));
    assertThat(b.signalingState()).isEqualTo(RTCSignalingState.STABLE);
    assertThat(b.remoteDescription()).isEmpty();
    assertThat(b.getTransceivers()).isEmpty();
  }

  // setLocalDescription-parameterless.https.html: "Parameterless SLD() in 'stable' goes to 'have-local-offer'"
  // and "Parameterless SLD() in 'have-remote-offer' goes to 'stable'"
  @Test
  void parameterlessSetLocalDescriptionCreatesTheOfferOrTheAnswer() {
    RTCPeerConnection a = peers.create();
    RTCPeerConnection b = peers.create();
    a.addTransceiver("video");
    await(a.setLocalDescription());
    assertThat(a.signalingState()).isEqualTo(RTCSignalingState.HAVE_LOCAL_OFFER);
    RTCSessionDescription offer = a.localDescription().orElseThrow();
    assertThat(offer.type()).isEqualTo(RTCSdpType.OFFER);
    await(b.setRemoteDescription(offer));
    await(b.setLocalDescription());
    assertThat(b.signalingState()).isEqualTo(RTCSignalingState.STABLE);
    RTCSessionDescription answer = b.localDescription().orElseThrow();
    assertThat(answer.type()).isEqualTo(RTCSdpType.ANSWER);
    await(a.setRemoteDescription(answer));
    assertThat(a.signalingState()).isEqualTo(RTCSignalingState.STABLE);
  }

  // setLocalDescription-parameterless.https.html: "Parameterless SLD() rejects with InvalidStateError when already closed"
  @Test
  void parameterlessSetLocalDescriptionAfterCloseRejects() {
    RTCPeerConnection pc = peers.create();
    pc.close();
    assertThat(rejection(pc.setLocalDescription())).isEqualTo("InvalidStateError");
  }

  // setRemoteDescription.html: "setRemoteDescription with invalid SDP should reject with RTCError"
  @Test
  void invalidRemoteSdpRejectsWithAnRtcErrorOfSdpSyntax() {
    RTCPeerConnection pc = peers.create();
    Throwable t = failure(pc.setRemoteDescription(new RTCSessionDescriptionInit(RTCSdpType.OFFER, "Invalid SDP")));
    assertThat(t).isInstanceOf(RTCError.class);
    RTCError e = (RTCError) t;
    assertThat(e.name()).isEqualTo("OperationError");
    assertThat(e.errorDetail()).isEqualTo(RTCError.ErrorDetail.SDP_SYNTAX_ERROR);
    assertThat(pc.signalingState()).isEqualTo(RTCSignalingState.STABLE);
  }

  // setRemoteDescription-answer.html: "Calling setRemoteDescription(answer) from stable state should reject with InvalidStateError"
  @Test
  void remoteAnswerInStableRejectsWithInvalidStateError() {
    RTCPeerConnection a = peers.create();
    RTCPeerConnection b = peers.create();
    await(b.setRemoteDescription(await(a.createOffer())));
    RTCSessionDescription answer = await(b.createAnswer());
    assertThat(rejection(a.setRemoteDescription(answer))).isEqualTo("InvalidStateError");
  }

  // setRemoteDescription-offer.html: "setRemoteDescription(offer) with invalid SDP ... " and
  // "Naive munging / Set remote offer": a remote offer in have-remote-offer replaces it.
  @Test
  void aSecondRemoteOfferReplacesThePendingOne() {
    RTCPeerConnection a = peers.create();
    RTCPeerConnection b = peers.create();
    RTCPeerConnection c = peers.create();
    RTCSessionDescription first = await(a.createOffer());
    RTCSessionDescription second = await(c.createOffer());
    await(b.setRemoteDescription(first));
    await(b.setRemoteDescription(second));
    assertThat(b.signalingState()).isEqualTo(RTCSignalingState.HAVE_REMOTE_OFFER);
    assertThat(b.pendingRemoteDescription()).map(RTCSessionDescription::sdp).contains(second.sdp());
  }

  // setRemoteDescription-offer.html: "setRemoteDescription(offer) from have-local-offer ... (implicit rollback)";
  // perfect negotiation relies on it (W3C §4.4.1.6).
  @Test
  void aRemoteOfferInHaveLocalOfferRollsBackImplicitly() {
    RTCPeerConnection a = peers.create();
    RTCPeerConnection b = peers.create();
    a.addTransceiver("audio");
    b.addTransceiver("video");
    await(a.setLocalDescription(await(a.createOffer())));
    RTCSessionDescription offerB = await(b.createOffer());
    Peers.Log log = new Peers.Log();
    a.setOnSignalingStateChange(e -> log.add("ssc"));
    await(a.setRemoteDescription(offerB));
    assertThat(a.signalingState()).isEqualTo(RTCSignalingState.HAVE_REMOTE_OFFER);
    assertThat(a.pendingLocalDescription()).isEmpty();
    // stable, then have-remote-offer: two events.
    assertThat(log.snapshot()).hasSize(2);
  }

  // operations.https.html: "createOffer/setLocalDescription/setRemoteDescription chained without awaiting run in order"
  @Test
  void operationsCalledBackToBackRunInOrder() {
    RTCPeerConnection a = peers.create();
    RTCPeerConnection b = peers.create();
    a.addTransceiver("audio");
    Peers.Log log = new Peers.Log();
    CompletableFuture<Void> sld = a.setLocalDescription().thenRun(() -> log.add("sld"));
    CompletableFuture<RTCSessionDescription> offer = a.createOffer().whenComplete((o, e) -> log.add("createOffer"));
    CompletableFuture<Void> rollback = a.setLocalDescription(RTCSessionDescriptionInit.of(RTCSdpType.ROLLBACK))
        .thenRun(() -> log.add("rollback"));
    await(rollback);
    await(sld);
    await(offer);
    assertThat(log.snapshot()).containsExactly("sld", "createOffer", "rollback");
    assertThat(a.signalingState()).isEqualTo(RTCSignalingState.STABLE);
    assertThat(b.signalingState()).isEqualTo(RTCSignalingState.STABLE);
  }

  // operations.https.html: "a chained operation that fails does not stop the chain"
  @Test
  void aFailedOperationDoesNotBlockTheNextOne() {
    RTCPeerConnection pc = peers.create();
    CompletableFuture<RTCSessionDescription> bad = pc.createAnswer();
    CompletableFuture<RTCSessionDescription> good = pc.createOffer();
    assertThat(rejection(bad)).isEqualTo("InvalidStateError");
    assertThat(await(good).type()).isEqualTo(RTCSdpType.OFFER);
  }

  // close.html / operations: "pending operations are rejected by close"
  @Test
  void closeFailsOperationsStillInTheChain() {
    RTCPeerConnection pc = peers.create();
    CompletableFuture<RTCSessionDescription> o1 = pc.createOffer();
    CompletableFuture<RTCSessionDescription> o2 = pc.createOffer();
    pc.close();
    // Whichever had not run yet fails with InvalidStateError; none stays pending.
    for (CompletableFuture<RTCSessionDescription> f : java.util.List.of(o1, o2)) {
      try {
        await(f);
      } catch (AssertionError e) {
        assertThat(e.getCause()).isInstanceOf(RTCException.class);
        assertThat(((RTCException) e.getCause()).name()).isEqualTo("InvalidStateError");
      }
    }
    assertThat(pc.signalingState()).isEqualTo(RTCSignalingState.CLOSED);
  }

  /** The description with its a=candidate and a=end-of-candidates lines removed. */
  static RTCSessionDescription withoutCandidates(RTCSessionDescription d) {
    return new RTCSessionDescription(d.type(), d.sdp().replaceAll("a=(candidate:[^\r\n]*|end-of-candidates)\r\n", ""));
  }
}

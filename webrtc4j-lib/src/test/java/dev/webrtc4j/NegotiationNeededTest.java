package dev.webrtc4j;

import static dev.webrtc4j.Peers.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * negotiationneeded: queued, coalesced, only in stable, cleared by negotiation; mirrors wpt
 * webrtc/RTCPeerConnection-onnegotiationneeded.html (and the addTrack/removeTrack/setDirection/
 * stop cases of its "TODO" section, which RTCRtpTransceiver.https.html tests).
 */
class NegotiationNeededTest {
  @RegisterExtension final Peers peers = new Peers();

  private static AtomicInteger count(RTCPeerConnection pc) {
    AtomicInteger n = new AtomicInteger();
    pc.setOnNegotiationNeeded(e -> n.incrementAndGet());
    return n;
  }

  // "Creating first data channel should fire negotiationneeded event"
  // "calling createDataChannel twice should fire negotiationneeded event once"
  @Test
  void theFirstDataChannelFiresItOnceAndTheSecondNot() {
    RTCPeerConnection pc = peers.create();
    AtomicInteger n = count(pc);
    pc.createDataChannel("foo");
    Peers.settle(pc);
    assertThat(n.get()).isEqualTo(1);
    pc.createDataChannel("bar");
    Peers.settle(pc);
    assertThat(n.get()).isEqualTo(1);
  }

  // "addTransceiver() should fire negotiationneeded event"
  // "Calling addTransceiver() twice should fire negotiationneeded event once"
  @Test
  void twoAddTransceiversFireOneEvent() {
    RTCPeerConnection pc = peers.create();
    AtomicInteger n = count(pc);
    pc.addTransceiver("audio");
    Peers.settle(pc);
    assertThat(n.get()).isEqualTo(1);
    pc.addTransceiver("video");
    Peers.settle(pc);
    assertThat(n.get()).isEqualTo(1);
  }

  // "Calling both addTransceiver() and createDataChannel() should fire negotiationneeded event once"
  @Test
  void dataChannelAndTransceiverFireOneEvent() {
    RTCPeerConnection pc = peers.create();
    AtomicInteger n = count(pc);
    pc.createDataChannel("test");
    pc.addTransceiver("video");
    Peers.settle(pc);
    assertThat(n.get()).isEqualTo(1);
  }

  // "negotiationneeded event should not fire if signaling state is not stable"
  // "negotiationneeded event should fire only after signaling state go back to stable"
  @Test
  void waitsForStableAndFiresAfterTheAnswerIfStillNeeded() {
    RTCPeerConnection pc = peers.create();
    RTCPeerConnection other = peers.create();
    AtomicInteger n = count(pc);
    RTCSessionDescription offer = await(pc.createOffer());
    await(pc.setLocalDescription(offer));
    pc.createDataChannel("test");
    Peers.settle(pc);
    assertThat(n.get()).isZero();
    await(other.setRemoteDescription(offer));
    RTCSessionDescription answer = await(other.createAnswer());
    java.util.concurrent.CompletableFuture<Boolean> answerSettledFirst = new java.util.concurrent.CompletableFuture<>();
    java.util.concurrent.atomic.AtomicReference<java.util.concurrent.CompletableFuture<Void>> srd =
        new java.util.concurrent.atomic.AtomicReference<>();
    pc.setOnNegotiationNeeded(e -> answerSettledFirst.complete(srd.get() != null && srd.get().isDone()));
    // Hold the dispatch executor while the call is made, so the handler sees the future.
    java.util.concurrent.CountDownLatch hold = new java.util.concurrent.CountDownLatch(1);
    pc.dispatcherForChildren().execute(() -> {
      try {
        hold.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    srd.set(pc.setRemoteDescription(answer));
    hold.countDown();
    await(srd.get());
    // The promise settles first, then negotiationneeded fires (both on the dispatch executor).
    assertThat(await(answerSettledFirst)).isTrue();
  }

  @Test
  void aCompletedNegotiationClearsTheFlag() {
    RTCPeerConnection a = peers.create();
    RTCPeerConnection b = peers.create();
    AtomicInteger n = count(a);
    AtomicInteger nb = count(b);
    a.addTransceiver("audio");
    a.createDataChannel("dc");
    Peers.settle(a);
    assertThat(n.get()).isEqualTo(1);
    Peers.negotiate(a, b);
    Peers.settle(a);
    Peers.settle(b);
    assertThat(n.get()).isEqualTo(1);
    // The answerer's recvonly transceiver matches its direction: nothing to negotiate.
    assertThat(nb.get()).isZero();
    // W3C "check if negotiation is needed": sendonly matches the answer's (reversed) recvonly, so
    // it needs nothing; recvonly matches neither description and fires again.
    a.getTransceivers().get(0).setDirection(RTCRtpTransceiverDirection.SENDONLY);
    Peers.settle(a);
    assertThat(n.get()).isEqualTo(1);
    a.getTransceivers().get(0).setDirection(RTCRtpTransceiverDirection.RECVONLY);
    Peers.settle(a);
    assertThat(n.get()).isEqualTo(2);
  }

  // RTCRtpTransceiver.https.html: setting the same direction does not need negotiation
  @Test
  void settingTheSameDirectionDoesNotFire() {
    RTCPeerConnection a = peers.create();
    RTCPeerConnection b = peers.create();
    RTCRtpTransceiver t = a.addTransceiver("audio");
    Peers.negotiate(a, b);
    AtomicInteger n = count(a);
    t.setDirection(RTCRtpTransceiverDirection.SENDRECV);
    Peers.settle(a);
    assertThat(n.get()).isZero();
  }

  // addTrack / removeTrack / stop each update the flag.
  @Test
  void addTrackRemoveTrackAndStopNeedNegotiation() {
    RTCPeerConnection a = peers.create();
    RTCPeerConnection b = peers.create();
    MediaStreamTrack track = MediaStreamTrack.audio("mic");
    RTCRtpSender sender = a.addTrack(track, new MediaStream());
    Peers.negotiate(a, b);
    AtomicInteger n = count(a);
    a.removeTrack(sender);
    Peers.settle(a);
    assertThat(n.get()).isEqualTo(1);
    Peers.negotiate(a, b);
    Peers.settle(a);
    a.getTransceivers().get(0).stop();
    Peers.settle(a);
    assertThat(n.get()).isEqualTo(2);
  }

  @Test
  void restartIceNeedsNegotiation() {
    RTCPeerConnection a = peers.create();
    RTCPeerConnection b = peers.create();
    a.createDataChannel("x");
    Peers.negotiate(a, b);
    AtomicInteger n = count(a);
    a.restartIce();
    Peers.settle(a);
    assertThat(n.get()).isEqualTo(1);
  }

  // "Untestable ... If connection's [[isClosed]] slot is true, abort": nothing fires after close.
  @Test
  void nothingFiresAfterClose() {
    RTCPeerConnection pc = peers.create();
    AtomicInteger n = count(pc);
    pc.close();
    Peers.settle(pc);
    assertThat(n.get()).isZero();
  }
}

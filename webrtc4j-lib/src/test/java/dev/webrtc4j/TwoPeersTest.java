package dev.webrtc4j;

import static dev.webrtc4j.Peers.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two connections in one JVM: offer/answer, then renegotiation (a video transceiver, a removed
 * track, a data channel, an ICE restart), each description accepted by the other; and the
 * perfect-negotiation pattern of wpt webrtc/RTCPeerConnection-perfect-negotiation*.html.
 */
class TwoPeersTest {
  @RegisterExtension final Peers peers = new Peers();

  private static String first(String sdp, String regex) {
    Matcher m = Pattern.compile(regex).matcher(sdp);
    return m.find() ? m.group(1) : "";
  }

  @Test
  void offerAnswerThenRenegotiateVideoRemoveTrackDataChannelAndIceRestart() {
    RTCPeerConnection a = peers.create();
    RTCPeerConnection b = peers.create();
    List<RTCTrackEvent> bTracks = new ArrayList<>();
    b.setOnTrack(bTracks::add);

    // 1. audio from a
    MediaStreamTrack mic = MediaStreamTrack.audio("mic");
    MediaStream stream = new MediaStream(mic);
    RTCRtpSender micSender = a.addTrack(mic, stream);
    Peers.negotiate(a, b);
    assertThat(a.signalingState()).isEqualTo(RTCSignalingState.STABLE);
    assertThat(b.signalingState()).isEqualTo(RTCSignalingState.STABLE);
    Peers.settle(b);
    assertThat(bTracks).hasSize(1);
    String offer1 = a.currentLocalDescription().orElseThrow().sdp();
    String answer1 = b.currentLocalDescription().orElseThrow().sdp();
    assertThat(offer1).contains("a=setup:actpass").contains("a=group:BUNDLE 0").contains("a=rtcp-mux")
        .contains("a=ice-options:trickle").contains("a=sendrecv");
    assertThat(answer1).contains("a=setup:active").contains("a=recvonly").contains("a=group:BUNDLE 0");

    // 2. b adds video: b offers this time.
    b.addTransceiver(MediaStreamTrack.video("cam"));
    Peers.negotiate(b, a);
    Peers.settle(a);
    assertThat(a.getTransceivers()).hasSize(2);
    assertThat(a.getTransceivers().get(1).currentDirection()).contains(RTCRtpTransceiverDirection.RECVONLY);
    String offer2 = b.currentLocalDescription().orElseThrow().sdp();
    String answer2 = a.currentLocalDescription().orElseThrow().sdp();
    assertThat(offer2).contains("a=group:BUNDLE 0 1").contains("m=video");
    // The DTLS roles stay: b was the DTLS client (active), so as offerer it offers actpass and
    // a, the server, answers passive.
    assertThat(answer2).contains("a=setup:passive").doesNotContain("a=setup:active");

    // 3. a removes its track.
    a.removeTrack(micSender);
    Peers.negotiate(a, b);
    assertThat(a.getTransceivers().get(0).currentDirection()).contains(RTCRtpTransceiverDirection.INACTIVE);
    assertThat(b.getTransceivers().get(0).currentDirection()).contains(RTCRtpTransceiverDirection.INACTIVE);

    // 4. a data channel.
    assertThat(a.sctp()).isEmpty();
    RTCDataChannel dc = a.createDataChannel("chat");
    assertThat(dc.readyState()).isEqualTo(RTCDataChannelState.CONNECTING);
    Peers.negotiate(a, b);
    String offer4 = a.currentLocalDescription().orElseThrow().sdp();
    assertThat(offer4).contains("m=application 9 UDP/DTLS/SCTP webrtc-datachannel").contains("a=sctp-port:5000")
        .contains("a=max-message-size:262144").contains("a=group:BUNDLE 0 1 2");
    assertThat(a.sctp()).isPresent();
    assertThat(b.sctp()).isPresent();
    assertThat(a.sctp().orElseThrow().maxMessageSize()).isEqualTo(262144.0);
    assertThat(dc.readyState()).isEqualTo(RTCDataChannelState.CONNECTING);

    // 5. ICE restart: new credentials on both sides, everything else kept.
    String ufragA = first(offer4, "a=ice-ufrag:(\\S+)");
    String ufragB = first(b.currentLocalDescription().orElseThrow().sdp(), "a=ice-ufrag:(\\S+)");
    RTCSessionDescription restart = await(a.createOffer(RTCOfferOptions.builder().iceRestart(true).build()));
    String newUfragA = first(restart.sdp(), "a=ice-ufrag:(\\S+)");
    assertThat(newUfragA).isNotEqualTo(ufragA);
    await(a.setLocalDescription(restart));
    await(b.setRemoteDescription(restart));
    RTCSessionDescription answer5 = await(b.createAnswer());
    assertThat(first(answer5.sdp(), "a=ice-ufrag:(\\S+)")).isNotEqualTo(ufragB);
    await(b.setLocalDescription(answer5));
    await(a.setRemoteDescription(answer5));
    assertThat(a.signalingState()).isEqualTo(RTCSignalingState.STABLE);
    // Without the option the next offer keeps the new credentials.
    assertThat(first(await(a.createOffer()).sdp(), "a=ice-ufrag:(\\S+)")).isEqualTo(newUfragA);
  }

  @Test
  void restartIceMakesTheNextOfferUseNewCredentials() {
    RTCPeerConnection a = peers.create();
    RTCPeerConnection b = peers.create();
    a.createDataChannel("x");
    Peers.negotiate(a, b);
    String before = first(a.currentLocalDescription().orElseThrow().sdp(), "a=ice-ufrag:(\\S+)");
    a.restartIce();
    RTCSessionDescription offer = await(a.createOffer());
    assertThat(first(offer.sdp(), "a=ice-ufrag:(\\S+)")).isNotEqualTo(before);
  }

  /**
   * One side of the perfect-negotiation pattern (W3C §10.7 example, wpt
   * RTCPeerConnection-perfect-negotiation-helper.js): on negotiationneeded, setLocalDescription()
   * and send it; on a description, ignore a colliding offer if impolite, otherwise
   * setRemoteDescription (implicit rollback) and answer.
   */
  private static final class Side {
    final RTCPeerConnection pc;
    final boolean polite;
    Side other;
    boolean makingOffer;
    boolean ignoreOffer;
    volatile boolean settingRemoteAnswerPending;
    final AtomicInteger ignored = new AtomicInteger();
    final List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());

    Side(RTCPeerConnection pc, boolean polite) {
      this.pc = pc;
      this.polite = polite;
      pc.setOnNegotiationNeeded(e -> {
        makingOffer = true;
        pc.setLocalDescription().whenComplete((v, err) -> {
          makingOffer = false;
          if (err != null) {
            errors.add(err);
            return;
          }
          other.receive(pc.localDescription().orElseThrow());
        });
      });
    }

    /** Runs on this side's dispatch executor, like a signaling message arriving. */
    void receive(RTCSessionDescription d) {
      pc.dispatcherForChildren().execute(() -> {
        // W3C §10.7: an offer is welcome when we are not making one and are stable or about to
        // be (an answer is being applied).
        boolean readyForOffer = !makingOffer
            && (pc.signalingState() == RTCSignalingState.STABLE || settingRemoteAnswerPending);
        boolean collision = d.type() == RTCSdpType.OFFER && !readyForOffer;
        ignoreOffer = !polite && collision;
        if (ignoreOffer) {
          ignored.incrementAndGet();
          return;
        }
        settingRemoteAnswerPending = d.type() == RTCSdpType.ANSWER;
        pc.setRemoteDescription(d).whenComplete((v, e) -> settingRemoteAnswerPending = false).thenCompose(v -> {
          if (d.type() == RTCSdpType.OFFER) {
            return pc.setLocalDescription().thenRun(() -> other.receive(pc.localDescription().orElseThrow()));
          }
          return CompletableFuture.completedFuture(null);
        }).whenComplete((v, err) -> {
          if (err != null) {
            errors.add(err);
          }
        });
      });
    }
  }

  private static void awaitStableAndEqual(RTCPeerConnection a, RTCPeerConnection b, int transceivers) {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(Peers.TIMEOUT_SECONDS);
    while (System.nanoTime() < deadline) {
      Peers.settle(a);
      Peers.settle(b);
      if (a.signalingState() == RTCSignalingState.STABLE && b.signalingState() == RTCSignalingState.STABLE
          && a.getTransceivers().size() == transceivers && b.getTransceivers().size() == transceivers
          && a.getTransceivers().stream().allMatch(t -> t.currentDirection().isPresent())
          && b.getTransceivers().stream().allMatch(t -> t.currentDirection().isPresent())) {
        return;
      }
    }
    throw new AssertionError("did not converge: a=" + a.signalingState() + " " + a.getTransceivers() + " b="
        + b.signalingState() + " " + b.getTransceivers());
  }

  // perfect-negotiation.https.html: "Perfect negotiation with glare: both sides add a transceiver at once"
  @Test
  void perfectNegotiationSurvivesGlare() {
    RTCPeerConnection pa = peers.create();
    RTCPeerConnection pb = peers.create();
    Side polite = new Side(pa, true);
    Side impolite = new Side(pb, false);
    polite.other = impolite;
    impolite.other = polite;
    // Both need negotiation at the same moment: their offers cross.
    pa.addTransceiver("audio");
    pb.addTransceiver("video");
    awaitStableAndEqual(pa, pb, 2);
    assertThat(polite.errors).isEmpty();
    assertThat(impolite.errors).isEmpty();
    assertThat(pa.getTransceivers()).extracting(t -> t.mid().orElseThrow())
        .containsExactlyInAnyOrderElementsOf(pb.getTransceivers().stream().map(t -> t.mid().orElseThrow()).toList());
    // Then one more change on the impolite side renegotiates cleanly.
    pb.createDataChannel("late");
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(Peers.TIMEOUT_SECONDS);
    while ((pa.sctp().isEmpty() || pb.sctp().isEmpty()) && System.nanoTime() < deadline) {
      Peers.settle(pa);
      Peers.settle(pb);
    }
    assertThat(pa.sctp()).isPresent();
    assertThat(pb.sctp()).isPresent();
    assertThat(polite.errors).isEmpty();
    assertThat(impolite.errors).isEmpty();
  }

  // perfect-negotiation.https.html, the glare step made deterministic: both have a local offer;
  // the impolite side ignores the polite offer, the polite side rolls back implicitly and answers.
  @Test
  void glareIsResolvedByThePoliteSidesImplicitRollback() {
    RTCPeerConnection polite = peers.create();
    RTCPeerConnection impolite = peers.create();
    RTCRtpTransceiver politeAudio = polite.addTransceiver("audio");
    impolite.addTransceiver("video");
    await(polite.setLocalDescription());
    await(impolite.setLocalDescription());
    RTCSessionDescription politeOffer = polite.localDescription().orElseThrow();
    RTCSessionDescription impoliteOffer = impolite.localDescription().orElseThrow();
    assertThat(politeAudio.mid()).contains("0");
    // impolite: offer collision, ignore politeOffer. polite: setRemoteDescription rolls back.
    List<String> politeStates = java.util.Collections.synchronizedList(new ArrayList<>());
    polite.setOnSignalingStateChange(e -> politeStates.add(polite.signalingState().w3cName()));
    await(polite.setRemoteDescription(impoliteOffer));
    assertThat(politeStates).containsExactly("stable", "have-remote-offer");
    assertThat(politeAudio.mid()).isEmpty();
    await(polite.setLocalDescription());
    await(impolite.setRemoteDescription(polite.localDescription().orElseThrow()));
    assertThat(polite.signalingState()).isEqualTo(RTCSignalingState.STABLE);
    assertThat(impolite.signalingState()).isEqualTo(RTCSignalingState.STABLE);
    // The polite side still has its audio to negotiate: it offers again with a fresh mid.
    AtomicInteger needed = new AtomicInteger();
    polite.setOnNegotiationNeeded(e -> needed.incrementAndGet());
    Peers.settle(polite);
    RTCSessionDescription again = await(polite.createOffer());
    await(polite.setLocalDescription(again));
    assertThat(politeAudio.mid()).contains("1");
    await(impolite.setRemoteDescription(again));
    await(impolite.setLocalDescription());
    await(polite.setRemoteDescription(impolite.localDescription().orElseThrow()));
    assertThat(polite.getTransceivers()).hasSize(2);
    assertThat(impolite.getTransceivers()).hasSize(2);
    assertThat(politeOffer.sdp()).contains("a=mid:0");
  }
}

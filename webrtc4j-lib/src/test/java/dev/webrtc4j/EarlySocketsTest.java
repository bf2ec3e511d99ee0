package dev.webrtc4j;

import static dev.webrtc4j.Peers.await;
import static dev.webrtc4j.Peers.failure;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * When a connection without ICE servers opens its transport's sockets: in the loop task after
 * createOffer's (the offerer) or createAnswer's (the answerer), not before, and without reporting
 * candidates before setLocalDescription.
 */
class EarlySocketsTest {
  @RegisterExtension
  final Peers peers = new Peers();

  @Test
  void socketsOpenAfterCreateOfferAndCreateAnswerAndCandidatesAreReportedOnlyAfterTheLocalDescription() {
    RTCPeerConnection a = peers.create();
    RTCPeerConnection b = peers.create();
    List<String> bCandidates = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> bGathered = new CompletableFuture<>();
    b.setOnIceCandidate(e -> {
      if (e.candidate().isPresent()) {
        bCandidates.add(e.candidate().get().candidate());
      } else {
        bGathered.complete(null);
      }
    });
    CompletableFuture<Void> aGathered = new CompletableFuture<>();
    a.setOnIceCandidate(e -> {
      if (e.candidate().isEmpty()) {
        aGathered.complete(null);
      }
    });
    a.createDataChannel("early");
    assertThat(b.hasOpenSockets()).isFalse();
    RTCSessionDescription offer = await(a.createOffer());
    assertThat(a.hasOpenSockets()).as("the offerer, after createOffer").isTrue();
    await(a.setLocalDescription(offer));
    await(aGathered);
    await(b.setRemoteDescription(a.localDescription().orElseThrow()));

    assertThat(b.hasOpenSockets()).as("the answerer, before createAnswer").isFalse();

    CompletableFuture<Void> aConnected = connected(a);
    CompletableFuture<Void> bConnected = connected(b);
    RTCSessionDescription answer = await(b.createAnswer());
    assertThat(b.hasOpenSockets()).as("the answerer, after createAnswer").isTrue();
    Peers.settle(b);
    assertThat(bCandidates).as("nothing reported before the answer is applied").isEmpty();
    assertThat(b.iceGatheringState()).isEqualTo(RTCIceGatheringState.NEW);
    await(b.setLocalDescription(answer));
    await(bGathered);
    assertThat(bCandidates).isNotEmpty();
    await(a.setRemoteDescription(b.localDescription().orElseThrow()));
    await(aConnected);
    await(bConnected);
  }

  @Test
  void aRemoteOfferAloneOpensNothingEvenWhenItFails() {
    RTCPeerConnection b = peers.create();
    CompletableFuture<Void> bad = b.setRemoteDescription(new RTCSessionDescriptionInit(RTCSdpType.OFFER, "v=0\r\nnot sdp\r\n"));
    assertThat(failure(bad)).isNotNull();
    assertThat(b.signalingState()).isEqualTo(RTCSignalingState.STABLE);
    assertThat(b.hasOpenSockets()).isFalse();
  }

  @Test
  void withIceServersNothingOpensBeforeTheLocalDescription() {
    // Pooling with servers would query them before the application committed to a description.
    // The server is never contacted here: nothing is gathered before setLocalDescription.
    RTCConfiguration withServer = RTCConfiguration.builder()
        .iceServers(List.of(RTCIceServer.builder().urls(List.of("stun:127.0.0.1:9")).build())).build();
    RTCPeerConnection a = peers.create();
    RTCPeerConnection b = peers.create(withServer);
    a.createDataChannel("servers");
    RTCSessionDescription offer = await(a.createOffer());
    await(a.setLocalDescription(offer));
    await(b.setRemoteDescription(offer));
    RTCSessionDescription answer = await(b.createAnswer());
    assertThat(answer.sdp()).contains("a=ice-ufrag:");
    assertThat(b.hasOpenSockets()).isFalse();
  }

  private static CompletableFuture<Void> connected(RTCPeerConnection pc) {
    CompletableFuture<Void> f = new CompletableFuture<>();
    pc.addEventListener(RTCPeerConnection.CONNECTIONSTATECHANGE, e -> {
      if (pc.connectionState() == RTCPeerConnectionState.CONNECTED) {
        f.complete(null);
      }
    });
    return f;
  }
}

package dev.webrtc4j;

import static dev.webrtc4j.Peers.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two connections in one JVM over real loopback sockets: ICE with trickled candidates, DTLS,
 * SCTP, a data channel both ways (issues 3 and 4).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LoopbackConnectionTest {
  @RegisterExtension final Peers peers = new Peers();

  /**
   * Trickles each side's candidates to the other, as a signalling channel would: a candidate is
   * applied once the description it belongs to was applied on the other side (in order).
   */
  static final class Trickle {
    final CompletableFuture<Void> aHasRemote = new CompletableFuture<>();
    final CompletableFuture<Void> bHasRemote = new CompletableFuture<>();

    Trickle(RTCPeerConnection a, RTCPeerConnection b) {
      a.setOnIceCandidate(e -> e.candidate().ifPresent(c -> bHasRemote.thenRun(() -> b.addIceCandidate(c))));
      b.setOnIceCandidate(e -> e.candidate().ifPresent(c -> aHasRemote.thenRun(() -> a.addIceCandidate(c))));
    }

    /** Offer from a, answer from b, each applied in turn; candidates flow as they come. */
    void negotiate(RTCPeerConnection a, RTCPeerConnection b) {
      RTCSessionDescription offer = await(a.createOffer());
      await(a.setLocalDescription(offer));
      await(b.setRemoteDescription(offer));
      bHasRemote.complete(null);
      RTCSessionDescription answer = await(b.createAnswer());
      await(b.setLocalDescription(answer));
      await(a.setRemoteDescription(answer));
      aHasRemote.complete(null);
    }
  }

  static CompletableFuture<Void> state(RTCPeerConnection pc, RTCPeerConnectionState wanted) {
    CompletableFuture<Void> f = new CompletableFuture<>();
    pc.addEventListener(RTCPeerConnection.CONNECTIONSTATECHANGE, e -> {
      if (pc.connectionState() == wanted) {
        f.complete(null);
      }
    });
    if (pc.connectionState() == wanted) {
      f.complete(null);
    }
    return f;
  }

  @Test
  void twoConnectionsConnectAndExchangeMessages() {
    RTCPeerConnection a = peers.create();
    RTCPeerConnection b = peers.create();
    Trickle trickle = new Trickle(a, b);
    CompletableFuture<Void> aConnected = state(a, RTCPeerConnectionState.CONNECTED);
    CompletableFuture<Void> bConnected = state(b, RTCPeerConnectionState.CONNECTED);
    CompletableFuture<RTCDataChannel> remote = new CompletableFuture<>();
    CompletableFuture<String> atB = new CompletableFuture<>();
    CompletableFuture<String> atA = new CompletableFuture<>();
    b.setOnDataChannel(e -> {
      RTCDataChannel ch = e.channel();
      ch.setOnMessage(m -> {
        atB.complete(((MessageEvent.Text) m.data()).text());
        ch.send("pong");
      });
      remote.complete(ch);
    });
    RTCDataChannel dc = a.createDataChannel("chat");
    CompletableFuture<Void> opened = new CompletableFuture<>();
    dc.setOnOpen(e -> {
      opened.complete(null);
      dc.send("ping");
    });
    dc.setOnMessage(m -> atA.complete(((MessageEvent.Text) m.data()).text()));
    trickle.negotiate(a, b);
    await(aConnected);
    await(bConnected);
    await(opened);
    assertThat(await(atB)).isEqualTo("ping");
    assertThat(await(atA)).isEqualTo("pong");
    assertThat(a.iceConnectionState()).isIn(RTCIceConnectionState.CONNECTED, RTCIceConnectionState.COMPLETED);
    assertThat(await(remote).label()).isEqualTo("chat");
    assertThat(a.sctp().orElseThrow().state()).isEqualTo(RTCSctpTransportState.CONNECTED);
    assertThat(a.sctp().orElseThrow().transport().state()).isEqualTo(RTCDtlsTransportState.CONNECTED);
    assertThat(a.sctp().orElseThrow().transport().getRemoteCertificates()).hasSize(1);
    assertThat(a.sctp().orElseThrow().transport().iceTransport().getSelectedCandidatePair()).isPresent();
  }

  @Test
  void pooledCandidatesAreReportedOnTheFirstLocalDescriptionAndConnect() {
    RTCConfiguration pooled = RTCConfiguration.builder().iceCandidatePoolSize(1).build();
    RTCPeerConnection a = peers.create(pooled);
    RTCPeerConnection b = peers.create(pooled);
    Trickle trickle = new Trickle(a, b);
    CompletableFuture<Void> aConnected = state(a, RTCPeerConnectionState.CONNECTED);
    CompletableFuture<Void> bConnected = state(b, RTCPeerConnectionState.CONNECTED);
    Peers.settle(a);
    // Pooling reports nothing before a description exists.
    assertThat(a.iceGatheringState()).isEqualTo(RTCIceGatheringState.NEW);
    a.createDataChannel("pool");
    trickle.negotiate(a, b);
    await(aConnected);
    await(bConnected);
    assertThat(a.localDescription().orElseThrow().sdp()).contains("a=candidate:");
  }

  @Test
  void hostAddressesHiddenBehindMdnsNamesStillConnect() {
    dev.webrtc4j.spi.Settings hidden = dev.webrtc4j.spi.Settings.builder().loopbackOnly().mdnsHostCandidates(true)
        // In-process stand-in for multicast DNS: our own published names (the network rule).
        .mdnsResolver(name -> CompletableFuture.completedFuture(SharedMdns.lookupLocal(name)))
        .build();
    RTCPeerConnection a = peers.create(RTCConfiguration.DEFAULT, hidden);
    RTCPeerConnection b = peers.create(RTCConfiguration.DEFAULT, hidden);
    Trickle trickle = new Trickle(a, b);
    CompletableFuture<Void> aConnected = state(a, RTCPeerConnectionState.CONNECTED);
    a.createDataChannel("hidden");
    trickle.negotiate(a, b);
    await(aConnected);
    String sdp = a.localDescription().orElseThrow().sdp();
    assertThat(sdp).containsPattern("a=candidate:\\S+ 1 udp \\d+ [0-9a-f-]{36}\\.local \\d+ typ host")
        .doesNotContain(" 127.0.0.1 ").doesNotContain(" ::1 ");
    assertThat(a.sctp().orElseThrow().transport().iceTransport().getRemoteCandidates())
        .allSatisfy(c -> assertThat(c.address().orElseThrow()).endsWith(".local"));
  }

  /**
   * The legacy data channel SDP (draft-ietf-mmusic-sctp-sdp-05: m=application 9 DTLS/SCTP 5000,
   * a=sctpmap), as aiortc 1.4 still offers it: answered in the same form (as Chrome does) with our
   * a=max-message-size, and the channel opens.
   */
  @Test
  void aLegacySctpmapOfferIsAnsweredInKindAndConnects() {
    RTCPeerConnection a = peers.create();
    RTCPeerConnection b = peers.create();
    CompletableFuture<String> atB = new CompletableFuture<>();
    b.setOnDataChannel(e -> e.channel().setOnMessage(m -> atB.complete(((MessageEvent.Text) m.data()).text())));
    RTCDataChannel dc = a.createDataChannel("legacy");
    dc.setOnOpen(e -> dc.send("old school"));
    CompletableFuture<Void> aHasRemote = new CompletableFuture<>();
    CompletableFuture<Void> bHasRemote = new CompletableFuture<>();
    a.setOnIceCandidate(e -> e.candidate().ifPresent(c -> bHasRemote.thenRun(() -> b.addIceCandidate(c))));
    b.setOnIceCandidate(e -> e.candidate().ifPresent(c -> aHasRemote.thenRun(() -> a.addIceCandidate(c))));
    RTCSessionDescription offer = await(a.createOffer());
    await(a.setLocalDescription(offer));
    String legacy = offer.sdp().replace("m=application 9 UDP/DTLS/SCTP webrtc-datachannel", "m=application 9 DTLS/SCTP 5000")
        .replace("a=sctp-port:5000", "a=sctpmap:5000 webrtc-datachannel 1024");
    assertThat(legacy).contains("DTLS/SCTP 5000").doesNotContain("sctp-port");
    await(b.setRemoteDescription(new RTCSessionDescriptionInit(RTCSdpType.OFFER, legacy)));
    bHasRemote.complete(null);
    RTCSessionDescription answer = await(b.createAnswer());
    assertThat(answer.sdp()).contains("m=application 9 DTLS/SCTP 5000\r\n")
        .contains("a=sctpmap:5000 webrtc-datachannel 1024").contains("a=max-message-size:262144")
        .doesNotContain("a=sctp-port");
    await(b.setLocalDescription(answer));
    await(a.setRemoteDescription(answer));
    aHasRemote.complete(null);
    assertThat(await(atB)).isEqualTo("old school");
  }
}

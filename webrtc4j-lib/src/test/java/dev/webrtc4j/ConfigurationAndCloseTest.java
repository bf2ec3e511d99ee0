package dev.webrtc4j;

import static dev.webrtc4j.Peers.await;
import static dev.webrtc4j.Peers.rejection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * getConfiguration / setConfiguration (wpt webrtc/RTCPeerConnection-getConfiguration.https.html,
 * -setConfiguration.html, -setConfiguration-bundlePolicy.html, -setConfiguration-rtcpMuxPolicy.html,
 * -setConfiguration-iceCandidatePoolSize.html), generateCertificate
 * (-generateCertificate.html) and close (-close.html).
 */
class ConfigurationAndCloseTest {
  @RegisterExtension final Peers peers = new Peers();

  @Test
  void getConfigurationReturnsWhatWasGiven() {
    RTCConfiguration config = RTCConfiguration.builder().bundlePolicy(RTCBundlePolicy.MAX_BUNDLE).iceCandidatePoolSize(2).build();
    RTCPeerConnection pc = peers.create(config);
    assertThat(pc.getConfiguration()).isEqualTo(config);
    assertThat(peers.create().getConfiguration()).isEqualTo(RTCConfiguration.DEFAULT);
  }

  // setConfiguration-bundlePolicy.html: "setConfiguration({ bundlePolicy: 'max-compat' }) with initial bundlePolicy balanced should throw InvalidModificationError"
  @Test
  void changingBundleOrRtcpMuxPolicyIsAnInvalidModification() {
    RTCPeerConnection pc = peers.create();
    assertThatThrownBy(() -> pc.setConfiguration(RTCConfiguration.builder().bundlePolicy(RTCBundlePolicy.MAX_COMPAT).build()))
        .isInstanceOfSatisfying(RTCException.class, e -> assertThat(e.name()).isEqualTo("InvalidModificationError"));
    assertThat(pc.getConfiguration()).isEqualTo(RTCConfiguration.DEFAULT);
  }

  // setConfiguration-iceCandidatePoolSize.html: "iceCandidatePoolSize can be changed before setLocalDescription()"
  // and "... cannot be changed after setLocalDescription()"
  @Test
  void thePoolSizeCanChangeOnlyBeforeALocalDescription() {
    RTCPeerConnection pc = peers.create();
    RTCConfiguration two = RTCConfiguration.builder().iceCandidatePoolSize(2).build();
    pc.setConfiguration(two);
    assertThat(pc.getConfiguration().iceCandidatePoolSize()).isEqualTo(2);
    await(pc.setLocalDescription(await(pc.createOffer())));
    assertThatThrownBy(() -> pc.setConfiguration(RTCConfiguration.builder().iceCandidatePoolSize(1).build()))
        .isInstanceOfSatisfying(RTCException.class, e -> assertThat(e.name()).isEqualTo("InvalidModificationError"));
    pc.setConfiguration(two);
  }

  // setConfiguration.html: "setConfiguration after close() should throw InvalidStateError"
  @Test
  void setConfigurationAfterCloseIsAnInvalidStateError() {
    RTCPeerConnection pc = peers.create();
    pc.close();
    assertThatThrownBy(() -> pc.setConfiguration(RTCConfiguration.DEFAULT))
        .isInstanceOfSatisfying(RTCException.class, e -> assertThat(e.name()).isEqualTo("InvalidStateError"));
  }

  // generateCertificate.html: "generateCertificate() with compulsary ECDSA parameters should succeed";
  // a configured certificate's fingerprint is the one offered.
  @Test
  void aGeneratedCertificateIsUsedForTheOfferFingerprint() {
    RTCCertificate cert = await(RTCPeerConnection.generateCertificate());
    assertThat(cert.getFingerprints()).isNotEmpty();
    assertThat(cert.getFingerprints().get(0).algorithm()).isEqualTo("sha-256");
    RTCPeerConnection pc = peers.create(RTCConfiguration.builder().certificates(cert).build());
    pc.addTransceiver("audio");
    RTCSessionDescription offer = await(pc.createOffer());
    assertThat(offer.sdp()).contains("a=fingerprint:sha-256 " + cert.getFingerprints().get(0).value().toUpperCase(java.util.Locale.ROOT));
  }

  @Test
  void withoutCertificatesTheConnectionMakesOneSha256Fingerprint() {
    RTCPeerConnection pc = peers.create();
    pc.createDataChannel("d");
    String sdp = await(pc.createOffer()).sdp();
    assertThat(sdp).containsPattern("a=fingerprint:sha-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}\r\n");
  }

  // close.html: "Make sure that the connection is closed after close()"; transceivers stop;
  // no events afterwards; every method fails as the spec says.
  @Test
  void closeStopsEverythingAndLaterCallsFail() {
    RTCPeerConnection pc = peers.create();
    RTCRtpTransceiver t = pc.addTransceiver("audio");
    RTCDataChannel dc = pc.createDataChannel("d");
    AtomicInteger events = new AtomicInteger();
    pc.setOnSignalingStateChange(e -> events.incrementAndGet());
    pc.setOnNegotiationNeeded(e -> events.incrementAndGet());
    Peers.settle(pc);
    events.set(0);
    pc.close();
    pc.close();
    assertThat(pc.signalingState()).isEqualTo(RTCSignalingState.CLOSED);
    assertThat(t.stopped()).isTrue();
    assertThat(t.direction()).isEqualTo(RTCRtpTransceiverDirection.STOPPED);
    assertThat(t.currentDirection()).contains(RTCRtpTransceiverDirection.STOPPED);
    assertThat(dc.readyState()).isEqualTo(RTCDataChannelState.CLOSED);
    assertThat(rejection(pc.createOffer())).isEqualTo("InvalidStateError");
    assertThat(rejection(pc.setRemoteDescription(RTCSessionDescriptionInit.of(RTCSdpType.ROLLBACK)))).isEqualTo("InvalidStateError");
    assertThatThrownBy(() -> pc.addTransceiver("video")).isInstanceOfSatisfying(RTCException.class,
        e -> assertThat(e.name()).isEqualTo("InvalidStateError"));
    assertThatThrownBy(() -> pc.createDataChannel("x")).isInstanceOfSatisfying(RTCException.class,
        e -> assertThat(e.name()).isEqualTo("InvalidStateError"));
    assertThatThrownBy(() -> t.setDirection(RTCRtpTransceiverDirection.SENDONLY)).isInstanceOfSatisfying(RTCException.class,
        e -> assertThat(e.name()).isEqualTo("InvalidStateError"));
    assertThat(events.get()).isZero();
  }

  // close.html: "Closing the peer connection should close all channels (before connection establishment)"
  @Test
  void closeClosesEveryDataChannelAtOnce() {
    RTCPeerConnection pc = peers.create();
    java.util.List<RTCDataChannel> channels = new java.util.ArrayList<>();
    for (int i = 0; i < 24; i++) {
      RTCDataChannelInit init = i % 2 == 0 ? RTCDataChannelInit.builder().negotiated(true).id(i).build() : RTCDataChannelInit.DEFAULT;
      RTCDataChannel dc = pc.createDataChannel("test-channel-" + i, init);
      assertThat(dc.readyState()).isNotEqualTo(RTCDataChannelState.CLOSED);
      channels.add(dc);
    }
    pc.close();
    assertThat(channels).allMatch(dc -> dc.readyState() == RTCDataChannelState.CLOSED);
  }

  // close.html: "Closing the peer connection should set the SCTP transport to closed"
  @Test
  void closeClosesTheSctpTransport() {
    RTCPeerConnection a = peers.create();
    RTCPeerConnection b = peers.create();
    a.createDataChannel("d");
    Peers.negotiate(a, b);
    RTCSctpTransport sa = a.sctp().orElseThrow();
    RTCSctpTransport sb = b.sctp().orElseThrow();
    assertThat(sa.state()).isEqualTo(RTCSctpTransportState.CONNECTING);
    assertThat(sa.transport().state()).isEqualTo(RTCDtlsTransportState.NEW);
    assertThat(sa.transport().iceTransport().state()).isEqualTo(RTCIceTransportState.NEW);
    a.close();
    b.close();
    assertThat(sa.state()).isEqualTo(RTCSctpTransportState.CLOSED);
    assertThat(sb.state()).isEqualTo(RTCSctpTransportState.CLOSED);
    assertThat(sa.transport().state()).isEqualTo(RTCDtlsTransportState.CLOSED);
  }
}

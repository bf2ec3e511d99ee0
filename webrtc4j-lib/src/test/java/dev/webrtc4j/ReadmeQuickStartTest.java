package dev.webrtc4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The README's quick start, exactly as printed there (keep the two in step). */
class ReadmeQuickStartTest {
  @Test
  void quickStartNegotiatesADataChannelSection() throws Exception {
    // --- README quick start begins
    RTCConfiguration config = RTCConfiguration.builder().bundlePolicy(RTCBundlePolicy.MAX_BUNDLE).build();
    try (RTCPeerConnection alice = RTCPeerConnection.create(config);
        RTCPeerConnection bob = RTCPeerConnection.create(config)) {
      RTCDataChannel chat = alice.createDataChannel("chat");

      RTCSessionDescription offer = alice.createOffer().get(5, TimeUnit.SECONDS);
      alice.setLocalDescription(offer).get(5, TimeUnit.SECONDS);
      // ... send offer.sdp() to the other side; there:
      bob.setRemoteDescription(new RTCSessionDescriptionInit(RTCSdpType.OFFER, offer.sdp())).get(5, TimeUnit.SECONDS);
      RTCSessionDescription answer = bob.createAnswer().get(5, TimeUnit.SECONDS);
      bob.setLocalDescription(answer).get(5, TimeUnit.SECONDS);
      // ... and back:
      alice.setRemoteDescription(new RTCSessionDescriptionInit(RTCSdpType.ANSWER, answer.sdp())).get(5, TimeUnit.SECONDS);

      System.out.println(alice.signalingState().w3cName() + ", channel " + chat.label() + " " + chat.readyState().w3cName());
      // --- README quick start ends
      assertThat(alice.signalingState()).isEqualTo(RTCSignalingState.STABLE);
      assertThat(bob.signalingState()).isEqualTo(RTCSignalingState.STABLE);
      assertThat(chat.readyState()).isEqualTo(RTCDataChannelState.CONNECTING);
      assertThat(answer.sdp()).contains("m=application").contains("a=setup:active");
    }
  }
}

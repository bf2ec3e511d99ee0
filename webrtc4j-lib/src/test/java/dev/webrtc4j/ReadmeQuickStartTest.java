package dev.webrtc4j;

import dev.webrtc4j.spi.Settings;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The README's quick start, exactly as printed there (keep the two in step). */
class ReadmeQuickStartTest {
  @Test
  void quickStartConnectsTwoPeersAndDeliversAMessage() throws Exception {
    // --- README quick start begins
    // Both ends in this JVM, so gather on loopback only.
    Settings local = Settings.builder().loopbackOnly().build();
    try (RTCPeerConnection alice = RTCPeerConnection.create(RTCConfiguration.DEFAULT, local);
        RTCPeerConnection bob = RTCPeerConnection.create(RTCConfiguration.DEFAULT, local)) {
      CompletableFuture<String> received = new CompletableFuture<>();
      bob.setOnDataChannel(e -> e.channel().setOnMessage(m -> received.complete(((MessageEvent.Text) m.data()).text())));
      RTCDataChannel chat = alice.createDataChannel("chat");
      chat.setOnOpen(e -> chat.send("hello, bob"));

      // Without trickle ICE: each side sends its description once gathering is complete.
      CompletableFuture<Void> aliceGathered = new CompletableFuture<>();
      alice.setOnIceGatheringStateChange(e -> {
        if (alice.iceGatheringState() == RTCIceGatheringState.COMPLETE) aliceGathered.complete(null);
      });
      alice.setLocalDescription().get(5, TimeUnit.SECONDS);
      aliceGathered.get(5, TimeUnit.SECONDS);
      String offer = alice.localDescription().orElseThrow().sdp();
      // ... send the offer to the other side; there:
      CompletableFuture<Void> bobGathered = new CompletableFuture<>();
      bob.setOnIceGatheringStateChange(e -> {
        if (bob.iceGatheringState() == RTCIceGatheringState.COMPLETE) bobGathered.complete(null);
      });
      bob.setRemoteDescription(new RTCSessionDescriptionInit(RTCSdpType.OFFER, offer)).get(5, TimeUnit.SECONDS);
      bob.setLocalDescription().get(5, TimeUnit.SECONDS);
      bobGathered.get(5, TimeUnit.SECONDS);
      String answer = bob.localDescription().orElseThrow().sdp();
      // ... and back:
      alice.setRemoteDescription(new RTCSessionDescriptionInit(RTCSdpType.ANSWER, answer)).get(5, TimeUnit.SECONDS);

      System.out.println("bob got: " + received.get(10, TimeUnit.SECONDS) + " (" + alice.connectionState().w3cName() + ")");
      // --- README quick start ends
      assertThat(received.get()).isEqualTo("hello, bob");
      assertThat(alice.connectionState()).isEqualTo(RTCPeerConnectionState.CONNECTED);
      assertThat(offer).contains("a=candidate:").contains("a=end-of-candidates");
    }
  }
}

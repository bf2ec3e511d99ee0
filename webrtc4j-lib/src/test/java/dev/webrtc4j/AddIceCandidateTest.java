package dev.webrtc4j;

import static dev.webrtc4j.Peers.await;
import static dev.webrtc4j.Peers.failure;
import static dev.webrtc4j.Peers.rejection;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * addIceCandidate validation and canTrickleIceCandidates; mirrors wpt
 * webrtc/RTCPeerConnection-addIceCandidate.html and -canTrickleIceCandidates.html.
 */
class AddIceCandidateTest {
  @RegisterExtension final Peers peers = new Peers();
  // Loopback, not a documentation address: once the ICE agent runs under the connection, an added
  // candidate is checked for real, and tests may send only to loopback.
  private static final String CANDIDATE = "candidate:1905690388 1 udp 2113937151 127.0.0.1 58041 typ host generation 0";

  private RTCPeerConnection pc;
  private RTCSessionDescription remoteOffer;
  private String remoteUfrag;

  @BeforeEach
  void setUp() {
    pc = peers.create();
    RTCPeerConnection remote = peers.create();
    remote.addTransceiver("audio");
    remote.addTransceiver("video");
    remoteOffer = await(remote.createOffer());
    String sdp = remoteOffer.sdp();
    int i = sdp.indexOf("a=ice-ufrag:") + "a=ice-ufrag:".length();
    remoteUfrag = sdp.substring(i, sdp.indexOf("\r\n", i));
  }

  private static RTCIceCandidateInit.Builder candidate() {
    return RTCIceCandidateInit.builder().candidate(CANDIDATE);
  }

  // "Add ICE candidate before setting remote description should reject with InvalidStateError"
  @Test
  void withoutARemoteDescriptionRejectsWithInvalidStateError() {
    assertThat(rejection(pc.addIceCandidate(candidate().sdpMid("0").build()))).isEqualTo("InvalidStateError");
  }

  // "Add candidate with only valid candidate string should reject with TypeError" (no sdpMid, no sdpMLineIndex)
  @Test
  void neitherMidNorIndexIsATypeError() {
    await(pc.setRemoteDescription(remoteOffer));
    assertThat(failure(pc.addIceCandidate(candidate().build()))).isInstanceOf(IllegalArgumentException.class);
  }

  // "Add candidate for first media stream with null usernameFragment should add candidate to first media stream"
  @Test
  void aValidCandidateAppearsInTheRemoteDescription() {
    await(pc.setRemoteDescription(remoteOffer));
    await(pc.addIceCandidate(candidate().sdpMid("0").build()));
    String sdp = pc.remoteDescription().orElseThrow().sdp();
    String audio = sdp.substring(sdp.indexOf("m=audio"), sdp.indexOf("m=video"));
    assertThat(audio).contains("a=" + CANDIDATE + "\r\n");
    assertThat(sdp.substring(sdp.indexOf("m=video"))).doesNotContain("a=candidate");
    // "Add candidate for media stream 2 with null usernameFragment should succeed" (by index)
    await(pc.addIceCandidate(candidate().sdpMLineIndex(1).usernameFragment(remoteUfrag).build()));
    assertThat(pc.remoteDescription().orElseThrow().sdp().substring(sdp.indexOf("m=video"))).contains("a=" + CANDIDATE);
    assertThat(pc.pendingRemoteDescription().orElseThrow().sdp()).contains(CANDIDATE);
  }

  // "Add candidate with invalid sdpMid should reject with OperationError"
  @Test
  void anUnknownMidIsAnOperationError() {
    await(pc.setRemoteDescription(remoteOffer));
    assertThat(rejection(pc.addIceCandidate(candidate().sdpMid("invalid").build()))).isEqualTo("OperationError");
  }

  // "Add candidate with invalid sdpMLineIndex should reject with OperationError"
  @Test
  void anIndexOutOfRangeIsAnOperationError() {
    await(pc.setRemoteDescription(remoteOffer));
    assertThat(rejection(pc.addIceCandidate(candidate().sdpMLineIndex(2).build()))).isEqualTo("OperationError");
  }

  // "Add candidate with invalid usernameFragment should reject with OperationError"
  @Test
  void anUnknownUfragIsAnOperationError() {
    await(pc.setRemoteDescription(remoteOffer));
    assertThat(rejection(pc.addIceCandidate(candidate().sdpMid("0").usernameFragment("invalid").build())))
        .isEqualTo("OperationError");
  }

  // "Add candidate with invalid candidate string should reject with OperationError"
  @Test
  void aMalformedCandidateIsAnOperationError() {
    await(pc.setRemoteDescription(remoteOffer));
    assertThat(rejection(pc.addIceCandidate(RTCIceCandidateInit.builder().candidate("candidate:1 1 udp").sdpMid("0").build())))
        .isEqualTo("OperationError");
  }

  // "addIceCandidate with end-of-candidates (empty candidate) should succeed"
  @Test
  void anEmptyCandidateIsEndOfCandidates() {
    await(pc.setRemoteDescription(remoteOffer));
    await(pc.addIceCandidate(RTCIceCandidateInit.builder().candidate("").sdpMid("0").build()));
    String sdp = pc.remoteDescription().orElseThrow().sdp();
    assertThat(sdp.substring(sdp.indexOf("m=audio"), sdp.indexOf("m=video"))).contains("a=end-of-candidates");
    assertThat(sdp.substring(sdp.indexOf("m=video"))).doesNotContain("a=end-of-candidates");
    // addIceCandidate() with no argument: end of candidates everywhere.
    await(pc.addIceCandidate());
    assertThat(pc.remoteDescription().orElseThrow().sdp().substring(sdp.indexOf("m=video"))).contains("a=end-of-candidates");
  }

  // "addIceCandidate() should reject with InvalidStateError when closed"
  @Test
  void afterCloseRejectsWithInvalidStateError() {
    await(pc.setRemoteDescription(remoteOffer));
    pc.close();
    assertThat(rejection(pc.addIceCandidate(candidate().sdpMid("0").build()))).isEqualTo("InvalidStateError");
  }

  // RTCPeerConnection-canTrickleIceCandidates.html: null before a remote description, then from a=ice-options:trickle
  @Test
  void canTrickleIsUnknownUntilARemoteDescriptionThenFromIceOptions() {
    assertThat(pc.canTrickleIceCandidates()).isEmpty();
    await(pc.setRemoteDescription(remoteOffer));
    assertThat(pc.canTrickleIceCandidates()).contains(true);
    RTCPeerConnection other = peers.create();
    String noTrickle = remoteOffer.sdp().replace("a=ice-options:trickle\r\n", "");
    await(other.setRemoteDescription(new RTCSessionDescriptionInit(RTCSdpType.OFFER, noTrickle)));
    assertThat(other.canTrickleIceCandidates()).contains(false);
  }
}

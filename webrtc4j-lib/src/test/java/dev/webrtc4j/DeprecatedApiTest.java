package dev.webrtc4j;

import static dev.webrtc4j.Peers.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The deprecated members on MDN, built on the modern ones (wpt webrtc/RTCPeerConnection-addStream / legacy tests). */
@SuppressWarnings("deprecation")
class DeprecatedApiTest {
  @RegisterExtension final Peers peers = new Peers();

  @Test
  void addStreamAndRemoveStreamUseAddTrackAndRemoveTrack() {
    RTCPeerConnection pc = peers.create();
    MediaStreamTrack mic = MediaStreamTrack.audio("mic");
    MediaStreamTrack cam = MediaStreamTrack.video("cam");
    MediaStream stream = new MediaStream(mic, cam);
    pc.addStream(stream);
    assertThat(pc.getSenders()).extracting(s -> s.track().orElseThrow()).containsExactly(mic, cam);
    assertThat(pc.getLocalStreams()).containsExactly(stream);
    pc.removeStream(stream);
    assertThat(pc.getSenders()).allMatch(s -> s.track().isEmpty());
    assertThat(pc.getLocalStreams()).isEmpty();
  }

  @Test
  void onaddstreamAndGetRemoteStreamsFollowRemoteTracks() {
    RTCPeerConnection a = peers.create();
    RTCPeerConnection b = peers.create();
    MediaStreamTrack mic = MediaStreamTrack.audio("mic");
    MediaStream stream = new MediaStream(mic);
    RTCRtpSender sender = a.addTrack(mic, stream);
    CompletableFuture<MediaStreamEvent> added = new CompletableFuture<>();
    CompletableFuture<MediaStreamEvent> removed = new CompletableFuture<>();
    b.setOnAddStream(added::complete);
    b.setOnRemoveStream(removed::complete);
    Peers.negotiate(a, b);
    MediaStreamEvent e = await(added);
    assertThat(e.type()).isEqualTo("addstream");
    assertThat(e.stream().id()).isEqualTo(stream.id());
    Peers.settle(b);
    assertThat(b.getRemoteStreams()).extracting(MediaStream::id).containsExactly(stream.id());
    a.removeTrack(sender);
    Peers.negotiate(a, b);
    assertThat(await(removed).stream().id()).isEqualTo(stream.id());
    Peers.settle(b);
    assertThat(b.getRemoteStreams()).isEmpty();
  }

  @Test
  void createDtmfSenderIsTheAudioSendersDtmf() {
    RTCPeerConnection pc = peers.create();
    MediaStreamTrack mic = MediaStreamTrack.audio("mic");
    RTCRtpSender sender = pc.addTrack(mic);
    RTCDTMFSender dtmf = pc.createDTMFSender(mic);
    assertThat(dtmf).isSameAs(sender.dtmf().orElseThrow());
    assertThat(dtmf.canInsertDTMF()).isFalse();
    // RTCDTMFSender-insertDTMF.https.html: no connected transport yet → InvalidStateError.
    assertThatThrownBy(() -> dtmf.insertDTMF("123")).isInstanceOfSatisfying(RTCException.class,
        x -> assertThat(x.name()).isEqualTo("InvalidStateError"));
    assertThatThrownBy(() -> dtmf.insertDTMF("12z")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> pc.createDTMFSender(MediaStreamTrack.audio("not added"))).isInstanceOf(RTCException.class);
  }
}

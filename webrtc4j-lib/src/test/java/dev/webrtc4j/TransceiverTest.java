package dev.webrtc4j;

import static dev.webrtc4j.Peers.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Transceivers at the signaling level; mirrors wpt webrtc/RTCPeerConnection-addTransceiver.https.html,
 * -addTrack.https.html, -removeTrack.https.html, -getTransceivers.html, RTCRtpTransceiver.https.html,
 * RTCRtpTransceiver-stop.html, RTCRtpTransceiver-setDirection.html and RTCPeerConnection-ontrack.https.html.
 */
class TransceiverTest {
  @RegisterExtension final Peers peers = new Peers();

  // addTransceiver.https.html: "addTransceiver('audio') should return an audio transceiver"
  @Test
  void addTransceiverByKindHasTheSpecDefaults() {
    RTCPeerConnection pc = peers.create();
    assertThat(pc.getTransceivers()).isEmpty();
    RTCRtpTransceiver t = pc.addTransceiver("audio");
    assertThat(t.mid()).isEmpty();
    assertThat(t.direction()).isEqualTo(RTCRtpTransceiverDirection.SENDRECV);
    assertThat(t.currentDirection()).isEmpty();
    assertThat(t.stopped()).isFalse();
    assertThat(t.sender().track()).isEmpty();
    assertThat(t.sender().dtmf()).isPresent();
    assertThat(t.receiver().track().kind()).isEqualTo("audio");
    assertThat(t.receiver().track().muted()).isTrue();
    assertThat(t.receiver().track().readyState()).isEqualTo(MediaStreamTrackState.LIVE);
    assertThat(pc.getTransceivers()).containsExactly(t);
    assertThat(pc.getSenders()).containsExactly(t.sender());
    assertThat(pc.getReceivers()).containsExactly(t.receiver());
    RTCRtpTransceiver v = pc.addTransceiver("video", RTCRtpTransceiverInit.of(RTCRtpTransceiverDirection.RECVONLY));
    assertThat(v.direction()).isEqualTo(RTCRtpTransceiverDirection.RECVONLY);
    assertThat(v.sender().dtmf()).isEmpty();
    assertThat(pc.getTransceivers()).containsExactly(t, v);
  }

  // addTransceiver.https.html: "addTransceiver() with string argument as invalid kind should throw TypeError"
  @Test
  void addTransceiverWithAnInvalidKindThrowsTypeError() {
    RTCPeerConnection pc = peers.create();
    assertThatThrownBy(() -> pc.addTransceiver("invalid")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> pc.addTransceiver("audio", RTCRtpTransceiverInit.of(RTCRtpTransceiverDirection.STOPPED)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // addTransceiver.https.html: "addTransceiver(track) should have result with sender.track set to track"
  @Test
  void addTransceiverWithATrackSendsIt() {
    RTCPeerConnection pc = peers.create();
    MediaStreamTrack track = MediaStreamTrack.video("cam");
    MediaStream stream = new MediaStream(track);
    RTCRtpTransceiver t = pc.addTransceiver(track, RTCRtpTransceiverInit.builder().streams(stream).build());
    assertThat(t.sender().track()).contains(track);
    assertThat(t.receiver().track().kind()).isEqualTo("video");
    RTCSessionDescription offer = await(pc.createOffer());
    assertThat(offer.sdp()).contains("a=msid:" + stream.id() + " " + track.id());
  }

  // addTrack.https.html: "addTrack with single track argument and no stream should succeed";
  // "Calling addTrack with existing track should throw InvalidAccessError";
  // "addTrack when pc is closed should throw InvalidStateError"
  @Test
  void addTrackCreatesASendrecvTransceiverAndRefusesTheSameTrackTwice() {
    RTCPeerConnection pc = peers.create();
    MediaStreamTrack track = MediaStreamTrack.audio("mic");
    RTCRtpSender sender = pc.addTrack(track);
    assertThat(sender.track()).contains(track);
    RTCRtpTransceiver t = pc.getTransceivers().get(0);
    assertThat(t.sender()).isSameAs(sender);
    assertThat(t.direction()).isEqualTo(RTCRtpTransceiverDirection.SENDRECV);
    assertThatThrownBy(() -> pc.addTrack(track)).isInstanceOfSatisfying(RTCException.class,
        e -> assertThat(e.name()).isEqualTo("InvalidAccessError"));
    pc.close();
    assertThatThrownBy(() -> pc.addTrack(MediaStreamTrack.audio("other"))).isInstanceOfSatisfying(RTCException.class,
        e -> assertThat(e.name()).isEqualTo("InvalidStateError"));
  }

  // addTrack.https.html: "addTrack with existing transceiver with inactive direction will reuse transceiver and set direction to sendonly"
  // and "addTrack() should reuse a recvonly transceiver ... sendrecv"
  @Test
  void addTrackReusesAnUnusedTransceiverOfTheSameKind() {
    RTCPeerConnection pc = peers.create();
    RTCRtpTransceiver inactive = pc.addTransceiver("audio", RTCRtpTransceiverInit.of(RTCRtpTransceiverDirection.INACTIVE));
    RTCRtpSender sender = pc.addTrack(MediaStreamTrack.audio("mic"));
    assertThat(sender).isSameAs(inactive.sender());
    assertThat(inactive.direction()).isEqualTo(RTCRtpTransceiverDirection.SENDONLY);
    RTCRtpTransceiver recvonly = pc.addTransceiver("video", RTCRtpTransceiverInit.of(RTCRtpTransceiverDirection.RECVONLY));
    pc.addTrack(MediaStreamTrack.video("cam"));
    assertThat(recvonly.direction()).isEqualTo(RTCRtpTransceiverDirection.SENDRECV);
    assertThat(pc.getTransceivers()).hasSize(2);
  }

  // addTrack.https.html: "addTrack should reuse the transceiver created by setRemoteDescription"
  @Test
  void addTrackReusesTheTransceiverARemoteOfferCreated() {
    RTCPeerConnection caller = peers.create();
    RTCPeerConnection callee = peers.create();
    caller.addTransceiver("audio");
    await(callee.setRemoteDescription(await(caller.createOffer())));
    RTCRtpTransceiver remoteMade = callee.getTransceivers().get(0);
    assertThat(remoteMade.direction()).isEqualTo(RTCRtpTransceiverDirection.RECVONLY);
    assertThat(remoteMade.mid()).contains("0");
    RTCRtpSender sender = callee.addTrack(MediaStreamTrack.audio("mic"));
    assertThat(sender).isSameAs(remoteMade.sender());
    assertThat(remoteMade.direction()).isEqualTo(RTCRtpTransceiverDirection.SENDRECV);
    RTCSessionDescription answer = await(callee.createAnswer());
    assertThat(answer.sdp()).contains("a=sendrecv");
  }

  // removeTrack.https.html: "addTransceiver - Calling removeTrack with valid sender should set sender.track to null"
  // and "... removeTrack with sendrecv should set direction to recvonly"
  @Test
  void removeTrackDetachesTheTrackAndStopsSending() {
    RTCPeerConnection pc = peers.create();
    RTCRtpSender sender = pc.addTrack(MediaStreamTrack.audio("mic"));
    pc.removeTrack(sender);
    assertThat(sender.track()).isEmpty();
    assertThat(pc.getTransceivers().get(0).direction()).isEqualTo(RTCRtpTransceiverDirection.RECVONLY);
    // removeTrack twice is a no-op
    pc.removeTrack(sender);
    RTCRtpTransceiver sendonly = pc.addTransceiver(MediaStreamTrack.video("cam"),
        RTCRtpTransceiverInit.of(RTCRtpTransceiverDirection.SENDONLY));
    pc.removeTrack(sendonly.sender());
    assertThat(sendonly.direction()).isEqualTo(RTCRtpTransceiverDirection.INACTIVE);
  }

  // removeTrack.https.html: "Calling removeTrack with a sender from another connection should throw InvalidAccessError"
  // and "Calling removeTrack when connection is closed should throw InvalidStateError"
  @Test
  void removeTrackChecksTheSenderAndTheState() {
    RTCPeerConnection a = peers.create();
    RTCPeerConnection b = peers.create();
    RTCRtpSender foreign = b.addTrack(MediaStreamTrack.audio("mic"));
    RTCRtpSender own = a.addTrack(MediaStreamTrack.audio("mic2"));
    assertThatThrownBy(() -> a.removeTrack(foreign)).isInstanceOfSatisfying(RTCException.class,
        e -> assertThat(e.name()).isEqualTo("InvalidAccessError"));
    a.close();
    assertThatThrownBy(() -> a.removeTrack(own)).isInstanceOfSatisfying(RTCException.class,
        e -> assertThat(e.name()).isEqualTo("InvalidStateError"));
  }

  // RTCRtpTransceiver.https.html: mid is set by setLocalDescription(offer) and setRemoteDescription(offer);
  // currentDirection is set by the answer.
  @Test
  void midAndCurrentDirectionFollowTheNegotiation() {
    RTCPeerConnection a = peers.create();
    RTCPeerConnection b = peers.create();
    RTCRtpTransceiver audio = a.addTransceiver("audio", RTCRtpTransceiverInit.of(RTCRtpTransceiverDirection.SENDONLY));
    RTCRtpTransceiver video = a.addTransceiver("video");
    RTCSessionDescription offer = await(a.createOffer());
    assertThat(audio.mid()).isEmpty();
    await(a.setLocalDescription(offer));
    assertThat(audio.mid()).contains("0");
    assertThat(video.mid()).contains("1");
    assertThat(audio.currentDirection()).isEmpty();
    await(b.setRemoteDescription(offer));
    List<RTCRtpTransceiver> bt = b.getTransceivers();
    assertThat(bt).extracting(t -> t.mid().orElseThrow()).containsExactly("0", "1");
    assertThat(bt).extracting(RTCRtpTransceiver::direction)
        .containsExactly(RTCRtpTransceiverDirection.RECVONLY, RTCRtpTransceiverDirection.RECVONLY);
    RTCSessionDescription answer = await(b.createAnswer());
    await(b.setLocalDescription(answer));
    assertThat(bt.get(0).currentDirection()).contains(RTCRtpTransceiverDirection.RECVONLY);
    assertThat(bt.get(1).currentDirection()).contains(RTCRtpTransceiverDirection.RECVONLY);
    await(a.setRemoteDescription(answer));
    assertThat(audio.currentDirection()).contains(RTCRtpTransceiverDirection.SENDONLY);
    assertThat(video.currentDirection()).contains(RTCRtpTransceiverDirection.SENDONLY);
  }

  // RTCRtpTransceiver-stop.html: stop() makes direction "stopped" at once; negotiation stops and
  // removes it (currentDirection "stopped"), its m-section rejected with port 0.
  @Test
  void stopIsNegotiatedAndThenTheTransceiverLeaves() {
    RTCPeerConnection a = peers.create();
    RTCPeerConnection b = peers.create();
    RTCRtpTransceiver t = a.addTransceiver("audio");
    a.addTransceiver("video");
    Peers.negotiate(a, b);
    t.stop();
    assertThat(t.direction()).isEqualTo(RTCRtpTransceiverDirection.STOPPED);
    assertThat(t.currentDirection()).contains(RTCRtpTransceiverDirection.SENDONLY);
    assertThat(t.stopped()).isTrue();
    assertThatThrownBy(() -> t.setDirection(RTCRtpTransceiverDirection.SENDRECV)).isInstanceOfSatisfying(RTCException.class,
        e -> assertThat(e.name()).isEqualTo("InvalidStateError"));
    RTCSessionDescription offer = await(a.createOffer());
    assertThat(offer.sdp()).contains("m=audio 0 ");
    await(a.setLocalDescription(offer));
    await(b.setRemoteDescription(offer));
    // The remote side stops its transceiver when the offer rejects the m-section; it leaves the
    // set once both current descriptions reject it.
    RTCRtpTransceiver remote = b.getTransceivers().get(0);
    assertThat(remote.currentDirection()).contains(RTCRtpTransceiverDirection.STOPPED);
    assertThat(b.getTransceivers()).hasSize(2);
    RTCSessionDescription answer = await(b.createAnswer());
    assertThat(answer.sdp()).contains("m=audio 0 ");
    await(b.setLocalDescription(answer));
    assertThat(b.getTransceivers()).doesNotContain(remote).hasSize(1);
    await(a.setRemoteDescription(answer));
    assertThat(t.currentDirection()).contains(RTCRtpTransceiverDirection.STOPPED);
    assertThat(a.getTransceivers()).doesNotContain(t).hasSize(1);
  }

  // RTCPeerConnection-transceivers.https.html: "A stopped m-section is recycled by a new transceiver"
  // (RFC 9429 §5.2.2: reuse the index, with a new mid).
  @Test
  void aNewTransceiverRecyclesTheRejectedMSection() {
    RTCPeerConnection a = peers.create();
    RTCPeerConnection b = peers.create();
    RTCRtpTransceiver first = a.addTransceiver("audio");
    a.addTransceiver("video");
    Peers.negotiate(a, b);
    first.stop();
    Peers.negotiate(a, b);
    RTCRtpTransceiver fresh = a.addTransceiver("video");
    RTCSessionDescription offer = await(a.createOffer());
    await(a.setLocalDescription(offer));
    assertThat(fresh.mid()).contains("2");
    String sdp = offer.sdp();
    assertThat(sdp.indexOf("a=mid:2")).isLessThan(sdp.indexOf("a=mid:1"));
    assertThat(sdp).doesNotContain("a=mid:0").contains("a=group:BUNDLE 2 1");
    await(b.setRemoteDescription(offer));
    RTCSessionDescription answer = await(b.createAnswer());
    await(b.setLocalDescription(answer));
    await(a.setRemoteDescription(answer));
    assertThat(b.getTransceivers()).extracting(t -> t.mid().orElseThrow()).containsExactlyInAnyOrder("1", "2");
  }

  // RTCPeerConnection-ontrack.https.html: "setRemoteDescription should trigger ontrack event when the MSID of the stream is is parsed."
  @Test
  void aRemoteOfferFiresTrackWithTheMsidStream() {
    RTCPeerConnection a = peers.create();
    RTCPeerConnection b = peers.create();
    MediaStreamTrack track = MediaStreamTrack.audio("mic");
    MediaStream stream = new MediaStream(track);
    a.addTrack(track, stream);
    Peers.Log log = new Peers.Log();
    java.util.concurrent.CompletableFuture<RTCTrackEvent> got = new java.util.concurrent.CompletableFuture<>();
    b.setOnTrack(e -> {
      log.add("track");
      got.complete(e);
    });
    b.setOnSignalingStateChange(e -> log.add("signalingstatechange"));
    await(b.setRemoteDescription(await(a.createOffer())).thenRun(() -> log.add("resolved")));
    RTCTrackEvent e = await(got);
    assertThat(log.snapshot()).containsExactly("signalingstatechange", "track", "resolved");
    assertThat(e.streams()).hasSize(1);
    assertThat(e.streams().get(0).id()).isEqualTo(stream.id());
    assertThat(e.streams().get(0).getTracks()).containsExactly(e.track());
    assertThat(e.track()).isSameAs(e.receiver().track());
    assertThat(e.transceiver().receiver()).isSameAs(e.receiver());
    assertThat(e.track().kind()).isEqualTo("audio");
  }

  // RTCPeerConnection-ontrack.https.html: "ontrack fires only for m-sections that send"
  @Test
  void noTrackEventForARecvonlyOffer() {
    RTCPeerConnection a = peers.create();
    RTCPeerConnection b = peers.create();
    a.addTransceiver("audio", RTCRtpTransceiverInit.of(RTCRtpTransceiverDirection.RECVONLY));
    java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
    b.setOnTrack(e -> n.incrementAndGet());
    await(b.setRemoteDescription(await(a.createOffer())));
    Peers.settle(b);
    assertThat(n.get()).isZero();
  }

  // RTCRtpSender-replaceTrack.https.html: replaceTrack swaps without negotiation; wrong kind is a TypeError.
  @Test
  void replaceTrackSwapsTheTrack() {
    RTCPeerConnection pc = peers.create();
    RTCRtpSender sender = pc.addTransceiver("audio").sender();
    MediaStreamTrack mic = MediaStreamTrack.audio("mic");
    await(sender.replaceTrack(mic));
    assertThat(sender.track()).contains(mic);
    assertThat(Peers.failure(sender.replaceTrack(MediaStreamTrack.video("cam")))).isInstanceOf(IllegalArgumentException.class);
    await(sender.replaceTrack(null));
    assertThat(sender.track()).isEmpty();
  }

  // RTCPeerConnection-setRemoteDescription-nomsid.html: "setRemoteDescription with an SDP without
  // a=msid lines triggers ontrack with a default stream."
  @Test
  void aRemoteOfferWithoutMsidPutsTheTrackInADefaultStream() {
    String fp = "00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00";
    String sdp = "v=0\r\no=- 166855176514521964 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
        + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=rtcp:9 IN IP4 0.0.0.0\r\n"
        + "a=ice-ufrag:someufrag\r\na=ice-pwd:somelongpwdwithenoughrandomness\r\n"
        + "a=fingerprint:sha-256 " + fp + "\r\na=setup:actpass\r\na=mid:0\r\na=sendrecv\r\n"
        + "a=rtcp-mux\r\na=rtcp-rsize\r\na=rtpmap:111 opus/48000/2\r\n";
    RTCPeerConnection pc = peers.create();
    java.util.concurrent.CompletableFuture<RTCTrackEvent> got = new java.util.concurrent.CompletableFuture<>();
    pc.setOnTrack(got::complete);
    await(pc.setRemoteDescription(new RTCSessionDescriptionInit(RTCSdpType.OFFER, sdp)));
    assertThat(await(got).streams()).hasSize(1);
  }

  // RTCRtpTransceiver-stop.html: stopping a transceiver that was never negotiated needs no
  // negotiation and it gets no m-section.
  @Test
  void stoppingAnUnnegotiatedTransceiverStopsItAtOnce() {
    RTCPeerConnection a = peers.create();
    RTCPeerConnection b = peers.create();
    RTCRtpTransceiver t = a.addTransceiver("audio");
    a.createDataChannel("d");
    t.stop();
    assertThat(t.currentDirection()).contains(RTCRtpTransceiverDirection.STOPPED);
    RTCSessionDescription offer = await(a.createOffer());
    assertThat(offer.sdp()).doesNotContain("m=audio");
    Peers.negotiate(a, b);
    assertThat(a.getTransceivers()).isEmpty();
    java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
    a.setOnNegotiationNeeded(e -> n.incrementAndGet());
    Peers.settle(a);
    assertThat(n.get()).isZero();
  }

  // RTCRtpTransceiver-setDirection.html: "setDirection should change transceiver.direction" and
  // "setDirection with same direction should have no effect"; currentDirection changes only by negotiation.
  @Test
  void setDirectionChangesDirectionButNotCurrentDirection() {
    RTCPeerConnection a = peers.create();
    RTCPeerConnection b = peers.create();
    RTCRtpTransceiver t = a.addTransceiver("audio");
    Peers.negotiate(a, b);
    assertThat(t.currentDirection()).contains(RTCRtpTransceiverDirection.SENDONLY);
    t.setDirection(RTCRtpTransceiverDirection.INACTIVE);
    assertThat(t.direction()).isEqualTo(RTCRtpTransceiverDirection.INACTIVE);
    assertThat(t.currentDirection()).contains(RTCRtpTransceiverDirection.SENDONLY);
    Peers.negotiate(a, b);
    assertThat(t.currentDirection()).contains(RTCRtpTransceiverDirection.INACTIVE);
    assertThatThrownBy(() -> t.setDirection(RTCRtpTransceiverDirection.STOPPED)).isInstanceOf(IllegalArgumentException.class);
  }

  // RTCPeerConnection-createOffer-offerToReceive.html: "createOffer() with offerToReceiveAudio should add audio line to all subsequent created offers"
  @Test
  void offerToReceiveAddsRecvonlyTransceivers() {
    RTCPeerConnection pc = peers.create();
    RTCSessionDescription offer = await(pc.createOffer(
        RTCOfferOptions.builder().offerToReceiveAudio(true).offerToReceiveVideo(true).build()));
    assertThat(offer.sdp()).contains("m=audio").contains("m=video").contains("a=recvonly");
    assertThat(pc.getTransceivers()).extracting(RTCRtpTransceiver::direction)
        .containsExactly(RTCRtpTransceiverDirection.RECVONLY, RTCRtpTransceiverDirection.RECVONLY);
    assertThat(await(pc.createOffer()).sdp()).contains("m=audio").contains("m=video");
  }
}

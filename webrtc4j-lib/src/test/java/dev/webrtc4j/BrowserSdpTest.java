package dev.webrtc4j;

import static dev.webrtc4j.Peers.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.webrtc4j.sdp.MediaDescription;
import dev.webrtc4j.sdp.SessionDescription;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real Chrome 156 and Firefox 153 SDP (captured by the browsers harness, in
 * src/test/resources/sdp/), the public Safari sample and the hand-written ones, applied with setRemoteDescription and answered: mids and order,
 * BUNDLE, codecs, directions, setup and the data section.
 */
class BrowserSdpTest {
  @RegisterExtension final Peers peers = new Peers();

  static Stream<String> offers() {
    return Stream.of(
        "chrome-156-av-offer.sdp", "chrome-156-av-data-bundle-offer.sdp", "chrome-156-av-data-maxbundle-offer.sdp",
        "chrome-156-data-offer.sdp", "chrome-156-ice-restart-offer.sdp", "firefox-153-av-offer.sdp",
        "firefox-153-av-data-maxbundle-offer.sdp", "firefox-153-data-offer.sdp", "chrome-156-simulcast-offer.sdp",
        "firefox-153-av-data-bundle-offer.sdp", "firefox-153-ice-restart-offer.sdp", "firefox-153-simulcast-offer.sdp",
        "safari-unknown-av-data-offer.sdp", "hand-chrome-audio-video-offer.sdp", "hand-chrome-simulcast-offer.sdp",
        "hand-firefox-audio-video-offer.sdp", "hand-data-only-offer.sdp", "hand-ice-restart-offer.sdp",
        "hand-libdatachannel-offer.sdp");
  }

  static String read(String name) {
    try (InputStream in = BrowserSdpTest.class.getResourceAsStream("/sdp/" + name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @ParameterizedTest
  @MethodSource("offers")
  void aBrowserOfferIsAcceptedAndAnsweredCorrectly(String file) {
    String offerText = read(file);
    SessionDescription offer = SessionDescription.parse(offerText);
    RTCPeerConnection pc = peers.create();
    java.util.concurrent.atomic.AtomicInteger tracks = new java.util.concurrent.atomic.AtomicInteger();
    pc.setOnTrack(e -> tracks.incrementAndGet());
    await(pc.setRemoteDescription(new RTCSessionDescriptionInit(RTCSdpType.OFFER, offerText)));
    assertThat(pc.signalingState()).isEqualTo(RTCSignalingState.HAVE_REMOTE_OFFER);
    assertThat(pc.canTrickleIceCandidates()).contains(true);
    RTCSessionDescription answerDesc = await(pc.createAnswer());
    SessionDescription answer = SessionDescription.parse(answerDesc.sdp());

    // Same m-sections, same order, same mids and kinds (RFC 9429 §5.3.1).
    assertThat(answer.media()).hasSameSizeAs(offer.media());
    Set<String> accepted = new HashSet<>();
    int sending = 0;
    for (int i = 0; i < offer.media().size(); i++) {
      MediaDescription o = offer.media().get(i);
      MediaDescription a = answer.media().get(i);
      assertThat(a.media()).isEqualTo(o.media());
      assertThat(a.mid()).isEqualTo(o.mid());
      assertThat(a.proto()).isEqualTo(o.proto());
      if (!a.isRejected()) {
        accepted.add(a.mid().orElseThrow());
        assertThat(a.setup().orElseThrow().value()).as(file + " setup").isEqualTo("active");
        assertThat(a.fingerprints()).isNotEmpty();
        assertThat(a.iceUfrag()).isPresent();
        assertThat(a.connection().orElseThrow().address()).isEqualTo("0.0.0.0");
        assertThat(a.candidates()).isEmpty();
      }
      if (o.media().equals("application")) {
        assertThat(a.isRejected()).isFalse();
        assertThat(a.formats()).containsExactly("webrtc-datachannel");
        assertThat(a.attributeValue("sctp-port")).contains("5000");
        assertThat(a.attributeValue("max-message-size")).contains("262144");
        continue;
      }
      // Only offered payload types, in the offerer's order; the answer has Opus / VP8 at least.
      List<String> offeredPts = o.formats();
      assertThat(offeredPts).containsAll(a.formats());
      assertThat(offeredPts.stream().filter(a.formats()::contains).toList()).isEqualTo(a.formats());
      String primary = o.media().equals("audio") ? "opus" : "VP8";
      assertThat(a.rtpmaps()).anyMatch(r -> r.encodingName().equalsIgnoreCase(primary));
      for (var map : a.rtpmaps()) {
        var offered = o.rtpmap(map.payloadType()).orElseThrow();
        assertThat(map.encodingName()).isEqualToIgnoringCase(offered.encodingName());
      }
      // Header extensions: the offerer's ids.
      for (var ext : a.extmaps()) {
        assertThat(o.extmaps()).anyMatch(x -> x.id() == ext.id() && x.uri().equals(ext.uri()));
      }
      // We have nothing to send: the answer receives what the offer sends.
      String offeredDir = o.direction().or(offer::direction).map(d -> d.attributeName()).orElse("sendrecv");
      String expected = offeredDir.equals("sendrecv") || offeredDir.equals("sendonly") ? "recvonly" : "inactive";
      assertThat(a.direction().orElseThrow().attributeName()).as(file + " mid " + o.mid()).isEqualTo(expected);
      assertThat(a.has(dev.webrtc4j.sdp.Flag.RTCP_MUX)).isTrue();
      if (expected.equals("recvonly")) {
        sending++;
      }
    }
    // BUNDLE: the offer's group, restricted to what we accepted.
    if (!offer.bundleGroups().isEmpty()) {
      List<String> expected = offer.bundleGroups().get(0).mids().stream().filter(accepted::contains).toList();
      assertThat(answer.bundleGroups().get(0).mids()).isEqualTo(expected);
    }
    await(pc.setLocalDescription(answerDesc));
    assertThat(pc.signalingState()).isEqualTo(RTCSignalingState.STABLE);
    Peers.settle(pc);
    assertThat(tracks.get()).isEqualTo(sending);
    if (offerText.contains("m=application")) {
      assertThat(pc.sctp()).isPresent();
    }
  }

  // A real Firefox or Chromium answer to an audio + video + data offer is accepted by our offerer.
  @ParameterizedTest
  @MethodSource("answers")
  void aBrowserAnswerIsAccepted(String file) {
    RTCPeerConnection pc = peers.create();
    pc.addTransceiver(MediaStreamTrack.audio("mic"));
    pc.addTransceiver(MediaStreamTrack.video("cam"));
    pc.createDataChannel("chat");
    await(pc.setLocalDescription());
    await(pc.setRemoteDescription(new RTCSessionDescriptionInit(RTCSdpType.ANSWER, read(file))));
    assertThat(pc.signalingState()).isEqualTo(RTCSignalingState.STABLE);
    assertThat(pc.getTransceivers()).extracting(t -> t.currentDirection().orElseThrow())
        .containsExactly(RTCRtpTransceiverDirection.SENDRECV, RTCRtpTransceiverDirection.SENDRECV);
    assertThat(pc.sctp()).isPresent();
    assertThat(pc.remoteDescription().orElseThrow().sdp()).contains("a=candidate:");
  }

  static Stream<String> answers() {
    return Stream.of("firefox-153-av-data-bundle-answer.sdp", "firefox-153-ice-restart-answer.sdp",
        "chrome-156-av-data-bundle-answer.sdp", "chrome-156-ice-restart-answer.sdp");
  }
}

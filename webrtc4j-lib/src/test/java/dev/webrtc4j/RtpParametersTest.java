package dev.webrtc4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The RTP dictionaries, and the sendEncodings rules of addTransceiver (web-platform-tests
 * webrtc/RTCPeerConnection-addTransceiver.html and RTCRtpParameters-encodings.html).
 */
class RtpParametersTest {
  private static RTCRtpEncodingParameters rid(String rid) {
    return RTCRtpEncodingParameters.builder().rid(rid).build();
  }

  private static RTCRtpTransceiverInit sending(RTCRtpEncodingParameters... e) {
    return RTCRtpTransceiverInit.builder().sendEncodings(e).build();
  }

  @Test
  void transceiverInitDefaults() {
    RTCRtpTransceiverInit d = RTCRtpTransceiverInit.DEFAULT;
    assertThat(d.direction()).isEqualTo(RTCRtpTransceiverDirection.SENDRECV);
    assertThat(d.streams()).isEmpty();
    assertThat(d.sendEncodings()).isEmpty();
    assertThat(RTCRtpTransceiverInit.builder().build()).isEqualTo(d);
    assertThat(RTCRtpTransceiverInit.of(RTCRtpTransceiverDirection.RECVONLY).direction())
        .isEqualTo(RTCRtpTransceiverDirection.RECVONLY);
  }

  @Test
  void encodingDefaults() {
    RTCRtpEncodingParameters e = RTCRtpEncodingParameters.DEFAULT;
    assertThat(e.active()).isTrue();
    assertThat(e.rid()).isEmpty();
    assertThat(e.maxBitrate()).isEmpty();
    assertThat(e.maxFramerate()).isEmpty();
    assertThat(e.scaleResolutionDownBy()).isEmpty();
    assertThat(e.priority()).isEqualTo(RTCPriorityType.LOW);
    assertThat(e.networkPriority()).isEqualTo(RTCPriorityType.LOW);
    assertThat(e.toBuilder().build()).isEqualTo(e);
  }

  @Test
  void ridsMustFollowTheGrammarBeUniqueAndBeOnAllOrNone() {
    // 'addTransceiver() with invalid rid characters should throw TypeError'
    assertThatThrownBy(() -> sending(rid("a b")).validate("video", 4)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rid");
    assertThatThrownBy(() -> sending(rid("")).validate("video", 4)).isInstanceOf(IllegalArgumentException.class);
    // 'addTransceiver() with duplicate rid and multiple encodings throws TypeError'
    assertThatThrownBy(() -> sending(rid("a"), rid("a")).validate("video", 4)).hasMessageContaining("repeated");
    // 'addTransceiver() with missing rid and multiple encodings throws TypeError'
    assertThatThrownBy(() -> sending(rid("a"), RTCRtpEncodingParameters.DEFAULT).validate("video", 4))
        .hasMessageContaining("not all");
    assertThat(sending(rid("q-1"), rid("h_2")).validate("video", 4)).hasSize(2);
  }

  @Test
  void scaleResolutionDownByDefaultsToPowersOfTwoForVideo() {
    List<RTCRtpEncodingParameters> out = sending(rid("q"), rid("h"), rid("f")).validate("video", 4);
    assertThat(out).extracting(e -> e.scaleResolutionDownBy().getAsDouble()).containsExactly(4.0, 2.0, 1.0);
    // none given and no encodings given: nothing to fill
    assertThat(RTCRtpTransceiverInit.DEFAULT.validate("video", 4)).isEmpty();
    // one given: the others stay absent
    List<RTCRtpEncodingParameters> mixed = sending(rid("a").toBuilder().scaleResolutionDownBy(1.5).build(), rid("b"))
        .validate("video", 4);
    assertThat(mixed.get(0).scaleResolutionDownBy()).hasValue(1.5);
    assertThat(mixed.get(1).scaleResolutionDownBy()).isEmpty();
  }

  @Test
  void rangeChecksOnScaleAndFramerate() {
    // 'addTransceiver() with scaleResolutionDownBy < 1 throws RangeError'
    assertThatThrownBy(() -> sending(RTCRtpEncodingParameters.builder().scaleResolutionDownBy(0.5).build())
        .validate("video", 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scaleResolutionDownBy");
    // maxFramerate must be greater than 0.0
    assertThatThrownBy(() -> sending(RTCRtpEncodingParameters.builder().maxFramerate(0).build()).validate("video", 1))
        .hasMessageContaining("maxFramerate");
    assertThatThrownBy(() -> RTCRtpEncodingParameters.builder().maxBitrate(-1).build()).hasMessageContaining("maxBitrate");
  }

  @Test
  void audioDropsTheVideoOnlyMembersBeforeTheRangeChecks() {
    List<RTCRtpEncodingParameters> out = sending(RTCRtpEncodingParameters.builder().scaleResolutionDownBy(0.5)
        .maxFramerate(-1).maxBitrate(64000).build()).validate("audio", 1);
    assertThat(out.get(0).scaleResolutionDownBy()).isEmpty();
    assertThat(out.get(0).maxFramerate()).isEmpty();
    assertThat(out.get(0).maxBitrate()).hasValue(64000);
  }

  @Test
  void extraEncodingsAreTrimmedFromTheTail() {
    List<RTCRtpEncodingParameters> out = sending(rid("a"), rid("b"), rid("c")).validate("video", 2);
    assertThat(out).extracting(e -> e.rid().get()).containsExactly("a", "b");
    assertThat(out).extracting(e -> e.scaleResolutionDownBy().getAsDouble()).containsExactly(2.0, 1.0);
  }

  @Test
  void codecsAndTheirParameters() {
    RTCRtpCodec opus = RTCRtpCodec.audio("audio/opus", 48000, 2).withSdpFmtpLine("minptime=10;useinbandfec=1");
    assertThat(opus.kind()).isEqualTo("audio");
    RTCRtpCodecParameters p = RTCRtpCodecParameters.of(111, opus);
    assertThat(p.payloadType()).isEqualTo(111);
    assertThat(p.channels()).hasValue(2);
    assertThat(p.codec()).isEqualTo(opus);
    assertThat(RTCRtpCodec.video("video/VP8", 90000).channels()).isEmpty();
    assertThatThrownBy(() -> RTCRtpCodecParameters.of(128, opus)).hasMessageContaining("payloadType");
    assertThatThrownBy(() -> RTCRtpCodec.video("VP8", 90000)).hasMessageContaining("mimeType");
    assertThatThrownBy(() -> new RTCRtpHeaderExtensionParameters("urn:x", 0, false)).hasMessageContaining("id");
  }

  @Test
  void sendParametersSwapEncodingsAndShareTheRest() {
    RTCRtpSendParameters s = new RTCRtpSendParameters("t1", List.of(RTCRtpEncodingParameters.DEFAULT),
        List.of(new RTCRtpHeaderExtensionParameters("urn:ietf:params:rtp-hdrext:sdes:mid", 1, false)),
        new RTCRtcpParameters(Optional.of("cname"), true),
        List.of(new RTCRtpCodecParameters(96, "video/VP8", 90000, OptionalInt.empty(), Optional.empty())));
    RTCRtpSendParameters off = s.withEncodings(List.of(RTCRtpEncodingParameters.DEFAULT.withActive(false)));
    assertThat(off.transactionId()).isEqualTo("t1");
    assertThat(off.encodings().get(0).active()).isFalse();
    assertThat(off.asRtpParameters()).isEqualTo(s.asRtpParameters());
    RTCRtpCapabilities caps = new RTCRtpCapabilities(List.of(RTCRtpCodec.video("video/VP8", 90000)),
        List.of(new RTCRtpHeaderExtensionCapability("urn:ietf:params:rtp-hdrext:sdes:mid")));
    assertThat(caps.codecs()).hasSize(1);
  }

  @Test
  void codecDictionaryMatchIgnoresMimeCaseOnly() {
    RTCRtpCodec vp8 = RTCRtpCodec.video("video/VP8", 90000);
    assertThat(vp8.matches(RTCRtpCodec.video("video/vp8", 90000))).isTrue();
    assertThat(vp8.matches(RTCRtpCodec.video("video/VP8", 48000))).isFalse();
    assertThat(vp8.matches(vp8.withSdpFmtpLine("x=1"))).isFalse();
    assertThat(RTCRtpCodec.audio("audio/opus", 48000, 2).matches(RTCRtpCodec.audio("audio/opus", 48000, 1))).isFalse();
  }

  private static RTCRtpSendParameters sendParams(String transactionId, RTCRtpEncodingParameters... encodings) {
    return new RTCRtpSendParameters(transactionId, List.of(encodings),
        List.of(new RTCRtpHeaderExtensionParameters("urn:ietf:params:rtp-hdrext:sdes:mid", 1, false)),
        new RTCRtcpParameters(Optional.of("cname"), true),
        List.of(new RTCRtpCodecParameters(96, "video/VP8", 90000, OptionalInt.empty(), Optional.empty())));
  }

  private static void assertModificationError(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String member) {
    assertThatThrownBy(call).isInstanceOfSatisfying(RTCException.class,
        e -> assertThat(e.name()).isEqualTo("InvalidModificationError")).hasMessageContaining(member);
  }

  @Test
  void setParametersAcceptsChangedEncodingValuesOnly() {
    // RTCRtpSender-setParameters.html / RTCRtpParameters-encodings.html
    RTCRtpSendParameters last = sendParams("t1", rid("a"), rid("b"));
    RTCRtpSendParameters changed = last.withEncodings(List.of(rid("a").withActive(false),
        rid("b").toBuilder().maxBitrate(100_000).scaleResolutionDownBy(2).build()));
    changed.checkModification(last, "video");
    // 'setParameters() with modified transactionId should reject with InvalidModificationError'
    assertModificationError(() -> sendParams("t2", rid("a"), rid("b")).checkModification(last, "video"),
        "transactionId");
    // 'setParameters() with encodings added / removed should reject with InvalidModificationError'
    assertModificationError(() -> last.withEncodings(List.of(rid("a"))).checkModification(last, "video"), "encodings");
    // 'setParameters() with modified encoding.rid field / reordered encodings should reject'
    assertModificationError(() -> last.withEncodings(List.of(rid("b"), rid("a"))).checkModification(last, "video"),
        "rid");
    // read-only members
    RTCRtpSendParameters otherRtcp = new RTCRtpSendParameters("t1", last.encodings(), last.headerExtensions(),
        new RTCRtcpParameters(Optional.of("other"), true), last.codecs());
    assertModificationError(() -> otherRtcp.checkModification(last, "video"), "rtcp");
    RTCRtpSendParameters noExt = new RTCRtpSendParameters("t1", last.encodings(), List.of(), last.rtcp(), last.codecs());
    assertModificationError(() -> noExt.checkModification(last, "video"), "headerExtensions");
    RTCRtpSendParameters noCodecs = new RTCRtpSendParameters("t1", last.encodings(), last.headerExtensions(),
        last.rtcp(), List.of());
    assertModificationError(() -> noCodecs.checkModification(last, "video"), "codecs");
  }

  @Test
  void setParametersRangeChecksApplyToVideo() {
    RTCRtpSendParameters last = sendParams("t1", RTCRtpEncodingParameters.DEFAULT);
    RTCRtpSendParameters small = last.withEncodings(List.of(RTCRtpEncodingParameters.builder()
        .scaleResolutionDownBy(0.5).build()));
    assertThatThrownBy(() -> small.checkModification(last, "video")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("scaleResolutionDownBy");
    RTCRtpSendParameters negative = last.withEncodings(List.of(RTCRtpEncodingParameters.builder()
        .maxFramerate(-1).build()));
    assertThatThrownBy(() -> negative.checkModification(last, "video")).hasMessageContaining("maxFramerate");
    last.withEncodings(List.of(RTCRtpEncodingParameters.builder().maxFramerate(0).build())).checkModification(last, "video");
    small.checkModification(last, "audio"); // not applicable to audio
  }
}

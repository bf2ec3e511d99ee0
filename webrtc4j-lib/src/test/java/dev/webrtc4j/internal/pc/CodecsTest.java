package dev.webrtc4j.internal.pc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CodecsTest {

  @Test
  void offersAudioAsChromeDoes() {
    assertThat(Codecs.AUDIO).extracting(RtpCodec::payloadType).containsExactly(111, 63, 9, 0, 8, 110, 126);
    RtpCodec opus = Codecs.AUDIO.get(0);
    assertThat(opus.rtpmap()).isEqualTo("opus/48000/2");
    assertThat(opus.fmtp()).isEqualTo("minptime=10;useinbandfec=1");
    assertThat(opus.rtcpFeedback()).containsExactly("transport-cc");
    assertThat(Codecs.AUDIO.get(1).fmtp()).isEqualTo("111/111");
  }

  @Test
  void everyVideoCodecHasAnRtxWithAptAndTheFiveFeedbackTypes() {
    List<RtpCodec> primary = Codecs.VIDEO.stream().filter(c -> !c.isRtx()).toList();
    assertThat(primary).extracting(RtpCodec::name).contains("VP8", "VP9", "H264", "AV1");
    for (RtpCodec c : primary) {
      assertThat(c.rtcpFeedback()).containsExactly("goog-remb", "transport-cc", "ccm fir", "nack", "nack pli");
      assertThat(Codecs.VIDEO).anyMatch(r -> r.isRtx() && r.apt() == c.payloadType());
    }
    assertThat(primary.stream().filter(c -> c.name().equals("VP9")).map(c -> c.parameter("profile-id"))).containsExactly("0", "2");
    // H.264: constrained-baseline, baseline, main and high, each in packetization-mode 1 and 0.
    assertThat(primary.stream().filter(c -> c.name().equals("H264"))
            .map(c -> Codecs.h264Profile(c) + "/" + c.parameter("packetization-mode")))
        .containsExactlyInAnyOrder("baseline/1", "baseline/0", "constrained-baseline/1", "constrained-baseline/0",
            "main/1", "main/0", "high/1", "high/0");
    assertThat(Codecs.VIDEO).extracting(RtpCodec::payloadType).doesNotHaveDuplicates();
  }

  @Test
  void answerKeepsTheOfferersPayloadTypesAndOrderAndDropsUnknownCodecs() {
    List<RtpCodec> offered = List.of(
        new RtpCodec(120, "VP8", 90000, 1, "", List.of("nack", "goog-lntf", "ccm fir")),
        new RtpCodec(121, "rtx", 90000, 1, "apt=120", List.of()),
        new RtpCodec(122, "H265", 90000, 1, "", List.of("nack")),
        new RtpCodec(123, "rtx", 90000, 1, "apt=122", List.of()),
        new RtpCodec(126, "H264", 90000, 1, "profile-level-id=42e01f;level-asymmetry-allowed=1;packetization-mode=1", List.of()));
    List<RtpCodec> answer = Codecs.answer("video", offered);
    assertThat(answer).extracting(RtpCodec::payloadType).containsExactly(120, 121, 126);
    assertThat(answer.get(0).rtcpFeedback()).containsExactly("nack", "ccm fir");
  }

  @Test
  void h264MatchesOnProfileAndPacketizationMode() {
    RtpCodec cb1 = new RtpCodec(100, "H264", 90000, 1, "packetization-mode=1;profile-level-id=42e01f", List.of());
    RtpCodec cbDefaultMode = new RtpCodec(101, "h264", 90000, 1, "profile-level-id=42e01f", List.of());
    RtpCodec high1 = new RtpCodec(102, "H264", 90000, 1, "packetization-mode=1;profile-level-id=640032", List.of());
    RtpCodec hi444 = new RtpCodec(103, "H264", 90000, 1, "packetization-mode=1;profile-level-id=f4001f", List.of());
    assertThat(Codecs.match("video", cb1).fmtp()).contains("42e01f").contains("packetization-mode=1");
    assertThat(Codecs.match("video", cbDefaultMode).fmtp()).contains("42e01f").contains("packetization-mode=0");
    assertThat(Codecs.match("video", high1).fmtp()).contains("64001f");
    assertThat(Codecs.match("video", hi444)).isNull();
  }

  @Test
  void anAnswerWithOnlyAuxiliaryCodecsIsEmpty() {
    List<RtpCodec> offered = List.of(
        new RtpCodec(101, "telephone-event", 8000, 1, "0-15", List.of()),
        new RtpCodec(96, "L16", 48000, 2, "", List.of()));
    assertThat(Codecs.answer("audio", offered)).isEmpty();
  }

  @Test
  void answerExtensionsAreTheSupportedOnesWithTheOfferersIds() {
    List<HeaderExtension> offered = List.of(
        new HeaderExtension(9, Codecs.MID), new HeaderExtension(3, "urn:example:unknown"), new HeaderExtension(1, Codecs.AUDIO_LEVEL));
    assertThat(Codecs.answerExtensions("audio", offered))
        .containsExactly(new HeaderExtension(9, Codecs.MID), new HeaderExtension(1, Codecs.AUDIO_LEVEL));
  }

  @Test
  void directionAnswerIntersectsWithTheReversedOffer() {
    assertThat(Direction.SENDRECV.answerTo(Direction.SENDONLY)).isEqualTo(Direction.RECVONLY);
    assertThat(Direction.SENDRECV.answerTo(Direction.RECVONLY)).isEqualTo(Direction.SENDONLY);
    assertThat(Direction.RECVONLY.answerTo(Direction.RECVONLY)).isEqualTo(Direction.INACTIVE);
    assertThat(Direction.SENDONLY.answerTo(Direction.SENDRECV)).isEqualTo(Direction.SENDONLY);
    assertThat(Direction.SENDRECV.answerTo(Direction.INACTIVE)).isEqualTo(Direction.INACTIVE);
    assertThat(Direction.SENDONLY.reverse()).isEqualTo(Direction.RECVONLY);
  }
}

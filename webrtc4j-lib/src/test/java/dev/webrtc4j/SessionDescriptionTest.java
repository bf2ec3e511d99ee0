package dev.webrtc4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** RTCSessionDescription(Init), RTCLocalSessionDescriptionInit, RTCOfferOptions (wpt RTCSessionDescription, createOffer-offerToReceive). */
class SessionDescriptionTest {

  @Test
  void descriptionsKeepTypeAndSdpAndConvertToJson() {
    RTCSessionDescription d = new RTCSessionDescription(new RTCSessionDescriptionInit(RTCSdpType.OFFER, "v=0\r\n"));
    assertThat(d.type()).isEqualTo(RTCSdpType.OFFER);
    assertThat(d.sdp()).isEqualTo("v=0\r\n");
    assertThat(d.toJSON()).isEqualTo(new RTCSessionDescriptionInit(RTCSdpType.OFFER, "v=0\r\n"));
    assertThat(d.toJSON().toJsonString()).isEqualTo("{\"type\":\"offer\",\"sdp\":\"v=0\\r\\n\"}");
    assertThat(RTCSessionDescriptionInit.of(RTCSdpType.ROLLBACK).sdp()).isEmpty();
    assertThatThrownBy(() -> new RTCSessionDescriptionInit(null, "")).isInstanceOf(NullPointerException.class)
        .hasMessage("type");
  }

  @Test
  void jsonEscapesControlCharactersQuotesAndBackslashes() {
    assertThat(Json.quote("a\"b\\c\u0001\t")).isEqualTo("\"a\\\"b\\\\c\\u0001\\t\"");
  }

  @Test
  void localDescriptionsMayOmitTheType() {
    assertThat(RTCLocalSessionDescriptionInit.IMPLICIT.type()).isEmpty();
    assertThat(RTCLocalSessionDescriptionInit.IMPLICIT.sdp()).isEmpty();
    RTCLocalSessionDescriptionInit l =
        RTCLocalSessionDescriptionInit.of(new RTCSessionDescriptionInit(RTCSdpType.ANSWER, "v=0"));
    assertThat(l.type()).hasValue(RTCSdpType.ANSWER);
    assertThat(l.sdp()).isEqualTo("v=0");
  }

  @Test
  void offerOptionsDefaultToNoRestartAndNoLegacyMembers() {
    assertThat(RTCOfferOptions.DEFAULT.iceRestart()).isFalse();
    assertThat(RTCOfferOptions.DEFAULT.offerToReceiveAudio()).isEmpty();
    assertThat(RTCOfferOptions.builder().build()).isEqualTo(RTCOfferOptions.DEFAULT);
    RTCOfferOptions o = RTCOfferOptions.builder().iceRestart(true).offerToReceiveAudio(true)
        .offerToReceiveVideo(false).build();
    assertThat(o.iceRestart()).isTrue();
    assertThat(o.offerToReceiveAudio()).isEqualTo(Optional.of(true));
    assertThat(o.offerToReceiveVideo()).isEqualTo(Optional.of(false));
    assertThat(RTCAnswerOptions.DEFAULT).isEqualTo(new RTCAnswerOptions());
  }
}

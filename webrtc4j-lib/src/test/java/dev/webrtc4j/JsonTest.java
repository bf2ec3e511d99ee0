package dev.webrtc4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The JSON signaling forms: what a browser's JSON.stringify(description / candidate) produces. */
class JsonTest {

  @Test
  void readsABrowserSessionDescription() {
    RTCSessionDescriptionInit d =
        RTCSessionDescriptionInit.fromJson(" {\"type\":\"answer\",\"sdp\":\"v=0\\r\\no=- 1 2 IN IP4 127.0.0.1\\r\\n\"} ");
    assertThat(d.type()).isEqualTo(RTCSdpType.ANSWER);
    assertThat(d.sdp()).isEqualTo("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n");
    assertThat(RTCSessionDescriptionInit.fromJson(d.toJsonString())).isEqualTo(d);
    assertThat(RTCSessionDescriptionInit.fromJson("{\"type\":\"rollback\"}").sdp()).isEmpty();
  }

  @Test
  void aDescriptionNeedsAKnownType() {
    assertThatThrownBy(() -> RTCSessionDescriptionInit.fromJson("{\"sdp\":\"v=0\"}")).hasMessageContaining("type");
    assertThatThrownBy(() -> RTCSessionDescriptionInit.fromJson("{\"type\":\"bogus\"}")).hasMessageContaining("bogus");
    assertThatThrownBy(() -> RTCSessionDescriptionInit.fromJson("{\"type\":1}")).hasMessageContaining("type");
  }

  @Test
  void readsABrowserCandidateIgnoringUnknownMembers() {
    RTCIceCandidateInit c = RTCIceCandidateInit.fromJson("{\"candidate\":\"candidate:1 1 udp 1 127.0.0.1 9 typ host\","
        + "\"sdpMid\":\"0\",\"sdpMLineIndex\":0,\"usernameFragment\":\"Ab/+\",\"extra\":[1,{\"x\":null},true]}");
    assertThat(c.candidate()).isEqualTo("candidate:1 1 udp 1 127.0.0.1 9 typ host");
    assertThat(c.sdpMid()).hasValue("0");
    assertThat(c.sdpMLineIndex()).hasValue(0);
    assertThat(c.usernameFragment()).hasValue("Ab/+");
    RTCIceCandidateInit end = RTCIceCandidateInit.fromJson("{\"candidate\":\"\",\"sdpMid\":null,\"sdpMLineIndex\":1}");
    assertThat(end.candidate()).isEmpty();
    assertThat(end.sdpMid()).isEmpty();
    assertThat(end.sdpMLineIndex()).hasValue(1);
    assertThat(RTCIceCandidateInit.fromJson(c.toJsonString())).isEqualTo(c);
  }

  @Test
  void candidateIndexesMustBeUnsignedShortIntegers() {
    for (String bad : List.of("1.5", "-1", "65536", "\"0\"")) {
      assertThatThrownBy(() -> RTCIceCandidateInit.fromJson("{\"sdpMLineIndex\":" + bad + "}"))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sdpMLineIndex");
    }
  }

  @Test
  void stringEscapesIncludingSurrogatePairsRoundTrip() {
    Map<String, Object> m = Json.parseObject("{\"s\":\"\\u00e9\\ud83d\\ude00\\/\\\"\\\\\\b\\f\\n\\r\\t\"}");
    assertThat(m.get("s")).isEqualTo("é😀/\"\\\b\f\n\r\t");
    assertThat(Json.parseObject("{\"s\":" + Json.quote((String) m.get("s")) + "}")).isEqualTo(m);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "[]", "{", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{\"a\":01}", "{\"a\":\"x}",
      "{\"a\":\"\\q\"}", "{\"a\":\"\\u12\"}", "{} x", "{\"a\":tru}", "{\"a\":\"\u0001\"}", "{'a':1}"})
  void malformedJsonIsRejected(String json) {
    assertThatThrownBy(() -> Json.parseObject(json)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("JSON");
  }

  @Test
  void deepNestingIsRejectedNotAStackOverflow() {
    String deep = "{\"a\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
    assertThatThrownBy(() -> Json.parseObject(deep)).hasMessageContaining("nested");
  }
}

package dev.webrtc4j;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz targets for the parsers of application input in the API layer: ICE server URLs, the JSON
 * signaling forms and candidate strings. Each may only fail with its documented exceptions. In
 * plain {@code mvn test} these replay their seeds; {@code JAZZER_FUZZ=1} fuzzes.
 */
class ApiParsersFuzzTest {

  @FuzzTest(maxDuration = "10s")
  void iceServerUrlsFailOnlyWithRtcExceptions(FuzzedDataProvider data) {
    String url = data.consumeRemainingAsString();
    try {
      RTCIceServerUrl u = RTCIceServerUrl.parse(url);
      // what parses, prints back to something that parses to the same
      if (!RTCIceServerUrl.parse(u.toString()).equals(u)) {
        throw new AssertionError("round trip changed " + url);
      }
    } catch (RTCException expected) {
      // SyntaxError or NotSupportedError
    }
  }

  @FuzzTest(maxDuration = "10s")
  void signalingJsonFailsOnlyWithTypeErrors(FuzzedDataProvider data) {
    String json = data.consumeRemainingAsString();
    try {
      RTCIceCandidateInit c = RTCIceCandidateInit.fromJson(json);
      if (!RTCIceCandidateInit.fromJson(c.toJsonString()).equals(c)) {
        throw new AssertionError("round trip changed " + json);
      }
    } catch (IllegalArgumentException expected) {
      // not a candidate object
    }
    try {
      RTCSessionDescriptionInit d = RTCSessionDescriptionInit.fromJson(json);
      if (!RTCSessionDescriptionInit.fromJson(d.toJsonString()).equals(d)) {
        throw new AssertionError("round trip changed " + json);
      }
    } catch (IllegalArgumentException expected) {
      // not a description object
    }
  }

  @FuzzTest(maxDuration = "10s")
  void candidateStringsNeverFailTheConstructor(FuzzedDataProvider data) {
    // W3C §4.8.1: the candidate string is not validated; attributes are absent if it does not parse.
    new RTCIceCandidate(RTCIceCandidateInit.of(data.consumeRemainingAsString(), "0"));
  }
}

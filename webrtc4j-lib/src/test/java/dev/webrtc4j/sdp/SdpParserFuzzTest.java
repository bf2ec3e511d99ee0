package dev.webrtc4j.sdp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Jazzer target for {@link SessionDescription#parse}: it rejects the input with an
 * {@link SdpParseException} naming a real line, or accepts it and serializing is a fixed point
 * (see {@link SdpMutationTest#check}). Plain {@code mvn test} replays the empty input and any
 * committed crash inputs; {@code JAZZER_FUZZ=1} fuzzes.
 */
class SdpParserFuzzTest {
  @FuzzTest(maxDuration = "60s")
  void parserEitherRejectsWithALineOrRoundTrips(byte[] input) {
    SdpMutationTest.check(new String(input, StandardCharsets.UTF_8));
  }
}

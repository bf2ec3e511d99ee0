package dev.webrtc4j.internal.stun;

import dev.webrtc4j.internal.util.Bytes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/** Loads {@code src/test/resources/vectors/stun/*.hex}: '#' lines are provenance, the rest hex. */
final class StunVectors {
  static final String RFC5769_REQUEST = "rfc5769-2.1-request.hex";
  static final String RFC5769_IPV4_RESPONSE = "rfc5769-2.2-ipv4-response.hex";
  static final String RFC5769_IPV6_RESPONSE = "rfc5769-2.3-ipv6-response.hex";
  static final String RFC5769_LONG_TERM = "rfc5769-2.4-long-term-request.hex";
  static final String[] ALL = {RFC5769_REQUEST, RFC5769_IPV4_RESPONSE, RFC5769_IPV6_RESPONSE, RFC5769_LONG_TERM};

  static final String SHORT_TERM_PASSWORD = "VOkJxbRl1RmTxUk/WvJxBt";
  static final String LONG_TERM_USERNAME = "\u30DE\u30C8\u30EA\u30C3\u30AF\u30B9";
  static final String LONG_TERM_PASSWORD = "TheMatrIX";
  static final String LONG_TERM_REALM = "example.org";
  static final String LONG_TERM_NONCE = "f//499k954d6OL34oL9FSTvy64sA";

  private StunVectors() {}

  static Bytes load(String name) {
    try (InputStream in = StunVectors.class.getResourceAsStream("/vectors/stun/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no vector " + name);
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      String hex = text.lines().filter(l -> !l.startsWith("#")).collect(Collectors.joining());
      return Bytes.fromHex(hex);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

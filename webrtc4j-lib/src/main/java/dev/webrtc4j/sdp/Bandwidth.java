package dev.webrtc4j.sdp;

import java.util.Objects;

/**
 * <a href="https://www.rfc-editor.org/rfc/rfc8866#section-5.8">RFC 8866 §5.8</a>:
 * {@code b=<bwtype>:<bandwidth>}, e.g. {@code AS:512} (kbit/s) or {@code TIAS:512000} (bit/s,
 * RFC 3890).
 *
 * @param bandwidthType e.g. {@code AS}, {@code TIAS}, {@code CT}
 * @param bandwidth not negative
 */
public record Bandwidth(String bandwidthType, long bandwidth) {
  public Bandwidth {
    Tokens.requireToken(Objects.requireNonNull(bandwidthType, "bandwidthType"), "bandwidth type");
    Tokens.check(bandwidthType.indexOf(':') < 0, "bandwidth type contains ':'");
    Tokens.check(bandwidth >= 0, "bandwidth is negative: " + bandwidth);
  }

  /** Parses the text after {@code b=}. */
  public static Bandwidth parse(String text) {
    int colon = text.indexOf(':');
    Tokens.check(colon > 0, "bandwidth is not <bwtype>:<bandwidth>");
    return new Bandwidth(text.substring(0, colon), Tokens.number(text.substring(colon + 1), 0, Long.MAX_VALUE, "bandwidth"));
  }

  /** The text after {@code b=}. */
  public String text() {
    return bandwidthType + ":" + bandwidth;
  }
}

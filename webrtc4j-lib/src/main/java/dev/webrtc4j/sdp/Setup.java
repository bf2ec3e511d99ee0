package dev.webrtc4j.sdp;

import org.jspecify.annotations.Nullable;

/** RFC 4145 §4 (used by RFC 8842 for DTLS): {@code a=setup:active|passive|actpass|holdconn}. */
public enum Setup implements TypedAttribute {
  ACTIVE("active"),
  PASSIVE("passive"),
  ACTPASS("actpass"),
  HOLDCONN("holdconn");

  private final String token;

  Setup(String token) {
    this.token = token;
  }

  /** Parses the attribute value, ignoring case as Chrome does ({@code ACTPASS} is actpass). */
  public static Setup parse(@Nullable String value) {
    String v = Tokens.valueOf(value, "setup");
    for (Setup s : values()) {
      if (s.token.equalsIgnoreCase(v)) return s;
    }
    throw new IllegalArgumentException("unknown setup role: \"" + v + "\"");
  }

  @Override
  public String attributeName() {
    return "setup";
  }

  @Override
  public String value() {
    return token;
  }
}

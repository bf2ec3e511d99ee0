package dev.webrtc4j.sdp;

/** The {@code send} / {@code recv} direction of RFC 8851 {@code a=rid} and RFC 8853 {@code a=simulcast}. */
public enum RidDirection {
  SEND("send"),
  RECV("recv");

  private final String token;

  RidDirection(String token) {
    this.token = token;
  }

  /** {@code send} or {@code recv}. */
  public String token() {
    return token;
  }

  static RidDirection parse(String s) {
    for (RidDirection d : values()) {
      if (d.token.equals(s)) return d;
    }
    throw new IllegalArgumentException("direction is neither send nor recv: \"" + s + "\"");
  }
}

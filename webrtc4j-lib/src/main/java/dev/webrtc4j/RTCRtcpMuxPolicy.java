package dev.webrtc4j;

/**
 * The W3C {@code RTCRtcpMuxPolicy} enum. Which RTCP candidates are gathered; the spec keeps only {@code "require"}.
 *
 * @see <a href="https://w3c.github.io/webrtc-pc/#dom-rtcrtcpmuxpolicy">RTCRtcpMuxPolicy</a>
 */
public enum RTCRtcpMuxPolicy {
  REQUIRE("require");

  private final String w3cName;

  RTCRtcpMuxPolicy(String w3cName) {
    this.w3cName = w3cName;
  }

  /** The WebIDL string value, e.g. {@code "require"}. */
  public String w3cName() {
    return w3cName;
  }

  /**
   * The constant whose {@link #w3cName()} is {@code name}.
   *
   * @throws IllegalArgumentException (WebIDL TypeError) if {@code name} is not a value of the enum
   */
  public static RTCRtcpMuxPolicy fromW3cName(String name) {
    for (RTCRtcpMuxPolicy v : values()) {
      if (v.w3cName.equals(name)) {
        return v;
      }
    }
    throw new IllegalArgumentException("'" + name + "' is not a valid value for enumeration RTCRtcpMuxPolicy");
  }
}

package dev.webrtc4j;

/**
 * The W3C {@code RTCIceTransportPolicy} enum. Which ICE candidates may be used: all of them, or only relayed ones.
 *
 * @see <a href="https://w3c.github.io/webrtc-pc/#dom-rtcicetransportpolicy">RTCIceTransportPolicy</a>
 */
public enum RTCIceTransportPolicy {
  RELAY("relay"),
  ALL("all");

  private final String w3cName;

  RTCIceTransportPolicy(String w3cName) {
    this.w3cName = w3cName;
  }

  /** The WebIDL string value, e.g. {@code "relay"}. */
  public String w3cName() {
    return w3cName;
  }

  /**
   * The constant whose {@link #w3cName()} is {@code name}.
   *
   * @throws IllegalArgumentException (WebIDL TypeError) if {@code name} is not a value of the enum
   */
  public static RTCIceTransportPolicy fromW3cName(String name) {
    for (RTCIceTransportPolicy v : values()) {
      if (v.w3cName.equals(name)) {
        return v;
      }
    }
    throw new IllegalArgumentException("'" + name + "' is not a valid value for enumeration RTCIceTransportPolicy");
  }
}

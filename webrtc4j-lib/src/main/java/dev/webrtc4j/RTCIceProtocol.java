package dev.webrtc4j;

/**
 * The W3C {@code RTCIceProtocol} enum. The transport protocol of an ICE candidate.
 *
 * @see <a href="https://w3c.github.io/webrtc-pc/#dom-rtciceprotocol">RTCIceProtocol</a>
 */
public enum RTCIceProtocol {
  UDP("udp"),
  TCP("tcp");

  private final String w3cName;

  RTCIceProtocol(String w3cName) {
    this.w3cName = w3cName;
  }

  /** The WebIDL string value, e.g. {@code "udp"}. */
  public String w3cName() {
    return w3cName;
  }

  /**
   * The constant whose {@link #w3cName()} is {@code name}.
   *
   * @throws IllegalArgumentException (WebIDL TypeError) if {@code name} is not a value of the enum
   */
  public static RTCIceProtocol fromW3cName(String name) {
    for (RTCIceProtocol v : values()) {
      if (v.w3cName.equals(name)) {
        return v;
      }
    }
    throw new IllegalArgumentException("'" + name + "' is not a valid value for enumeration RTCIceProtocol");
  }
}

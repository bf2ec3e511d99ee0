package dev.webrtc4j;

/**
 * The W3C {@code RTCIceRole} enum. The ICE role of an {@code RTCIceTransport} (RFC 8445 §6.1.1).
 *
 * @see <a href="https://w3c.github.io/webrtc-pc/#dom-rtcicerole">RTCIceRole</a>
 */
public enum RTCIceRole {
  UNKNOWN("unknown"),
  CONTROLLING("controlling"),
  CONTROLLED("controlled");

  private final String w3cName;

  RTCIceRole(String w3cName) {
    this.w3cName = w3cName;
  }

  /** The WebIDL string value, e.g. {@code "unknown"}. */
  public String w3cName() {
    return w3cName;
  }

  /**
   * The constant whose {@link #w3cName()} is {@code name}.
   *
   * @throws IllegalArgumentException (WebIDL TypeError) if {@code name} is not a value of the enum
   */
  public static RTCIceRole fromW3cName(String name) {
    for (RTCIceRole v : values()) {
      if (v.w3cName.equals(name)) {
        return v;
      }
    }
    throw new IllegalArgumentException("'" + name + "' is not a valid value for enumeration RTCIceRole");
  }
}

package dev.webrtc4j;

/**
 * The W3C {@code RTCIceCandidateType} enum. The type of an ICE candidate (RFC 8445 §5.1.1).
 *
 * @see <a href="https://w3c.github.io/webrtc-pc/#dom-rtcicecandidatetype">RTCIceCandidateType</a>
 */
public enum RTCIceCandidateType {
  HOST("host"),
  SRFLX("srflx"),
  PRFLX("prflx"),
  RELAY("relay");

  private final String w3cName;

  RTCIceCandidateType(String w3cName) {
    this.w3cName = w3cName;
  }

  /** The WebIDL string value, e.g. {@code "host"}. */
  public String w3cName() {
    return w3cName;
  }

  /**
   * The constant whose {@link #w3cName()} is {@code name}.
   *
   * @throws IllegalArgumentException (WebIDL TypeError) if {@code name} is not a value of the enum
   */
  public static RTCIceCandidateType fromW3cName(String name) {
    for (RTCIceCandidateType v : values()) {
      if (v.w3cName.equals(name)) {
        return v;
      }
    }
    throw new IllegalArgumentException("'" + name + "' is not a valid value for enumeration RTCIceCandidateType");
  }
}

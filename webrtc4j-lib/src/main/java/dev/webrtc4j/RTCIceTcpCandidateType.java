package dev.webrtc4j;

/**
 * The W3C {@code RTCIceTcpCandidateType} enum. The type of an ICE-TCP candidate (RFC 6544 §4.5).
 *
 * @see <a href="https://w3c.github.io/webrtc-pc/#dom-rtcicetcpcandidatetype">RTCIceTcpCandidateType</a>
 */
public enum RTCIceTcpCandidateType {
  ACTIVE("active"),
  PASSIVE("passive"),
  SO("so");

  private final String w3cName;

  RTCIceTcpCandidateType(String w3cName) {
    this.w3cName = w3cName;
  }

  /** The WebIDL string value, e.g. {@code "active"}. */
  public String w3cName() {
    return w3cName;
  }

  /**
   * The constant whose {@link #w3cName()} is {@code name}.
   *
   * @throws IllegalArgumentException (WebIDL TypeError) if {@code name} is not a value of the enum
   */
  public static RTCIceTcpCandidateType fromW3cName(String name) {
    for (RTCIceTcpCandidateType v : values()) {
      if (v.w3cName.equals(name)) {
        return v;
      }
    }
    throw new IllegalArgumentException("'" + name + "' is not a valid value for enumeration RTCIceTcpCandidateType");
  }
}

package dev.webrtc4j;

/**
 * The W3C {@code RTCPriorityType} enum. The priority of a data channel or an RTP encoding (RFC 8835 §4.9).
 *
 * @see <a href="https://w3c.github.io/webrtc-pc/#dom-rtcprioritytype">RTCPriorityType</a>
 */
public enum RTCPriorityType {
  VERY_LOW("very-low"),
  LOW("low"),
  MEDIUM("medium"),
  HIGH("high");

  private final String w3cName;

  RTCPriorityType(String w3cName) {
    this.w3cName = w3cName;
  }

  /** The WebIDL string value, e.g. {@code "very-low"}. */
  public String w3cName() {
    return w3cName;
  }

  /**
   * The constant whose {@link #w3cName()} is {@code name}.
   *
   * @throws IllegalArgumentException (WebIDL TypeError) if {@code name} is not a value of the enum
   */
  public static RTCPriorityType fromW3cName(String name) {
    for (RTCPriorityType v : values()) {
      if (v.w3cName.equals(name)) {
        return v;
      }
    }
    throw new IllegalArgumentException("'" + name + "' is not a valid value for enumeration RTCPriorityType");
  }
}

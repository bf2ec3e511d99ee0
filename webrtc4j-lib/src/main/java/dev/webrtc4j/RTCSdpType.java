package dev.webrtc4j;

/**
 * The W3C {@code RTCSdpType} enum. The type of a session description (JSEP §4.1.8).
 *
 * @see <a href="https://w3c.github.io/webrtc-pc/#dom-rtcsdptype">RTCSdpType</a>
 */
public enum RTCSdpType {
  OFFER("offer"),
  PRANSWER("pranswer"),
  ANSWER("answer"),
  ROLLBACK("rollback");

  private final String w3cName;

  RTCSdpType(String w3cName) {
    this.w3cName = w3cName;
  }

  /** The WebIDL string value, e.g. {@code "offer"}. */
  public String w3cName() {
    return w3cName;
  }

  /**
   * The constant whose {@link #w3cName()} is {@code name}.
   *
   * @throws IllegalArgumentException (WebIDL TypeError) if {@code name} is not a value of the enum
   */
  public static RTCSdpType fromW3cName(String name) {
    for (RTCSdpType v : values()) {
      if (v.w3cName.equals(name)) {
        return v;
      }
    }
    throw new IllegalArgumentException("'" + name + "' is not a valid value for enumeration RTCSdpType");
  }
}

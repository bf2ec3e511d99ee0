package dev.webrtc4j;

/**
 * The W3C {@code RTCIceComponent} enum. The ICE component of a candidate: RTP (1) or RTCP (2).
 *
 * @see <a href="https://w3c.github.io/webrtc-pc/#dom-rtcicecomponent">RTCIceComponent</a>
 */
public enum RTCIceComponent {
  RTP("rtp"),
  RTCP("rtcp");

  private final String w3cName;

  RTCIceComponent(String w3cName) {
    this.w3cName = w3cName;
  }

  /** The WebIDL string value, e.g. {@code "rtp"}. */
  public String w3cName() {
    return w3cName;
  }

  /**
   * The constant whose {@link #w3cName()} is {@code name}.
   *
   * @throws IllegalArgumentException (WebIDL TypeError) if {@code name} is not a value of the enum
   */
  public static RTCIceComponent fromW3cName(String name) {
    for (RTCIceComponent v : values()) {
      if (v.w3cName.equals(name)) {
        return v;
      }
    }
    throw new IllegalArgumentException("'" + name + "' is not a valid value for enumeration RTCIceComponent");
  }
}

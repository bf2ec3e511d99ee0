package dev.webrtc4j;

/**
 * The W3C {@code RTCIceTransportState} enum. The state of an {@code RTCIceTransport}.
 *
 * @see <a href="https://w3c.github.io/webrtc-pc/#dom-rtcicetransportstate">RTCIceTransportState</a>
 */
public enum RTCIceTransportState {
  NEW("new"),
  CHECKING("checking"),
  CONNECTED("connected"),
  COMPLETED("completed"),
  DISCONNECTED("disconnected"),
  FAILED("failed"),
  CLOSED("closed");

  private final String w3cName;

  RTCIceTransportState(String w3cName) {
    this.w3cName = w3cName;
  }

  /** The WebIDL string value, e.g. {@code "new"}. */
  public String w3cName() {
    return w3cName;
  }

  /**
   * The constant whose {@link #w3cName()} is {@code name}.
   *
   * @throws IllegalArgumentException (WebIDL TypeError) if {@code name} is not a value of the enum
   */
  public static RTCIceTransportState fromW3cName(String name) {
    for (RTCIceTransportState v : values()) {
      if (v.w3cName.equals(name)) {
        return v;
      }
    }
    throw new IllegalArgumentException("'" + name + "' is not a valid value for enumeration RTCIceTransportState");
  }
}

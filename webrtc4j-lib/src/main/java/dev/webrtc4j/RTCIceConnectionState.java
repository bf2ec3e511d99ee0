package dev.webrtc4j;

/**
 * The W3C {@code RTCIceConnectionState} enum. The aggregate ICE connection state of an {@code RTCPeerConnection}.
 *
 * @see <a href="https://w3c.github.io/webrtc-pc/#dom-rtciceconnectionstate">RTCIceConnectionState</a>
 */
public enum RTCIceConnectionState {
  NEW("new"),
  CHECKING("checking"),
  CONNECTED("connected"),
  COMPLETED("completed"),
  DISCONNECTED("disconnected"),
  FAILED("failed"),
  CLOSED("closed");

  private final String w3cName;

  RTCIceConnectionState(String w3cName) {
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
  public static RTCIceConnectionState fromW3cName(String name) {
    for (RTCIceConnectionState v : values()) {
      if (v.w3cName.equals(name)) {
        return v;
      }
    }
    throw new IllegalArgumentException("'" + name + "' is not a valid value for enumeration RTCIceConnectionState");
  }
}

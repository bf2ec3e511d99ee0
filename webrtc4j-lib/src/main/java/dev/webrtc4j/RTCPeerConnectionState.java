package dev.webrtc4j;

/**
 * The W3C {@code RTCPeerConnectionState} enum. The aggregate ICE + DTLS state of an {@code RTCPeerConnection}.
 *
 * @see <a href="https://w3c.github.io/webrtc-pc/#dom-rtcpeerconnectionstate">RTCPeerConnectionState</a>
 */
public enum RTCPeerConnectionState {
  NEW("new"),
  CONNECTING("connecting"),
  CONNECTED("connected"),
  DISCONNECTED("disconnected"),
  FAILED("failed"),
  CLOSED("closed");

  private final String w3cName;

  RTCPeerConnectionState(String w3cName) {
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
  public static RTCPeerConnectionState fromW3cName(String name) {
    for (RTCPeerConnectionState v : values()) {
      if (v.w3cName.equals(name)) {
        return v;
      }
    }
    throw new IllegalArgumentException("'" + name + "' is not a valid value for enumeration RTCPeerConnectionState");
  }
}

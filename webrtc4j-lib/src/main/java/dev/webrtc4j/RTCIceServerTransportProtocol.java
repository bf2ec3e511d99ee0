package dev.webrtc4j;

/**
 * The W3C {@code RTCIceServerTransportProtocol} enum. The protocol between a client and a TURN server, as in {@code RTCIceCandidate.relayProtocol}.
 *
 * @see <a href="https://w3c.github.io/webrtc-pc/#dom-rtciceservertransportprotocol">RTCIceServerTransportProtocol</a>
 */
public enum RTCIceServerTransportProtocol {
  UDP("udp"),
  TCP("tcp"),
  TLS("tls");

  private final String w3cName;

  RTCIceServerTransportProtocol(String w3cName) {
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
  public static RTCIceServerTransportProtocol fromW3cName(String name) {
    for (RTCIceServerTransportProtocol v : values()) {
      if (v.w3cName.equals(name)) {
        return v;
      }
    }
    throw new IllegalArgumentException("'" + name + "' is not a valid value for enumeration RTCIceServerTransportProtocol");
  }
}

package dev.webrtc4j.internal.ice;

/**
 * How a relay candidate's client reaches its TURN server (W3C {@code RTCIceCandidate.relayProtocol},
 * {@code RTCIceServerTransportProtocol}): the relayed address itself is always UDP; only the leg
 * between this agent and the server is UDP, TCP or TLS over TCP (RFC 8656 §3.1).
 */
public enum RelayProtocol {
  UDP("udp", 2),
  TCP("tcp", 1),
  TLS("tls", 0);

  private final String w3cName;
  private final int localPreference;

  RelayProtocol(String w3cName, int localPreference) {
    this.w3cName = w3cName;
    this.localPreference = localPreference;
  }

  /** {@code "udp"}, {@code "tcp"} or {@code "tls"}. */
  public String w3cName() {
    return w3cName;
  }

  /**
   * Chrome's relay preference, added to the local preference: UDP 2, TCP 1, TLS 0, so that of two
   * otherwise equal relay candidates the one with the cheaper server leg wins.
   */
  int localPreference() {
    return localPreference;
  }

  /** Whether the server leg is a byte stream (TCP or TLS), framed per RFC 8656 §12.5. */
  public boolean stream() {
    return this != UDP;
  }
}

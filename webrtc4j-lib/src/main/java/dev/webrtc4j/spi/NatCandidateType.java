package dev.webrtc4j.spi;

/** How the public addresses of a 1:1 NAT are announced ({@link Settings#natOneToOneAddresses()}). */
public enum NatCandidateType {
  /** In place of the local address, in host candidates (the server knows it is reachable there). */
  HOST,
  /** As server-reflexive candidates next to the host ones (related address: the host candidate). */
  SERVER_REFLEXIVE
}

package dev.webrtc4j;

import java.util.Objects;

/**
 * The W3C {@code RTCIceCandidatePair} dictionary: a local and a remote candidate, as {@code
 * RTCIceTransport.getSelectedCandidatePair()} returns the pair in use.
 *
 * @param local the local candidate
 * @param remote the remote candidate
 * @see <a href="https://w3c.github.io/webrtc-pc/#dom-rtcicecandidatepair">W3C §5.6 RTCIceCandidatePair</a>
 */
public record RTCIceCandidatePair(RTCIceCandidate local, RTCIceCandidate remote) {
  public RTCIceCandidatePair {
    Objects.requireNonNull(local, "local");
    Objects.requireNonNull(remote, "remote");
  }
}

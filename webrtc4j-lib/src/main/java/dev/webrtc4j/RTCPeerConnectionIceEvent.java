package dev.webrtc4j;

import java.util.Objects;
import java.util.Optional;

/**
 * The W3C {@code RTCPeerConnectionIceEvent}: {@code icecandidate}, fired for each gathered local
 * candidate and, with no candidate, when gathering is complete.
 *
 * <p>A candidate must carry both {@code sdpMid} and {@code sdpMLineIndex}.
 *
 * @param type {@code "icecandidate"}
 * @param candidate the new candidate; absent for the end-of-gathering event
 * @param url the STUN or TURN URL the candidate was gathered from; absent for host candidates
 * @see <a href="https://w3c.github.io/webrtc-pc/#rtcpeerconnectioniceevent">W3C §4.8.2 RTCPeerConnectionIceEvent</a>
 */
public record RTCPeerConnectionIceEvent(String type, Optional<RTCIceCandidate> candidate, Optional<String> url)
    implements Event {
  public RTCPeerConnectionIceEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(candidate, "candidate");
    Objects.requireNonNull(url, "url");
    // W3C §4.8.2: "When firing an RTCPeerConnectionIceEvent event that contains an RTCIceCandidate
    // object, it MUST include values for both sdpMid and sdpMLineIndex." (wpt: a TypeError)
    if (candidate.isPresent() && (candidate.get().sdpMid().isEmpty() || candidate.get().sdpMLineIndex().isEmpty())) {
      throw new IllegalArgumentException("candidate: needs both sdpMid and sdpMLineIndex");
    }
  }

  /** An {@code icecandidate} event for {@code candidate}, with {@code candidate.url()}. */
  public static RTCPeerConnectionIceEvent of(RTCIceCandidate candidate) {
    return new RTCPeerConnectionIceEvent("icecandidate", Optional.of(candidate), candidate.url());
  }

  /** The {@code icecandidate} event that signals the end of gathering. */
  public static RTCPeerConnectionIceEvent endOfCandidates() {
    return new RTCPeerConnectionIceEvent("icecandidate", Optional.empty(), Optional.empty());
  }
}

package dev.webrtc4j;

import java.util.Objects;
import java.util.Optional;

/**
 * The W3C {@code RTCRtcpParameters} dictionary.
 *
 * @param cname the RTCP CNAME of the sender (RFC 3550 §6.5.1); absent on receivers until known
 * @param reducedSize whether reduced-size RTCP (RFC 5506) is negotiated
 * @see <a href="https://w3c.github.io/webrtc-pc/#dom-rtcrtcpparameters">W3C §5.2 RTCRtcpParameters</a>
 */
public record RTCRtcpParameters(Optional<String> cname, boolean reducedSize) {
  public RTCRtcpParameters {
    Objects.requireNonNull(cname, "cname");
  }
}

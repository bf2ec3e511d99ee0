package dev.webrtc4j;

import java.util.List;
import java.util.Objects;

/**
 * The W3C {@code RTCRtpParameters} dictionary, which is also what {@code
 * RTCRtpReceiver.getParameters()} returns ({@code RTCRtpReceiveParameters} adds nothing).
 *
 * @param headerExtensions the negotiated header extensions
 * @param rtcp the RTCP parameters
 * @param codecs the negotiated codecs
 * @see <a href="https://w3c.github.io/webrtc-pc/#dom-rtcrtpparameters">W3C §5.2 RTCRtpParameters</a>
 */
public record RTCRtpParameters(
    List<RTCRtpHeaderExtensionParameters> headerExtensions, RTCRtcpParameters rtcp, List<RTCRtpCodecParameters> codecs) {
  public RTCRtpParameters {
    headerExtensions = List.copyOf(Objects.requireNonNull(headerExtensions, "headerExtensions"));
    Objects.requireNonNull(rtcp, "rtcp");
    codecs = List.copyOf(Objects.requireNonNull(codecs, "codecs"));
  }
}

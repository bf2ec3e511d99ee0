package dev.webrtc4j;

import java.util.List;
import java.util.Objects;

/**
 * The W3C {@code RTCRtpSendParameters} dictionary: what {@code RTCRtpSender.getParameters()}
 * returns and {@code setParameters} takes back, modified by {@link #withEncodings(List)}.
 *
 * @param transactionId identifies the {@code getParameters} call these came from; {@code
 *     setParameters} rejects stale ones
 * @param encodings the encodings, one per simulcast layer
 * @param headerExtensions the negotiated header extensions (read-only for {@code setParameters})
 * @param rtcp the RTCP parameters (read-only for {@code setParameters})
 * @param codecs the negotiated codecs (read-only for {@code setParameters})
 * @see <a href="https://w3c.github.io/webrtc-pc/#dom-rtcrtpsendparameters">W3C §5.2 RTCRtpSendParameters</a>
 */
public record RTCRtpSendParameters(
    String transactionId,
    List<RTCRtpEncodingParameters> encodings,
    List<RTCRtpHeaderExtensionParameters> headerExtensions,
    RTCRtcpParameters rtcp,
    List<RTCRtpCodecParameters> codecs) {
  public RTCRtpSendParameters {
    Objects.requireNonNull(transactionId, "transactionId");
    encodings = List.copyOf(Objects.requireNonNull(encodings, "encodings"));
    headerExtensions = List.copyOf(Objects.requireNonNull(headerExtensions, "headerExtensions"));
    Objects.requireNonNull(rtcp, "rtcp");
    codecs = List.copyOf(Objects.requireNonNull(codecs, "codecs"));
  }

  /** These parameters with other encodings (the usual change before {@code setParameters}). */
  public RTCRtpSendParameters withEncodings(List<RTCRtpEncodingParameters> encodings) {
    return new RTCRtpSendParameters(transactionId, encodings, headerExtensions, rtcp, codecs);
  }

  /** The members shared with receivers, as {@link RTCRtpParameters}. */
  public RTCRtpParameters asRtpParameters() {
    return new RTCRtpParameters(headerExtensions, rtcp, codecs);
  }
}

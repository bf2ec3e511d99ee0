package dev.webrtc4j;

import java.util.List;
import java.util.Objects;

/**
 * The W3C {@code RTCRtpCapabilities} dictionary: what {@code RTCRtpSender.getCapabilities(kind)}
 * and {@code RTCRtpReceiver.getCapabilities(kind)} return.
 *
 * @param codecs the supported codecs, in preference order
 * @param headerExtensions the supported header extensions
 * @see <a href="https://w3c.github.io/webrtc-pc/#dom-rtcrtpcapabilities">W3C §5.2 RTCRtpCapabilities</a>
 */
public record RTCRtpCapabilities(List<RTCRtpCodec> codecs, List<RTCRtpHeaderExtensionCapability> headerExtensions) {
  public RTCRtpCapabilities {
    codecs = List.copyOf(Objects.requireNonNull(codecs, "codecs"));
    headerExtensions = List.copyOf(Objects.requireNonNull(headerExtensions, "headerExtensions"));
  }
}

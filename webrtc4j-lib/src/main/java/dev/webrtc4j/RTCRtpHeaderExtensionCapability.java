package dev.webrtc4j;

import java.util.Objects;

/**
 * The W3C {@code RTCRtpHeaderExtensionCapability} dictionary: a header extension the stack
 * supports.
 *
 * @param uri the extension's URI
 * @see <a href="https://w3c.github.io/webrtc-pc/#dom-rtcrtpheaderextensioncapability">W3C §5.2 RTCRtpHeaderExtensionCapability</a>
 */
public record RTCRtpHeaderExtensionCapability(String uri) {
  public RTCRtpHeaderExtensionCapability {
    Objects.requireNonNull(uri, "uri");
  }
}

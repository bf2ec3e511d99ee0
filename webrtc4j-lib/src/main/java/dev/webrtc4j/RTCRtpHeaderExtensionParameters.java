package dev.webrtc4j;

import java.util.Objects;

/**
 * The W3C {@code RTCRtpHeaderExtensionParameters} dictionary: a negotiated RTP header extension
 * (RFC 8285).
 *
 * @param uri the extension's URI, e.g. {@code "urn:ietf:params:rtp-hdrext:sdes:mid"}
 * @param id the negotiated id, 1..255 (1..14 in the one-byte form)
 * @param encrypted whether the extension is encrypted (RFC 6904)
 * @see <a href="https://w3c.github.io/webrtc-pc/#dom-rtcrtpheaderextensionparameters">W3C §5.2 RTCRtpHeaderExtensionParameters</a>
 */
public record RTCRtpHeaderExtensionParameters(String uri, int id, boolean encrypted) {
  public RTCRtpHeaderExtensionParameters {
    Objects.requireNonNull(uri, "uri");
    if (id < 1 || id > 255) {
      throw new IllegalArgumentException("id: " + id + " is outside 1..255");
    }
  }
}

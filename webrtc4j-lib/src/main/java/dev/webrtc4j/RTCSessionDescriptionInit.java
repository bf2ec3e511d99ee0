package dev.webrtc4j;

import java.util.Objects;

/**
 * The W3C {@code RTCSessionDescriptionInit} dictionary: a session description to apply or send.
 *
 * @param type the description's type ({@code required})
 * @param sdp the SDP text; default {@code ""} (as for a rollback)
 * @see <a href="https://w3c.github.io/webrtc-pc/#dom-rtcsessiondescriptioninit">W3C §4.8.1 RTCSessionDescriptionInit</a>
 */
public record RTCSessionDescriptionInit(RTCSdpType type, String sdp) {
  public RTCSessionDescriptionInit {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(sdp, "sdp");
  }

  /** A description of {@code type} with empty SDP, e.g. a rollback. */
  public static RTCSessionDescriptionInit of(RTCSdpType type) {
    return new RTCSessionDescriptionInit(type, "");
  }

  /** As JSON, the form signaling channels carry: {@code {"type":"offer","sdp":"v=0..."}}. */
  public String toJsonString() {
    return "{\"type\":" + Json.quote(type.w3cName()) + ",\"sdp\":" + Json.quote(sdp) + "}";
  }
}

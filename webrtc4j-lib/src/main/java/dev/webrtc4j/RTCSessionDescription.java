package dev.webrtc4j;

import java.util.Objects;

/**
 * The W3C {@code RTCSessionDescription}: a session description a connection created or applied.
 *
 * @param type the description's type
 * @param sdp the SDP text, {@code ""} for a rollback
 * @see <a href="https://w3c.github.io/webrtc-pc/#rtcsessiondescription-class">W3C §4.8.1 RTCSessionDescription</a>
 */
public record RTCSessionDescription(RTCSdpType type, String sdp) {
  public RTCSessionDescription {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(sdp, "sdp");
  }

  /** The W3C constructor {@code new RTCSessionDescription(descriptionInitDict)}. */
  public RTCSessionDescription(RTCSessionDescriptionInit init) {
    this(init.type(), init.sdp());
  }

  /** The W3C {@code toJSON()}: the dictionary form, e.g. to send over signaling. */
  public RTCSessionDescriptionInit toJSON() {
    return new RTCSessionDescriptionInit(type, sdp);
  }
}

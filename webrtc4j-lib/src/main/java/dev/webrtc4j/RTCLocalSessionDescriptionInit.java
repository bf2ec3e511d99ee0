package dev.webrtc4j;

import java.util.Objects;
import java.util.Optional;

/**
 * The W3C {@code RTCLocalSessionDescriptionInit} dictionary: the argument of {@code
 * setLocalDescription}, where the type may be left out (the connection then infers offer or
 * answer from its signaling state) and empty SDP means "the last created offer or answer".
 *
 * @param type the type; default absent (inferred)
 * @param sdp the SDP; default {@code ""}
 * @see <a href="https://w3c.github.io/webrtc-pc/#dom-rtclocalsessiondescriptioninit">W3C RTCLocalSessionDescriptionInit</a>
 */
public record RTCLocalSessionDescriptionInit(Optional<RTCSdpType> type, String sdp) {
  /** No type and no SDP: the "implicit" {@code setLocalDescription()}. */
  public static final RTCLocalSessionDescriptionInit IMPLICIT =
      new RTCLocalSessionDescriptionInit(Optional.empty(), "");

  public RTCLocalSessionDescriptionInit {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(sdp, "sdp");
  }

  /** The same description, with its type. */
  public static RTCLocalSessionDescriptionInit of(RTCSessionDescriptionInit init) {
    return new RTCLocalSessionDescriptionInit(Optional.of(init.type()), init.sdp());
  }

  /** A description of {@code type} with this SDP. */
  public static RTCLocalSessionDescriptionInit of(RTCSdpType type, String sdp) {
    return new RTCLocalSessionDescriptionInit(Optional.of(type), sdp);
  }
}

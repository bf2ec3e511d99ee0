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

  /**
   * Reads the JSON form signaling channels carry, {@code {"type":"offer","sdp":"v=0..."}}, as
   * {@code JSON.stringify(description)} writes it; other members are ignored, a missing {@code
   * sdp} is {@code ""}.
   *
   * @throws IllegalArgumentException (TypeError) if it is not such an object or {@code type} is
   *     missing or not an {@link RTCSdpType}
   */
  public static RTCSessionDescriptionInit fromJson(String json) {
    java.util.Map<String, @org.jspecify.annotations.Nullable Object> m = Json.parseObject(json);
    String type = Json.string(m, "type");
    if (type == null) {
      throw new IllegalArgumentException("type: required");
    }
    String sdp = Json.string(m, "sdp");
    return new RTCSessionDescriptionInit(RTCSdpType.fromW3cName(type), sdp == null ? "" : sdp);
  }

  /** As JSON, the form signaling channels carry: {@code {"type":"offer","sdp":"v=0..."}}. */
  public String toJsonString() {
    return "{\"type\":" + Json.quote(type.w3cName()) + ",\"sdp\":" + Json.quote(sdp) + "}";
  }
}

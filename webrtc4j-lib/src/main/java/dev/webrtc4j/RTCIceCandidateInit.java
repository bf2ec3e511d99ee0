package dev.webrtc4j;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The W3C {@code RTCIceCandidateInit} dictionary: a candidate as signaling carries it.
 *
 * @param candidate the {@code candidate-attribute} of RFC 8839 §5.1 ({@code "candidate:..."}),
 *     or {@code ""} for end-of-candidates; default {@code ""}
 * @param sdpMid the media stream identification tag of the m= section; default absent
 * @param sdpMLineIndex the zero-based index of the m= section, 0..65535; default absent
 * @param usernameFragment the ICE ufrag the candidate belongs to; default absent
 * @see <a href="https://w3c.github.io/webrtc-pc/#dom-rtcicecandidateinit">W3C §4.8.2 RTCIceCandidateInit</a>
 */
public record RTCIceCandidateInit(
    String candidate, Optional<String> sdpMid, OptionalInt sdpMLineIndex, Optional<String> usernameFragment) {

  public RTCIceCandidateInit {
    Objects.requireNonNull(candidate, "candidate");
    Objects.requireNonNull(sdpMid, "sdpMid");
    Objects.requireNonNull(sdpMLineIndex, "sdpMLineIndex");
    Objects.requireNonNull(usernameFragment, "usernameFragment");
    if (sdpMLineIndex.isPresent() && (sdpMLineIndex.getAsInt() < 0 || sdpMLineIndex.getAsInt() > 65535)) {
      throw new IllegalArgumentException(
          "sdpMLineIndex: " + sdpMLineIndex.getAsInt() + " is outside the unsigned short range");
    }
  }

  /** A candidate for the m= section with this mid. */
  public static RTCIceCandidateInit of(String candidate, String sdpMid) {
    return builder().candidate(candidate).sdpMid(sdpMid).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads the JSON form of {@code candidate.toJSON()}, e.g. {@code
   * {"candidate":"candidate:...","sdpMid":"0","sdpMLineIndex":0,"usernameFragment":"abcd"}};
   * absent and {@code null} members are absent, other members are ignored.
   *
   * @throws IllegalArgumentException (TypeError) if it is not such an object, a member has the
   *     wrong type, or {@code sdpMLineIndex} is not an integer in 0..65535
   */
  public static RTCIceCandidateInit fromJson(String json) {
    java.util.Map<String, @org.jspecify.annotations.Nullable Object> m = Json.parseObject(json);
    String candidate = Json.string(m, "candidate");
    String sdpMid = Json.string(m, "sdpMid");
    String ufrag = Json.string(m, "usernameFragment");
    Object index = m.get("sdpMLineIndex");
    OptionalInt sdpMLineIndex = OptionalInt.empty();
    if (index != null) {
      if (!(index instanceof Double d) || d != Math.rint(d) || d < 0 || d > 65535) {
        throw new IllegalArgumentException("sdpMLineIndex: expected an integer in 0..65535, found " + index);
      }
      sdpMLineIndex = OptionalInt.of(d.intValue());
    }
    return new RTCIceCandidateInit(candidate == null ? "" : candidate, Optional.ofNullable(sdpMid), sdpMLineIndex,
        Optional.ofNullable(ufrag));
  }

  /**
   * As JSON, the form signaling channels carry, e.g. {@code
   * {"candidate":"candidate:...","sdpMid":"0","sdpMLineIndex":0,"usernameFragment":"abcd"}};
   * absent members are written as {@code null}, as a browser's {@code JSON.stringify} does.
   */
  public String toJsonString() {
    return "{\"candidate\":" + Json.quote(candidate)
        + ",\"sdpMid\":" + sdpMid.map(Json::quote).orElse("null")
        + ",\"sdpMLineIndex\":" + (sdpMLineIndex.isPresent() ? Integer.toString(sdpMLineIndex.getAsInt()) : "null")
        + ",\"usernameFragment\":" + usernameFragment.map(Json::quote).orElse("null")
        + "}";
  }

  /** Builds an {@link RTCIceCandidateInit}. */
  public static final class Builder {
    private String candidate = "";
    private Optional<String> sdpMid = Optional.empty();
    private OptionalInt sdpMLineIndex = OptionalInt.empty();
    private Optional<String> usernameFragment = Optional.empty();

    private Builder() {}

    /** The candidate attribute; default {@code ""} (end-of-candidates). */
    public Builder candidate(String candidate) {
      this.candidate = Objects.requireNonNull(candidate, "candidate");
      return this;
    }

    /** The mid; default absent. */
    public Builder sdpMid(String sdpMid) {
      this.sdpMid = Optional.of(sdpMid);
      return this;
    }

    /** The m-line index, 0..65535; default absent. */
    public Builder sdpMLineIndex(int sdpMLineIndex) {
      this.sdpMLineIndex = OptionalInt.of(sdpMLineIndex);
      return this;
    }

    /** The ufrag; default absent. */
    public Builder usernameFragment(String usernameFragment) {
      this.usernameFragment = Optional.of(usernameFragment);
      return this;
    }

    /**
     * @throws IllegalArgumentException if {@code sdpMLineIndex} is outside 0..65535
     */
    public RTCIceCandidateInit build() {
      return new RTCIceCandidateInit(candidate, sdpMid, sdpMLineIndex, usernameFragment);
    }
  }
}

package dev.webrtc4j;

/**
 * The W3C {@code MediaStreamTrackState} enum. The {@code readyState} of a {@link MediaStreamTrack}.
 *
 * @see <a href="https://w3c.github.io/mediacapture-main/#dom-mediastreamtrackstate">MediaStreamTrackState</a>
 */
public enum MediaStreamTrackState {
  LIVE("live"),
  ENDED("ended");

  private final String w3cName;

  MediaStreamTrackState(String w3cName) {
    this.w3cName = w3cName;
  }

  /** The WebIDL string value, e.g. {@code "live"}. */
  public String w3cName() {
    return w3cName;
  }

  /**
   * The constant whose {@link #w3cName()} is {@code name}.
   *
   * @throws IllegalArgumentException (WebIDL TypeError) if {@code name} is not a value of the enum
   */
  public static MediaStreamTrackState fromW3cName(String name) {
    for (MediaStreamTrackState v : values()) {
      if (v.w3cName.equals(name)) {
        return v;
      }
    }
    throw new IllegalArgumentException("'" + name + "' is not a valid value for enumeration MediaStreamTrackState");
  }
}

package dev.webrtc4j;

/**
 * The W3C {@code RTCSignalingState} enum. The signaling state of an {@code RTCPeerConnection}.
 *
 * @see <a href="https://w3c.github.io/webrtc-pc/#dom-rtcsignalingstate">RTCSignalingState</a>
 */
public enum RTCSignalingState {
  STABLE("stable"),
  HAVE_LOCAL_OFFER("have-local-offer"),
  HAVE_REMOTE_OFFER("have-remote-offer"),
  HAVE_LOCAL_PRANSWER("have-local-pranswer"),
  HAVE_REMOTE_PRANSWER("have-remote-pranswer"),
  CLOSED("closed");

  private final String w3cName;

  RTCSignalingState(String w3cName) {
    this.w3cName = w3cName;
  }

  /** The WebIDL string value, e.g. {@code "stable"}. */
  public String w3cName() {
    return w3cName;
  }

  /**
   * The constant whose {@link #w3cName()} is {@code name}.
   *
   * @throws IllegalArgumentException (WebIDL TypeError) if {@code name} is not a value of the enum
   */
  public static RTCSignalingState fromW3cName(String name) {
    for (RTCSignalingState v : values()) {
      if (v.w3cName.equals(name)) {
        return v;
      }
    }
    throw new IllegalArgumentException("'" + name + "' is not a valid value for enumeration RTCSignalingState");
  }
}

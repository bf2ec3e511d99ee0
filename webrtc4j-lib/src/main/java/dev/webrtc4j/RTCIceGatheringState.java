package dev.webrtc4j;

/**
 * The W3C {@code RTCIceGatheringState} enum. The aggregate ICE gathering state of an {@code RTCPeerConnection}.
 *
 * @see <a href="https://w3c.github.io/webrtc-pc/#dom-rtcicegatheringstate">RTCIceGatheringState</a>
 */
public enum RTCIceGatheringState {
  NEW("new"),
  GATHERING("gathering"),
  COMPLETE("complete");

  private final String w3cName;

  RTCIceGatheringState(String w3cName) {
    this.w3cName = w3cName;
  }

  /** The WebIDL string value, e.g. {@code "new"}. */
  public String w3cName() {
    return w3cName;
  }

  /**
   * The constant whose {@link #w3cName()} is {@code name}.
   *
   * @throws IllegalArgumentException (WebIDL TypeError) if {@code name} is not a value of the enum
   */
  public static RTCIceGatheringState fromW3cName(String name) {
    for (RTCIceGatheringState v : values()) {
      if (v.w3cName.equals(name)) {
        return v;
      }
    }
    throw new IllegalArgumentException("'" + name + "' is not a valid value for enumeration RTCIceGatheringState");
  }
}

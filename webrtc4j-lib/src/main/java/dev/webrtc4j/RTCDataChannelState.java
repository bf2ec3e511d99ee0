package dev.webrtc4j;

/**
 * The W3C {@code RTCDataChannelState} enum. The {@code readyState} of an {@link RTCDataChannel}.
 *
 * @see <a href="https://w3c.github.io/webrtc-pc/#dom-rtcdatachannelstate">RTCDataChannelState</a>
 */
public enum RTCDataChannelState {
  CONNECTING("connecting"),
  OPEN("open"),
  CLOSING("closing"),
  CLOSED("closed");

  private final String w3cName;

  RTCDataChannelState(String w3cName) {
    this.w3cName = w3cName;
  }

  /** The WebIDL string value, e.g. {@code "connecting"}. */
  public String w3cName() {
    return w3cName;
  }

  /**
   * The constant whose {@link #w3cName()} is {@code name}.
   *
   * @throws IllegalArgumentException (WebIDL TypeError) if {@code name} is not a value of the enum
   */
  public static RTCDataChannelState fromW3cName(String name) {
    for (RTCDataChannelState v : values()) {
      if (v.w3cName.equals(name)) {
        return v;
      }
    }
    throw new IllegalArgumentException("'" + name + "' is not a valid value for enumeration RTCDataChannelState");
  }
}

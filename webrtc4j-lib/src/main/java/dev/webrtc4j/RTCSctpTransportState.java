package dev.webrtc4j;

/**
 * The W3C {@code RTCSctpTransportState} enum. The state of an {@code RTCSctpTransport}.
 *
 * @see <a href="https://w3c.github.io/webrtc-pc/#dom-rtcsctptransportstate">RTCSctpTransportState</a>
 */
public enum RTCSctpTransportState {
  CONNECTING("connecting"),
  CONNECTED("connected"),
  CLOSED("closed");

  private final String w3cName;

  RTCSctpTransportState(String w3cName) {
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
  public static RTCSctpTransportState fromW3cName(String name) {
    for (RTCSctpTransportState v : values()) {
      if (v.w3cName.equals(name)) {
        return v;
      }
    }
    throw new IllegalArgumentException("'" + name + "' is not a valid value for enumeration RTCSctpTransportState");
  }
}

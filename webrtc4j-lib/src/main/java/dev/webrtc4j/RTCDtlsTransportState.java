package dev.webrtc4j;

/**
 * The W3C {@code RTCDtlsTransportState} enum. The state of an {@code RTCDtlsTransport}.
 *
 * @see <a href="https://w3c.github.io/webrtc-pc/#dom-rtcdtlstransportstate">RTCDtlsTransportState</a>
 */
public enum RTCDtlsTransportState {
  NEW("new"),
  CONNECTING("connecting"),
  CONNECTED("connected"),
  CLOSED("closed"),
  FAILED("failed");

  private final String w3cName;

  RTCDtlsTransportState(String w3cName) {
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
  public static RTCDtlsTransportState fromW3cName(String name) {
    for (RTCDtlsTransportState v : values()) {
      if (v.w3cName.equals(name)) {
        return v;
      }
    }
    throw new IllegalArgumentException("'" + name + "' is not a valid value for enumeration RTCDtlsTransportState");
  }
}

package dev.webrtc4j.internal.pc;

/** The W3C {@code RTCSdpType}, core side. */
public enum SdpType {
  OFFER("offer"),
  PRANSWER("pranswer"),
  ANSWER("answer"),
  ROLLBACK("rollback");

  private final String sdpName;

  SdpType(String sdpName) {
    this.sdpName = sdpName;
  }

  /** The W3C string ("offer", ...). */
  public String sdpName() {
    return sdpName;
  }
}

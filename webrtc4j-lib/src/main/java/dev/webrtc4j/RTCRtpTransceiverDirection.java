package dev.webrtc4j;

/**
 * The W3C {@code RTCRtpTransceiverDirection} enum: the direction of a transceiver, as in the SDP
 * direction attributes of RFC 8866 §6.7 plus {@code "stopped"}.
 *
 * @see <a href="https://w3c.github.io/webrtc-pc/#dom-rtcrtptransceiverdirection">RTCRtpTransceiverDirection</a>
 */
public enum RTCRtpTransceiverDirection {
  SENDRECV("sendrecv", true, true),
  SENDONLY("sendonly", true, false),
  RECVONLY("recvonly", false, true),
  INACTIVE("inactive", false, false),
  STOPPED("stopped", false, false);

  private final String w3cName;
  private final boolean sends;
  private final boolean receives;

  RTCRtpTransceiverDirection(String w3cName, boolean sends, boolean receives) {
    this.w3cName = w3cName;
    this.sends = sends;
    this.receives = receives;
  }

  /** The WebIDL string value, e.g. {@code "sendrecv"}. */
  public String w3cName() {
    return w3cName;
  }

  /** Whether this direction sends media ({@code sendrecv} or {@code sendonly}). */
  public boolean sends() {
    return sends;
  }

  /** Whether this direction receives media ({@code sendrecv} or {@code recvonly}). */
  public boolean receives() {
    return receives;
  }

  /**
   * The direction with the given send and receive halves; never {@link #STOPPED}.
   */
  public static RTCRtpTransceiverDirection of(boolean sends, boolean receives) {
    if (sends) {
      return receives ? SENDRECV : SENDONLY;
    }
    return receives ? RECVONLY : INACTIVE;
  }

  /**
   * This direction as the remote side sees it: {@code sendonly} ↔ {@code recvonly}; the others
   * are their own reverse.
   */
  public RTCRtpTransceiverDirection reversed() {
    return switch (this) {
      case SENDONLY -> RECVONLY;
      case RECVONLY -> SENDONLY;
      case SENDRECV, INACTIVE, STOPPED -> this;
    };
  }

  /**
   * The constant whose {@link #w3cName()} is {@code name}.
   *
   * @throws IllegalArgumentException (WebIDL TypeError) if {@code name} is not a value of the enum
   */
  public static RTCRtpTransceiverDirection fromW3cName(String name) {
    for (RTCRtpTransceiverDirection v : values()) {
      if (v.w3cName.equals(name)) {
        return v;
      }
    }
    throw new IllegalArgumentException(
        "'" + name + "' is not a valid value for enumeration RTCRtpTransceiverDirection");
  }
}

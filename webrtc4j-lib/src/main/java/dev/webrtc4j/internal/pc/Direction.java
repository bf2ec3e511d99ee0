package dev.webrtc4j.internal.pc;

import org.jspecify.annotations.Nullable;

/**
 * An m-section / transceiver direction (W3C {@code RTCRtpTransceiverDirection}), always from the
 * point of view of the side that wrote it.
 */
public enum Direction {
  SENDRECV("sendrecv"),
  SENDONLY("sendonly"),
  RECVONLY("recvonly"),
  INACTIVE("inactive"),
  /** Transceiver only: never appears in SDP. */
  STOPPED("stopped");

  private final String sdpName;

  Direction(String sdpName) {
    this.sdpName = sdpName;
  }

  public String sdpName() {
    return sdpName;
  }

  public static @Nullable Direction fromSdpName(String name) {
    for (Direction d : values()) {
      if (d != STOPPED && d.sdpName.equals(name)) {
        return d;
      }
    }
    return null;
  }

  public boolean sends() {
    return this == SENDRECV || this == SENDONLY;
  }

  public boolean receives() {
    return this == SENDRECV || this == RECVONLY;
  }

  public static Direction of(boolean send, boolean recv) {
    if (send) {
      return recv ? SENDRECV : SENDONLY;
    }
    return recv ? RECVONLY : INACTIVE;
  }

  /** The same direction seen from the other side. */
  public Direction reverse() {
    return switch (this) {
      case SENDONLY -> RECVONLY;
      case RECVONLY -> SENDONLY;
      case SENDRECV, INACTIVE, STOPPED -> this;
    };
  }

  /**
   * The answer's direction for an offered direction (RFC 9429 §5.3.1): we send only if we want to
   * and the offerer receives; we receive only if we want to and the offerer sends.
   */
  public Direction answerTo(Direction offered) {
    return of(sends() && offered.receives(), receives() && offered.sends());
  }
}

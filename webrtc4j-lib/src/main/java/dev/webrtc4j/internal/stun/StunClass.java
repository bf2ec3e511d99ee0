package dev.webrtc4j.internal.stun;

/** The class of a STUN message (RFC 8489 §5): the C1 and C0 bits of the message type. */
public enum StunClass {
  REQUEST(0b00),
  INDICATION(0b01),
  SUCCESS_RESPONSE(0b10),
  ERROR_RESPONSE(0b11);

  private final int bits;

  StunClass(int bits) {
    this.bits = bits;
  }

  /** The two class bits, C1 C0. */
  public int bits() {
    return bits;
  }

  public static StunClass fromBits(int bits) {
    return switch (bits & 0b11) {
      case 0b00 -> REQUEST;
      case 0b01 -> INDICATION;
      case 0b10 -> SUCCESS_RESPONSE;
      default -> ERROR_RESPONSE;
    };
  }

  public boolean isResponse() {
    return this == SUCCESS_RESPONSE || this == ERROR_RESPONSE;
  }
}

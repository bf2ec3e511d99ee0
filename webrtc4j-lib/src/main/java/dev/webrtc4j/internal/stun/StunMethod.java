package dev.webrtc4j.internal.stun;

/**
 * A STUN method (RFC 8489 §5, §18.2; TURN methods RFC 8656 §17): the 12 M bits of the message type.
 *
 * @param value 0x000..0xFFF
 */
public record StunMethod(int value) {
  public static final StunMethod BINDING = new StunMethod(0x001);
  /** RFC 8656 §17. */
  public static final StunMethod ALLOCATE = new StunMethod(0x003);
  public static final StunMethod REFRESH = new StunMethod(0x004);
  public static final StunMethod SEND = new StunMethod(0x006);
  public static final StunMethod DATA = new StunMethod(0x007);
  public static final StunMethod CREATE_PERMISSION = new StunMethod(0x008);
  public static final StunMethod CHANNEL_BIND = new StunMethod(0x009);

  public StunMethod {
    if (value < 0 || value > 0xFFF) {
      throw new IllegalArgumentException("STUN method out of range: " + value);
    }
  }

  /**
   * The 16-bit message type of this method in class {@code cls}: RFC 8489 §5 interleaves the class
   * bits C1 (bit 8) and C0 (bit 4) between the method bits M11..M0.
   */
  public int messageType(StunClass cls) {
    int m = value;
    int c = cls.bits();
    return (m & 0x000F) | ((m & 0x0070) << 1) | ((m & 0x0F80) << 2) | ((c & 0b01) << 4) | ((c & 0b10) << 7);
  }

  static StunMethod fromMessageType(int type) {
    int m = (type & 0x000F) | ((type & 0x00E0) >> 1) | ((type & 0x3E00) >> 2);
    return switch (m) {
      case 0x001 -> BINDING;
      case 0x003 -> ALLOCATE;
      case 0x004 -> REFRESH;
      case 0x006 -> SEND;
      case 0x007 -> DATA;
      case 0x008 -> CREATE_PERMISSION;
      case 0x009 -> CHANNEL_BIND;
      default -> new StunMethod(m);
    };
  }

  static StunClass classOfMessageType(int type) {
    return StunClass.fromBits(((type >> 4) & 0b01) | ((type >> 7) & 0b10));
  }

  @Override
  public String toString() {
    return switch (value) {
      case 0x001 -> "Binding";
      case 0x003 -> "Allocate";
      case 0x004 -> "Refresh";
      case 0x006 -> "Send";
      case 0x007 -> "Data";
      case 0x008 -> "CreatePermission";
      case 0x009 -> "ChannelBind";
      default -> String.format("Method[0x%03x]", value);
    };
  }
}

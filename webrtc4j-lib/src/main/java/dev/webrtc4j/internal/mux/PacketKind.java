package dev.webrtc4j.internal.mux;

/**
 * What a datagram on a WebRTC 5-tuple carries, from its first byte (RFC 7983 §7, with the TURN
 * ChannelData range of RFC 7983 §5 / RFC 8656 §12):
 *
 * <pre>
 *              +----------------+
 *              |        [0..3] -+--> STUN
 *              |      [16..19] -+--> ZRTP
 *  packet -->  |      [20..63] -+--> DTLS
 *              |      [64..79] -+--> TURN ChannelData
 *              |    [128..191] -+--> RTP/RTCP
 *              +----------------+
 * </pre>
 *
 * Anything else "MUST be dropped" (RFC 7983 §7), which {@link #UNKNOWN} stands for.
 */
public enum PacketKind {
  STUN,
  ZRTP,
  DTLS,
  TURN_CHANNEL,
  RTP,
  UNKNOWN;

  /** Classifies by the first byte (an unsigned value 0..255). */
  public static PacketKind ofFirstByte(int firstByte) {
    if (firstByte < 0) {
      return UNKNOWN;
    }
    if (firstByte <= 3) {
      return STUN;
    }
    if (firstByte >= 16 && firstByte <= 19) {
      return ZRTP;
    }
    if (firstByte >= 20 && firstByte <= 63) {
      return DTLS;
    }
    if (firstByte >= 64 && firstByte <= 79) {
      return TURN_CHANNEL;
    }
    if (firstByte >= 128 && firstByte <= 191) {
      return RTP;
    }
    return UNKNOWN;
  }

  /** Classifies the byte at the buffer's position; an empty buffer is {@link #UNKNOWN}. */
  public static PacketKind of(java.nio.ByteBuffer datagram) {
    return datagram.hasRemaining() ? ofFirstByte(Byte.toUnsignedInt(datagram.get(datagram.position()))) : UNKNOWN;
  }
}

package dev.webrtc4j.internal.sctp;

import dev.webrtc4j.internal.util.ByteReader;
import dev.webrtc4j.internal.util.MalformedPacketException;
import java.nio.ByteBuffer;

/**
 * A variable-length parameter (RFC 9260 §3.2.1) of INIT, INIT ACK, HEARTBEAT and RE-CONFIG
 * chunks, a type-length-value padded to 4 bytes:
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |        Parameter Type         |       Parameter Length        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * \                                                               \
 * /                        Parameter Value                        /
 * \                                                               \
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * Unknown types are kept as {@link UnknownParameter}; the receiver acts on the upper two bits of
 * the type (§3.2.1).
 */
public sealed interface Parameter
    permits HeartbeatInfoParameter,
        StateCookieParameter,
        UnrecognizedParameter,
        SupportedExtensionsParameter,
        ForwardTsnSupportedParameter,
        OutgoingSsnResetRequestParameter,
        IncomingSsnResetRequestParameter,
        ReconfigResponseParameter,
        UnknownParameter {
  int HEARTBEAT_INFO = 1;
  int STATE_COOKIE = 7;
  int UNRECOGNIZED_PARAMETER = 8;
  int OUTGOING_SSN_RESET_REQUEST = 13;
  int INCOMING_SSN_RESET_REQUEST = 14;
  int RECONFIG_RESPONSE = 16;
  int SUPPORTED_EXTENSIONS = 0x8008;
  int FORWARD_TSN_SUPPORTED = 0xC000;

  int type();

  /** Length of the value, without header and padding. */
  int valueLength();

  void writeValue(ByteBuffer out);

  default int encodedLength() {
    return Codec.pad4(4 + valueLength());
  }

  default void writeTo(ByteBuffer out) {
    int len = 4 + valueLength();
    out.putShort((short) type());
    out.putShort((short) len);
    writeValue(out);
    Codec.writePadding(out, len);
  }

  /** Reads one parameter and its padding (a missing final padding is tolerated). */
  static Parameter parse(ByteBuffer in) throws MalformedPacketException {
    ByteReader r = new ByteReader(in);
    int type = r.u16("parameter type");
    int length = r.u16("parameter length");
    if (length < 4) {
      throw r.malformed("parameter length " + length + " < 4");
    }
    ByteReader v = new ByteReader(r.slice(length - 4, "parameter value"));
    r.skip(Math.min(Codec.pad4(length) - length, r.remaining()), "parameter padding");
    return switch (type) {
      case HEARTBEAT_INFO -> new HeartbeatInfoParameter(v.bytes(v.remaining(), "heartbeat info"));
      case STATE_COOKIE -> new StateCookieParameter(v.bytes(v.remaining(), "state cookie"));
      case UNRECOGNIZED_PARAMETER -> new UnrecognizedParameter(v.bytes(v.remaining(), "unrecognized parameter"));
      case SUPPORTED_EXTENSIONS -> SupportedExtensionsParameter.parseValue(v);
      case FORWARD_TSN_SUPPORTED -> new ForwardTsnSupportedParameter();
      case OUTGOING_SSN_RESET_REQUEST -> OutgoingSsnResetRequestParameter.parseValue(v);
      case INCOMING_SSN_RESET_REQUEST -> IncomingSsnResetRequestParameter.parseValue(v);
      case RECONFIG_RESPONSE -> ReconfigResponseParameter.parseValue(v);
      default -> new UnknownParameter(type, v.bytes(v.remaining(), "parameter value"));
    };
  }
}

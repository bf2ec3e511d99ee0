package dev.webrtc4j.internal.dcep;

import dev.webrtc4j.internal.util.ByteReader;
import dev.webrtc4j.internal.util.MalformedPacketException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A Data Channel Establishment Protocol message (RFC 8832 §5), carried in an SCTP message with
 * PPID 50. The first byte is the message type.
 */
public sealed interface DcepMessage permits DcepMessage.Open, DcepMessage.Ack {
  int TYPE_ACK = 0x02;
  int TYPE_OPEN = 0x03;

  /** How a channel retransmits (the low bits of the channel type). */
  enum Reliability {
    RELIABLE(0x00),
    PARTIAL_RELIABLE_REXMIT(0x01),
    PARTIAL_RELIABLE_TIMED(0x02);

    final int bits;

    Reliability(int bits) {
      this.bits = bits;
    }
  }

  int encodedLength();

  void writeTo(ByteBuffer out);

  default ByteBuffer toBuffer() {
    ByteBuffer b = ByteBuffer.allocate(encodedLength());
    writeTo(b);
    return b.flip();
  }

  /**
   * RFC 8832 §5.1: DATA_CHANNEL_OPEN.
   *
   * <pre>
   *  0                   1                   2                   3
   *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
   * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   * |  Message Type |  Channel Type |            Priority           |
   * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   * |                    Reliability Parameter                      |
   * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   * |         Label Length          |       Protocol Length         |
   * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   * \                                                               /
   * |                             Label                             |
   * /                                                               \
   * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   * \                                                               /
   * |                            Protocol                           |
   * /                                                               \
   * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   * </pre>
   *
   * @param ordered false sets the 0x80 bit of the channel type (unordered)
   * @param priority RFC 8831 §6.4 priority (256 "normal" in browsers)
   * @param reliabilityParameter retransmissions or lifetime in ms; ignored (0) when reliable
   * @param label UTF-8, at most 65535 bytes
   * @param protocol UTF-8, at most 65535 bytes
   */
  record Open(Reliability reliability, boolean ordered, int priority, long reliabilityParameter, String label, String protocol)
      implements DcepMessage {
    public Open {
      if (priority < 0 || priority > 0xFFFF) {
        throw new IllegalArgumentException("priority " + priority);
      }
      if (reliabilityParameter < 0 || reliabilityParameter > 0xFFFF_FFFFL) {
        throw new IllegalArgumentException("reliability parameter " + reliabilityParameter);
      }
      if (utf8(label).length > 0xFFFF || utf8(protocol).length > 0xFFFF) {
        throw new IllegalArgumentException("label or protocol longer than 65535 bytes");
      }
    }

    public int channelType() {
      return reliability.bits | (ordered ? 0 : 0x80);
    }

    @Override
    public int encodedLength() {
      return 12 + utf8(label).length + utf8(protocol).length;
    }

    @Override
    public void writeTo(ByteBuffer out) {
      byte[] l = utf8(label);
      byte[] p = utf8(protocol);
      out.put((byte) TYPE_OPEN).put((byte) channelType()).putShort((short) priority).putInt((int) reliabilityParameter)
          .putShort((short) l.length).putShort((short) p.length).put(l).put(p);
    }
  }

  /**
   * RFC 8832 §5.2: DATA_CHANNEL_ACK.
   *
   * <pre>
   *  0 1 2 3 4 5 6 7
   * +-+-+-+-+-+-+-+-+
   * |  Message Type |
   * +-+-+-+-+-+-+-+-+
   * </pre>
   */
  record Ack() implements DcepMessage {
    @Override
    public int encodedLength() {
      return 1;
    }

    @Override
    public void writeTo(ByteBuffer out) {
      out.put((byte) TYPE_ACK);
    }
  }

  /** Parses position..limit. Unknown message or channel types and bad UTF-8 are malformed. */
  static DcepMessage parse(ByteBuffer in) throws MalformedPacketException {
    ByteReader r = new ByteReader(in);
    int type = r.u8("message type");
    switch (type) {
      case TYPE_ACK -> {
        return new Ack();
      }
      case TYPE_OPEN -> {
        int channelType = r.u8("channel type");
        int priority = r.u16("priority");
        long param = r.u32("reliability parameter");
        int labelLength = r.u16("label length");
        int protocolLength = r.u16("protocol length");
        String label = decode(r, labelLength, "label");
        String protocol = decode(r, protocolLength, "protocol");
        Reliability rel =
            switch (channelType & 0x7F) {
              case 0x00 -> Reliability.RELIABLE;
              case 0x01 -> Reliability.PARTIAL_RELIABLE_REXMIT;
              case 0x02 -> Reliability.PARTIAL_RELIABLE_TIMED;
              default -> throw r.malformed("unknown channel type " + channelType);
            };
        return new Open(rel, (channelType & 0x80) == 0, priority, param, label, protocol);
      }
      default -> throw r.malformed("unknown DCEP message type " + type);
    }
  }

  private static String decode(ByteReader r, int n, String what) throws MalformedPacketException {
    ByteBuffer b = r.slice(n, what);
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(b).toString();
    } catch (CharacterCodingException e) {
      throw r.malformed(what + " is not UTF-8");
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}

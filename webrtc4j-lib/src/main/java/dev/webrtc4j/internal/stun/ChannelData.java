package dev.webrtc4j.internal.stun;

import dev.webrtc4j.internal.util.ByteReader;
import dev.webrtc4j.internal.util.Bytes;
import dev.webrtc4j.internal.util.MalformedPacketException;
import java.nio.ByteBuffer;

/**
 * A TURN ChannelData message, RFC 8656 §12.4: application data relayed over a bound channel with
 * a 4-byte header instead of a Send/Data indication.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Channel Number        |            Length             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                                                               |
 * /                       Application Data                        /
 * /                                                               /
 * |                                                               |
 * |                               +-------------------------------+
 * |                               |
 * +-------------------------------+
 * </pre>
 *
 * @param channelNumber 0x4000..0x4FFF
 * @param data the application data
 */
public record ChannelData(int channelNumber, Bytes data) {
  /** RFC 8656 §12: "0x4000 through 0x4FFF: These values are the allowed channel numbers". */
  public static final int MIN_CHANNEL = 0x4000;

  public static final int MAX_CHANNEL = 0x4FFF;

  public ChannelData {
    if (!isValidChannel(channelNumber)) {
      throw new IllegalArgumentException("channel number must be 0x4000..0x4FFF, got 0x" + Integer.toHexString(channelNumber));
    }
    if (data.length() > 0xFFFF) {
      throw new IllegalArgumentException("ChannelData too long: " + data.length());
    }
  }

  public static boolean isValidChannel(int number) {
    return number >= MIN_CHANNEL && number <= MAX_CHANNEL;
  }

  /** True when the first byte is in the ChannelData range of RFC 7983 (64..79); position not moved. */
  public static boolean looksLikeChannelData(ByteBuffer in) {
    if (in.remaining() < 4) {
      return false;
    }
    int b = Byte.toUnsignedInt(in.get(in.position()));
    return b >= 0x40 && b <= 0x4F;
  }

  /**
   * Parses one ChannelData message occupying position..limit. RFC 8656 §12.5: "Over UDP, the
   * padding is not required but MAY be included", so up to 3 trailing padding bytes are accepted
   * and skipped.
   */
  public static ChannelData parse(ByteBuffer in) throws MalformedPacketException {
    ByteReader r = new ByteReader(in);
    int channel = r.u16("channel number");
    int length = r.u16("ChannelData length");
    if (!isValidChannel(channel)) {
      throw new MalformedPacketException(0, "channel number 0x" + Integer.toHexString(channel) + " outside 0x4000..0x4FFF");
    }
    if (r.remaining() < length) {
      throw r.malformed("ChannelData length " + length + " but " + r.remaining() + " bytes follow");
    }
    Bytes data = r.bytes(length, "ChannelData data");
    if (r.remaining() > 3) {
      throw r.malformed(r.remaining() + " bytes after ChannelData data");
    }
    r.skip(r.remaining(), "ChannelData padding");
    return new ChannelData(channel, data);
  }

  /** Length without padding (as sent over UDP). */
  public int encodedLength() {
    return 4 + data.length();
  }

  /**
   * Length with padding to 4 bytes. RFC 8656 §12.5: "over TCP and TLS-over-TCP, the ChannelData
   * message MUST be padded to a multiple of four bytes in order to ensure the alignment of
   * subsequent messages."
   */
  public int paddedLength() {
    return 4 + StunAttribute.padded(data.length());
  }

  /** Writes the message without padding (UDP). */
  public void writeTo(ByteBuffer out) {
    out.putShort((short) channelNumber);
    out.putShort((short) data.length());
    data.writeTo(out);
  }

  /** Writes the message and its zero padding (TCP/TLS streams). */
  public void writePaddedTo(ByteBuffer out) {
    writeTo(out);
    for (int i = data.length(); (i & 3) != 0; i++) {
      out.put((byte) 0);
    }
  }

  /** A fresh buffer with the message, padded when {@code stream}; position 0. */
  public ByteBuffer toBuffer(boolean stream) {
    ByteBuffer out = ByteBuffer.allocate(stream ? paddedLength() : encodedLength());
    if (stream) {
      writePaddedTo(out);
    } else {
      writeTo(out);
    }
    return out.flip();
  }
}

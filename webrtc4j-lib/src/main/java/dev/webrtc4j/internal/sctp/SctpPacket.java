package dev.webrtc4j.internal.sctp;

import dev.webrtc4j.internal.util.ByteReader;
import dev.webrtc4j.internal.util.MalformedPacketException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * RFC 9260 §3: an SCTP packet, the common header followed by chunks. Over DTLS (RFC 8261) one
 * packet is one DTLS record.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      Source Port Number       |    Destination Port Number    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                       Verification Tag                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                           Checksum                            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                            Chunk #1 ... #n                    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>The checksum is CRC32c (RFC 9260 Appendix A) over the whole packet with the checksum field
 * zeroed, stored least-significant byte first as the appendix's reference code does.
 */
public record SctpPacket(int sourcePort, int destinationPort, int verificationTag, List<Chunk> chunks) {
  public static final int HEADER_LENGTH = 12;

  public SctpPacket {
    chunks = List.copyOf(chunks);
  }

  /** Parses and checks the CRC32c. DATA payloads are views of {@code in}. */
  public static SctpPacket parse(ByteBuffer in) throws MalformedPacketException {
    return parse(in, true);
  }

  /**
   * @param verifyChecksum false only for fuzzing and diagnostics
   */
  public static SctpPacket parse(ByteBuffer in, boolean verifyChecksum) throws MalformedPacketException {
    int start = in.position();
    int total = in.remaining();
    ByteReader r = new ByteReader(in);
    int src = r.u16("source port");
    int dst = r.u16("destination port");
    int tag = r.i32("verification tag");
    int checksum = Integer.reverseBytes(r.i32("checksum"));
    if (verifyChecksum) {
      int actual = crc32c(in, start, total);
      if (actual != checksum) {
        throw new MalformedPacketException(8, String.format("bad CRC32c: carried %08x, computed %08x", checksum, actual));
      }
    }
    if (!r.hasRemaining()) {
      throw r.malformed("packet without chunks");
    }
    // One chunk is the common case (a DATA or a SACK): no list to grow or copy.
    Chunk first = Chunk.parse(in);
    if (!in.hasRemaining()) {
      return new SctpPacket(src, dst, tag, List.of(first));
    }
    List<Chunk> chunks = new ArrayList<>(4);
    chunks.add(first);
    while (in.hasRemaining()) {
      chunks.add(Chunk.parse(in));
    }
    return new SctpPacket(src, dst, tag, chunks);
  }

  /** CRC32c of {@code length} bytes of {@code buf} from {@code start}, checksum field as zeros. */
  static int crc32c(ByteBuffer buf, int start, int length) {
    CRC32C crc = new CRC32C();
    if (buf.hasArray()) {
      return crc32c(crc, buf.array(), buf.arrayOffset() + start, length);
    }
    ByteBuffer d = buf.duplicate();
    d.limit(start + 8).position(start);
    crc.update(d);
    crc.update(ZEROS, 0, 4);
    d.limit(start + length).position(start + 12);
    crc.update(d);
    return (int) crc.getValue();
  }

  /**
   * CRC32c of a packet in {@code a} (checksum field taken as zeros), straight on the array: the
   * intrinsic works on arrays, and a ByteBuffer without an accessible array is copied through a
   * temporary one. {@code crc} is reset first, so one instance can serve every packet of a loop.
   */
  static int crc32c(CRC32C crc, byte[] a, int offset, int length) {
    crc.reset();
    crc.update(a, offset, 8);
    crc.update(ZEROS, 0, 4);
    crc.update(a, offset + 12, length - 12);
    return (int) crc.getValue();
  }

  /**
   * Encodes a packet whose chunks take {@code chunksLength} bytes (the sum of their {@link
   * Chunk#encodedLength()}, which the caller already has) into a fresh array of exactly the
   * packet's size: one pass, DATA payloads copied once from their source into the packet.
   */
  static ByteBuffer encode(int sourcePort, int destinationPort, int tag, List<Chunk> chunks, int chunksLength, CRC32C crc) {
    return encode(sourcePort, destinationPort, tag, chunks, chunksLength, crc, 0, 0);
  }

  /**
   * As {@link #encode(int, int, int, List, int, CRC32C)}, with {@code headroom} bytes before and
   * {@code tailroom} after the packet in its array (the buffer's {@code arrayOffset} is {@code
   * headroom}): room for the layer below to protect the packet in place (a DTLS record's header
   * and explicit nonce, and its tag) instead of copying it into a record of its own.
   */
  static ByteBuffer encode(int sourcePort, int destinationPort, int tag, List<Chunk> chunks, int chunksLength, CRC32C crc, int headroom, int tailroom) {
    int length = HEADER_LENGTH + chunksLength;
    byte[] a = new byte[headroom + length + tailroom];
    ByteBuffer b = headroom == 0 && tailroom == 0 ? ByteBuffer.wrap(a) : ByteBuffer.wrap(a, headroom, length).slice();
    b.putShort((short) sourcePort).putShort((short) destinationPort).putInt(tag).putInt(0);
    for (int i = 0; i < chunks.size(); i++) {
      chunks.get(i).writeTo(b);
    }
    if (b.position() != length) {
      throw new IllegalStateException("chunks took " + (b.position() - HEADER_LENGTH) + " bytes, not " + chunksLength);
    }
    putChecksum(a, headroom, length, crc32c(crc, a, headroom, length));
    return b.flip();
  }

  /** Stores the checksum least-significant byte first (RFC 9260 Appendix A). */
  private static void putChecksum(byte[] a, int start, int length, int crc) {
    a[start + 8] = (byte) crc;
    a[start + 9] = (byte) (crc >>> 8);
    a[start + 10] = (byte) (crc >>> 16);
    a[start + 11] = (byte) (crc >>> 24);
  }

  private static final byte[] ZEROS = new byte[4];

  public int encodedLength() {
    return HEADER_LENGTH + chunksLength();
  }

  private int chunksLength() {
    int n = 0;
    for (int i = 0; i < chunks.size(); i++) {
      n += chunks.get(i).encodedLength();
    }
    return n;
  }

  /** Writes the packet with its CRC32c. */
  public void writeTo(ByteBuffer out) {
    int start = out.position();
    out.putShort((short) sourcePort).putShort((short) destinationPort).putInt(verificationTag).putInt(0);
    for (Chunk c : chunks) {
      c.writeTo(out);
    }
    int length = out.position() - start;
    out.order(ByteOrder.LITTLE_ENDIAN).putInt(start + 8, crc32c(out, start, length)).order(ByteOrder.BIG_ENDIAN);
  }

  /** A fresh buffer holding the encoded packet, position 0. */
  public ByteBuffer toBuffer() {
    return encode(sourcePort, destinationPort, verificationTag, chunks, chunksLength(), new CRC32C());
  }
}

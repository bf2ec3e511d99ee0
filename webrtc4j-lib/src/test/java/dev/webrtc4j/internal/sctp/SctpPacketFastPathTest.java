package dev.webrtc4j.internal.sctp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webrtc4j.internal.util.MalformedPacketException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/**
 * The data path's shortcuts agree with the general codec: the one-pass encoder writes the bytes
 * {@link SctpPacket#writeTo} writes, and DATA chunks read in place equal what the general parser
 * read, while malformed DATA still fails.
 */
class SctpPacketFastPathTest {
  private static DataChunk data(int tsn, int n, boolean b, boolean e) {
    byte[] p = new byte[n];
    for (int i = 0; i < n; i++) {
      p[i] = (byte) (i * 7 + tsn);
    }
    return new DataChunk(new Tsn(tsn), new StreamId(3), new Ssn(9), 53, ByteBuffer.wrap(p).asReadOnlyBuffer(), false, true, b, e);
  }

  @Test
  void oneEncoderWritesWhatWriteToWrites() {
    List<Chunk> chunks = List.of(
        new SackChunk(new Tsn(41), 65536, List.of(new SackChunk.GapBlock(2, 3)), List.of(new Tsn(40))),
        data(42, 101, true, false), data(43, 7, false, true));
    SctpPacket packet = new SctpPacket(5000, 5001, 0x1234abcd, chunks);
    ByteBuffer expected = ByteBuffer.allocate(packet.encodedLength());
    packet.writeTo(expected);
    expected.flip();
    int chunksLength = packet.encodedLength() - SctpPacket.HEADER_LENGTH;
    ByteBuffer actual = SctpPacket.encode(5000, 5001, 0x1234abcd, chunks, chunksLength, new CRC32C());
    assertThat(actual).isEqualTo(expected);
    assertThat(actual.position()).isZero();
    assertThat(actual.remaining()).isEqualTo(packet.encodedLength());
  }

  @Test
  void roomAroundThePacketLeavesItsBytesAndChecksumUnchanged() throws MalformedPacketException {
    List<Chunk> chunks = List.of(data(42, 300, true, true));
    ByteBuffer plain = SctpPacket.encode(5000, 5001, 7, chunks, chunks.getFirst().encodedLength(), new CRC32C());
    ByteBuffer roomy = SctpPacket.encode(5000, 5001, 7, chunks, chunks.getFirst().encodedLength(), new CRC32C(), 21, 16);
    assertThat(roomy).isEqualTo(plain);
    assertThat(roomy.arrayOffset()).isEqualTo(21);
    assertThat(roomy.array()).hasSize(21 + plain.remaining() + 16);
    assertThat(SctpPacket.parse(roomy.duplicate(), true).chunks()).hasSize(1);
  }

  @Test
  void dataReadInPlaceEqualsTheChunksWritten() throws MalformedPacketException {
    List<Chunk> chunks = List.of(data(1, 1, true, true), data(2, 1170, true, false), data(3, 3, false, true));
    SctpPacket packet = new SctpPacket(5000, 5000, 7, chunks);
    SctpPacket parsed = SctpPacket.parse(packet.toBuffer());
    assertThat(parsed).isEqualTo(packet);
    for (Chunk c : parsed.chunks()) {
      assertThat(((DataChunk) c).payload().isReadOnly()).isTrue();
    }
  }

  @Test
  void dataShorterThanItsHeaderIsStillMalformed() {
    // A DATA chunk claiming 12 bytes (its fixed part needs 16), padded to the packet's end.
    ByteBuffer value = ByteBuffer.allocate(16);
    value.put((byte) Chunk.DATA).put((byte) 3).putShort((short) 12).putInt(1).putInt(0).putInt(0);
    value.flip();
    SctpPacket carrier = new SctpPacket(5000, 5000, 7, List.of(new UnknownChunk(0x3f, 0, dev.webrtc4j.internal.util.Bytes.EMPTY)));
    ByteBuffer wire = ByteBuffer.allocate(SctpPacket.HEADER_LENGTH + 16);
    wire.put(carrier.toBuffer().limit(SctpPacket.HEADER_LENGTH)).put(value).flip();
    int crc = SctpPacket.crc32c(wire, 0, wire.remaining());
    wire.put(8, (byte) crc).put(9, (byte) (crc >>> 8)).put(10, (byte) (crc >>> 16)).put(11, (byte) (crc >>> 24));
    assertThatThrownBy(() -> SctpPacket.parse(wire)).isInstanceOf(MalformedPacketException.class);
  }

  @Test
  void dataLongerThanThePacketIsMalformed() {
    ByteBuffer wire = new SctpPacket(5000, 5000, 7, List.of(data(5, 40, true, true))).toBuffer();
    ByteBuffer cut = ByteBuffer.allocate(wire.remaining() - 8);
    cut.put(wire.duplicate().limit(wire.remaining() - 8)).flip();
    int crc = SctpPacket.crc32c(cut, 0, cut.remaining());
    cut.put(8, (byte) crc).put(9, (byte) (crc >>> 8)).put(10, (byte) (crc >>> 16)).put(11, (byte) (crc >>> 24));
    assertThatThrownBy(() -> SctpPacket.parse(cut)).isInstanceOf(MalformedPacketException.class);
  }
}

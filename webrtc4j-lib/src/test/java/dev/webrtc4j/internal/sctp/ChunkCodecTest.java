package dev.webrtc4j.internal.sctp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webrtc4j.internal.util.Bytes;
import dev.webrtc4j.internal.util.MalformedPacketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChunkCodecTest {
  private static final Map<String, Chunk> EXPECTED = Map.ofEntries(
      Map.entry("sack", new SackChunk(new Tsn(100), 65536, List.of(new SackChunk.GapBlock(2, 5)), List.of(new Tsn(102)))),
      Map.entry("forward-tsn", new ForwardTsnChunk(new Tsn(256), List.of(new ForwardTsnChunk.SkippedStream(new StreamId(2), new Ssn(7))))),
      Map.entry("reconfig-req", new ReConfigChunk(List.of(new OutgoingSsnResetRequestParameter(5, 4, new Tsn(99), List.of(new StreamId(3)))))),
      Map.entry("reconfig-resp", new ReConfigChunk(List.of(new ReconfigResponseParameter(5, ReconfigResponseParameter.SUCCESS_PERFORMED)))),
      Map.entry("heartbeat", HeartbeatChunk.of(Bytes.fromHex("010203"))),
      Map.entry("abort-t", new AbortChunk(true, List.of(ErrorCause.userInitiatedAbort("bye!!")))),
      Map.entry("shutdown", new ShutdownChunk(new Tsn(100))),
      Map.entry("shutdown-ack", new ShutdownAckChunk()),
      Map.entry("shutdown-comp", new ShutdownCompleteChunk(true)),
      Map.entry("error-stale", new ErrorChunk(List.of(ErrorCause.staleCookie(1000)))),
      Map.entry("unknown-skip", new UnknownChunk(0xbf, 5, Bytes.fromHex("abcd"))));

  private static Chunk parseChunk(Bytes b) throws MalformedPacketException {
    ByteBuffer in = b.asReadOnlyBuffer();
    Chunk c = Chunk.parse(in);
    assertThat(in.hasRemaining()).as("consumed the padding too").isFalse();
    return c;
  }

  private static Bytes write(Chunk c) {
    ByteBuffer out = ByteBuffer.allocate(c.encodedLength());
    c.writeTo(out);
    assertThat(out.hasRemaining()).as("encodedLength is exact").isFalse();
    return Bytes.of(out.array());
  }

  @Test
  void handWrittenChunkVectorsParseWriteAndRoundTrip() throws Exception {
    Map<String, Bytes> table = Vectors.table("chunks.txt");
    assertThat(table.keySet()).containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
    for (Map.Entry<String, Bytes> e : table.entrySet()) {
      Chunk expected = EXPECTED.get(e.getKey());
      assertThat(parseChunk(e.getValue())).as(e.getKey()).isEqualTo(expected);
      assertThat(write(expected)).as(e.getKey()).isEqualTo(e.getValue());
      assertThat(parseChunk(write(parseChunk(e.getValue())))).as(e.getKey()).isEqualTo(expected);
    }
  }

  @Test
  void everyTruncationOfAChunkIsMalformed() {
    for (Map.Entry<String, Bytes> e : Vectors.table("chunks.txt").entrySet()) {
      byte[] all = e.getValue().toArray();
      int declared = ((all[2] & 0xff) << 8) | (all[3] & 0xff);
      for (int n = 0; n < declared; n++) {
        ByteBuffer cut = ByteBuffer.wrap(all, 0, n).slice();
        assertThatThrownBy(() -> Chunk.parse(cut)).as(e.getKey() + " cut at " + n).isInstanceOf(MalformedPacketException.class);
      }
    }
  }

  @Test
  void lengthFieldsThatLieAreMalformed() {
    // Chunk length below the header, beyond the buffer; SACK counts beyond the chunk.
    assertThatThrownBy(() -> Chunk.parse(Bytes.fromHex("07000003").asReadOnlyBuffer())).isInstanceOf(MalformedPacketException.class);
    assertThatThrownBy(() -> Chunk.parse(Bytes.fromHex("0700000c00000064").asReadOnlyBuffer())).isInstanceOf(MalformedPacketException.class);
    assertThatThrownBy(() -> Chunk.parse(Bytes.fromHex("030000100000006400010000ffff0000").asReadOnlyBuffer()))
        .isInstanceOf(MalformedPacketException.class);
    // A parameter whose length exceeds its chunk.
    assertThatThrownBy(() -> Chunk.parse(Bytes.fromHex("8200000c000d00400000000500000004").asReadOnlyBuffer()))
        .isInstanceOf(MalformedPacketException.class);
  }

  @Test
  void chromeInitParsesToTheExpectedRecordAndWritesBackByteForByte() throws Exception {
    Bytes raw = Vectors.hex("chrome-init.hex");
    SctpPacket p = SctpPacket.parse(raw.asReadOnlyBuffer());
    assertThat(p.sourcePort()).isEqualTo(5000);
    assertThat(p.destinationPort()).isEqualTo(5000);
    assertThat(p.verificationTag()).isZero();
    InitChunk init = (InitChunk) p.chunks().get(0);
    assertThat(init.initiateTag()).isEqualTo(0xd2c0870e);
    assertThat(init.advertisedWindow()).isEqualTo(131072);
    assertThat(init.outboundStreams()).isEqualTo(1024);
    assertThat(init.inboundStreams()).isEqualTo(2048);
    assertThat(init.initialTsn()).isEqualTo(new Tsn(0x18c11632));
    assertThat(init.parameters()).hasSize(5);
    assertThat(init.parameters().get(0)).isEqualTo(new ForwardTsnSupportedParameter());
    SupportedExtensionsParameter ext = (SupportedExtensionsParameter) init.parameters().get(1);
    assertThat(ext.supports(Chunk.RE_CONFIG)).isTrue();
    assertThat(ext.supports(Chunk.FORWARD_TSN)).isTrue();
    assertThat(init.parameters().get(2)).isInstanceOf(UnknownParameter.class); // RANDOM (RFC 4895)
    assertThat(((UnknownParameter) init.parameters().get(2)).type()).isEqualTo(0x8002);
    assertThat(Bytes.copyOf(p.toBuffer())).isEqualTo(raw);
  }

  @Test
  void capturedPacketsRoundTrip() throws Exception {
    for (String name : List.of("chrome-init.hex", "init-ack.hex", "data-dcep-open.hex", "cookie-echo.hex", "cookie-ack.hex")) {
      Bytes raw = Vectors.hex(name);
      SctpPacket p = SctpPacket.parse(raw.asReadOnlyBuffer());
      assertThat(Bytes.copyOf(p.toBuffer())).as(name).isEqualTo(raw);
      assertThat(SctpPacket.parse(p.toBuffer())).as(name).isEqualTo(p);
    }
  }

  @Test
  void initAckCarriesItsCookieAndDataCarriesTheDcepOpen() throws Exception {
    InitAckChunk ack = (InitAckChunk) SctpPacket.parse(Vectors.hex("init-ack.hex").asReadOnlyBuffer()).chunks().get(0);
    assertThat(ack.cookie()).isEqualTo(new StateCookieParameter(Bytes.of("dtls".getBytes(StandardCharsets.US_ASCII))));
    assertThat(ack.advertisedWindow()).isEqualTo(0xFFFF_FFFFL);
    DataChunk d = (DataChunk) SctpPacket.parse(Vectors.hex("data-dcep-open.hex").asReadOnlyBuffer()).chunks().get(0);
    assertThat(d.ppid()).isEqualTo(50);
    assertThat(d.tsn()).isEqualTo(new Tsn(0x54b012b4));
    assertThat(d.beginning() && d.end() && !d.unordered()).isTrue();
    assertThat(d.payload().remaining()).isEqualTo(28);
  }

  @ParameterizedTest
  @ValueSource(strings = {"chrome-init.hex", "init-ack.hex", "data-dcep-open.hex", "cookie-echo.hex"})
  void truncatedPacketsAreMalformed(String name) {
    byte[] all = Vectors.hex(name).toArray();
    int declared = 12 + (((all[14] & 0xff) << 8) | (all[15] & 0xff));
    for (int n = 0; n < declared; n++) {
      ByteBuffer cut = ByteBuffer.wrap(all, 0, n).slice();
      assertThatThrownBy(() -> SctpPacket.parse(cut, false)).as(name + " cut at " + n).isInstanceOf(MalformedPacketException.class);
    }
  }

  @Test
  void crc32cHasTheCastagnoliCheckValueAndEveryFlippedBitIsCaught() {
    CRC32C crc = new CRC32C();
    crc.update("123456789".getBytes(StandardCharsets.US_ASCII));
    assertThat(crc.getValue()).isEqualTo(0xE3069283L);
    // RFC 3720 B.4: 32 bytes of zeros.
    crc.reset();
    crc.update(new byte[32]);
    assertThat(crc.getValue()).isEqualTo(0x8A9136AAL);
    byte[] raw = Vectors.hex("data-dcep-open.hex").toArray();
    for (int i = 0; i < raw.length * 8; i += 7) {
      byte[] bad = raw.clone();
      bad[i / 8] ^= (byte) (1 << (i % 8));
      assertThatThrownBy(() -> SctpPacket.parse(ByteBuffer.wrap(bad))).as("bit " + i).isInstanceOf(MalformedPacketException.class);
    }
  }

  @Test
  void tsnAndSsnCompareWithSerialArithmetic() {
    assertThat(new Tsn(0).isAfter(new Tsn(-1))).isTrue();
    assertThat(new Tsn(-1).isBefore(new Tsn(5))).isTrue();
    assertThat(new Tsn(Integer.MIN_VALUE).isAfter(new Tsn(0))).isFalse();
    assertThat(new Tsn(0).isAfter(new Tsn(Integer.MIN_VALUE))).isFalse();
    assertThat(new Ssn(0).isAfter(new Ssn(65535))).isTrue();
    assertThat(new Ssn(65535).next()).isEqualTo(new Ssn(0));
    assertThat(new Ssn(100).isAfter(new Ssn(200))).isFalse();
  }

  @Test
  void lastParameterPaddingIsNotCountedInTheChunkLength() {
    InitChunk init = new InitChunk(1, 1000, 1, 1, new Tsn(1), List.of(SupportedExtensionsParameter.of(130)));
    ByteBuffer out = ByteBuffer.allocate(init.encodedLength());
    init.writeTo(out);
    assertThat(out.getShort(2)).isEqualTo((short) (4 + 16 + 5));
    assertThat(init.encodedLength()).isEqualTo(28);
  }
}

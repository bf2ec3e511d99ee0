package dev.webrtc4j.internal.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webrtc4j.internal.util.Bytes;
import dev.webrtc4j.internal.util.MalformedPacketException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ChannelDataTest {
  private static final Bytes WIRE = Bytes.fromHex("40010005 0102030405");
  private static final ChannelData RECORD = new ChannelData(0x4001, Bytes.fromHex("0102030405"));

  @Test
  void parsesAndWritesTheRfcLayout() throws Exception {
    assertThat(ChannelData.parse(WIRE.asReadOnlyBuffer())).isEqualTo(RECORD);
    assertThat(Bytes.copyOf(RECORD.toBuffer(false))).isEqualTo(WIRE);
    assertThat(Bytes.copyOf(RECORD.toBuffer(true))).isEqualTo(Bytes.fromHex("40010005 0102030405 000000"));
    assertThat(ChannelData.parse(RECORD.toBuffer(true))).isEqualTo(RECORD);
    assertThat(ChannelData.looksLikeChannelData(WIRE.asReadOnlyBuffer())).isTrue();
  }

  @Test
  void everyTruncationIsMalformed() {
    for (int n = 0; n < WIRE.length(); n++) {
      ByteBuffer cut = WIRE.asReadOnlyBuffer().limit(n);
      assertThatThrownBy(() -> ChannelData.parse(cut)).as("cut to %d", n).isInstanceOf(MalformedPacketException.class);
    }
  }

  @Test
  void rejectsReservedChannelNumbersAndTrailingGarbage() {
    assertThatThrownBy(() -> ChannelData.parse(Bytes.fromHex("50000000").asReadOnlyBuffer())).isInstanceOf(MalformedPacketException.class);
    assertThatThrownBy(() -> ChannelData.parse(Bytes.fromHex("3fff0000").asReadOnlyBuffer())).isInstanceOf(MalformedPacketException.class);
    assertThatThrownBy(() -> ChannelData.parse(Bytes.fromHex("40000000 00000000").asReadOnlyBuffer())).isInstanceOf(MalformedPacketException.class);
  }

  @Test
  void deframerSplitsStunAndPaddedChannelDataFedInAnyChunking() throws Exception {
    StunMessage stun = StunMessage.of(StunMethod.BINDING, StunClass.REQUEST, TransactionId.random(new SplittableRandom(7)), new StunAttribute.Username("ab"));
    ChannelData cd1 = new ChannelData(0x4000, Bytes.fromHex("aa"));
    ChannelData cd2 = new ChannelData(0x4FFF, Bytes.fromHex("bbccddee"));
    ByteBuffer stream = ByteBuffer.allocate(200);
    stream.put(stun.toBuffer()).put(cd1.toBuffer(true)).put(cd2.toBuffer(true)).put(stun.encode(null, true));
    stream.flip();
    byte[] all = new byte[stream.remaining()];
    stream.get(all);
    for (int chunk = 1; chunk <= all.length; chunk++) {
      StunStreamDeframer d = new StunStreamDeframer();
      List<ByteBuffer> frames = new ArrayList<>();
      for (int off = 0; off < all.length; off += chunk) {
        assertThat(d.feed(ByteBuffer.wrap(all, off, Math.min(chunk, all.length - off)))).isTrue();
        for (ByteBuffer f; (f = d.poll()) != null; ) {
          frames.add(f);
        }
      }
      assertThat(frames).as("chunk %d", chunk).hasSize(4);
      assertThat(StunMessage.parse(frames.get(0))).isEqualTo(stun);
      assertThat(frames.get(1).remaining()).isEqualTo(5); // padding removed
      assertThat(ChannelData.parse(frames.get(1))).isEqualTo(cd1);
      assertThat(ChannelData.parse(frames.get(2))).isEqualTo(cd2);
      assertThat(StunIntegrity.hasValidFingerprint(frames.get(3))).isTrue();
      assertThat(d.buffered()).isZero();
    }
  }

  @Test
  void deframerBreaksOnBytesThatAreNeitherStunNorChannelData() {
    StunStreamDeframer d = new StunStreamDeframer();
    d.feed(ByteBuffer.wrap(new byte[] {(byte) 0x80, 0, 0, 0}));
    assertThat(d.poll()).isNull();
    assertThat(d.isBroken()).isTrue();
    assertThat(d.feed(ByteBuffer.wrap(new byte[4]))).isFalse();
  }

  @Test
  void deframerHoldsAtMostTwoMaximalFrames() {
    StunStreamDeframer d = new StunStreamDeframer();
    byte[] big = new byte[4 + 0xFFFF + 1];
    big[0] = 0x40;
    big[2] = (byte) 0xFF;
    big[3] = (byte) 0xFF;
    ByteBuffer in = ByteBuffer.allocate(big.length * 3);
    in.put(big).put(big).put(big).flip();
    d.feed(in);
    assertThat(in.hasRemaining()).isTrue();
    int frames = 0;
    while (true) {
      ByteBuffer f = d.poll();
      if (f == null) {
        if (!in.hasRemaining()) {
          break;
        }
        d.feed(in);
        continue;
      }
      assertThat(f.remaining()).isEqualTo(4 + 0xFFFF);
      frames++;
    }
    assertThat(frames).isEqualTo(3);
  }
}

package dev.webrtc4j.internal.mux;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class PacketKindTest {
  @Test
  void classifiesEveryFirstByteAsRfc7983Says() {
    for (int b = 0; b < 256; b++) {
      PacketKind expected;
      if (b <= 3) expected = PacketKind.STUN;
      else if (b >= 16 && b <= 19) expected = PacketKind.ZRTP;
      else if (b >= 20 && b <= 63) expected = PacketKind.DTLS;
      else if (b >= 64 && b <= 79) expected = PacketKind.TURN_CHANNEL;
      else if (b >= 128 && b <= 191) expected = PacketKind.RTP;
      else expected = PacketKind.UNKNOWN;
      assertThat(PacketKind.ofFirstByte(b)).as("first byte %d", b).isEqualTo(expected);
    }
  }

  @Test
  void readsTheByteAtThePositionWithoutMovingIt() {
    ByteBuffer buf = ByteBuffer.wrap(new byte[] {(byte) 0x80, 22, 0});
    buf.position(1);
    assertThat(PacketKind.of(buf)).isEqualTo(PacketKind.DTLS);
    assertThat(buf.position()).isEqualTo(1);
    assertThat(PacketKind.of(ByteBuffer.allocate(0))).isEqualTo(PacketKind.UNKNOWN);
    assertThat(PacketKind.of(ByteBuffer.wrap(new byte[] {(byte) 0xFF}))).isEqualTo(PacketKind.UNKNOWN);
  }
}

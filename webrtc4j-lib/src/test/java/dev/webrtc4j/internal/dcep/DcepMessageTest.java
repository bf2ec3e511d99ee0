package dev.webrtc4j.internal.dcep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webrtc4j.internal.util.Bytes;
import dev.webrtc4j.internal.util.MalformedPacketException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class DcepMessageTest {
  // The DCEP payload of vectors/sctp/data-dcep-open.hex (a captured browser OPEN).
  private static final Bytes CAPTURED_OPEN = Bytes.fromHex("03000000 00000000 00100000 61616161616161616161616161616161");

  private static DcepMessage parse(Bytes b) throws MalformedPacketException {
    ByteBuffer in = b.asReadOnlyBuffer();
    DcepMessage m = DcepMessage.parse(in);
    assertThat(in.hasRemaining()).isFalse();
    return m;
  }

  @Test
  void capturedOpenParsesAndWritesBack() throws Exception {
    DcepMessage.Open expected = new DcepMessage.Open(DcepMessage.Reliability.RELIABLE, true, 0, 0, "aaaaaaaaaaaaaaaa", "");
    assertThat(parse(CAPTURED_OPEN)).isEqualTo(expected);
    assertThat(Bytes.copyOf(expected.toBuffer())).isEqualTo(CAPTURED_OPEN);
  }

  @Test
  void everyChannelTypeRoundTrips() throws Exception {
    int[][] cases = {{0x00, 0, 1}, {0x80, 0, 0}, {0x01, 1, 1}, {0x81, 1, 0}, {0x02, 2, 1}, {0x82, 2, 0}};
    for (int[] c : cases) {
      DcepMessage.Open o = new DcepMessage.Open(DcepMessage.Reliability.values()[c[1]], c[2] == 1, 256, 3000, "chat", "json");
      assertThat(o.channelType()).isEqualTo(c[0]);
      Bytes wire = Bytes.copyOf(o.toBuffer());
      assertThat(Byte.toUnsignedInt(wire.get(1))).isEqualTo(c[0]);
      assertThat(parse(wire)).isEqualTo(o);
    }
  }

  @Test
  void hexOfAPartialReliableUnorderedOpenWithUtf8Label() throws Exception {
    // type 3, channel 0x81, priority 0x0100, 5 retransmits, label "é" (2 bytes), protocol "p"
    Bytes wire = Bytes.fromHex("03 81 0100 00000005 0002 0001 c3a9 70");
    assertThat(parse(wire)).isEqualTo(new DcepMessage.Open(DcepMessage.Reliability.PARTIAL_RELIABLE_REXMIT, false, 256, 5, "é", "p"));
  }

  @Test
  void ackIsOneByte() throws Exception {
    assertThat(parse(Bytes.fromHex("02"))).isEqualTo(new DcepMessage.Ack());
    assertThat(Bytes.copyOf(new DcepMessage.Ack().toBuffer())).isEqualTo(Bytes.fromHex("02"));
  }

  @Test
  void truncationsUnknownTypesAndBadUtf8AreMalformed() {
    byte[] all = CAPTURED_OPEN.toArray();
    for (int n = 0; n < all.length; n++) {
      ByteBuffer cut = ByteBuffer.wrap(all, 0, n).slice();
      assertThatThrownBy(() -> DcepMessage.parse(cut)).as("cut at " + n).isInstanceOf(MalformedPacketException.class);
    }
    assertThatThrownBy(() -> DcepMessage.parse(Bytes.fromHex("07").asReadOnlyBuffer())).isInstanceOf(MalformedPacketException.class);
    assertThatThrownBy(() -> DcepMessage.parse(Bytes.fromHex("03 03 0000 00000000 0000 0000").asReadOnlyBuffer()))
        .isInstanceOf(MalformedPacketException.class);
    assertThatThrownBy(() -> DcepMessage.parse(Bytes.fromHex("03 00 0000 00000000 0001 0000 ff").asReadOnlyBuffer()))
        .isInstanceOf(MalformedPacketException.class);
  }

  @Test
  void ppidsClassifyStringBinaryEmptyAndDeprecatedPartial() {
    assertThat(Ppid.forSend(false, false)).isEqualTo(51);
    assertThat(Ppid.forSend(true, false)).isEqualTo(53);
    assertThat(Ppid.forSend(false, true)).isEqualTo(56);
    assertThat(Ppid.forSend(true, true)).isEqualTo(57);
    assertThat(Ppid.isUserData(52)).isTrue();
    assertThat(Ppid.isUserData(54)).isTrue();
    assertThat(Ppid.isString(54)).isTrue();
    assertThat(Ppid.isString(52)).isFalse();
    assertThat(Ppid.isUserData(50)).isFalse();
    assertThat(Ppid.isUserData(55)).isFalse();
  }
}

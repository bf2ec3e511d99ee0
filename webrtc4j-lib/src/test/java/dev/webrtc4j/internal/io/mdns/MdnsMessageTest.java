package dev.webrtc4j.internal.io.mdns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webrtc4j.internal.util.Bytes;
import dev.webrtc4j.internal.util.MalformedPacketException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Vectors built by hand from RFC 1035 §4.1 and RFC 6762 §18. */
class MdnsMessageTest {
  static final String NAME = "1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b.local";

  /**
   * A response: an A answer for abcd.local (labels at offset 12), an AAAA answer whose name is a
   * pointer to offset 12, and an additional A record for other.local whose "local" is a pointer to
   * offset 17. Cache-flush bit set on all, TTL 120.
   */
  static final String RESPONSE_HEX = ""
      + "0000" + "8400" + "0000" + "0002" + "0000" + "0001"
      // answer 1 @12: abcd.local A 192.168.1.5
      + "04" + "61626364" + "05" + "6c6f63616c" + "00" + "0001" + "8001" + "00000078" + "0004" + "c0a80105"
      // answer 2: ptr->12 AAAA fe80::1
      + "c00c" + "001c" + "8001" + "00000078" + "0010" + "fe800000000000000000000000000001"
      // additional: other + ptr->17 ("local") A 10.0.0.1
      + "05" + "6f74686572" + "c011" + "0001" + "8001" + "00000078" + "0004" + "0a000001";

  static ByteBuffer hex(String h) {
    return Bytes.fromHex(h).asReadOnlyBuffer();
  }

  @Test
  void encodesOneQueryForAAndAaaaWithTheQuBit() throws Exception {
    ByteBuffer q = MdnsMessage.encodeQuery("AbCd.local.");
    assertThat(Bytes.copyOf(q.duplicate()).toHex()).isEqualTo(""
        + "0000" + "0000" + "0002" + "0000" + "0000" + "0000"
        + "04" + "61626364" + "05" + "6c6f63616c" + "00" + "0001" + "8001"
        + "c00c" + "001c" + "8001");
    MdnsMessage m = MdnsMessage.parse(q);
    assertThat(m.isResponse()).isFalse();
    assertThat(m.questions()).containsExactly(
        new MdnsQuestion("abcd.local", MdnsMessage.TYPE_A, MdnsMessage.CLASS_IN, true),
        new MdnsQuestion("abcd.local", MdnsMessage.TYPE_AAAA, MdnsMessage.CLASS_IN, true));
  }

  @Test
  void encodesAUuidName() throws Exception {
    MdnsMessage m = MdnsMessage.parse(MdnsMessage.encodeQuery(NAME));
    assertThat(m.questions()).extracting(MdnsQuestion::name).containsExactly(NAME, NAME);
  }

  @Test
  void refusesNamesThatCannotBeEncoded() {
    assertThatThrownBy(() -> MdnsMessage.encodeQuery("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MdnsMessage.encodeQuery("a..local")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MdnsMessage.encodeQuery("x".repeat(64) + ".local")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MdnsMessage.encodeQuery(("x".repeat(60) + ".").repeat(5) + "local"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parsesAResponseWithCompressionPointers() throws Exception {
    MdnsMessage m = MdnsMessage.parse(hex(RESPONSE_HEX));
    assertThat(m.isResponse()).isTrue();
    assertThat(m.opcode()).isZero();
    assertThat(m.questions()).isEmpty();
    assertThat(m.answers()).containsExactly(
        new MdnsRecord("abcd.local", 1, 1, true, 120, Bytes.fromHex("c0a80105")),
        new MdnsRecord("abcd.local", 28, 1, true, 120, Bytes.fromHex("fe800000000000000000000000000001")));
    assertThat(m.additionals()).containsExactly(
        new MdnsRecord("other.local", 1, 1, true, 120, Bytes.fromHex("0a000001")));
    assertThat(m.addressesFor("ABCD.local")).containsExactly(
        InetAddress.getByName("192.168.1.5"), InetAddress.getByName("fe80::1"));
    assertThat(m.addressesFor("other.local")).containsExactly(InetAddress.getByName("10.0.0.1"));
    assertThat(m.addressesFor("nobody.local")).isEmpty();
  }

  @Test
  void ignoresNonAddressRecordsAndWrongRdataLengths() throws Exception {
    String h = "0000" + "8400" + "0000" + "0003" + "0000" + "0000"
        + "01" + "61" + "05" + "6c6f63616c" + "00" + "0010" + "0001" + "00000078" + "0003" + "026869" // TXT
        + "c00c" + "0001" + "0001" + "00000078" + "0005" + "0102030405" // A with 5 bytes
        + "c00c" + "0001" + "0003" + "00000078" + "0004" + "01020304"; // A in class CH
    MdnsMessage m = MdnsMessage.parse(hex(h));
    assertThat(m.answers()).hasSize(3);
    assertThat(m.addressesFor("a.local")).isEmpty();
  }

  @Test
  void parseAdvancesToTheLimit() throws Exception {
    ByteBuffer b = hex(RESPONSE_HEX);
    MdnsMessage.parse(b);
    assertThat(b.hasRemaining()).isFalse();
  }

  @Test
  void everyTruncationIsMalformed() {
    byte[] full = Bytes.fromHex(RESPONSE_HEX).toArray();
    for (int n = 0; n < full.length; n++) {
      ByteBuffer b = ByteBuffer.wrap(full, 0, n);
      assertThatThrownBy(() -> MdnsMessage.parse(b)).as("truncated to %d", n).isInstanceOf(MalformedPacketException.class);
      assertThat(MdnsMessage.tryParse(ByteBuffer.wrap(full, 0, n))).isEmpty();
    }
  }

  @Test
  void rejectsPointerLoopsAndForwardPointers() {
    // An answer whose name points at itself.
    String self = "0000" + "8400" + "0000" + "0001" + "0000" + "0000" + "c00c" + "0001" + "0001" + "00000078" + "0004" + "01020304";
    // Label "a" then a pointer back to that label: a loop growing the name.
    String grow = "0000" + "8400" + "0000" + "0001" + "0000" + "0000" + "0161" + "c00c" + "0001" + "0001" + "00000078" + "0004" + "01020304";
    // A pointer forward to a pointer back to it.
    String pingPong = "0000" + "8400" + "0000" + "0001" + "0000" + "0000" + "c00e" + "c00c" + "0001" + "0001" + "00000078" + "0004" + "01020304";
    // A pointer beyond the message.
    String beyond = "0000" + "8400" + "0000" + "0001" + "0000" + "0000" + "c0ff" + "0001" + "0001" + "00000078" + "0004" + "01020304";
    for (String h : new String[] {self, grow, pingPong, beyond}) {
      assertThatThrownBy(() -> MdnsMessage.parse(hex(h))).isInstanceOf(MalformedPacketException.class);
      assertThat(MdnsMessage.tryParse(hex(h))).isEmpty();
    }
  }

  @Test
  void rejectsBadLengths() {
    String header = "0000" + "8400" + "0000" + "0001" + "0000" + "0000";
    String[] bad = {
        header + "05" + "616263" , // label longer than the rest
        header + "01" + "61" + "00" + "0001" + "0001" + "00000078" + "0010" + "01020304", // RDLENGTH past the end
        header + "41" + "61" + "00", // reserved label type 01
        header + "81" + "61" + "00", // reserved label type 10
        "0000" + "8400" + "0000" + "ffff" + "0000" + "0000", // counts with nothing behind them
        "0000" + "84", // short header
    };
    for (String h : bad) {
      assertThatThrownBy(() -> MdnsMessage.parse(hex(h))).as(h).isInstanceOf(MalformedPacketException.class);
    }
  }

  @Test
  void rejectsNamesOver255Octets() {
    StringBuilder h = new StringBuilder("0000" + "8400" + "0000" + "0001" + "0000" + "0000");
    for (int i = 0; i < 5; i++) {
      h.append("3f").append("61".repeat(63));
    }
    h.append("00").append("0001" + "0001" + "00000078" + "0004" + "01020304");
    assertThatThrownBy(() -> MdnsMessage.parse(hex(h.toString()))).isInstanceOf(MalformedPacketException.class);
  }

  @Test
  void randomCorruptionNeverThrowsAnythingElse() {
    byte[] full = Bytes.fromHex(RESPONSE_HEX).toArray();
    SplittableRandom random = new SplittableRandom(6762);
    for (int i = 0; i < 20_000; i++) {
      byte[] b = full.clone();
      int flips = 1 + random.nextInt(4);
      for (int f = 0; f < flips; f++) {
        b[random.nextInt(b.length)] = (byte) random.nextInt(256);
      }
      int len = random.nextInt(b.length + 1);
      MdnsMessage.tryParse(ByteBuffer.wrap(b, 0, len)).ifPresent(m -> m.addressesFor("abcd.local"));
    }
  }
}

package dev.webrtc4j.internal.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The USERNAME scanner on hand-built messages. */
class UdpMuxStunScannerTest {

  /** A STUN message builder for tests: attributes are padded, the header length is computed. */
  static final class Msg {
    private final int type;
    private final ByteArrayOutputStream attrs = new ByteArrayOutputStream();

    Msg(int type) {
      this.type = type;
    }

    static Msg bindingRequest() {
      return new Msg(0x0001);
    }

    Msg attr(int attrType, byte[] value) {
      attrs.write(attrType >> 8);
      attrs.write(attrType);
      attrs.write(value.length >> 8);
      attrs.write(value.length);
      attrs.writeBytes(value);
      for (int i = value.length; (i & 3) != 0; i++) {
        attrs.write(0);
      }
      return this;
    }

    Msg username(String u) {
      return attr(0x0006, u.getBytes(StandardCharsets.UTF_8));
    }

    byte[] bytes() {
      byte[] a = attrs.toByteArray();
      ByteBuffer b = ByteBuffer.allocate(20 + a.length);
      b.putShort((short) type).putShort((short) a.length).putInt(0x2112A442);
      b.put(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
      b.put(a);
      return b.array();
    }
  }

  private static ByteBuffer wrap(byte[] b) {
    return ByteBuffer.wrap(b);
  }

  @Test
  void readsUsernameAsTheOnlyAttribute() {
    byte[] m = Msg.bindingRequest().username("abcd:wxyz").bytes();
    assertThat(UdpMuxStunScanner.username(wrap(m))).isEqualTo("abcd:wxyz");
    assertThat(UdpMuxStunScanner.localUfrag(wrap(m))).isEqualTo("abcd");
  }

  @Test
  void skipsPaddedAttributesBeforeUsername() {
    byte[] m = Msg.bindingRequest()
        .attr(0x8022, "soft".getBytes(StandardCharsets.US_ASCII)) // SOFTWARE, 4 bytes: no padding
        .attr(0x0024, new byte[] {0, 0, 0, 1})                    // PRIORITY
        .attr(0x802A, new byte[] {1, 2, 3, 4, 5, 6, 7, 8})        // ICE-CONTROLLING
        .attr(0x7777, new byte[] {9})                             // unknown, 1 byte + 3 padding
        .attr(0x0025, new byte[0])                                // USE-CANDIDATE, empty
        .username("u1:r2345") // 8 bytes
        .bytes();
    assertThat(UdpMuxStunScanner.localUfrag(wrap(m))).isEqualTo("u1");
  }

  @Test
  void readsAUsernameThatNeedsPaddingAndHonoursBufferPosition() {
    byte[] m = Msg.bindingRequest().attr(0x7777, new byte[] {1, 2, 3}).username("abc:defgh").bytes();
    byte[] framed = new byte[m.length + 7];
    System.arraycopy(m, 0, framed, 5, m.length);
    ByteBuffer b = ByteBuffer.wrap(framed, 5, m.length);
    assertThat(UdpMuxStunScanner.localUfrag(b)).isEqualTo("abc");
    assertThat(b.position()).isEqualTo(5);
  }

  @Test
  void takesTheFirstUsername() {
    byte[] m = Msg.bindingRequest().username("first:x").username("second:y").bytes();
    assertThat(UdpMuxStunScanner.localUfrag(wrap(m))).isEqualTo("first");
  }

  @Test
  void ignoresUsernameAfterIntegrityOrFingerprint() {
    byte[] afterMi = Msg.bindingRequest().attr(0x0008, new byte[20]).username("a:b").bytes();
    byte[] afterFp = Msg.bindingRequest().attr(0x8028, new byte[4]).username("a:b").bytes();
    assertThat(UdpMuxStunScanner.username(wrap(afterMi))).isNull();
    assertThat(UdpMuxStunScanner.username(wrap(afterFp))).isNull();
  }

  @Test
  void localUfragNeedsABindingRequestAndAnIceUsername() {
    assertThat(UdpMuxStunScanner.localUfrag(wrap(new Msg(0x0101).username("a:b").bytes()))).isNull(); // success response
    assertThat(UdpMuxStunScanner.localUfrag(wrap(new Msg(0x0011).username("a:b").bytes()))).isNull(); // indication
    assertThat(UdpMuxStunScanner.localUfrag(wrap(Msg.bindingRequest().username("nocolon").bytes()))).isNull();
    assertThat(UdpMuxStunScanner.localUfrag(wrap(Msg.bindingRequest().username(":b").bytes()))).isNull();
    assertThat(UdpMuxStunScanner.localUfrag(wrap(Msg.bindingRequest().username("a:").bytes()))).isNull();
    assertThat(UdpMuxStunScanner.localUfrag(wrap(Msg.bindingRequest().bytes()))).isNull();
  }

  @Test
  void rejectsBadHeaders() {
    byte[] m = Msg.bindingRequest().username("a:b").bytes();
    byte[] badCookie = m.clone();
    badCookie[4] = 0x21 ^ 1;
    assertThat(UdpMuxStunScanner.username(wrap(badCookie))).isNull();
    byte[] topBits = m.clone();
    topBits[0] = (byte) 0x40;
    assertThat(UdpMuxStunScanner.username(wrap(topBits))).isNull();
    byte[] oddLength = m.clone();
    oddLength[3] += 1;
    assertThat(UdpMuxStunScanner.username(wrap(oddLength))).isNull();
    byte[] tooLong = m.clone();
    tooLong[3] += 4;
    assertThat(UdpMuxStunScanner.username(wrap(tooLong))).isNull();
    assertThat(UdpMuxStunScanner.username(wrap(new byte[19]))).isNull();
  }

  @Test
  void rejectsAttributesThatRunPastTheMessage() {
    byte[] m = Msg.bindingRequest().attr(0x7777, new byte[4]).username("abcd:efgh").bytes();
    byte[] firstTooLong = m.clone();
    firstTooLong[23] = 100; // unknown attribute claims 100 bytes
    assertThat(UdpMuxStunScanner.username(wrap(firstTooLong))).isNull();
    byte[] usernameTooLong = m.clone();
    usernameTooLong[31] = 12; // USERNAME claims 12 of its 9 (padded 12) ... then 13
    assertThat(UdpMuxStunScanner.username(wrap(usernameTooLong))).isEqualTo("abcd:efgh\0\0\0");
    usernameTooLong[31] = 13;
    assertThat(UdpMuxStunScanner.username(wrap(usernameTooLong))).isNull();
    // message length shrunk so the padding of USERNAME is cut off
    byte[] cutPadding = m.clone();
    cutPadding[3] -= 4;
    assertThat(UdpMuxStunScanner.username(wrap(cutPadding))).isNull();
  }

  @Test
  void rejectsOverlongAndNonUtf8Usernames() {
    assertThat(UdpMuxStunScanner.username(wrap(Msg.bindingRequest().attr(0x0006, new byte[] {'a', ':', (byte) 0xC3}).bytes())))
        .isNull();
    String big = "a:" + "b".repeat(UdpMuxStunScanner.MAX_USERNAME_BYTES - 1);
    assertThat(UdpMuxStunScanner.username(wrap(Msg.bindingRequest().username(big).bytes()))).isNull();
    String max = "a:" + "b".repeat(UdpMuxStunScanner.MAX_USERNAME_BYTES - 2);
    assertThat(UdpMuxStunScanner.username(wrap(Msg.bindingRequest().username(max).bytes()))).isEqualTo(max);
  }

  @Test
  void neverThrowsOnTruncationsOrRandomCorruption() {
    byte[] m = Msg.bindingRequest().attr(0x8022, "x".getBytes(StandardCharsets.US_ASCII)).username("abcd:efgh")
        .attr(0x0008, new byte[20]).attr(0x8028, new byte[4]).bytes();
    for (int n = 0; n <= m.length; n++) {
      ByteBuffer b = ByteBuffer.wrap(m, 0, n);
      UdpMuxStunScanner.localUfrag(b);
      if (n < m.length) {
        assertThat(UdpMuxStunScanner.username(b)).as("truncated to %d", n).isNull();
      }
    }
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 20_000; i++) {
      byte[] c = m.clone();
      for (int k = 0; k < 3; k++) {
        int at = random.nextInt(c.length);
        if (at >= 4 && at < 8) {
          at = 2; // keep the cookie so most inputs reach the attribute scan
        }
        c[at] ^= (byte) random.nextInt(256);
      }
      UdpMuxStunScanner.localUfrag(ByteBuffer.wrap(c, 0, random.nextInt(c.length + 1)));
    }
  }
}

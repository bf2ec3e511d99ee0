package dev.webrtc4j.internal.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.bouncycastle.tls.CipherSuite;
import org.junit.jupiter.api.Test;

class RecordScreenTest {
  static final RecordScreen GCM = RecordScreen.forSuite(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, false);

  static byte[] record(int type, int epoch, int fragmentLength) {
    ByteBuffer b = ByteBuffer.allocate(13 + fragmentLength);
    b.put((byte) type).putShort((short) 0xfefd).putShort((short) epoch).putShort((short) 0).putInt(7).putShort((short) fragmentLength);
    return b.array();
  }

  static ByteBuffer concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    ByteBuffer b = ByteBuffer.allocate(n);
    for (byte[] p : parts) {
      b.put(p);
    }
    return b.flip();
  }

  @Test
  void passesWellFormedDatagramsWithoutCopying() {
    ByteBuffer d = concat(record(23, 1, 24), record(23, 1, 1000));
    assertThat(GCM.screen(d)).isSameAs(d);
    ByteBuffer retransmittedFlight = concat(record(22, 0, 50), record(20, 0, 1), record(22, 1, 40));
    assertThat(GCM.screen(retransmittedFlight)).isSameAs(retransmittedFlight);
  }

  @Test
  void dropsProtectedRecordsTooShortForTheCipher() {
    assertThat(GCM.screen(concat(record(23, 1, 23)))).isNull();
    assertThat(GCM.screen(concat(record(20, 1, 1)))).isNull();
    assertThat(RecordScreen.forSuite(CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256, false).screen(concat(record(23, 1, 16)))).isNotNull();
  }

  @Test
  void dropsProtectedRecordsOfAnotherVersion() {
    byte[] r = record(22, 1, 48);
    r[2] = (byte) 0xfe; // DTLS 1.0
    assertThat(GCM.screen(concat(r))).isNull();
    byte[] hello = record(22, 0, 48);
    hello[2] = (byte) 0xff;
    assertThat(GCM.screen(concat(hello))).isNotNull();
  }

  @Test
  void dropsPlaintextAlertsAndDataAtEpochZero() {
    assertThat(GCM.screen(concat(record(21, 0, 2)))).isNull();
    assertThat(GCM.screen(concat(record(23, 0, 30)))).isNull();
  }

  @Test
  void keepsOnlyTheGoodRecordsOfAMixedDatagram() {
    byte[] good = record(23, 1, 40);
    good[20] = 9;
    ByteBuffer d = concat(record(21, 0, 2), good, record(23, 1, 3));
    ByteBuffer out = GCM.screen(d);
    assertThat(out).isNotNull().isNotSameAs(d);
    byte[] bytes = new byte[out.remaining()];
    out.get(bytes);
    assertThat(bytes).isEqualTo(good);
    assertThat(d.position()).isZero();
  }

  @Test
  void dropsATruncatedTail() {
    byte[] good = record(23, 1, 30);
    ByteBuffer d = concat(good, new byte[] {23, (byte) 0xfe, (byte) 0xfd, 0, 1});
    ByteBuffer out = GCM.screen(d);
    assertThat(out.remaining()).isEqualTo(good.length);
    ByteBuffer lying = concat(record(23, 1, 30), new byte[5]);
    lying.putShort(11, (short) 60);
    assertThat(GCM.screen(lying)).isNull();
  }

  @Test
  void cbcRecordsMustBeWholeBlocks() {
    RecordScreen cbc = RecordScreen.forSuite(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA, false);
    assertThat(cbc.accepts(23, 0xfefd, 1, 48)).isTrue();
    assertThat(cbc.accepts(23, 0xfefd, 1, 47)).isFalse();
    assertThat(cbc.accepts(23, 0xfefd, 1, 50)).isFalse();
    RecordScreen etm = RecordScreen.forSuite(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA, true);
    assertThat(etm.accepts(23, 0xfefd, 1, 52)).isTrue();
    assertThat(etm.accepts(23, 0xfefd, 1, 53)).isFalse();
    assertThat(etm.accepts(23, 0xfefd, 1, 36)).isFalse();
  }
}

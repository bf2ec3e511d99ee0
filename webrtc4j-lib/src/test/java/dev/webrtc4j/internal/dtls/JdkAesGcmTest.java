package dev.webrtc4j.internal.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webrtc4j.internal.util.Bytes;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.SplittableRandom;
import javax.crypto.Cipher;
import org.bouncycastle.tls.crypto.impl.TlsAEADCipherImpl;
import org.bouncycastle.tls.crypto.impl.jcajce.JceAEADCipherImpl;
import org.junit.jupiter.api.Test;

class JdkAesGcmTest {
  static final int TAG = 16;

  static JdkAesGcm gcm(byte[] key, boolean encrypting) throws Exception {
    JdkAesGcm c = new JdkAesGcm(Cipher.getInstance(JdkAesGcm.CIPHER_NAME), key.length, encrypting);
    c.setKey(key, 0, key.length);
    return c;
  }

  /** BC's own implementation, the one {@link JdkAesGcm} replaces. */
  static TlsAEADCipherImpl bc(byte[] key, boolean encrypting) throws Exception {
    JdkTlsCrypto crypto = new JdkTlsCrypto(new SecureRandom());
    TlsAEADCipherImpl c = new JceAEADCipherImpl(crypto, JdkJcaHelper.INSTANCE, JdkAesGcm.CIPHER_NAME, "AES", key.length, encrypting);
    c.setKey(key, 0, key.length);
    return c;
  }

  static byte[] seal(TlsAEADCipherImpl c, byte[] nonce, byte[] aad, byte[] plaintext) throws Exception {
    c.init(nonce, TAG);
    byte[] out = new byte[c.getOutputSize(plaintext.length)];
    System.arraycopy(plaintext, 0, out, 0, plaintext.length);
    int n = c.doFinal(aad, out, 0, plaintext.length, out, 0); // in place, as BC's TlsAEADCipher does
    assertThat(n).isEqualTo(out.length);
    return out;
  }

  static byte[] open(TlsAEADCipherImpl c, byte[] nonce, byte[] aad, byte[] sealed) throws Exception {
    c.init(nonce, TAG);
    byte[] buf = sealed.clone();
    int n = c.doFinal(aad, buf, 0, buf.length, buf, 0);
    assertThat(n).isEqualTo(c.getOutputSize(sealed.length));
    return Arrays.copyOf(buf, n);
  }

  static byte[] hex(String s) {
    return Bytes.fromHex(s).toArray();
  }

  // The GCM specification's test cases 4 (AES-128) and 16 (AES-256): 60-byte plaintext, 20 bytes
  // of additional data, 96-bit IV (McGrew and Viega, "The Galois/Counter Mode of Operation",
  // Appendix B; also in NIST's GCM validation vectors).
  static final String P =
      "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39";
  static final String A = "feedfacedeadbeeffeedfacedeadbeefabaddad2";
  static final String IV = "cafebabefacedbaddecaf888";

  @Test
  void aes128MatchesTheGcmSpecificationTestCase4() throws Exception {
    byte[] key = hex("feffe9928665731c6d6a8f9467308308");
    String expected =
        "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091"
            + "5bc94fbc3221a5db94fae95ae7121a47";
    assertThat(Bytes.wrapOwned(seal(gcm(key, true), hex(IV), hex(A), hex(P))).toHex()).isEqualTo(expected);
    assertThat(Bytes.wrapOwned(open(gcm(key, false), hex(IV), hex(A), hex(expected))).toHex()).isEqualTo(P);
  }

  @Test
  void aes256MatchesTheGcmSpecificationTestCase16() throws Exception {
    byte[] key = hex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308");
    String expected =
        "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662"
            + "76fc6ece0f4e1768cddf8853bb2d551b";
    assertThat(Bytes.wrapOwned(seal(gcm(key, true), hex(IV), hex(A), hex(P))).toHex()).isEqualTo(expected);
    assertThat(Bytes.wrapOwned(open(gcm(key, false), hex(IV), hex(A), hex(expected))).toHex()).isEqualTo(P);
  }

  /** Many records on one cipher object, against BC's implementation in both directions. */
  @Test
  void agreesWithBouncyCastlesImplementationRecordAfterRecord() throws Exception {
    SplittableRandom random = new SplittableRandom(6);
    for (int keyLength : new int[] {16, 32}) {
      byte[] key = new byte[keyLength];
      random.nextBytes(key);
      JdkAesGcm ourSeal = gcm(key, true);
      JdkAesGcm ourOpen = gcm(key, false);
      TlsAEADCipherImpl bcSeal = bc(key, true);
      TlsAEADCipherImpl bcOpen = bc(key, false);
      byte[] nonce = new byte[12];
      random.nextBytes(nonce);
      for (long seq = 0; seq < 300; seq++) {
        // RFC 5288 §3: 4-byte salt from the key block, 8-byte explicit part (here the sequence number).
        for (int i = 0; i < 8; i++) {
          nonce[4 + i] = (byte) (seq >>> (56 - 8 * i));
        }
        byte[] aad = new byte[13];
        random.nextBytes(aad);
        byte[] plaintext = new byte[random.nextInt(0, 1500)];
        random.nextBytes(plaintext);
        byte[] ours = seal(ourSeal, nonce, aad, plaintext);
        byte[] theirs = seal(bcSeal, nonce, aad, plaintext);
        assertThat(ours).isEqualTo(theirs);
        assertThat(open(bcOpen, nonce, aad, ours)).isEqualTo(plaintext);
        assertThat(open(ourOpen, nonce, aad, theirs)).isEqualTo(plaintext);
      }
    }
  }

  @Test
  void tamperedCiphertextTagOrAdditionalDataFailsAndTheNextRecordStillOpens() throws Exception {
    byte[] key = hex("feffe9928665731c6d6a8f9467308308");
    byte[] sealed = seal(gcm(key, true), hex(IV), hex(A), hex(P));
    JdkAesGcm opener = gcm(key, false);
    for (int flip : new int[] {0, 30, sealed.length - TAG, sealed.length - 1}) {
      byte[] bad = sealed.clone();
      bad[flip] ^= 0x01;
      // BC's TlsAEADCipher maps a RuntimeException from doFinal to bad_record_mac, and DTLS
      // discards such records.
      assertThatThrownBy(() -> open(opener, hex(IV), hex(A), bad)).isInstanceOf(IllegalStateException.class);
    }
    byte[] otherAad = hex(A);
    otherAad[0] ^= 0x01;
    assertThatThrownBy(() -> open(opener, hex(IV), otherAad, sealed)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> open(opener, hex(IV), hex(A), Arrays.copyOf(sealed, TAG - 1))).isInstanceOf(IllegalStateException.class);
    assertThat(Bytes.wrapOwned(open(opener, hex(IV), hex(A), sealed)).toHex()).isEqualTo(P);
  }

  @Test
  void encryptingTwiceWithOneNonceIsRefused() throws Exception {
    JdkAesGcm sealer = gcm(hex("feffe9928665731c6d6a8f9467308308"), true);
    seal(sealer, hex(IV), hex(A), hex(P));
    assertThatThrownBy(() -> sealer.init(hex(IV), TAG)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void keyOfTheWrongSizeOrNoKeyIsABug() throws Exception {
    JdkAesGcm c = new JdkAesGcm(Cipher.getInstance(JdkAesGcm.CIPHER_NAME), 16, true);
    assertThatThrownBy(() -> c.init(hex(IV), TAG)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> c.setKey(new byte[32], 0, 32)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void theCryptoServesAesGcmWithThisImplementation() throws Exception {
    JdkTlsCrypto crypto = new JdkTlsCrypto(new SecureRandom());
    assertThat(crypto.createAEADCipher(JdkAesGcm.CIPHER_NAME, "AES", 16, true)).isInstanceOf(JdkAesGcm.class);
    assertThat(crypto.createAEADCipher(JdkAesGcm.CIPHER_NAME, "AES", 32, false)).isInstanceOf(JdkAesGcm.class);
  }
}

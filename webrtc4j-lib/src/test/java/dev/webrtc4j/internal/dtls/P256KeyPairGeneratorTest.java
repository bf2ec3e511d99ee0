package dev.webrtc4j.internal.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.KeyAgreement;
import org.junit.jupiter.api.Test;

/** The BC-made P-256 key pairs behave, encode and agree like the JDK's own. */
class P256KeyPairGeneratorTest {
  private static final BigInteger N = P256EcdsaVerifier.DOMAIN.getN();

  private static KeyPair jdkKeyPair() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  @Test
  void keysAreTheJdksKeyObjectsWithTheNamedCurveEncodings() throws Exception {
    KeyPair ours = P256KeyPairGenerator.generate(new SecureRandom());
    KeyPair jdk = jdkKeyPair();
    assertThat(ours.getPublic().getClass()).isEqualTo(jdk.getPublic().getClass());
    assertThat(ours.getPrivate().getClass()).isEqualTo(jdk.getPrivate().getClass());
    assertThat(((ECPublicKey) ours.getPublic()).getParams().toString())
        .isEqualTo(((ECPublicKey) jdk.getPublic()).getParams().toString());
    // SubjectPublicKeyInfo with id-ecPublicKey and the secp256r1 OID (not explicit parameters), uncompressed point.
    byte[] spki = ours.getPublic().getEncoded();
    assertThat(spki).hasSize(91);
    assertThat(HexFormat.of().formatHex(Arrays.copyOf(spki, 27)))
        .isEqualTo("3059301306072a8648ce3d020106082a8648ce3d03010703420004");
    assertThat(Arrays.copyOf(spki, 27)).isEqualTo(Arrays.copyOf(jdk.getPublic().getEncoded(), 27));
    // PKCS#8 of the same shape as the JDK's (algorithm identifier with the named curve).
    byte[] pkcs8 = ours.getPrivate().getEncoded();
    byte[] jdkPkcs8 = jdk.getPrivate().getEncoded();
    assertThat(pkcs8).hasSameSizeAs(jdkPkcs8);
    assertThat(Arrays.copyOf(pkcs8, 26)).isEqualTo(Arrays.copyOf(jdkPkcs8, 26));
  }

  @Test
  void publicPointIsThePrivateScalarTimesGAsTheJdkComputesIt() throws Exception {
    for (int i = 0; i < 20; i++) {
      KeyPair ours = P256KeyPairGenerator.generate(new SecureRandom());
      KeyPair other = jdkKeyPair();
      // ECDH both ways: equal only if our Q is d·G in the JDK's own arithmetic.
      assertThat(agree(ours, other)).isEqualTo(agree(other, ours));
      BigInteger d = ((ECPrivateKey) ours.getPrivate()).getS();
      assertThat(d.signum()).isPositive();
      assertThat(d).isLessThan(N);
      // And the JDK's ECDSA signs with our private key and verifies with our public key.
      Signature s = Signature.getInstance("SHA256withECDSA");
      s.initSign(ours.getPrivate());
      s.update(new byte[] {9, 8, 7});
      byte[] sig = s.sign();
      Signature v = Signature.getInstance("SHA256withECDSA");
      v.initVerify(ours.getPublic());
      v.update(new byte[] {9, 8, 7});
      assertThat(v.verify(sig)).isTrue();
    }
  }

  private static byte[] agree(KeyPair a, KeyPair b) throws Exception {
    KeyAgreement ka = KeyAgreement.getInstance("ECDH");
    ka.init(a.getPrivate());
    ka.doPhase(b.getPublic(), true);
    return ka.generateSecret();
  }

  @Test
  void scalarIsDrawnFromTheRandomPassedInRejectingZeroAndValuesFromN() throws Exception {
    byte[] wanted = new byte[32];
    wanted[31] = 5;
    // First draw 2^256-1 (>= n), then 0: both rejected; then 5.
    SecureRandom scripted = new ScriptedRandom(filled((byte) 0xff), new byte[32], wanted);
    KeyPair k = P256KeyPairGenerator.generate(scripted);
    assertThat(((ECPrivateKey) k.getPrivate()).getS()).isEqualTo(BigInteger.valueOf(5));
    // n - 1 is the largest scalar accepted.
    byte[] max = toUnsigned32(N.subtract(BigInteger.ONE));
    KeyPair top = P256KeyPairGenerator.generate(new ScriptedRandom(toUnsigned32(N), max));
    assertThat(((ECPrivateKey) top.getPrivate()).getS()).isEqualTo(N.subtract(BigInteger.ONE));
  }

  @Test
  void sameRandomGivesTheSameKeysAndCertificate() throws Exception {
    KeyPair a = P256KeyPairGenerator.generate(DtlsCertificateTest.seeded(7));
    KeyPair b = P256KeyPairGenerator.generate(DtlsCertificateTest.seeded(7));
    KeyPair c = P256KeyPairGenerator.generate(DtlsCertificateTest.seeded(8));
    assertThat(a.getPublic().getEncoded()).isEqualTo(b.getPublic().getEncoded());
    assertThat(a.getPrivate().getEncoded()).isEqualTo(b.getPrivate().getEncoded());
    assertThat(c.getPublic().getEncoded()).isNotEqualTo(a.getPublic().getEncoded());
  }

  @Test
  void manyCertificatesVerifyWithTheJdkAndTheirKeysSignForThem() throws Exception {
    // Many, so that signatures with short r or s (DER INTEGERs of fewer than 32 bytes) occur.
    for (int i = 0; i < 100; i++) {
      DtlsCertificate c = DtlsCertificate.generate(KeyParams.ECDSA_P256, DtlsCertificateTest.NOW, Duration.ofDays(30),
          new SecureRandom());
      c.x509().verify(c.x509().getPublicKey());
      assertThat(c.x509().getSigAlgName()).isEqualTo("SHA256withECDSA");
      assertPrivateKeyBelongsToCertificate(c);
    }
    DtlsCertificate c = DtlsCertificate.generate(DtlsCertificateTest.NOW, new SecureRandom());
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initSign(c.privateKey());
    s.update(new byte[] {1});
    byte[] sig = s.sign();
    Signature v = Signature.getInstance("SHA256withECDSA");
    v.initVerify(c.x509());
    v.update(new byte[] {1});
    assertThat(v.verify(sig)).isTrue();
  }

  /** ECDH in the JDK with the certificate's private key equals the one with its public key: Q = d·G. */
  private static void assertPrivateKeyBelongsToCertificate(DtlsCertificate c) throws Exception {
    ECPrivateKey k = (ECPrivateKey) c.privateKey();
    KeyPair other = jdkKeyPair();
    KeyAgreement mine = KeyAgreement.getInstance("ECDH");
    mine.init(k);
    mine.doPhase(other.getPublic(), true);
    KeyAgreement theirs = KeyAgreement.getInstance("ECDH");
    theirs.init(other.getPrivate());
    theirs.doPhase(c.x509().getPublicKey(), true);
    assertThat(mine.generateSecret()).isEqualTo(theirs.generateSecret());
  }

  private static byte[] filled(byte b) {
    byte[] out = new byte[32];
    Arrays.fill(out, b);
    return out;
  }

  private static byte[] toUnsigned32(BigInteger v) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[32];
    int n = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - n, out, 32 - n, n);
    return out;
  }

  /** Hands out the given 32-byte blocks in order, one per nextBytes call. */
  private static final class ScriptedRandom extends SecureRandom {
    private final byte[][] blocks;
    private int next;

    ScriptedRandom(byte[]... blocks) {
      this.blocks = blocks;
    }

    @Override
    public void nextBytes(byte[] bytes) {
      byte[] b = blocks[next++];
      if (bytes.length != b.length) {
        throw new AssertionError("expected a draw of " + b.length + " bytes, got " + bytes.length);
      }
      System.arraycopy(b, 0, bytes, 0, b.length);
    }
  }
}

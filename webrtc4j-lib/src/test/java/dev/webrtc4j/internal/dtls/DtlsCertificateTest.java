package dev.webrtc4j.internal.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class DtlsCertificateTest {
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  static SecureRandom seeded(long seed) throws Exception {
    SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
    r.setSeed(seed);
    return r;
  }

  @Test
  void generatesSelfSignedEcdsaP256CertificateSignedWithSha256() throws Exception {
    DtlsCertificate c = DtlsCertificate.generate(KeyParams.ECDSA_P256, NOW, Duration.ofDays(30), new SecureRandom());
    assertThat(c.isEcdsa()).isTrue();
    assertThat(c.x509().getSigAlgName()).isEqualTo("SHA256withECDSA");
    assertThat(((ECPublicKey) c.x509().getPublicKey()).getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
    assertThat(c.x509().getSubjectX500Principal()).isEqualTo(c.x509().getIssuerX500Principal());
    c.x509().verify(c.x509().getPublicKey());
    assertThat(c.x509().getSerialNumber().signum()).isPositive();
    assertKeyMatchesCertificate(c, "SHA256withECDSA");
  }

  @Test
  void generatesRsaCertificateWithRequestedModulusAndExponent() throws Exception {
    DtlsCertificate c =
        DtlsCertificate.generate(new KeyParams.Rsa(2048, BigInteger.valueOf(65537)), NOW, Duration.ofDays(1), new SecureRandom());
    RSAPublicKey pub = (RSAPublicKey) c.x509().getPublicKey();
    assertThat(pub.getModulus().bitLength()).isEqualTo(2048);
    assertThat(pub.getPublicExponent()).isEqualTo(BigInteger.valueOf(65537));
    assertThat(c.x509().getSigAlgName()).isEqualTo("SHA256withRSA");
    assertThat(c.isEcdsa()).isFalse();
    c.x509().verify(pub);
    assertKeyMatchesCertificate(c, "SHA256withRSA");
  }

  @Test
  void rejectsRsaParametersBrowsersReject() {
    assertThatThrownBy(() -> new KeyParams.Rsa(512, BigInteger.valueOf(65537))).hasMessageContaining("modulusLength");
    assertThatThrownBy(() -> new KeyParams.Rsa(2048, BigInteger.valueOf(4))).hasMessageContaining("publicExponent");
  }

  @Test
  void validityIsComputedFromNowAndExpires() {
    DtlsCertificate c = DtlsCertificate.generate(KeyParams.ECDSA_P256, NOW, Duration.ofDays(10), new SecureRandom());
    assertThat(c.notAfter()).isEqualTo(NOW.plus(Duration.ofDays(10)));
    assertThat(c.notBefore()).isEqualTo(NOW.minus(Duration.ofDays(1)));
  }

  @Test
  void rejectsNonPositiveOrUnrepresentableExpires() {
    assertThatThrownBy(() -> DtlsCertificate.generate(KeyParams.ECDSA_P256, NOW, Duration.ZERO, new SecureRandom()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DtlsCertificate.generate(KeyParams.ECDSA_P256, NOW, Duration.ofDays(-1), new SecureRandom()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DtlsCertificate.generate(KeyParams.ECDSA_P256, NOW, Duration.ofDays(3_000_000), new SecureRandom()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void validityUsesUtcTimeBefore2050AndGeneralizedTimeFrom2050() throws Exception {
    // RFC 5280 §4.1.2.5: the JDK parses both forms; the dates must round-trip to the second.
    Instant now = Instant.parse("2049-12-01T00:00:00.750Z");
    DtlsCertificate c = DtlsCertificate.generate(KeyParams.ECDSA_P256, now, Duration.ofDays(60), new SecureRandom());
    assertThat(c.x509().getNotBefore().toInstant()).isEqualTo(Instant.parse("2049-11-30T00:00:00Z"));
    assertThat(c.x509().getNotAfter().toInstant()).isEqualTo(Instant.parse("2050-01-30T00:00:00Z"));
    assertThat(c.notBefore()).isEqualTo(c.x509().getNotBefore().toInstant());
    assertThat(c.notAfter()).isEqualTo(c.x509().getNotAfter().toInstant());
    byte[] der = c.der().toArray();
    assertThat(indexOf(der, "491130000000Z")).as("UTCTime notBefore").isPositive();
    assertThat(der[indexOf(der, "491130000000Z") - 2]).isEqualTo((byte) 0x17);
    assertThat(der[indexOf(der, "20500130000000Z") - 2]).as("GeneralizedTime notAfter").isEqualTo((byte) 0x18);
    c.x509().verify(c.x509().getPublicKey());
  }

  @Test
  void derIsWhatTheJdkEncodesAgainAndNamesAreEqualCommonNames() throws Exception {
    for (KeyParams p : List.of(KeyParams.ECDSA_P256, new KeyParams.Rsa(1024, BigInteger.valueOf(65537)))) {
      DtlsCertificate c = DtlsCertificate.generate(p, NOW, Duration.ofDays(30), new SecureRandom());
      // A DER re-encoding by the JDK equals ours: lengths, tags and the v3 version are canonical.
      assertThat(c.x509().getEncoded()).isEqualTo(c.der().toArray());
      assertThat(c.x509().getVersion()).isEqualTo(3);
      assertThat(c.x509().getSubjectX500Principal().getName()).matches("CN=[0-9a-f]{16}");
      assertThat(c.x509().getTBSCertificate()).isNotEmpty();
      c.x509().checkValidity(java.util.Date.from(NOW));
    }
  }

  private static int indexOf(byte[] haystack, String ascii) {
    byte[] n = ascii.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    outer:
    for (int i = 0; i + n.length <= haystack.length; i++) {
      for (int j = 0; j < n.length; j++) {
        if (haystack[i + j] != n[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Test
  void serialCommonNameKeyAndSignatureComeOnlyFromTheRandomPassedIn() throws Exception {
    DtlsCertificate a = DtlsCertificate.generate(KeyParams.ECDSA_P256, NOW, Duration.ofDays(30), seeded(42));
    DtlsCertificate b = DtlsCertificate.generate(KeyParams.ECDSA_P256, NOW, Duration.ofDays(30), seeded(42));
    DtlsCertificate c = DtlsCertificate.generate(KeyParams.ECDSA_P256, NOW, Duration.ofDays(30), seeded(43));
    assertThat(a.der()).isEqualTo(b.der());
    assertThat(c.x509().getSerialNumber()).isNotEqualTo(a.x509().getSerialNumber());
    assertThat(c.x509().getSubjectX500Principal()).isNotEqualTo(a.x509().getSubjectX500Principal());
  }

  @Test
  void fingerprintsEqualAnIndependentDigestOfTheDer() throws Exception {
    DtlsCertificate c = DtlsCertificate.generate(NOW, new SecureRandom());
    byte[] der = c.x509().getEncoded();
    String[][] cases = {
      {"sha-1", "SHA-1"}, {"sha-224", "SHA-224"}, {"sha-256", "SHA-256"}, {"sha-384", "SHA-384"}, {"sha-512", "SHA-512"}
    };
    for (String[] cs : cases) {
      HashFunction h = HashFunction.fromSdpName(cs[0]).orElseThrow();
      String expected =
          String.join(":", HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance(cs[1]).digest(der)).split("(?<=\\G..)"));
      Fingerprint f = c.fingerprint(h);
      assertThat(f.hexValue()).isEqualTo(expected);
      assertThat(f.toSdp()).isEqualTo(cs[0] + " " + expected);
      assertThat(f.matches(der)).isTrue();
    }
    assertThat(c.fingerprints()).hasSize(5).first().isEqualTo(c.sha256Fingerprint());
  }

  @Test
  void parsesFingerprintAttributeCaseInsensitively() throws Exception {
    DtlsCertificate c = DtlsCertificate.generate(NOW, new SecureRandom());
    Fingerprint f = c.sha256Fingerprint();
    assertThat(Fingerprint.parse(f.toSdp())).isEqualTo(f);
    Fingerprint lower = Fingerprint.parse("SHA-256 " + f.hexValue().toLowerCase(Locale.ROOT));
    assertThat(lower).isEqualTo(f);
    assertThat(lower.matches(c.der().toArray())).isTrue();
    assertThat(Fingerprint.parse("  sha-1 " + c.fingerprint(HashFunction.SHA_1).hexValue() + " ").hash()).isEqualTo(HashFunction.SHA_1);
  }

  @Test
  void fingerprintDoesNotMatchAnotherCertificate() {
    DtlsCertificate a = DtlsCertificate.generate(NOW, new SecureRandom());
    DtlsCertificate b = DtlsCertificate.generate(NOW, new SecureRandom());
    assertThat(a.sha256Fingerprint().matches(b.der().toArray())).isFalse();
  }

  @Test
  void rejectsMalformedFingerprintAttributes() {
    String ok32 = "AB:".repeat(31) + "AB";
    assertThatThrownBy(() -> Fingerprint.parse("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Fingerprint.parse("sha-256")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Fingerprint.parse("md5 " + "AB:".repeat(15) + "AB")).hasMessageContaining("md5");
    assertThatThrownBy(() -> Fingerprint.parse("sha-256 " + ok32 + ":AB")).hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> Fingerprint.parse("sha-256 " + ok32.substring(3))).hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> Fingerprint.parse("sha-256 " + "ZZ" + ok32.substring(2))).hasMessageContaining("ZZ");
    assertThatThrownBy(() -> Fingerprint.parse("sha-256 " + "A" + ok32.substring(2))).hasMessageContaining("position 0");
    assertThatThrownBy(() -> Fingerprint.parse("sha-256 " + ok32.replace(':', '-'))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void pemRoundTripKeepsCertificateAndKey() throws Exception {
    for (DtlsCertificate c : List.of(DtlsCertificate.generate(NOW, new SecureRandom()), EnginePair.rsaCertificate())) {
      assertThat(c.certificatePem()).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("-----END CERTIFICATE-----\n");
      assertThat(c.privateKeyPem()).startsWith("-----BEGIN PRIVATE KEY-----\n");
      DtlsCertificate back = DtlsCertificate.fromPem(c.certificatePem(), c.privateKeyPem());
      assertThat(back.der()).isEqualTo(c.der());
      assertThat(back.privateKey().getEncoded()).isEqualTo(c.privateKey().getEncoded());
      assertThat(back.sha256Fingerprint()).isEqualTo(c.sha256Fingerprint());
    }
  }

  @Test
  void pemImportRejectsGarbageAndMismatchedKeys() {
    DtlsCertificate ec = DtlsCertificate.generate(NOW, new SecureRandom());
    DtlsCertificate rsa = EnginePair.rsaCertificate();
    assertThatThrownBy(() -> DtlsCertificate.fromPem("garbage", ec.privateKeyPem())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DtlsCertificate.fromPem(ec.certificatePem(), "garbage")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DtlsCertificate.fromPem(ec.certificatePem(), rsa.privateKeyPem())).hasMessageContaining("does not belong");
  }

  @Test
  void ecdsaGenerationTakesMilliseconds() {
    SecureRandom random = new SecureRandom();
    DtlsCertificate.generate(NOW, random); // warm up
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      long t0 = System.nanoTime();
      DtlsCertificate.generate(NOW, random);
      best = Math.min(best, System.nanoTime() - t0);
    }
    // Generous bound for a loaded shared machine (RSA 2048 takes hundreds of milliseconds to
    // seconds); a warm P-256 run is about a millisecond.
    assertThat(Duration.ofNanos(best)).isLessThan(Duration.ofMillis(250));
  }

  private static void assertKeyMatchesCertificate(DtlsCertificate c, String alg) throws Exception {
    Signature s = Signature.getInstance(alg);
    s.initSign(c.privateKey());
    s.update(new byte[] {1, 2, 3});
    byte[] sig = s.sign();
    Signature v = Signature.getInstance(alg);
    v.initVerify(c.x509().getPublicKey());
    v.update(new byte[] {1, 2, 3});
    assertThat(v.verify(sig)).isTrue();
  }
}

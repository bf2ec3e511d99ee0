package dev.webrtc4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webrtc4j.internal.dtls.HashFunction;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Certificate generation, mirroring web-platform-tests webrtc/RTCPeerConnection-generateCertificate.html
 * and webrtc/RTCCertificate.html.
 */
class RTCCertificateTest {
  private static final Instant NOW = Instant.parse("2026-01-15T12:00:00.250Z");
  private static final InstantSource CLOCK = InstantSource.fixed(NOW);

  private static RTCCertificate generate(AlgorithmIdentifier a) throws Exception {
    return RTCCertificate.generate(a, CLOCK, new SecureRandom(), Runnable::run).get(30, TimeUnit.SECONDS);
  }

  private static Throwable failure(CompletableFuture<?> f) {
    assertThat(f).isCompletedExceptionally();
    try {
      f.get(30, TimeUnit.SECONDS);
      throw new AssertionError("did not fail");
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void ecdsaP256IsTheDefaultAndExpiresIn30Days() throws Exception {
    // 'generateCertificate() with compulsary ECDSA parameters should succeed'
    RTCCertificate c = generate(AlgorithmIdentifier.ecdsaP256());
    assertThat(c.expires()).isEqualTo(NOW.toEpochMilli() + Duration.ofDays(30).toMillis());
    assertThat(c.dtls().x509().getPublicKey()).isInstanceOf(ECPublicKey.class);
    assertThat(c.dtls().isEcdsa()).isTrue();
    assertThat(c.isExpired(CLOCK)).isFalse();
  }

  @Test
  void rsa2048WithExponent65537() throws Exception {
    // 'generateCertificate() with compulsary RSASSA-PKCS1-v1_5 parameters should succeed'
    RTCCertificate c = generate(AlgorithmIdentifier.rsassaPkcs1v15(2048, new BigInteger(1, new byte[] {1, 0, 1}),
        "SHA-256"));
    RSAPublicKey key = (RSAPublicKey) c.dtls().x509().getPublicKey();
    assertThat(key.getModulus().bitLength()).isEqualTo(2048);
    assertThat(key.getPublicExponent()).isEqualTo(BigInteger.valueOf(65537));
    assertThat(c.dtls().x509().getSigAlgName()).isEqualToIgnoringCase("SHA256withRSA");
  }

  @Test
  void fingerprintsAreLowerCaseColonSeparatedSha256() throws Exception {
    // 'RTCCertificate should have at least one fingerprint'
    RTCCertificate c = generate(AlgorithmIdentifier.ecdsaP256());
    assertThat(c.getFingerprints()).hasSize(1);
    RTCDtlsFingerprint f = c.getFingerprints().get(0);
    assertThat(f.algorithm()).isEqualTo("sha-256");
    assertThat(f.value()).matches("^([0-9a-f]{2}:){31}[0-9a-f]{2}$");
    // it is the SHA-256 of the DER certificate
    String expected = java.util.HexFormat.ofDelimiter(":").formatHex(HashFunction.SHA_256.digest(c.dtls().der().toArray()));
    assertThat(f.value()).isEqualTo(expected);
  }

  @Test
  void expiresSetsTheLifetime() throws Exception {
    // 'generateCertificate() with valid expires parameter should succeed'
    RTCCertificate c = generate(AlgorithmIdentifier.ecdsaP256().withExpires(2000));
    assertThat(c.expires()).isEqualTo(NOW.toEpochMilli() + 2000);
    assertThat(c.isExpired(InstantSource.fixed(NOW.plusMillis(1999)))).isFalse();
    assertThat(c.isExpired(InstantSource.fixed(NOW.plusMillis(2000)))).isTrue();
    assertThat(c.dtls().notAfter()).isBetween(NOW.plusMillis(1000), NOW.plusMillis(2000));
  }

  @Test
  void zeroExpiresGeneratesAnExpiredCertificateThatConfigurationsReject() throws Exception {
    // 'generateCertificate() with 0 expires parameter should generate expired cert'
    // RTCCertificate.html: 'Constructing RTCPeerConnection with expired certificate should reject with InvalidAccessError'
    RTCCertificate c = generate(AlgorithmIdentifier.ecdsaP256().withExpires(0));
    assertThat(c.expires()).isLessThanOrEqualTo(NOW.toEpochMilli());
    assertThatThrownBy(() -> RTCConfiguration.builder().certificates(c).build().validate(CLOCK))
        .isInstanceOfSatisfying(RTCException.class, e -> assertThat(e.name()).isEqualTo("InvalidAccessError"));
  }

  @Test
  void negativeExpiresFailsWithATypeError() {
    // 'generateCertificate() with invalid range for expires should reject with TypeError'
    CompletableFuture<RTCCertificate> f =
        RTCCertificate.generate(AlgorithmIdentifier.ecdsaP256().withExpires(-1), CLOCK, new SecureRandom(), Runnable::run);
    assertThat(failure(f)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expires");
  }

  @Test
  void otherAlgorithmsFailWithNotSupportedError() {
    // 'generateCertificate() with invalid string algorithm should reject with NotSupportedError'
    // 'generateCertificate() with invalid algorithm dict should reject with NotSupportedError'
    for (AlgorithmIdentifier a : new AlgorithmIdentifier[] {
        AlgorithmIdentifier.named("invalid-algo"),
        AlgorithmIdentifier.named("ECDSA"), // no curve
        AlgorithmIdentifier.ecdsa("P-384"),
        AlgorithmIdentifier.rsassaPkcs1v15(2048, BigInteger.valueOf(65537), "SHA-1"),
        AlgorithmIdentifier.rsassaPkcs1v15(512, BigInteger.valueOf(65537), "SHA-256"),
        AlgorithmIdentifier.rsassaPkcs1v15(2048, BigInteger.valueOf(4), "SHA-256")}) {
      Throwable t = failure(RTCCertificate.generate(a, CLOCK, new SecureRandom(), Runnable::run));
      assertThat(t).isInstanceOfSatisfying(RTCException.class, e -> assertThat(e.name()).isEqualTo("NotSupportedError"));
    }
  }

  @Test
  void algorithmNamesMatchWithoutCase() throws Exception {
    AlgorithmIdentifier lower = new AlgorithmIdentifier("ecdsa", java.util.Optional.of("P-256"),
        java.util.OptionalInt.empty(), java.util.Optional.empty(), java.util.Optional.empty(),
        java.util.OptionalLong.empty());
    assertThat(generate(lower).dtls().isEcdsa()).isTrue();
  }

  @Test
  void theDefaultGenerateRunsAsynchronously() throws Exception {
    RTCCertificate c = RTCCertificate.generate(AlgorithmIdentifier.ecdsaP256()).get(30, TimeUnit.SECONDS);
    assertThat(c.getFingerprints()).hasSize(1);
  }

  @Test
  void aCertificateSurvivesAPemRoundTrip() throws Exception {
    RTCCertificate c = generate(AlgorithmIdentifier.ecdsaP256());
    RTCCertificate back = RTCCertificate.fromPem(c.certificatePem(), c.privateKeyPem());
    assertThat(back.getFingerprints()).isEqualTo(c.getFingerprints());
    assertThat(back.expires()).isEqualTo(c.dtls().notAfter().toEpochMilli());
    assertThat(back).isNotEqualTo(c); // a different W3C object
  }

  @Test
  void aConnectionGeneratedCertificateCanBeWrapped() {
    dev.webrtc4j.internal.dtls.DtlsCertificate d =
        dev.webrtc4j.internal.dtls.DtlsCertificate.generate(NOW, new SecureRandom());
    RTCCertificate c = RTCCertificate.wrap(d);
    assertThat(c.dtls()).isSameAs(d);
    assertThat(c.expires()).isEqualTo(d.notAfter().toEpochMilli());
    assertThat(c.getFingerprints().get(0).value()).isEqualToIgnoringCase(d.sha256Fingerprint().hexValue());
  }
}

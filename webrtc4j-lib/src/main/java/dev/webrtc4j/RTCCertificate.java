package dev.webrtc4j;

import dev.webrtc4j.internal.dtls.DtlsCertificate;
import dev.webrtc4j.internal.dtls.KeyParams;
import dev.webrtc4j.internal.io.SystemClock;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import org.jspecify.annotations.Nullable;

/**
 * The W3C {@code RTCCertificate}: a private key and self-signed certificate a connection
 * authenticates its DTLS handshakes with. Generate one with {@link #generate(AlgorithmIdentifier)}
 * ({@code RTCPeerConnection.generateCertificate} delegates here) and pass it in {@link
 * RTCConfiguration#certificates()} to keep one identity across connections. Immutable; equal only
 * to itself, as the W3C object.
 *
 * @see <a href="https://w3c.github.io/webrtc-pc/#dom-rtccertificate">W3C §4.10 RTCCertificate</a>
 */
public final class RTCCertificate {
  /** The default validity when {@link AlgorithmIdentifier#expires()} is absent: 30 days, as Chrome. */
  public static final Duration DEFAULT_EXPIRES = Duration.ofDays(30);

  private static final long MAX_EXPIRES_MS = Duration.ofDays(365L * 1000).toMillis();

  private final long expires;
  private final List<RTCDtlsFingerprint> fingerprints;
  private final @Nullable DtlsCertificate dtls;

  private RTCCertificate(long expires, DtlsCertificate dtls) {
    this.expires = expires;
    this.dtls = dtls;
    // "value: the value of the certificate fingerprint in lowercase hex string as expressed
    // utilizing the syntax of 'fingerprint' in [RFC4572] Section 5." Browsers report the SHA-256
    // one only, the hash of the certificate signature.
    this.fingerprints = List.of(new RTCDtlsFingerprint(
        dtls.sha256Fingerprint().hash().sdpName(), dtls.sha256Fingerprint().hexValue().toLowerCase(Locale.ROOT)));
  }

  /** A certificate for tests of configuration rules: its key material is irrelevant there. */
  RTCCertificate(long expires, List<RTCDtlsFingerprint> fingerprints) {
    this.expires = expires;
    this.fingerprints = List.copyOf(fingerprints);
    this.dtls = null;
  }

  /**
   * The W3C {@code generateCertificate(keygenAlgorithm)}, on the common pool, with the system clock
   * and a new {@link SecureRandom}.
   *
   * @return a future that fails with {@code NotSupportedError} for an unsupported algorithm, or
   *     with {@link IllegalArgumentException} (TypeError) for a negative {@code expires}
   */
  public static CompletableFuture<RTCCertificate> generate(AlgorithmIdentifier keygenAlgorithm) {
    return generate(keygenAlgorithm, SystemClock.WALL, new SecureRandom(), ForkJoinPool.commonPool());
  }

  /**
   * As {@link #generate(AlgorithmIdentifier)}, with the clock, the key source and the executor to
   * generate on given (e.g. from {@code Settings}). Never throws.
   */
  public static CompletableFuture<RTCCertificate> generate(
      AlgorithmIdentifier keygenAlgorithm, InstantSource clock, SecureRandom random, Executor executor) {
    try {
      Objects.requireNonNull(keygenAlgorithm, "keygenAlgorithm");
      Objects.requireNonNull(clock, "clock");
      Objects.requireNonNull(random, "random");
      Objects.requireNonNull(executor, "executor");
      KeyParams params = keyParams(keygenAlgorithm);
      long expiresMs = expiresMillis(keygenAlgorithm);
      return CompletableFuture.supplyAsync(() -> create(params, expiresMs, clock, random), executor);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * Generates synchronously on the calling thread: what a connection does when its configuration
   * names no certificate.
   *
   * @throws RTCException {@code NotSupportedError} for an unsupported algorithm
   * @throws IllegalArgumentException for a negative {@code expires}
   */
  static RTCCertificate generateNow(AlgorithmIdentifier keygenAlgorithm, InstantSource clock, SecureRandom random) {
    return create(keyParams(keygenAlgorithm), expiresMillis(keygenAlgorithm), clock, random);
  }

  /**
   * Imports a certificate saved with {@link #certificatePem()} and {@link #privateKeyPem()}
   * (the JVM's counterpart of storing an RTCCertificate in IndexedDB). {@link #expires()} is the
   * certificate's notAfter.
   *
   * @throws IllegalArgumentException if either PEM does not parse or they do not belong together
   */
  public static RTCCertificate fromPem(String certificatePem, String privateKeyPem) {
    DtlsCertificate d = DtlsCertificate.fromPem(certificatePem, privateKeyPem);
    return new RTCCertificate(d.notAfter().toEpochMilli(), d);
  }

  /**
   * Wraps a certificate the connection generated itself; {@link #expires()} is its notAfter.
   */
  static RTCCertificate wrap(DtlsCertificate certificate) {
    Objects.requireNonNull(certificate, "certificate");
    return new RTCCertificate(certificate.notAfter().toEpochMilli(), certificate);
  }

  /** When this certificate expires, in milliseconds since the Unix epoch. */
  public long expires() {
    return expires;
  }

  /** The certificate's fingerprints: the SHA-256 one, {@code {"sha-256", "ab:01:..."}}. */
  public List<RTCDtlsFingerprint> getFingerprints() {
    return fingerprints;
  }

  /** Whether {@link #expires()} is not after {@code clock}'s current time. */
  public boolean isExpired(InstantSource clock) {
    Objects.requireNonNull(clock, "clock");
    return clock.millis() >= expires;
  }

  /** The certificate in PEM, to save it. */
  public String certificatePem() {
    return dtls().certificatePem();
  }

  /** The private key in unencrypted PKCS#8 PEM, to save it; keep it secret. */
  public String privateKeyPem() {
    return dtls().privateKeyPem();
  }

  /** The key and certificate for the DTLS engine. */
  DtlsCertificate dtls() {
    DtlsCertificate d = dtls;
    if (d == null) {
      throw new IllegalStateException("certificate without key material (a test double)");
    }
    return d;
  }

  @Override
  public String toString() {
    return "RTCCertificate[expires=" + Instant.ofEpochMilli(expires)
        + (fingerprints.isEmpty() ? "" : ", " + fingerprints.get(0).value()) + "]";
  }

  private static RTCCertificate create(KeyParams params, long expiresMs, InstantSource clock, SecureRandom random) {
    Instant now = clock.instant();
    // expires = 0 asks for a certificate that has already expired (RTCCertificate.html); X.509
    // needs notAfter > now - slack, so the certificate itself gets the smallest positive validity.
    DtlsCertificate d = DtlsCertificate.generate(params, now, Duration.ofMillis(Math.max(1, expiresMs)), random);
    return new RTCCertificate(now.toEpochMilli() + expiresMs, d);
  }

  private static long expiresMillis(AlgorithmIdentifier a) {
    if (a.expires().isEmpty()) {
      return DEFAULT_EXPIRES.toMillis();
    }
    long ms = a.expires().getAsLong();
    // [EnforceRange] DOMTimeStamp expires: a negative value is a TypeError.
    if (ms < 0) {
      throw new IllegalArgumentException("expires: " + ms + " is negative");
    }
    return Math.min(ms, MAX_EXPIRES_MS);
  }

  private static KeyParams keyParams(AlgorithmIdentifier a) {
    String name = a.name().toUpperCase(Locale.ROOT);
    switch (name) {
      case "ECDSA" -> {
        if (a.namedCurve().isPresent() && a.namedCurve().get().equals("P-256")) {
          return KeyParams.ECDSA_P256;
        }
        throw notSupported("ECDSA needs namedCurve \"P-256\", not " + a.namedCurve().map(c -> "\"" + c + "\"")
            .orElse("none"));
      }
      case "RSASSA-PKCS1-V1_5" -> {
        if (a.modulusLength().isEmpty() || a.publicExponent().isEmpty() || a.hash().isEmpty()) {
          throw notSupported("RSASSA-PKCS1-v1_5 needs modulusLength, publicExponent and hash");
        }
        if (!a.hash().get().equalsIgnoreCase("SHA-256")) {
          throw notSupported("RSASSA-PKCS1-v1_5 hash must be SHA-256, not " + a.hash().get());
        }
        int bits = a.modulusLength().getAsInt();
        BigInteger e = a.publicExponent().get();
        if (bits < 1024 || bits > 8192) {
          throw notSupported("RSASSA-PKCS1-v1_5 modulusLength must be 1024..8192, not " + bits);
        }
        if (e.compareTo(BigInteger.valueOf(3)) < 0 || !e.testBit(0)) {
          throw notSupported("RSASSA-PKCS1-v1_5 publicExponent must be odd and at least 3, not " + e);
        }
        return new KeyParams.Rsa(bits, e);
      }
      default -> throw notSupported("algorithm \"" + a.name() + "\" is not supported");
    }
  }

  private static RTCException notSupported(String message) {
    return new RTCException(RTCException.Name.NOT_SUPPORTED_ERROR, "generateCertificate: " + message);
  }
}

package dev.webrtc4j;

import dev.webrtc4j.internal.dtls.DtlsCertificate;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The W3C {@code RTCCertificate}: a certificate and private key a connection authenticates its
 * DTLS handshakes with.
 *
 * @see <a href="https://w3c.github.io/webrtc-pc/#dom-rtccertificate">W3C §4.10 RTCCertificate</a>
 */
public final class RTCCertificate {
  private final long expires;
  private final List<RTCDtlsFingerprint> fingerprints;

  RTCCertificate(long expires, List<RTCDtlsFingerprint> fingerprints) {
    this.expires = expires;
    this.fingerprints = List.copyOf(fingerprints);
  }

  /**
   * W3C {@code RTCPeerConnection.generateCertificate({name: "ECDSA", namedCurve: "P-256"})}: a new
   * self-signed ECDSA P-256 certificate (30 days), made off the caller's thread.
   */
  public static CompletableFuture<RTCCertificate> generate() {
    return CompletableFuture.supplyAsync(() -> of(DtlsCertificate.generate(
        dev.webrtc4j.internal.io.SystemClock.WALL.instant(), new SecureRandom())));
  }

  /** The API view of a DTLS certificate: its expiry and fingerprints (SHA-256 first). */
  static RTCCertificate of(DtlsCertificate c) {
    List<RTCDtlsFingerprint> fps = new ArrayList<>();
    for (var f : c.fingerprints()) {
      fps.add(new RTCDtlsFingerprint(f.hash().sdpName(), f.hexValue()));
    }
    return new RTCCertificate(c.notAfter().toEpochMilli(), fps);
  }

  /** When this certificate expires, in milliseconds since the Unix epoch. */
  public long expires() {
    return expires;
  }

  /** The fingerprints of the certificate, the first one computed with SHA-256. */
  public List<RTCDtlsFingerprint> getFingerprints() {
    return fingerprints;
  }

  /** Whether {@link #expires()} is not after {@code clock}'s current time. */
  public boolean isExpired(InstantSource clock) {
    Objects.requireNonNull(clock, "clock");
    return clock.millis() >= expires;
  }
}

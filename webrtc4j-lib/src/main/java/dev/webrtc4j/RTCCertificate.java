package dev.webrtc4j;

import java.time.InstantSource;
import java.util.List;
import java.util.Objects;

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

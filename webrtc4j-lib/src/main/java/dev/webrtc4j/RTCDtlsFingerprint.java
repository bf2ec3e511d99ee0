package dev.webrtc4j;

import java.util.Objects;

/**
 * The W3C {@code RTCDtlsFingerprint} dictionary: a certificate fingerprint as in the SDP {@code
 * a=fingerprint} attribute (RFC 8122 §5).
 *
 * @param algorithm the hash function name as in the "Hash Function Textual Names" IANA registry,
 *     lower case, e.g. {@code "sha-256"}
 * @param value the fingerprint as lower-case hex bytes separated by colons, e.g. {@code "ab:01:..."}
 * @see <a href="https://w3c.github.io/webrtc-pc/#rtcdtlsfingerprint">W3C §5.5.1 RTCDtlsFingerprint</a>
 */
public record RTCDtlsFingerprint(String algorithm, String value) {
  public RTCDtlsFingerprint {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(value, "value");
  }
}

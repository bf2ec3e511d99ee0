package dev.webrtc4j.internal.dtls;

import java.math.BigInteger;
import java.util.Objects;

/**
 * The key algorithm of a generated {@link DtlsCertificate}: the two {@code keygenAlgorithm}
 * choices of W3C {@code RTCPeerConnection.generateCertificate()} that every browser supports.
 */
public sealed interface KeyParams {
  /** ECDSA on P-256 (secp256r1), signed with SHA-256: {@code {name: "ECDSA", namedCurve: "P-256"}}. The default. */
  record Ecdsa() implements KeyParams {}

  /**
   * RSASSA-PKCS1-v1_5 with SHA-256: {@code {name: "RSASSA-PKCS1-v1_5", modulusLength, publicExponent,
   * hash: "SHA-256"}}.
   *
   * @param modulusLength bits, 1024 to 8192 (Chrome's range)
   * @param publicExponent odd, at least 3 (65537 in practice)
   */
  record Rsa(int modulusLength, BigInteger publicExponent) implements KeyParams {
    public Rsa {
      Objects.requireNonNull(publicExponent, "publicExponent");
      if (modulusLength < 1024 || modulusLength > 8192) {
        throw new IllegalArgumentException("RSA modulusLength must be 1024..8192, not " + modulusLength);
      }
      if (publicExponent.compareTo(BigInteger.valueOf(3)) < 0 || !publicExponent.testBit(0)) {
        throw new IllegalArgumentException("RSA publicExponent must be odd and at least 3, not " + publicExponent);
      }
    }
  }

  KeyParams ECDSA_P256 = new Ecdsa();

  /** RSA 2048 with exponent 65537, the usual RSA choice. */
  KeyParams RSA_2048 = new Rsa(2048, BigInteger.valueOf(65537));
}

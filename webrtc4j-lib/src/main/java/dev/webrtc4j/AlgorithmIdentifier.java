package dev.webrtc4j;

import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The WebCrypto {@code AlgorithmIdentifier} that {@link RTCCertificate#generate(AlgorithmIdentifier)}
 * ({@code RTCPeerConnection.generateCertificate}) takes: the key algorithm and its parameters,
 * with the W3C {@code RTCCertificateExpiration.expires} member folded in as WebRTC does.
 *
 * <p>Supported, as every browser: {@link #ecdsaP256()} ({@code {name: "ECDSA", namedCurve:
 * "P-256"}}, the default) and {@link #rsa2048()} ({@code {name: "RSASSA-PKCS1-v1_5",
 * modulusLength: 2048, publicExponent: 65537, hash: "SHA-256"}}); other moduli from 1024 to 8192
 * bits work too. Anything else is rejected with {@code NotSupportedError} when generating.
 *
 * @param name the algorithm name, e.g. {@code "ECDSA"} (matched without case, as WebCrypto does)
 * @param namedCurve for ECDSA, the curve, e.g. {@code "P-256"}
 * @param modulusLength for RSA, the modulus length in bits
 * @param publicExponent for RSA, the public exponent (WebCrypto's big-endian {@code BigInteger})
 * @param hash for RSA, the hash, e.g. {@code "SHA-256"}
 * @param expires how long the certificate is valid from now, in ms; default 30 days
 * @see <a href="https://w3c.github.io/webrtc-pc/#dom-rtcpeerconnection-generatecertificate">W3C §4.10.1 generateCertificate</a>
 */
public record AlgorithmIdentifier(
    String name,
    Optional<String> namedCurve,
    OptionalInt modulusLength,
    Optional<BigInteger> publicExponent,
    Optional<String> hash,
    OptionalLong expires) {

  public AlgorithmIdentifier {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(namedCurve, "namedCurve");
    Objects.requireNonNull(modulusLength, "modulusLength");
    Objects.requireNonNull(publicExponent, "publicExponent");
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(expires, "expires");
  }

  /** {@code {name: "ECDSA", namedCurve: "P-256"}}: the default. */
  public static AlgorithmIdentifier ecdsaP256() {
    return ecdsa("P-256");
  }

  /** {@code {name: "ECDSA", namedCurve}}. */
  public static AlgorithmIdentifier ecdsa(String namedCurve) {
    return new AlgorithmIdentifier("ECDSA", Optional.of(namedCurve), OptionalInt.empty(), Optional.empty(),
        Optional.empty(), OptionalLong.empty());
  }

  /** {@code {name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: 65537, hash: "SHA-256"}}. */
  public static AlgorithmIdentifier rsa2048() {
    return rsassaPkcs1v15(2048, BigInteger.valueOf(65537), "SHA-256");
  }

  /** {@code {name: "RSASSA-PKCS1-v1_5", modulusLength, publicExponent, hash}}. */
  public static AlgorithmIdentifier rsassaPkcs1v15(int modulusLength, BigInteger publicExponent, String hash) {
    return new AlgorithmIdentifier("RSASSA-PKCS1-v1_5", Optional.empty(), OptionalInt.of(modulusLength),
        Optional.of(publicExponent), Optional.of(hash), OptionalLong.empty());
  }

  /** The string form of {@code AlgorithmIdentifier}: only a name, no parameters. */
  public static AlgorithmIdentifier named(String name) {
    return new AlgorithmIdentifier(name, Optional.empty(), OptionalInt.empty(), Optional.empty(), Optional.empty(),
        OptionalLong.empty());
  }

  /** This algorithm with {@code expires} (ms from now; 0 makes an already expired certificate). */
  public AlgorithmIdentifier withExpires(long expiresMillis) {
    return new AlgorithmIdentifier(name, namedCurve, modulusLength, publicExponent, hash, OptionalLong.of(expiresMillis));
  }
}

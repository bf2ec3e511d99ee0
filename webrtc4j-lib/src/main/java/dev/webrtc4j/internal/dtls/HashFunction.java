package dev.webrtc4j.internal.dtls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;

/**
 * The hash functions of an {@code a=fingerprint} attribute that webrtc4j computes and checks
 * (<a href="https://www.rfc-editor.org/rfc/rfc8122#section-5">RFC 8122 §5</a>, the IANA "Hash
 * Function Textual Names" registry). MD2 and MD5 are in the registry but unsafe; RFC 8122 §5 says
 * an endpoint MUST NOT use them, so they are not here.
 */
public enum HashFunction {
  SHA_1("sha-1", "SHA-1", 20),
  SHA_224("sha-224", "SHA-224", 28),
  SHA_256("sha-256", "SHA-256", 32),
  SHA_384("sha-384", "SHA-384", 48),
  SHA_512("sha-512", "SHA-512", 64);

  private final String sdpName;
  private final String jcaName;
  private final int length;

  HashFunction(String sdpName, String jcaName, int length) {
    this.sdpName = sdpName;
    this.jcaName = jcaName;
    this.length = length;
  }

  /** The lower-case textual name used in SDP and in the W3C {@code RTCDtlsFingerprint.algorithm}. */
  public String sdpName() {
    return sdpName;
  }

  /** Digest length in bytes. */
  public int length() {
    return length;
  }

  /** The name, case-insensitively (RFC 8122 §5: "hash-func" names are case-insensitive). */
  public static Optional<HashFunction> fromSdpName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (HashFunction h : values()) {
      if (h.sdpName.equals(lower)) {
        return Optional.of(h);
      }
    }
    return Optional.empty();
  }

  /** Hashes {@code data}. */
  public byte[] digest(byte[] data) {
    return newDigest().digest(data);
  }

  MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance(jcaName);
    } catch (NoSuchAlgorithmException e) {
      // Every one of these is required of a Java SE platform.
      throw new IllegalStateException("JDK lacks " + jcaName, e);
    }
  }
}

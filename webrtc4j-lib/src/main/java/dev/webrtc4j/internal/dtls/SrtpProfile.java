package dev.webrtc4j.internal.dtls;

import java.util.Optional;

/**
 * SRTP protection profiles negotiated by the DTLS {@code use_srtp} extension
 * (<a href="https://www.rfc-editor.org/rfc/rfc5764#section-4.1.2">RFC 5764 §4.1.2</a>, RFC 7714
 * §14.2), with the master key and salt lengths that size the exported keying material.
 */
public enum SrtpProfile {
  AEAD_AES_256_GCM(0x0008, 32, 12, "SRTP_AEAD_AES_256_GCM"),
  AEAD_AES_128_GCM(0x0007, 16, 12, "SRTP_AEAD_AES_128_GCM"),
  AES128_CM_HMAC_SHA1_80(0x0001, 16, 14, "SRTP_AES128_CM_HMAC_SHA1_80"),
  AES128_CM_HMAC_SHA1_32(0x0002, 16, 14, "SRTP_AES128_CM_HMAC_SHA1_32");

  private final String ianaName;
  private final int id;
  private final int keyLength;
  private final int saltLength;

  SrtpProfile(int id, int keyLength, int saltLength, String ianaName) {
    this.ianaName = ianaName;
    this.id = id;
    this.keyLength = keyLength;
    this.saltLength = saltLength;
  }

  /**
   * The name in the IANA "DTLS-SRTP Protection Profiles" registry, which is what W3C
   * {@code RTCTransportStats.srtpCipher} reports.
   */
  public String ianaName() {
    return ianaName;
  }

  /** The two-byte SRTPProtectionProfile value on the wire. */
  public int id() {
    return id;
  }

  /** Master key length in bytes. */
  public int keyLength() {
    return keyLength;
  }

  /** Master salt length in bytes. */
  public int saltLength() {
    return saltLength;
  }

  /** Bytes of keying material to export: two keys and two salts (RFC 5764 §4.2). */
  public int keyingMaterialLength() {
    return 2 * (keyLength + saltLength);
  }

  public static Optional<SrtpProfile> fromId(int id) {
    for (SrtpProfile p : values()) {
      if (p.id == id) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}

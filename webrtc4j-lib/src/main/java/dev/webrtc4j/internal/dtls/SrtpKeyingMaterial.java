package dev.webrtc4j.internal.dtls;

import dev.webrtc4j.internal.util.Bytes;
import java.util.Objects;

/**
 * The SRTP master keys and salts exported from a DTLS-SRTP handshake with the label
 * {@code "EXTRACTOR-dtls_srtp"} and no context
 * (<a href="https://www.rfc-editor.org/rfc/rfc5764#section-4.2">RFC 5764 §4.2</a>):
 *
 * <pre>
 * client_write_SRTP_master_key[key_len] | server_write_SRTP_master_key[key_len] |
 * client_write_SRTP_master_salt[salt_len] | server_write_SRTP_master_salt[salt_len]
 * </pre>
 *
 * @param profile the negotiated profile
 * @param material the exported bytes, {@code profile.keyingMaterialLength()} of them
 * @param localRole this endpoint's DTLS role, which says which half protects outgoing packets
 */
public record SrtpKeyingMaterial(SrtpProfile profile, Bytes material, DtlsRole localRole) {
  public SrtpKeyingMaterial {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(material, "material");
    Objects.requireNonNull(localRole, "localRole");
    if (material.length() != profile.keyingMaterialLength()) {
      throw new IllegalArgumentException(profile + " needs " + profile.keyingMaterialLength() + " bytes, not " + material.length());
    }
  }

  public Bytes clientMasterKey() {
    return slice(0, profile.keyLength());
  }

  public Bytes serverMasterKey() {
    return slice(profile.keyLength(), profile.keyLength());
  }

  public Bytes clientMasterSalt() {
    return slice(2 * profile.keyLength(), profile.saltLength());
  }

  public Bytes serverMasterSalt() {
    return slice(2 * profile.keyLength() + profile.saltLength(), profile.saltLength());
  }

  /** The key that protects what this endpoint sends. */
  public Bytes localMasterKey() {
    return localRole == DtlsRole.CLIENT ? clientMasterKey() : serverMasterKey();
  }

  public Bytes localMasterSalt() {
    return localRole == DtlsRole.CLIENT ? clientMasterSalt() : serverMasterSalt();
  }

  /** The key that unprotects what the peer sends. */
  public Bytes remoteMasterKey() {
    return localRole == DtlsRole.CLIENT ? serverMasterKey() : clientMasterKey();
  }

  public Bytes remoteMasterSalt() {
    return localRole == DtlsRole.CLIENT ? serverMasterSalt() : clientMasterSalt();
  }

  private Bytes slice(int offset, int length) {
    return Bytes.of(material.toArray(), offset, length);
  }

  @Override
  public String toString() {
    return "SrtpKeyingMaterial[" + profile + ", " + material.length() + " bytes, local " + localRole + "]";
  }
}

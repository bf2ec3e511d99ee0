package dev.webrtc4j.internal.dtls;

import dev.webrtc4j.internal.util.Bytes;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Objects;

/**
 * A certificate fingerprint: the hash of the certificate's DER encoding
 * (<a href="https://www.rfc-editor.org/rfc/rfc8122#section-5">RFC 8122 §5</a>).
 *
 * <pre>
 * attribute              =/ fingerprint-attribute
 * fingerprint-attribute  =  "fingerprint" ":" hash-func SP fingerprint
 * hash-func              =  "sha-1" / "sha-224" / "sha-256" / "sha-384" / "sha-512" / ...
 * fingerprint            =  2UHEX *(":" 2UHEX)   ; each byte in upper-case hex, separated by colons
 * </pre>
 *
 * <p>RFC 8122 §5: "A certificate fingerprint MUST be computed using the same one-way hash function
 * as is used in the certificate's signature algorithm" was relaxed by RFC 8122 itself; WebRTC
 * (RFC 8827 §6.5) compares with whatever function the peer offered, which is what {@link #matches}
 * does.
 *
 * @param hash the hash function
 * @param value the digest, exactly {@code hash.length()} bytes
 */
public record Fingerprint(HashFunction hash, Bytes value) {
  public Fingerprint {
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(value, "value");
    if (value.length() != hash.length()) {
      throw new IllegalArgumentException(
          hash.sdpName() + " fingerprint must have " + hash.length() + " bytes, not " + value.length());
    }
  }

  /** The fingerprint of a DER-encoded certificate. */
  public static Fingerprint of(HashFunction hash, byte[] der) {
    return new Fingerprint(hash, Bytes.wrapOwned(hash.digest(der)));
  }

  /**
   * Parses the value of an {@code a=fingerprint} attribute, such as {@code "sha-256 AB:CD:..."}.
   * The hash name and the hex digits are case-insensitive (RFC 8122 §5 says the hex is upper case,
   * but lower case is seen in the wild and accepted, as Chrome and Pion do).
   *
   * @throws IllegalArgumentException naming the problem when the value is malformed, names an
   *     unknown hash function, or has the wrong length for it
   */
  public static Fingerprint parse(String attributeValue) {
    String s = attributeValue.strip();
    int space = s.indexOf(' ');
    if (space <= 0) {
      throw new IllegalArgumentException("fingerprint needs \"<hash-func> <hex>\": \"" + attributeValue + "\"");
    }
    String name = s.substring(0, space);
    HashFunction hash =
        HashFunction.fromSdpName(name)
            .orElseThrow(() -> new IllegalArgumentException("unsupported fingerprint hash function \"" + name + "\""));
    String hex = s.substring(space + 1).strip();
    String[] parts = hex.split(":", -1);
    if (parts.length != hash.length()) {
      throw new IllegalArgumentException(
          hash.sdpName() + " fingerprint must have " + hash.length() + " bytes, not " + parts.length + ": \"" + hex + "\"");
    }
    byte[] out = new byte[parts.length];
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i];
      int hi = p.length() == 2 ? Character.digit(p.charAt(0), 16) : -1;
      int lo = p.length() == 2 ? Character.digit(p.charAt(1), 16) : -1;
      if (hi < 0 || lo < 0) {
        throw new IllegalArgumentException("bad fingerprint byte \"" + p + "\" at position " + i + ": \"" + hex + "\"");
      }
      out[i] = (byte) (hi << 4 | lo);
    }
    return new Fingerprint(hash, Bytes.wrapOwned(out));
  }

  /** Upper-case hex bytes separated by colons, as in SDP and in {@code RTCDtlsFingerprint.value}. */
  public String hexValue() {
    StringBuilder sb = new StringBuilder(value.length() * 3);
    String hex = value.toHex().toUpperCase(Locale.ROOT);
    for (int i = 0; i < hex.length(); i += 2) {
      if (i > 0) {
        sb.append(':');
      }
      sb.append(hex, i, i + 2);
    }
    return sb.toString();
  }

  /** The {@code a=fingerprint} attribute value: {@code "sha-256 AB:CD:..."}. */
  public String toSdp() {
    return hash.sdpName() + " " + hexValue();
  }

  /** True when {@code der} hashes to this fingerprint (compared in constant time). */
  public boolean matches(byte[] der) {
    return MessageDigest.isEqual(hash.digest(der), value.toArray());
  }

  @Override
  public String toString() {
    return toSdp();
  }
}

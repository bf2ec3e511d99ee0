package dev.webrtc4j.internal.stun;

import dev.webrtc4j.internal.stun.StunAttribute.PasswordAlgorithm;
import dev.webrtc4j.internal.util.Bytes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.Objects;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC key of STUN message integrity (RFC 8489 §9) and which integrity attribute a sender
 * uses with it.
 *
 * @param key the HMAC key bytes
 * @param sha256 true to send MESSAGE-INTEGRITY-SHA256 (HMAC-SHA256), false for MESSAGE-INTEGRITY
 *     (HMAC-SHA1). A receiver checks whichever of the two the message carries, with the same key.
 */
public record IntegrityKey(Bytes key, boolean sha256) {
  public IntegrityKey {
    Objects.requireNonNull(key, "key");
  }

  /**
   * Short-term credentials (ICE). RFC 8489 §9.1.1: "the key is OpaqueString(password)"; ICE
   * passwords are ASCII, so preparation only matters for exotic input.
   */
  public static IntegrityKey shortTerm(String password) {
    return new IntegrityKey(Bytes.wrapOwned(opaqueString(password).getBytes(StandardCharsets.UTF_8)), false);
  }

  /**
   * Long-term credentials (TURN). RFC 8489 §9.2.2: with MD5, {@code key = MD5(username ":"
   * OpaqueString(realm) ":" OpaqueString(password))}, and with SHA-256 the same string hashed with
   * SHA-256. With MD5 the sender uses MESSAGE-INTEGRITY (what RFC 5389 servers such as coturn
   * expect); with SHA-256 it uses MESSAGE-INTEGRITY-SHA256.
   *
   * @param passwordAlgorithm {@link PasswordAlgorithm#MD5} or {@link PasswordAlgorithm#SHA256}
   */
  public static IntegrityKey longTerm(String username, String realm, String password, int passwordAlgorithm) {
    String input = username + ":" + opaqueString(realm) + ":" + opaqueString(password);
    String digest =
        switch (passwordAlgorithm) {
          case PasswordAlgorithm.MD5 -> "MD5";
          case PasswordAlgorithm.SHA256 -> "SHA-256";
          default -> throw new IllegalArgumentException("unsupported password algorithm " + passwordAlgorithm);
        };
    try {
      byte[] hash = MessageDigest.getInstance(digest).digest(input.getBytes(StandardCharsets.UTF_8));
      return new IntegrityKey(Bytes.wrapOwned(hash), passwordAlgorithm == PasswordAlgorithm.SHA256);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("JDK without " + digest, e);
    }
  }

  /** The HMAC key for HmacSHA256 ({@code sha256}) or HmacSHA1. */
  SecretKeySpec secretKey(boolean sha256) {
    // An empty key is legal in HMAC but not in SecretKeySpec; HMAC pads a short key with zeros,
    // so one zero byte is the same key.
    byte[] k = key.isEmpty() ? new byte[1] : key.toArray();
    return new SecretKeySpec(k, sha256 ? "HmacSHA256" : "HmacSHA1");
  }

  /** Length of the MAC the sender puts in the message. */
  public int macLength() {
    return sha256 ? 32 : 20;
  }

  /**
   * A light OpaqueString (RFC 8265 §4.2) preparation: non-ASCII spaces become U+0020 and the
   * string is NFC-normalized. Callers that need SASLprep (RFC 5389) must prepare the string
   * themselves; the RFC 5769 vectors give it prepared.
   */
  static String opaqueString(String s) {
    boolean ascii = true;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      b.append(c >= 0x80 && Character.isSpaceChar(c) ? ' ' : c);
    }
    return Normalizer.normalize(b, Normalizer.Form.NFC);
  }

  @Override
  public String toString() {
    return "IntegrityKey[" + (sha256 ? "SHA-256" : "SHA-1") + ", redacted]";
  }
}

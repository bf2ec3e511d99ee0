package dev.webrtc4j.internal.stun;

import java.nio.ByteBuffer;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.crypto.Mac;

/**
 * MESSAGE-INTEGRITY (RFC 8489 §14.5), MESSAGE-INTEGRITY-SHA256 (§14.6) and FINGERPRINT (§14.7)
 * over raw message bytes. Checks work on the bytes as received, padding included, because the
 * HMAC and CRC cover them.
 */
public final class StunIntegrity {
  /** RFC 8489 §14.7: the CRC-32 "XOR'ed with the 32-bit value 0x5354554e". */
  public static final int FINGERPRINT_XOR = 0x5354554e;

  private StunIntegrity() {}

  /** CRC-32 (ISO/IEC 13239, as in java.util.zip) of {@code buf[off, off+len)} XOR 0x5354554e. */
  public static int fingerprint(byte[] buf, int off, int len) {
    CRC32 crc = new CRC32();
    crc.update(buf, off, len);
    return (int) crc.getValue() ^ FINGERPRINT_XOR;
  }

  static byte[] hmac(IntegrityKey key, byte[] buf, int off, int len) {
    Mac mac = newMac(key, key.sha256());
    mac.update(buf, off, len);
    return mac.doFinal();
  }

  // Mac.getInstance is a provider lookup; keep one instance per thread and algorithm and only
  // re-key it. Cores are confined to their loop thread, so the instance is never shared.
  private static final ThreadLocal<Mac> SHA1 = ThreadLocal.withInitial(() -> instance("HmacSHA1"));
  private static final ThreadLocal<Mac> SHA256 = ThreadLocal.withInitial(() -> instance("HmacSHA256"));

  private static Mac instance(String algorithm) {
    try {
      return Mac.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("JDK without " + algorithm, e);
    }
  }

  private static Mac newMac(IntegrityKey key, boolean sha256) {
    Mac mac = (sha256 ? SHA256 : SHA1).get();
    try {
      mac.init(key.secretKey(sha256));
      return mac;
    } catch (InvalidKeyException e) {
      throw new IllegalStateException("bad HMAC key", e);
    }
  }

  /**
   * Checks the message integrity of the raw message at {@code raw} position..limit (not moved):
   * MESSAGE-INTEGRITY-SHA256 when present, else MESSAGE-INTEGRITY. The HMAC covers the message up
   * to the attribute with the header length adjusted to end just after it (RFC 8489 §14.5, §14.6).
   */
  public static IntegrityCheck check(ByteBuffer raw, IntegrityKey key) {
    int base = raw.position();
    int limit = raw.limit();
    if (limit - base < StunMessage.HEADER_LENGTH) {
      return IntegrityCheck.INVALID;
    }
    int miAt = -1;
    int sha256At = -1;
    int p = base + StunMessage.HEADER_LENGTH;
    while (p + 4 <= limit) {
      int type = Short.toUnsignedInt(raw.getShort(p));
      int len = Short.toUnsignedInt(raw.getShort(p + 2));
      if (type == StunAttribute.MESSAGE_INTEGRITY && miAt < 0 && sha256At < 0) {
        miAt = p;
      } else if (type == StunAttribute.MESSAGE_INTEGRITY_SHA256 && sha256At < 0) {
        sha256At = p;
      }
      p += 4 + StunAttribute.padded(len);
    }
    if (sha256At >= 0) {
      return verifyAt(raw, base, sha256At, key, true);
    }
    if (miAt >= 0) {
      return verifyAt(raw, base, miAt, key, false);
    }
    return IntegrityCheck.ABSENT;
  }

  private static IntegrityCheck verifyAt(ByteBuffer raw, int base, int at, IntegrityKey key, boolean sha256) {
    int len = Short.toUnsignedInt(raw.getShort(at + 2));
    if (at + 4 + len > raw.limit() || (sha256 ? len < 16 || len > 32 || len % 4 != 0 : len != 20)) {
      return IntegrityCheck.INVALID;
    }
    Mac mac = newMac(key, sha256);
    ByteBuffer view = raw.duplicate();
    // Header with the length field replaced: up to and including this attribute.
    view.limit(base + 2).position(base);
    mac.update(view);
    int adjusted = at + 4 + len - base - StunMessage.HEADER_LENGTH;
    mac.update((byte) (adjusted >>> 8));
    mac.update((byte) adjusted);
    view.limit(at).position(base + 4);
    mac.update(view);
    byte[] expected = mac.doFinal();
    byte[] got = new byte[len];
    raw.get(at + 4, got);
    byte[] truncated = len == expected.length ? expected : Arrays.copyOf(expected, len);
    return MessageDigest.isEqual(truncated, got) ? IntegrityCheck.VALID : IntegrityCheck.INVALID;
  }

  /**
   * True when the raw message at {@code raw} position..limit (not moved) ends with a FINGERPRINT
   * whose CRC matches (RFC 8489 §14.7). False when it is absent, misplaced or wrong.
   */
  public static boolean hasValidFingerprint(ByteBuffer raw) {
    int base = raw.position();
    int end = raw.limit();
    if (end - base < StunMessage.HEADER_LENGTH + 8) {
      return false;
    }
    int at = end - 8;
    if (Short.toUnsignedInt(raw.getShort(at)) != StunAttribute.FINGERPRINT || raw.getShort(at + 2) != 4) {
      return false;
    }
    // The CRC covers the header as sent: its length must already count FINGERPRINT.
    if (Short.toUnsignedInt(raw.getShort(base + 2)) != end - base - StunMessage.HEADER_LENGTH) {
      return false;
    }
    CRC32 crc = new CRC32();
    ByteBuffer view = raw.duplicate();
    view.limit(at).position(base);
    crc.update(view);
    return ((int) crc.getValue() ^ FINGERPRINT_XOR) == raw.getInt(at + 4);
  }
}

package dev.webrtc4j.internal.dtls;

import java.nio.ByteBuffer;
import org.bouncycastle.tls.CipherSuite;
import org.jspecify.annotations.Nullable;

/**
 * Screens the records of a post-handshake datagram before BouncyCastle sees them.
 *
 * <p><a href="https://www.rfc-editor.org/rfc/rfc6347#section-4.1.2.7">RFC 6347 §4.1.2.7</a>:
 * "Unlike TLS, DTLS is resilient in the face of invalid records ... In general, invalid records
 * SHOULD be silently discarded, thus preserving the association". BC discards records whose MAC
 * fails, but answers a protected record too short for its cipher (or, for CBC, not a whole number
 * of blocks) with a fatal {@code decode_error}/{@code decryption_failed}, and accepts plaintext
 * epoch-0 alerts while it keeps the previous epoch for retransmissions. Anyone who can spoof the
 * 5-tuple could kill the association with one such datagram, so those records are dropped here:
 *
 * <pre>
 *  0      1      3      5             11     13
 * +------+------+------+-------------+------+----------------+
 * | type | ver  | epoch| sequence_nr | len  | fragment (len) |   (repeated; RFC 6347 §4.1)
 * +------+------+------+-------------+------+----------------+
 * </pre>
 *
 * After the handshake only these pass: epoch-0 handshake and change_cipher_spec records (a peer
 * retransmitting its last flight) and DTLS 1.2 protected records whose length fits the negotiated
 * cipher (BC fails the association with {@code internal_error} for a protected record of another
 * version).
 *
 * @param minProtected the shortest acceptable protected fragment
 * @param blockSize the CBC block size, or 0 for AEAD
 * @param trailingMac bytes after the CBC blocks (the MAC with encrypt_then_mac), else 0
 */
record RecordScreen(int minProtected, int blockSize, int trailingMac) {
  static final int HEADER = 13;
  static final int DTLS_1_2 = 0xfefd;
  static final int DTLS_1_0 = 0xfeff;

  /** The screen for a negotiated cipher suite. */
  static RecordScreen forSuite(int suite, boolean encryptThenMac) {
    return switch (suite) {
      case CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
          CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
          CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
          CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 -> new RecordScreen(8 + 16, 0, 0); // explicit nonce + tag
      case CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
          CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256 -> new RecordScreen(16, 0, 0); // tag
      case CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
          CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA,
          CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA,
          CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA ->
          // explicit IV + blocks (+ HMAC-SHA1 after them with encrypt_then_mac, else inside)
          encryptThenMac ? new RecordScreen(16 + 16 + 20, 16, 20) : new RecordScreen(16 + 32, 16, 0);
      default -> new RecordScreen(1, 0, 0);
    };
  }

  boolean accepts(int type, int version, int epoch, int length) {
    if (epoch == 0) {
      // A retransmitted flight; DTLS 1.0's record version is allowed in an early ClientHello.
      return (type == 22 || type == 20) && (version == DTLS_1_2 || version == DTLS_1_0);
    }
    if (version != DTLS_1_2) {
      return false;
    }
    if (length < minProtected) {
      return false;
    }
    return blockSize == 0 || (length - trailingMac) % blockSize == 0;
  }

  /**
   * The datagram itself when every record passes (the common case: no copy), a compacted copy of
   * the records that pass, or null when none does. Never moves {@code datagram}'s position.
   */
  @Nullable ByteBuffer screen(ByteBuffer datagram) {
    int start = datagram.position();
    int end = datagram.limit();
    int at = start;
    boolean all = true;
    int kept = 0;
    while (at < end) {
      if (end - at < HEADER) {
        all = false;
        break;
      }
      int length = Short.toUnsignedInt(datagram.getShort(at + 11));
      if (end - at - HEADER < length) {
        all = false;
        break;
      }
      boolean ok = accepts(Byte.toUnsignedInt(datagram.get(at)), Short.toUnsignedInt(datagram.getShort(at + 1)), Short.toUnsignedInt(datagram.getShort(at + 3)), length);
      all &= ok;
      kept += ok ? HEADER + length : 0;
      at += HEADER + length;
    }
    if (all) {
      return datagram;
    }
    if (kept == 0) {
      return null;
    }
    ByteBuffer out = ByteBuffer.allocate(kept);
    at = start;
    while (end - at >= HEADER) {
      int length = Short.toUnsignedInt(datagram.getShort(at + 11));
      if (end - at - HEADER < length) {
        break;
      }
      if (accepts(Byte.toUnsignedInt(datagram.get(at)), Short.toUnsignedInt(datagram.getShort(at + 1)), Short.toUnsignedInt(datagram.getShort(at + 3)), length)) {
        out.put(datagram.slice(at, HEADER + length));
      }
      at += HEADER + length;
    }
    return out.flip();
  }
}

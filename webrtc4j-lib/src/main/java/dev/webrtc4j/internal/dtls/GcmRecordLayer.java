package dev.webrtc4j.internal.dtls;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.tls.CipherSuite;
import org.jspecify.annotations.Nullable;

/**
 * Our own DTLS 1.2 record protection for the records of the connection's epoch after the
 * handshake, with an AES-GCM suite: what {@link BcDtlsEngine} uses for application data once
 * BouncyCastle's handshake is over, so the data path skips BC's record layer (its record buffer
 * per call, the copies in and out of it, the nonce and additional data built per record).
 *
 * <p>The record (<a href="https://www.rfc-editor.org/rfc/rfc6347#section-4.1">RFC 6347 §4.1</a>),
 * with the AEAD fragment of <a href="https://www.rfc-editor.org/rfc/rfc5246#section-6.2.3.3">RFC
 * 5246 §6.2.3.3</a> and the GCM nonce of <a href="https://www.rfc-editor.org/rfc/rfc5288#section-3">RFC
 * 5288 §3</a>:
 *
 * <pre>
 *  header (13)                                          fragment (length)
 * +------+--------+-------+-----------------+--------+ +----------------+------------+---------+
 * | type | fe fd  | epoch | sequence (48 b) | length | | explicit nonce | ciphertext | tag (16)|
 * +------+--------+-------+-----------------+--------+ | = epoch | seq  |            |         |
 *                                                      +----------------+------------+---------+
 * nonce = write_IV (4, from the key block) | explicit nonce (8)
 * additional data = epoch | seq (8) | type | fe fd | plaintext length (2)
 * </pre>
 *
 * The explicit nonce is the record's own 64-bit sequence number (epoch and sequence), as BC and
 * OpenSSL write it; each sequence number is used once per key ({@link #seal} counts, and {@link
 * BcDtlsEngine} starts the count after the last record BC wrote in this epoch), so a nonce is
 * never reused. Received records go through a {@link ReplayWindow} before they are opened and move
 * it only when their tag verified.
 *
 * <p>Not thread-safe: the loop owns it.
 */
final class GcmRecordLayer {
  static final int HEADER = 13;
  static final int EXPLICIT_NONCE = 8;
  static final int TAG = 16;
  /** Record bytes around the plaintext: header, explicit nonce, tag. */
  static final int OVERHEAD = HEADER + EXPLICIT_NONCE + TAG;
  static final int FIXED_IV = 4;
  static final int TYPE_ALERT = 21;
  static final int TYPE_APPLICATION_DATA = 23;
  static final int DTLS_1_2 = 0xfefd;
  static final long MAX_SEQUENCE = (1L << 48) - 1;

  private final int epoch;
  private final Cipher encrypt;
  private final Cipher decrypt;
  private final SecretKeySpec writeKey;
  private final SecretKeySpec readKey;
  private final byte[] writeNonce = new byte[FIXED_IV + EXPLICIT_NONCE];
  private final byte[] readNonce = new byte[FIXED_IV + EXPLICIT_NONCE];
  private final byte[] additionalData = new byte[13];
  private final ReplayWindow window;
  /** For {@link #reseal} only (rare): opens records written with our own write key. */
  private @Nullable Cipher writeOpener;
  private long nextWrite;
  /** Where a record of a read-only or direct datagram is opened from; grows to the largest record seen. */
  private byte[] scratch = new byte[0];

  /** @param nextWriteSequence the first sequence number of ours: one past the last BC wrote in this epoch */
  GcmRecordLayer(int epoch, byte[] writeKey, byte[] writeIv, byte[] readKey, byte[] readIv, long nextWriteSequence)
      throws GeneralSecurityException {
    if (writeIv.length != FIXED_IV || readIv.length != FIXED_IV) {
      throw new IllegalArgumentException("AES-GCM fixed IV must be 4 bytes");
    }
    if (nextWriteSequence < 0 || nextWriteSequence > MAX_SEQUENCE) {
      throw new IllegalArgumentException("sequence number out of range: " + nextWriteSequence);
    }
    this.epoch = epoch;
    this.writeKey = new SecretKeySpec(writeKey, "AES");
    this.readKey = new SecretKeySpec(readKey, "AES");
    System.arraycopy(writeIv, 0, writeNonce, 0, FIXED_IV);
    System.arraycopy(readIv, 0, readNonce, 0, FIXED_IV);
    this.encrypt = JdkJcaHelper.INSTANCE.createCipher(JdkAesGcm.CIPHER_NAME);
    this.decrypt = JdkJcaHelper.INSTANCE.createCipher(JdkAesGcm.CIPHER_NAME);
    this.nextWrite = nextWriteSequence;
    this.window = new ReplayWindow();
  }

  /**
   * The layer for a negotiated suite from the TLS key block (RFC 5246 §6.3: client write key,
   * server write key, client write IV, server write IV; AEAD suites have no MAC keys), or null when
   * the suite is not AES-GCM (then BC keeps the record layer).
   */
  static @Nullable GcmRecordLayer fromKeyBlock(
      int suite, byte[] keyBlock, boolean client, int epoch, long nextWriteSequence) throws GeneralSecurityException {
    int keyLength = keyLength(suite);
    if (keyLength == 0) {
      return null;
    }
    if (keyBlock.length < keyBlockLength(suite)) {
      throw new IllegalArgumentException("key block of " + keyBlock.length + " bytes");
    }
    byte[] clientKey = Arrays.copyOfRange(keyBlock, 0, keyLength);
    byte[] serverKey = Arrays.copyOfRange(keyBlock, keyLength, 2 * keyLength);
    byte[] clientIv = Arrays.copyOfRange(keyBlock, 2 * keyLength, 2 * keyLength + FIXED_IV);
    byte[] serverIv = Arrays.copyOfRange(keyBlock, 2 * keyLength + FIXED_IV, 2 * keyLength + 2 * FIXED_IV);
    try {
      return client
          ? new GcmRecordLayer(epoch, clientKey, clientIv, serverKey, serverIv, nextWriteSequence)
          : new GcmRecordLayer(epoch, serverKey, serverIv, clientKey, clientIv, nextWriteSequence);
    } finally {
      Arrays.fill(clientKey, (byte) 0);
      Arrays.fill(serverKey, (byte) 0);
    }
  }

  /** The AES key length of an AES-GCM suite we offer, or 0 for any other suite. */
  static int keyLength(int suite) {
    return switch (suite) {
      case CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 -> 16;
      case CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 -> 32;
      default -> 0;
    };
  }

  /** How much of the key block the suite uses; 0 when not AES-GCM. */
  static int keyBlockLength(int suite) {
    int k = keyLength(suite);
    return k == 0 ? 0 : 2 * k + 2 * FIXED_IV;
  }

  /**
   * One protected record of {@code type} holding {@code length} bytes of {@code in}, in an array
   * of its own (the datagram owns it). Throws {@link IllegalStateException} when the epoch's
   * sequence numbers are used up (2^48 records: the association must end, RFC 6347 §4.1).
   */
  ByteBuffer seal(int type, byte[] in, int offset, int length) {
    byte[] out = new byte[OVERHEAD + length];
    protect(type, in, offset, length, out, 0);
    return ByteBuffer.wrap(out);
  }

  /**
   * As {@link #seal}, in place: the {@link #HEADER} and {@link #EXPLICIT_NONCE} bytes before
   * {@code offset} and the {@link #TAG} bytes after the plaintext are free in {@code array}, which
   * becomes the record (the JDK encrypts in place without a copy when input and output start at
   * the same offset). Returns the record's view of {@code array}.
   */
  ByteBuffer sealInPlace(int type, byte[] array, int offset, int length) {
    int start = offset - HEADER - EXPLICIT_NONCE;
    if (start < 0 || array.length - offset - length < TAG) {
      throw new IllegalArgumentException("no room for the record around " + length + " bytes at " + offset);
    }
    protect(type, array, offset, length, array, start);
    return ByteBuffer.wrap(array, start, OVERHEAD + length).slice();
  }

  /**
   * Writes the record of {@code length} plaintext bytes at {@code in[offset]} into {@code out}
   * from {@code start}: header, explicit nonce, ciphertext and tag, under the next sequence number.
   * {@code in} may be {@code out} with the plaintext exactly where the ciphertext goes.
   */
  private void protect(int type, byte[] in, int offset, int length, byte[] out, int start) {
    long sequence = nextWrite;
    if (sequence > MAX_SEQUENCE) {
      throw new IllegalStateException("DTLS epoch " + epoch + " has used all its sequence numbers");
    }
    nextWrite = sequence + 1;
    long seqNo = ((long) epoch << 48) | sequence;
    int fragment = EXPLICIT_NONCE + length + TAG;
    out[start] = (byte) type;
    out[start + 1] = (byte) 0xfe;
    out[start + 2] = (byte) 0xfd;
    putLong(out, start + 3, seqNo);
    out[start + 11] = (byte) (fragment >>> 8);
    out[start + 12] = (byte) fragment;
    putLong(out, start + HEADER, seqNo);
    putLong(writeNonce, FIXED_IV, seqNo);
    additionalData(seqNo, type, length);
    try {
      encrypt.init(Cipher.ENCRYPT_MODE, writeKey, new GCMParameterSpec(TAG * 8, writeNonce));
      encrypt.updateAAD(additionalData, 0, additionalData.length);
      int n = encrypt.doFinal(in, offset, length, out, start + HEADER + EXPLICIT_NONCE);
      if (n != length + TAG) {
        throw new IllegalStateException("AES-GCM wrote " + n + " bytes for " + length);
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed: " + e, e);
    }
  }

  /** True when the record at {@code at} (header included) is one {@link #open} takes: application data of this epoch. */
  boolean isOurs(ByteBuffer datagram, int at) {
    return Byte.toUnsignedInt(datagram.get(at)) == TYPE_APPLICATION_DATA && Short.toUnsignedInt(datagram.getShort(at + 3)) == epoch;
  }

  /**
   * Opens the record at {@code at} in {@code datagram} (header included, {@code length} bytes in
   * all, an application-data record of this epoch, see {@link #isOurs}): its plaintext in a new
   * array, or null when the record is discarded (a replay, a record left of the window, a wrong
   * version, too short, or a tag that does not verify: RFC 6347 §4.1.2.7, silently).
   */
  byte @Nullable [] open(ByteBuffer datagram, int at, int length) {
    if (length < OVERHEAD
        || Short.toUnsignedInt(datagram.getShort(at + 1)) != DTLS_1_2
        || Short.toUnsignedInt(datagram.getShort(at + 11)) != length - HEADER) {
      return null;
    }
    long seqNo = datagram.getLong(at + 3); // epoch and sequence: the header's bytes 3..10
    long sequence = seqNo & MAX_SEQUENCE;
    if ((seqNo >>> 48) != epoch || !window.mayAccept(sequence)) {
      return null;
    }
    int cipherLength = length - HEADER - EXPLICIT_NONCE;
    for (int i = 0; i < EXPLICIT_NONCE; i++) {
      readNonce[FIXED_IV + i] = datagram.get(at + HEADER + i);
    }
    int cipherAt = at + HEADER + EXPLICIT_NONCE;
    byte[] in;
    int inAt;
    if (datagram.hasArray()) {
      in = datagram.array();
      inAt = datagram.arrayOffset() + cipherAt;
    } else {
      // A read-only or direct datagram: the JDK's ByteBuffer path would copy it (twice, for a
      // read-only one) into arrays of its own per record; one copy into ours is cheaper.
      in = scratch(cipherLength);
      inAt = 0;
      datagram.get(cipherAt, in, 0, cipherLength);
    }
    byte[] plain = openFragment(decrypt, readKey, readNonce, seqNo, TYPE_APPLICATION_DATA, in, inAt, cipherLength);
    if (plain != null) {
      window.accept(sequence);
    }
    return plain;
  }

  /**
   * A record BouncyCastle wrote in this epoch after we took over (a close_notify, a fatal alert, a
   * retransmitted Finished), renumbered: opened with our write key under BC's sequence number and
   * sealed again under our next one, so no sequence number (and no nonce) is used twice. Null when
   * it does not open (then it must not leave).
   */
  @Nullable ByteBuffer reseal(byte[] record, int offset, int length) {
    if (length < OVERHEAD) {
      return null;
    }
    ByteBuffer r = ByteBuffer.wrap(record, offset, length).slice();
    int type = Byte.toUnsignedInt(r.get(0));
    long seqNo = r.getLong(3);
    byte[] nonce = writeNonce.clone();
    System.arraycopy(record, offset + HEADER, nonce, FIXED_IV, EXPLICIT_NONCE);
    Cipher opener = writeOpener;
    if (opener == null) {
      try {
        opener = JdkJcaHelper.INSTANCE.createCipher(JdkAesGcm.CIPHER_NAME);
      } catch (GeneralSecurityException e) {
        return null;
      }
      writeOpener = opener;
    }
    byte[] plain = openFragment(opener, writeKey, nonce, seqNo, type, record, offset + HEADER + EXPLICIT_NONCE,
        length - HEADER - EXPLICIT_NONCE);
    return plain == null ? null : seal(type, plain, 0, plain.length);
  }

  /**
   * The plaintext of a record's ciphertext and tag ({@code cipherLength} bytes at {@code in[at]})
   * under {@code key} and the full {@code nonce}, with the additional data of {@code seqNo} and
   * {@code type}; null when the tag does not verify (a forged or damaged record) or the cipher
   * refuses.
   */
  private byte @Nullable [] openFragment(Cipher cipher, SecretKeySpec key, byte[] nonce, long seqNo, int type, byte[] in, int at,
      int cipherLength) {
    int plainLength = cipherLength - TAG;
    additionalData(seqNo, type, plainLength);
    byte[] plain = new byte[plainLength];
    try {
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG * 8, nonce));
      cipher.updateAAD(additionalData, 0, additionalData.length);
      return cipher.doFinal(in, at, cipherLength, plain, 0) == plainLength ? plain : null;
    } catch (GeneralSecurityException e) { // AEADBadTagException above all
      return null;
    }
  }

  private byte[] scratch(int length) {
    if (scratch.length < length) {
      scratch = new byte[Math.max(length, 2048)];
    }
    return scratch;
  }

  /** The sequence number the next sealed record gets. */
  long nextWriteSequence() {
    return nextWrite;
  }

  private void additionalData(long seqNo, int type, int plainLength) {
    putLong(additionalData, 0, seqNo);
    additionalData[8] = (byte) type;
    additionalData[9] = (byte) 0xfe;
    additionalData[10] = (byte) 0xfd;
    additionalData[11] = (byte) (plainLength >>> 8);
    additionalData[12] = (byte) plainLength;
  }

  private static void putLong(byte[] b, int at, long v) {
    for (int i = 7; i >= 0; i--) {
      b[at + i] = (byte) v;
      v >>>= 8;
    }
  }
}

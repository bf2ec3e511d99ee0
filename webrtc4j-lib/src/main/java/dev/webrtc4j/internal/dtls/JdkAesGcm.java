package dev.webrtc4j.internal.dtls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.tls.crypto.impl.TlsAEADCipherImpl;
import org.jspecify.annotations.Nullable;

/**
 * AES-GCM for one direction of BC's {@code TlsAEADCipher} (which builds the RFC 5288 nonce and the
 * additional data and calls {@link #init} then {@link #doFinal} once per record), on one JDK
 * {@code Cipher} kept for the life of the key.
 *
 * <p>Why not BC's {@code JceAEADCipherImpl}: per record it creates an {@code AlgorithmParameters}
 * through a provider lookup ({@code AlgorithmParameters.getInstance("GCM")}, the JCA's service
 * search) and initialises the cipher from it, which cost more CPU than the GCM itself on 1200-byte
 * records. Here a record costs one {@code Cipher.init} with a fresh {@link GCMParameterSpec} and
 * one {@code doFinal}, in place in BC's record array (the JDK decrypts in place without copying
 * when input and output share an offset).
 *
 * <p>The JDK refuses to encrypt twice with one key and IV; BC never does: the explicit nonce is the
 * record's sequence number (RFC 5288 §3 allows it), and its warm-up nonce differs from every record
 * nonce.
 */
final class JdkAesGcm implements TlsAEADCipherImpl {
  static final String CIPHER_NAME = "AES/GCM/NoPadding";

  private final Cipher cipher;
  private final int mode;
  private final int keySize;
  private final boolean encrypting;
  private int tagLength;
  private @Nullable SecretKeySpec key;

  JdkAesGcm(Cipher cipher, int keySize, boolean encrypting) {
    this.cipher = cipher;
    this.keySize = keySize;
    this.encrypting = encrypting;
    this.mode = encrypting ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE;
  }

  @Override
  public void setKey(byte[] key, int keyOff, int keyLen) {
    if (keyLen != keySize) {
      throw new IllegalStateException("AES-GCM key of " + keyLen + " bytes, expected " + keySize);
    }
    this.key = new SecretKeySpec(key, keyOff, keyLen, "AES");
  }

  @Override
  public void init(byte[] nonce, int macSize) {
    SecretKeySpec k = key;
    if (k == null) {
      throw new IllegalStateException("AES-GCM used before setKey");
    }
    try {
      cipher.init(mode, k, new GCMParameterSpec(macSize * 8, nonce));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM init failed: " + e.getMessage(), e);
    }
    tagLength = macSize;
  }

  @Override
  public int getOutputSize(int inputLength) {
    return encrypting ? inputLength + tagLength : Math.max(0, inputLength - tagLength);
  }

  /**
   * One record: the additional data, then the whole input at once. A failed tag check surfaces as
   * a {@code RuntimeException}, which BC's {@code TlsAEADCipher} turns into {@code bad_record_mac}
   * and DTLS then discards the record (RFC 6347 §4.1.2.7), as with BC's own implementation.
   */
  @Override
  public int doFinal(byte @Nullable [] additionalData, byte[] input, int inputOffset, int inputLength, byte[] output, int outputOffset)
      throws IOException {
    try {
      if (additionalData != null && additionalData.length > 0) {
        cipher.updateAAD(additionalData);
      }
      return cipher.doFinal(input, inputOffset, inputLength, output, outputOffset);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM " + (encrypting ? "encryption" : "decryption") + " failed: " + e.getMessage(), e);
    }
  }
}

package dev.webrtc4j.internal.dtls;

import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.util.Locale;
import org.bouncycastle.jcajce.util.DefaultJcaJceHelper;

/**
 * The JCA lookups of BC's TLS crypto, on the JDK's providers only (AES-GCM on the JDK's
 * intrinsics; no BouncyCastle provider, whose construction takes from half a second to several
 * seconds). BC asks for RSASSA-PSS by its own name, {@code SHA256WITHRSAANDMGF1} (and 384/512),
 * which the JDK does not know; it always sets the {@code PSSParameterSpec} explicitly, so the
 * JDK's parameterised {@code RSASSA-PSS} serves. Without this, an OpenSSL or BoringSSL server that
 * signs its ServerKeyExchange with rsa_pss_rsae_sha256 failed the handshake with internal_error.
 *
 * <p>Not served by the JDK, so not offered: ChaCha20-Poly1305 (BC composes it from a raw
 * {@code ChaCha7539} cipher and a {@code Poly1305} MAC).
 */
final class JdkJcaHelper extends DefaultJcaJceHelper {
  static final JdkJcaHelper INSTANCE = new JdkJcaHelper();

  private JdkJcaHelper() {}

  @Override
  public Signature createSignature(String algorithm) throws NoSuchAlgorithmException {
    try {
      return super.createSignature(algorithm);
    } catch (NoSuchAlgorithmException e) {
      if (algorithm.toUpperCase(Locale.ROOT).endsWith("WITHRSAANDMGF1")) {
        return super.createSignature("RSASSA-PSS");
      }
      throw e;
    }
  }
}

package dev.webrtc4j.internal.dtls;

import java.io.IOException;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.crypto.TlsVerifier;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCertificate;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;

/**
 * BC's JCA certificate, except that ECDSA signatures by a P-256 key are verified with {@link
 * P256EcdsaVerifier} (beside the handshake, through {@link DeferredVerifier}, when the crypto has
 * {@link JdkTlsCrypto#deferredChecks()}). BC's own checks (key usage, key type) still run first.
 */
final class JdkTlsCertificate extends JcaTlsCertificate {
  JdkTlsCertificate(JcaTlsCrypto crypto, byte[] encoding) throws IOException {
    super(crypto, encoding);
  }

  /** An already parsed certificate (our own, for the Certificate message: no DER parse per handshake). */
  JdkTlsCertificate(JcaTlsCrypto crypto, java.security.cert.X509Certificate certificate) {
    super(crypto, certificate);
  }

  @Override
  public TlsVerifier createVerifier(short signatureAlgorithm) throws IOException {
    TlsVerifier checked = super.createVerifier(signatureAlgorithm);
    if (signatureAlgorithm == SignatureAlgorithm.ecdsa) {
      P256EcdsaVerifier fast = P256EcdsaVerifier.forKey(getSubjectPublicKeyInfo());
      if (fast != null) {
        DeferredChecks deferred = crypto instanceof JdkTlsCrypto c ? c.deferredChecks() : null;
        return deferred == null ? fast : new DeferredVerifier(fast, deferred);
      }
    }
    return checked;
  }
}

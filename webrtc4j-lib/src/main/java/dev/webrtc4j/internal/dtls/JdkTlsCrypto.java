package dev.webrtc4j.internal.dtls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import org.bouncycastle.tls.CertificateType;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.crypto.Tls13Verifier;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsECConfig;
import org.bouncycastle.tls.crypto.TlsECDomain;
import org.bouncycastle.tls.crypto.TlsStreamSigner;
import org.bouncycastle.tls.crypto.TlsStreamVerifier;
import org.bouncycastle.tls.crypto.impl.TlsAEADCipherImpl;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.jspecify.annotations.Nullable;

/**
 * BC's JCA TLS crypto on the JDK's providers ({@link JdkJcaHelper}), with BC's RSASSA-PSS
 * algorithm names ({@code SHA256WITHRSAANDMGF1}) translated to the JDK's {@code RSASSA-PSS}
 * wherever BC creates a signature object, including the places where it pins the provider of a
 * probe signature and so bypasses the helper. BC always passes the {@code PSSParameterSpec}.
 *
 * <p>AES-GCM records go through {@link JdkAesGcm} (one JDK cipher per direction, no provider
 * lookup per record) instead of BC's {@code JceAEADCipherImpl}. Two handshake operations that the
 * JDK does slowly use other arithmetic instead (not a JCA provider): X25519 ECDHE ({@link
 * X25519Domain}: our own {@link X25519Function} for the agreement, BouncyCastle's for the key
 * pair) and, on BouncyCastle's lightweight arithmetic, verification of P-256 ECDSA signatures ({@link
 * JdkTlsCertificate}, {@link P256EcdsaVerifier}). Signing with a P-256 key is not done here but by
 * the engine's {@link P256EcdsaSigner}; other keys sign on the JDK through this crypto.
 */
final class JdkTlsCrypto extends JcaTlsCrypto {
  // What the JDK's providers support does not change within a JVM, but BC caches its probes (each
  // a JCA lookup, some creating a Cipher or KeyPairGenerator) per crypto instance, and there is
  // one instance per engine: about 0.3 ms of every handshake went to re-probing cipher suites,
  // groups and signature schemes. These caches are shared; null answers are not cached.
  private static final ConcurrentHashMap<Integer, Boolean> ENCRYPTION_ALGORITHMS = new ConcurrentHashMap<>();
  private static final ConcurrentHashMap<Integer, Boolean> NAMED_GROUPS = new ConcurrentHashMap<>();
  private static final ConcurrentHashMap<Integer, Boolean> SIGNATURE_SCHEMES = new ConcurrentHashMap<>();

  private final @Nullable DeferredChecks deferredChecks;
  private final @Nullable Prepared<X25519Domain.KeyPair> x25519KeyPair;

  JdkTlsCrypto(SecureRandom random) {
    this(random, null, null);
  }

  /**
   * @param deferredChecks when given, P-256 ECDSA signatures are verified beside the handshake (see {@link DeferredChecks})
   * @param x25519KeyPair when given, the key pair of the handshake's first X25519 agreement, made ahead
   */
  JdkTlsCrypto(SecureRandom random, @Nullable DeferredChecks deferredChecks, @Nullable Prepared<X25519Domain.KeyPair> x25519KeyPair) {
    super(JdkJcaHelper.INSTANCE, random, random);
    this.deferredChecks = deferredChecks;
    this.x25519KeyPair = x25519KeyPair;
  }

  @Nullable DeferredChecks deferredChecks() {
    return deferredChecks;
  }

  static String jdkName(String algorithm) {
    return algorithm.toUpperCase(Locale.ROOT).endsWith("WITHRSAANDMGF1") ? "RSASSA-PSS" : algorithm;
  }

  @Override
  protected Tls13Verifier createTls13Verifier(String algorithmName, AlgorithmParameterSpec parameter, PublicKey publicKey) throws IOException {
    return super.createTls13Verifier(jdkName(algorithmName), parameter, publicKey);
  }

  @Override
  protected TlsStreamVerifier createStreamVerifier(String algorithmName, AlgorithmParameterSpec parameter, byte[] signature, PublicKey publicKey)
      throws IOException {
    return super.createStreamVerifier(jdkName(algorithmName), parameter, signature, publicKey);
  }

  @Override
  protected TlsStreamSigner createStreamSigner(String algorithmName, AlgorithmParameterSpec parameter, PrivateKey privateKey, boolean needsRandom)
      throws IOException {
    return super.createStreamSigner(jdkName(algorithmName), parameter, privateKey, needsRandom);
  }

  @Override
  protected TlsAEADCipherImpl createAEADCipher(String cipherName, String algorithm, int keySize, boolean isEncrypting)
      throws GeneralSecurityException {
    if (JdkAesGcm.CIPHER_NAME.equals(cipherName) && "AES".equals(algorithm)) {
      return new JdkAesGcm(JdkJcaHelper.INSTANCE.createCipher(cipherName), keySize, isEncrypting);
    }
    return super.createAEADCipher(cipherName, algorithm, keySize, isEncrypting);
  }

  @Override
  public TlsCertificate createCertificate(short type, byte[] encoding) throws IOException {
    return type == CertificateType.X509 ? new JdkTlsCertificate(this, encoding) : super.createCertificate(type, encoding);
  }

  @Override
  public TlsECDomain createECDomain(TlsECConfig ecConfig) {
    return ecConfig.getNamedGroup() == NamedGroup.x25519 ? new X25519Domain(this, x25519KeyPair) : super.createECDomain(ecConfig);
  }

  @Override
  protected Boolean isSupportedEncryptionAlgorithm(int encryptionAlgorithm) {
    return cached(ENCRYPTION_ALGORITHMS, encryptionAlgorithm, super::isSupportedEncryptionAlgorithm);
  }

  @Override
  protected Boolean isSupportedNamedGroup(int namedGroup) {
    return cached(NAMED_GROUPS, namedGroup, super::isSupportedNamedGroup);
  }

  @Override
  protected Boolean isSupportedSignatureScheme(int signatureScheme) {
    return cached(SIGNATURE_SCHEMES, signatureScheme, super::isSupportedSignatureScheme);
  }

  private static Boolean cached(ConcurrentHashMap<Integer, Boolean> cache, int key, IntFunction<Boolean> probe) {
    Boolean known = cache.get(key);
    if (known == null) {
      known = probe.apply(key);
      if (known != null) {
        cache.putIfAbsent(key, known);
      }
    }
    return known;
  }
}

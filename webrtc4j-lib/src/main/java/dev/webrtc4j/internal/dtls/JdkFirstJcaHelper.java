package dev.webrtc4j.internal.dtls;

import java.security.AlgorithmParameterGenerator;
import java.security.AlgorithmParameters;
import java.security.InvalidAlgorithmParameterException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathValidator;
import java.security.cert.CertStore;
import java.security.cert.CertStoreParameters;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import javax.crypto.Cipher;
import javax.crypto.ExemptionMechanism;
import javax.crypto.KeyAgreement;
import javax.crypto.KeyGenerator;
import javax.crypto.Mac;
import javax.crypto.NoSuchPaddingException;
import javax.crypto.SecretKeyFactory;
import org.bouncycastle.jcajce.util.DefaultJcaJceHelper;
import org.bouncycastle.jcajce.util.JcaJceHelper;
import org.bouncycastle.jcajce.util.ProviderJcaJceHelper;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The JCA lookups of BC's TLS crypto: the JDK's providers first (AES-GCM on the JDK's
 * intrinsics), BouncyCastle's provider for what the JDK lacks under BC's names: RSASSA-PSS as
 * {@code SHA256WITHRSAANDMGF1} (OpenSSL and BoringSSL sign ServerKeyExchange with rsa_pss_rsae_*
 * when offered) and ChaCha20-Poly1305 as {@code ChaCha7539}. The BC provider instance is private
 * to this class, never installed with {@code Security.addProvider}.
 */
final class JdkFirstJcaHelper implements JcaJceHelper {
  static final JdkFirstJcaHelper INSTANCE = new JdkFirstJcaHelper();

  private final JcaJceHelper jdk = new DefaultJcaJceHelper();

  private static final class Bc {
    static final JcaJceHelper HELPER = new ProviderJcaJceHelper(new BouncyCastleProvider());
  }

  private JdkFirstJcaHelper() {}

  @Override
  public Cipher createCipher(String name) throws NoSuchAlgorithmException, NoSuchPaddingException, NoSuchProviderException {
    try {
      return jdk.createCipher(name);
    } catch (NoSuchAlgorithmException | NoSuchPaddingException e) {
      return Bc.HELPER.createCipher(name);
    }
  }

  @Override
  public Mac createMac(String name) throws NoSuchAlgorithmException, NoSuchProviderException {
    try {
      return jdk.createMac(name);
    } catch (NoSuchAlgorithmException e) {
      return Bc.HELPER.createMac(name);
    }
  }

  @Override
  public KeyAgreement createKeyAgreement(String name) throws NoSuchAlgorithmException, NoSuchProviderException {
    try {
      return jdk.createKeyAgreement(name);
    } catch (NoSuchAlgorithmException e) {
      return Bc.HELPER.createKeyAgreement(name);
    }
  }

  @Override
  public AlgorithmParameterGenerator createAlgorithmParameterGenerator(String name) throws NoSuchAlgorithmException, NoSuchProviderException {
    try {
      return jdk.createAlgorithmParameterGenerator(name);
    } catch (NoSuchAlgorithmException e) {
      return Bc.HELPER.createAlgorithmParameterGenerator(name);
    }
  }

  @Override
  public AlgorithmParameters createAlgorithmParameters(String name) throws NoSuchAlgorithmException, NoSuchProviderException {
    try {
      return jdk.createAlgorithmParameters(name);
    } catch (NoSuchAlgorithmException e) {
      return Bc.HELPER.createAlgorithmParameters(name);
    }
  }

  @Override
  public KeyGenerator createKeyGenerator(String name) throws NoSuchAlgorithmException, NoSuchProviderException {
    try {
      return jdk.createKeyGenerator(name);
    } catch (NoSuchAlgorithmException e) {
      return Bc.HELPER.createKeyGenerator(name);
    }
  }

  @Override
  public KeyFactory createKeyFactory(String name) throws NoSuchAlgorithmException, NoSuchProviderException {
    try {
      return jdk.createKeyFactory(name);
    } catch (NoSuchAlgorithmException e) {
      return Bc.HELPER.createKeyFactory(name);
    }
  }

  @Override
  public SecretKeyFactory createSecretKeyFactory(String name) throws NoSuchAlgorithmException, NoSuchProviderException {
    try {
      return jdk.createSecretKeyFactory(name);
    } catch (NoSuchAlgorithmException e) {
      return Bc.HELPER.createSecretKeyFactory(name);
    }
  }

  @Override
  public KeyPairGenerator createKeyPairGenerator(String name) throws NoSuchAlgorithmException, NoSuchProviderException {
    try {
      return jdk.createKeyPairGenerator(name);
    } catch (NoSuchAlgorithmException e) {
      return Bc.HELPER.createKeyPairGenerator(name);
    }
  }

  @Override
  @SuppressWarnings("deprecation")
  public MessageDigest createDigest(String name) throws NoSuchAlgorithmException, NoSuchProviderException {
    return createMessageDigest(name);
  }

  @Override
  public MessageDigest createMessageDigest(String name) throws NoSuchAlgorithmException, NoSuchProviderException {
    try {
      return jdk.createMessageDigest(name);
    } catch (NoSuchAlgorithmException e) {
      return Bc.HELPER.createMessageDigest(name);
    }
  }

  @Override
  public Signature createSignature(String name) throws NoSuchAlgorithmException, NoSuchProviderException {
    try {
      return jdk.createSignature(name);
    } catch (NoSuchAlgorithmException e) {
      return Bc.HELPER.createSignature(name);
    }
  }

  @Override
  public CertificateFactory createCertificateFactory(String name) throws NoSuchProviderException, CertificateException {
    try {
      return jdk.createCertificateFactory(name);
    } catch (CertificateException e) {
      return Bc.HELPER.createCertificateFactory(name);
    }
  }

  @Override
  public SecureRandom createSecureRandom(String name) throws NoSuchAlgorithmException, NoSuchProviderException {
    try {
      return jdk.createSecureRandom(name);
    } catch (NoSuchAlgorithmException e) {
      return Bc.HELPER.createSecureRandom(name);
    }
  }

  @Override
  public CertPathBuilder createCertPathBuilder(String name) throws NoSuchAlgorithmException, NoSuchProviderException {
    try {
      return jdk.createCertPathBuilder(name);
    } catch (NoSuchAlgorithmException e) {
      return Bc.HELPER.createCertPathBuilder(name);
    }
  }

  @Override
  public CertPathValidator createCertPathValidator(String name) throws NoSuchAlgorithmException, NoSuchProviderException {
    try {
      return jdk.createCertPathValidator(name);
    } catch (NoSuchAlgorithmException e) {
      return Bc.HELPER.createCertPathValidator(name);
    }
  }

  @Override
  public CertStore createCertStore(String name, CertStoreParameters parameters)
      throws NoSuchAlgorithmException, InvalidAlgorithmParameterException, NoSuchProviderException {
    try {
      return jdk.createCertStore(name, parameters);
    } catch (NoSuchAlgorithmException e) {
      return Bc.HELPER.createCertStore(name, parameters);
    }
  }

  @Override
  public ExemptionMechanism createExemptionMechanism(String name) throws NoSuchAlgorithmException, NoSuchProviderException {
    try {
      return jdk.createExemptionMechanism(name);
    } catch (NoSuchAlgorithmException e) {
      return Bc.HELPER.createExemptionMechanism(name);
    }
  }

  @Override
  public KeyStore createKeyStore(String name) throws KeyStoreException, NoSuchProviderException {
    try {
      return jdk.createKeyStore(name);
    } catch (KeyStoreException e) {
      return Bc.HELPER.createKeyStore(name);
    }
  }
}

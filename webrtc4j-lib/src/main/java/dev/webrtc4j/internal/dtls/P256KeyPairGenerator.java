package dev.webrtc4j.internal.dtls;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.signers.RandomDSAKCalculator;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * Generates P-256 key pairs with BouncyCastle's lightweight EC code and hands them out as the
 * JDK's {@code ECPrivateKey}/{@code ECPublicKey} (SunEC's, with the named-curve secp256r1
 * parameters), so PEM export, the DTLS engine and the certificate's SubjectPublicKeyInfo are what
 * the JDK's {@code KeyPairGenerator("EC")} gave before.
 *
 * <p>Why: the default certificate is generated for every connection that brings none (ahead of
 * time, by {@code CertificatePool}, but on a core the setup needs), and the JDK's P-256 key pair
 * was a large share of it; BC's comb multiplication on its dedicated P-256 field code is the one
 * the handshake's ECDSA already uses ({@link P256EcdsaSigner}).
 *
 * <p>The private scalar {@code d} is uniform in [1, n-1] from the caller's {@code SecureRandom}
 * (BC's {@code RandomDSAKCalculator}: rejection sampling of {@code bitLength(n)}-bit numbers,
 * FIPS 186-5 A.2.2; the handshake's ECDSA nonces are drawn the same way); {@code Q = dG} with BC's
 * {@code FixedPointCombMultiplier} (fixed-point comb with a constant-time table lookup on the
 * dedicated P-256 field code, as {@link P256EcdsaSigner} multiplies its nonces). Generation runs
 * ahead of any connection, at no time a peer's messages decide.
 */
final class P256KeyPairGenerator {
  private static final ECDomainParameters DOMAIN = P256EcdsaVerifier.DOMAIN;

  /** The JDK's secp256r1 parameters (a named curve: keys encode with its OID, not explicit parameters). */
  private static final ECParameterSpec JDK_P256 = jdkP256();

  private P256KeyPairGenerator() {}

  /**
   * A secret scalar uniform in [1, n-1] from {@code random} and the scalar times G (normalized):
   * a key pair's (d, Q) here, an ECDSA nonce's (k, kG) in {@link P256EcdsaSigner.Nonce}.
   */
  record SecretScalar(BigInteger value, org.bouncycastle.math.ec.ECPoint timesG) {
    static SecretScalar random(SecureRandom random) {
      RandomDSAKCalculator scalars = new RandomDSAKCalculator();
      scalars.init(DOMAIN.getN(), random);
      BigInteger value = scalars.nextK();
      return new SecretScalar(value, new FixedPointCombMultiplier().multiply(DOMAIN.getG(), value).normalize());
    }

    @Override
    public String toString() {
      return "SecretScalar[secret]";
    }
  }

  static KeyPair generate(SecureRandom random) throws GeneralSecurityException {
    SecretScalar pair = SecretScalar.random(random);
    BigInteger d = pair.value();
    org.bouncycastle.math.ec.ECPoint q = pair.timesG();
    KeyFactory factory = KeyFactory.getInstance("EC");
    return new KeyPair(
        factory.generatePublic(new ECPublicKeySpec(
            new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger()), JDK_P256)),
        factory.generatePrivate(new ECPrivateKeySpec(d, JDK_P256)));
  }

  private static ECParameterSpec jdkP256() {
    try {
      AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
      p.init(new ECGenParameterSpec("secp256r1"));
      return p.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}

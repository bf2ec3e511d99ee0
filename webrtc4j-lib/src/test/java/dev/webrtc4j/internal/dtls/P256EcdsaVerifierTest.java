package dev.webrtc4j.internal.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.SplittableRandom;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.tls.DigitallySigned;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.crypto.TlsVerifier;
import org.junit.jupiter.api.Test;

class P256EcdsaVerifierTest {
  static final SignatureAndHashAlgorithm ECDSA_SHA256 = SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa);

  static KeyPair keyPair(String curve) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec(curve));
    return g.generateKeyPair();
  }

  static P256EcdsaVerifier verifier(KeyPair k) {
    P256EcdsaVerifier v = P256EcdsaVerifier.forKey(SubjectPublicKeyInfo.getInstance(k.getPublic().getEncoded()));
    assertThat(v).isNotNull();
    return v;
  }

  static byte[] jdkSign(KeyPair k, String algorithm, byte[] message) throws Exception {
    Signature s = Signature.getInstance(algorithm);
    s.initSign(k.getPrivate());
    s.update(message);
    return s.sign();
  }

  static boolean jdkVerify(KeyPair k, byte[] message, byte[] signature) throws Exception {
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initVerify(k.getPublic());
    s.update(message);
    try {
      return s.verify(signature);
    } catch (java.security.SignatureException e) {
      return false;
    }
  }

  /** Signatures made by the JDK verify; any change to signature or hash fails, as with the JDK. */
  @Test
  void agreesWithTheJdkOnGenuineAndTamperedSignatures() throws Exception {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 30; i++) {
      KeyPair k = keyPair("secp256r1");
      TlsVerifier v = verifier(k);
      byte[] message = new byte[random.nextInt(1, 400)];
      random.nextBytes(message);
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(message);
      byte[] signature = jdkSign(k, "SHA256withECDSA", message);
      assertThat(v.getStreamVerifier(new DigitallySigned(ECDSA_SHA256, signature))).isNull();
      assertThat(v.verifyRawSignature(new DigitallySigned(ECDSA_SHA256, signature), hash)).isTrue();

      byte[] badSignature = signature.clone();
      badSignature[random.nextInt(signature.length)] ^= (byte) (1 << random.nextInt(8));
      assertThat(v.verifyRawSignature(new DigitallySigned(ECDSA_SHA256, badSignature), hash)).isEqualTo(jdkVerify(k, message, badSignature)).isFalse();

      byte[] badHash = hash.clone();
      badHash[random.nextInt(hash.length)] ^= 1;
      assertThat(v.verifyRawSignature(new DigitallySigned(ECDSA_SHA256, signature), badHash)).isFalse();

      KeyPair other = keyPair("secp256r1");
      assertThat(verifier(other).verifyRawSignature(new DigitallySigned(ECDSA_SHA256, signature), hash)).isFalse();
    }
  }

  /** A longer hash is truncated to the curve order's length (FIPS 186-4 §6.4), as the JDK does. */
  @Test
  void verifiesSha384SignaturesByAP256Key() throws Exception {
    KeyPair k = keyPair("secp256r1");
    byte[] message = "ServerKeyExchange".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] signature = jdkSign(k, "SHA384withECDSA", message);
    byte[] hash = MessageDigest.getInstance("SHA-384").digest(message);
    SignatureAndHashAlgorithm alg = SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha384, SignatureAlgorithm.ecdsa);
    assertThat(verifier(k).verifyRawSignature(new DigitallySigned(alg, signature), hash)).isTrue();
  }

  @Test
  void malformedSignaturesAreFalseNotExceptions() throws Exception {
    KeyPair k = keyPair("secp256r1");
    TlsVerifier v = verifier(k);
    byte[] hash = new byte[32];
    byte[][] garbage = {
      {},
      {0x30, 0x00},
      {0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x01}, // r = 0
      {0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x00}, // s = 0
      {0x30, 0x07, 0x02, 0x02, 0x00, 0x01, 0x02, 0x01, 0x01}, // non-minimal integer (not DER)
      {0x05, 0x00},
    };
    for (byte[] g : garbage) {
      assertThat(v.verifyRawSignature(new DigitallySigned(ECDSA_SHA256, g), hash)).as(java.util.Arrays.toString(g)).isFalse();
    }
    byte[] signature = jdkSign(k, "SHA256withECDSA", new byte[1]);
    byte[] trailing = java.util.Arrays.copyOf(signature, signature.length + 1);
    assertThat(v.verifyRawSignature(new DigitallySigned(ECDSA_SHA256, trailing), MessageDigest.getInstance("SHA-256").digest(new byte[1]))).isFalse();
  }

  @Test
  void refusesToVerifyAnotherSignatureAlgorithm() throws Exception {
    TlsVerifier v = verifier(keyPair("secp256r1"));
    SignatureAndHashAlgorithm rsa = SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.rsa);
    assertThatThrownBy(() -> v.verifyRawSignature(new DigitallySigned(rsa, new byte[8]), new byte[32])).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void onlyP256KeysAreServed() throws Exception {
    assertThat(P256EcdsaVerifier.forKey(SubjectPublicKeyInfo.getInstance(keyPair("secp384r1").getPublic().getEncoded()))).isNull();
    assertThat(P256EcdsaVerifier.forKey(SubjectPublicKeyInfo.getInstance(EnginePair.rsaCertificate().x509().getPublicKey().getEncoded()))).isNull();
  }

  @Test
  void certificatesUseThisVerifierForEcdsaP256AndTheJdkOtherwise() throws Exception {
    JdkTlsCrypto crypto = new JdkTlsCrypto(new java.security.SecureRandom());
    assertThat(crypto.createCertificate(EnginePair.SERVER_CERT.der().toArray()).createVerifier(SignatureAlgorithm.ecdsa)).isInstanceOf(P256EcdsaVerifier.class);
    assertThat(crypto.createCertificate(EnginePair.rsaCertificate().der().toArray()).createVerifier(SignatureAlgorithm.rsa)).isNotInstanceOf(P256EcdsaVerifier.class);
  }
}

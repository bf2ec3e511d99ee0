package dev.webrtc4j.internal.dtls;

import static dev.webrtc4j.internal.dtls.P256EcdsaVerifierTest.ECDSA_SHA256;
import static dev.webrtc4j.internal.dtls.P256EcdsaVerifierTest.jdkVerify;
import static dev.webrtc4j.internal.dtls.P256EcdsaVerifierTest.keyPair;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.junit.jupiter.api.Test;

class P256EcdsaSignerTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final BigInteger N = P256EcdsaVerifier.DOMAIN.getN();

  private static ECPrivateKeyParameters bcKey(KeyPair k) {
    ECPrivateKeyParameters key = P256EcdsaSigner.p256Key(k.getPrivate());
    assertThat(key).isNotNull();
    return key;
  }

  private static byte[] sha256(byte[] message) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(message);
  }

  private static BigInteger[] rs(byte[] der) throws Exception {
    ASN1Sequence seq = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(der));
    assertThat(seq.size()).isEqualTo(2);
    // Strict DER: the encoding round-trips byte for byte.
    assertThat(seq.getEncoded("DER")).isEqualTo(der);
    return new BigInteger[] {ASN1Integer.getInstance(seq.getObjectAt(0)).getValue(), ASN1Integer.getInstance(seq.getObjectAt(1)).getValue()};
  }

  /** Signatures made with and without a prepared nonce are DER, and the JDK verifies them; a flipped bit fails. */
  @Test
  void theJdkVerifiesItsSignatures() throws Exception {
    SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < 30; i++) {
      KeyPair k = keyPair("secp256r1");
      byte[] message = new byte[random.nextInt(1, 400)];
      random.nextBytes(message);
      Prepared<P256EcdsaSigner.Nonce> nonce = i % 2 == 0 ? new Prepared<>(() -> P256EcdsaSigner.Nonce.random(RANDOM)) : null;
      byte[] signature = new P256EcdsaSigner(bcKey(k), RANDOM, nonce).generateRawSignature(ECDSA_SHA256, sha256(message));
      BigInteger[] rs = rs(signature);
      assertThat(rs[0]).isPositive().isLessThan(N);
      assertThat(rs[1]).isPositive().isLessThan(N);
      assertThat(jdkVerify(k, message, signature)).as("key %d", i).isTrue();
      byte[] tampered = message.clone();
      tampered[random.nextInt(tampered.length)] ^= (byte) (1 << random.nextInt(8));
      assertThat(jdkVerify(k, tampered, signature)).isFalse();
      KeyPair other = keyPair("secp256r1");
      assertThat(jdkVerify(other, message, signature)).isFalse();
    }
  }

  /** Our own verifier (BC) and the JDK agree on them too, and so does the JDK's raw-hash verification. */
  @Test
  void verifiesAsARawHashSignature() throws Exception {
    KeyPair k = keyPair("secp256r1");
    byte[] hash = sha256("server key exchange".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    byte[] signature = new P256EcdsaSigner(bcKey(k), RANDOM, null).generateRawSignature(ECDSA_SHA256, hash);
    Signature raw = Signature.getInstance("NONEwithECDSA");
    raw.initVerify(k.getPublic());
    raw.update(hash);
    assertThat(raw.verify(signature)).isTrue();
    assertThat(P256EcdsaVerifierTest.verifier(k).verifyRawSignature(new org.bouncycastle.tls.DigitallySigned(ECDSA_SHA256, signature), hash)).isTrue();
  }

  /**
   * The prepared nonce is what the first signature uses (its r is the x of the prepared kG), it is
   * made once, and the next signature draws a fresh nonce (a nonce used twice would reveal the key).
   */
  @Test
  void thePreparedNonceSignsOnceAndOnlyOnce() throws Exception {
    KeyPair k = keyPair("secp256r1");
    AtomicInteger made = new AtomicInteger();
    P256EcdsaSigner.Nonce[] holder = new P256EcdsaSigner.Nonce[1];
    Prepared<P256EcdsaSigner.Nonce> prepared = new Prepared<>(() -> {
      made.incrementAndGet();
      holder[0] = P256EcdsaSigner.Nonce.random(RANDOM);
      return holder[0];
    });
    prepared.make(); // as the executor would, before the handshake needs it
    P256EcdsaSigner signer = new P256EcdsaSigner(bcKey(k), RANDOM, prepared);
    byte[] message = "certificate verify".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] first = signer.generateRawSignature(ECDSA_SHA256, sha256(message));
    BigInteger expectedR = holder[0].kg().getAffineXCoord().toBigInteger().mod(N);
    assertThat(rs(first)[0]).isEqualTo(expectedR);
    Set<BigInteger> rs = new HashSet<>();
    rs.add(rs(first)[0]);
    for (int i = 0; i < 5; i++) {
      byte[] again = signer.generateRawSignature(ECDSA_SHA256, sha256(message));
      assertThat(jdkVerify(k, message, again)).isTrue();
      assertThat(rs.add(rs(again)[0])).as("signature %d reused a nonce", i + 1).isTrue();
    }
    assertThat(made).hasValue(1);
  }

  /** Only named-curve P-256 keys get the BC signer; the engine keeps the JDK's for the others. */
  @Test
  void otherKeysAreNotP256Keys() throws Exception {
    assertThat(P256EcdsaSigner.p256Key(keyPair("secp384r1").getPrivate())).isNull();
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    assertThat(P256EcdsaSigner.p256Key(rsa.generateKeyPair().getPrivate())).isNull();
    KeyPair p256 = keyPair("secp256r1");
    assertThat(bcKey(p256).getD()).isEqualTo(((java.security.interfaces.ECPrivateKey) p256.getPrivate()).getS());
  }

  @Test
  void refusesToSignForAnotherSignatureAlgorithm() throws Exception {
    P256EcdsaSigner signer = new P256EcdsaSigner(bcKey(keyPair("secp256r1")), RANDOM, null);
    SignatureAndHashAlgorithm rsa = SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.rsa);
    assertThatThrownBy(() -> signer.generateRawSignature(rsa, new byte[32])).isInstanceOf(IllegalStateException.class);
    assertThat(signer.getStreamSigner(ECDSA_SHA256)).isNull();
  }

  /** The nonce is uniform in [1, n-1] and its point is kG. */
  @Test
  void aNonceIsARandomScalarAndItsPoint() {
    Set<BigInteger> seen = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      P256EcdsaSigner.Nonce n = P256EcdsaSigner.Nonce.random(RANDOM);
      assertThat(n.k()).isPositive().isLessThan(N);
      assertThat(n.kg()).isEqualTo(P256EcdsaVerifier.DOMAIN.getG().multiply(n.k()).normalize());
      assertThat(seen.add(n.k())).isTrue();
      assertThat(n.toString()).doesNotContain(n.k().toString(16)).doesNotContain(n.k().toString());
    }
  }
}

package dev.webrtc4j.internal.dtls;

import java.io.IOException;
import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.NullDigest;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.DSADigestSigner;
import org.bouncycastle.crypto.signers.DSAKCalculator;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.RandomDSAKCalculator;
import org.bouncycastle.math.ec.ECMultiplier;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.TlsSigner;
import org.bouncycastle.tls.crypto.TlsStreamSigner;
import org.jspecify.annotations.Nullable;

/**
 * Signs the handshake's ECDSA signatures (the server's ServerKeyExchange, the client's
 * CertificateVerify; RFC 5246 §7.4.3 / §7.4.8, RFC 8422 §5.4) with a P-256 key, using
 * BouncyCastle's lightweight {@code ECDSASigner} (what BC's own TLS crypto signs with), with the
 * nonce and its point made ahead of time ({@link Nonce}, through {@link Prepared}).
 *
 * <p>Why: the JDK's {@code SHA256withECDSA} took 0.26-0.45 ms per signature here, one on each
 * side's critical path. Almost all of an ECDSA signature is the scalar multiplication {@code kG}
 * of a random nonce {@code k}, which does not depend on the message: made while the engine waits
 * (before the handshake starts, or for the peer's flight), the signature left on the critical
 * path is {@code s = k⁻¹(e + d·r) mod n}, microseconds. This is the usual offline/online split of
 * ECDSA; the nonce stays as secret as the private key, is uniform in [1, n-1] from the engine's
 * {@code SecureRandom} (BC's {@code RandomDSAKCalculator}, as the JDK's ECDSA draws it) and is used
 * for exactly one signature ({@link Prepared#take}; a second signature, or one without a prepared
 * nonce, draws a fresh one).
 *
 * <p>Side channels (it is the private key): {@code kG} is BC's {@code FixedPointCombMultiplier}
 * (a fixed-point comb with a constant-time table lookup on the dedicated P-256 field code); BC
 * inverts {@code k} with its constant-time {@code modOddInverse}; what is left, {@code e + d·r}
 * and the reductions on {@code BigInteger}, is BC's own ECDSA code as every BC deployment runs it
 * and touches {@code k} only through its constant-time inverse. And the nonce's multiplication
 * no longer runs at a time the peer's messages decide. The output is BC's DER encoding of (r, s).
 */
final class P256EcdsaSigner implements TlsSigner {
  private static final ECDomainParameters DOMAIN = P256EcdsaVerifier.DOMAIN;

  /** One ECDSA nonce: {@code k} in [1, n-1] and {@code kG}, normalized. Secret; one signature only. */
  record Nonce(BigInteger k, ECPoint kg) {
    static Nonce random(SecureRandom random) {
      P256KeyPairGenerator.SecretScalar k = P256KeyPairGenerator.SecretScalar.random(random);
      return new Nonce(k.value(), k.timesG());
    }

    @Override
    public String toString() {
      return "Nonce[secret]";
    }
  }

  private final ECPrivateKeyParameters key;
  private final SecureRandom random;
  private final @Nullable Prepared<Nonce> nonce;

  /**
   * @param key from {@link #p256Key}
   * @param nonce the nonce of the next signature, made ahead; without it (or once taken) each
   *     signature draws its own
   */
  P256EcdsaSigner(ECPrivateKeyParameters key, SecureRandom random, @Nullable Prepared<Nonce> nonce) {
    this.key = key;
    this.random = random;
    this.nonce = nonce;
  }

  /** The key as BC's lightweight parameters if it is a P-256 key whose scalar can be read; null otherwise. */
  static @Nullable ECPrivateKeyParameters p256Key(PrivateKey privateKey) {
    if (!(privateKey instanceof ECPrivateKey ec) || !isP256(ec.getParams())) {
      return null;
    }
    try {
      BigInteger d = ec.getS();
      return d == null ? null : new ECPrivateKeyParameters(d, DOMAIN);
    } catch (RuntimeException e) {
      return null; // a key that does not reveal its scalar (a token), or one out of range: the JDK signs
    }
  }

  private static boolean isP256(@Nullable ECParameterSpec spec) {
    if (spec == null || !(spec.getCurve().getField() instanceof ECFieldFp field)) {
      return false;
    }
    ECPoint g = DOMAIN.getG();
    return field.getP().equals(DOMAIN.getCurve().getField().getCharacteristic())
        && spec.getCurve().getA().equals(DOMAIN.getCurve().getA().toBigInteger())
        && spec.getCurve().getB().equals(DOMAIN.getCurve().getB().toBigInteger())
        && spec.getGenerator().getAffineX().equals(g.getAffineXCoord().toBigInteger())
        && spec.getGenerator().getAffineY().equals(g.getAffineYCoord().toBigInteger())
        && spec.getOrder().equals(DOMAIN.getN())
        && spec.getCofactor() == 1;
  }

  @Override
  public byte[] generateRawSignature(SignatureAndHashAlgorithm algorithm, byte[] hash) throws IOException {
    if (algorithm != null && algorithm.getSignature() != SignatureAlgorithm.ecdsa) {
      throw new IllegalStateException("ECDSA signer asked to sign with " + algorithm);
    }
    Nonce prepared = nonce == null ? null : nonce.take();
    DSADigestSigner signer = new DSADigestSigner(new PreparedNonceEcdsa(new OnceCalculator(prepared)), new NullDigest());
    signer.init(true, new ParametersWithRandom(key, random));
    // Before TLS 1.2 the hash is MD5 || SHA-1, and ECDSA signs the SHA-1 part (RFC 4492 §5.4).
    byte[] signedHash = algorithm == null ? Arrays.copyOfRange(hash, 16, 36) : hash;
    signer.update(signedHash, 0, signedHash.length);
    try {
      return signer.generateSignature();
    } catch (RuntimeException e) {
      throw new TlsFatalAlert(AlertDescription.internal_error, "ECDSA signing failed", e);
    }
  }

  @Override
  public @Nullable TlsStreamSigner getStreamSigner(SignatureAndHashAlgorithm algorithm) {
    return null; // BC hashes the signed data and calls generateRawSignature
  }

  /**
   * Hands out the prepared nonce's {@code k} first (when there is one), then fresh random ones
   * (ECDSA draws again when r or s is 0).
   */
  private static final class OnceCalculator implements DSAKCalculator {
    private @Nullable Nonce prepared;
    /** The prepared nonce whose k the last {@link #nextK} returned, else null. */
    private @Nullable Nonce handedOut;
    private final RandomDSAKCalculator fresh = new RandomDSAKCalculator();

    OnceCalculator(@Nullable Nonce prepared) {
      this.prepared = prepared;
    }

    @Override
    public boolean isDeterministic() {
      return false;
    }

    @Override
    public void init(BigInteger n, SecureRandom random) {
      fresh.init(n, random);
    }

    @Override
    public void init(BigInteger n, BigInteger d, byte[] message) {
      throw new IllegalStateException("not a deterministic calculator");
    }

    @Override
    public BigInteger nextK() {
      Nonce p = prepared;
      if (p != null) {
        prepared = null;
        handedOut = p;
        return p.k();
      }
      handedOut = null;
      return fresh.nextK();
    }
  }

  /** BC's ECDSA, with {@code kG} answered from the prepared nonce when {@code k} is the prepared one. */
  private static final class PreparedNonceEcdsa extends ECDSASigner {
    private final OnceCalculator calculator;

    PreparedNonceEcdsa(OnceCalculator calculator) {
      super(calculator);
      this.calculator = calculator;
    }

    @Override
    protected ECMultiplier createBasePointMultiplier() {
      ECMultiplier comb = super.createBasePointMultiplier();
      return (point, k) -> {
        Nonce p = calculator.handedOut;
        return p != null && k == p.k() && point.equals(DOMAIN.getG()) ? p.kg() : comb.multiply(point, k);
      };
    }
  }
}

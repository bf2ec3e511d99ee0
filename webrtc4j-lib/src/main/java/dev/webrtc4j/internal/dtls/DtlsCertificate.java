package dev.webrtc4j.internal.dtls;

import dev.webrtc4j.internal.util.Bytes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.RSAKeyGenParameterSpec;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.jspecify.annotations.Nullable;

/**
 * A DTLS identity: a private key and its self-signed X.509 certificate, as behind a W3C
 * {@code RTCCertificate}. Immutable and thread-safe.
 *
 * <p>WebRTC authenticates the peer by the certificate's fingerprint in the signalled SDP
 * (<a href="https://www.rfc-editor.org/rfc/rfc8827#section-6.5">RFC 8827 §6.5</a>), so the
 * certificate carries no meaningful name: the subject and issuer are {@code CN=<random hex>}, the
 * serial number is a random positive 64-bit number (both from the {@link SecureRandom} passed in).
 * The validity starts one day before {@code now}, like Chrome, to tolerate the peer's clock being
 * behind, and ends at {@code now + expires}. P-256 keys are generated and their certificate
 * signed with BouncyCastle's lightweight EC code ({@link P256KeyPairGenerator}, {@link
 * P256EcdsaSigner}; the JDK's P-256 took twice as long) but handed out as the JDK's key objects,
 * RSA keys by the JDK (SunRsaSign); the certificate's DER is written by {@link SelfSignedDer}
 * (bcpkix's builder and the JDK's parse of its output took as long again as the key pair and the
 * signature), and the JDK's {@link X509Certificate} view is parsed only when asked for.
 */
public final class DtlsCertificate {
  /** How far notBefore lies before {@code now} (Chrome's choice: a day, for clock skew). */
  public static final Duration NOT_BEFORE_SLACK = Duration.ofDays(1);

  /** The W3C default of {@code expires}: 30 days. */
  public static final Duration DEFAULT_EXPIRES = Duration.ofDays(30);

  /** The latest notAfter X.509 can express (GeneralizedTime, four-digit year). */
  private static final Instant LAST_INSTANT = Instant.parse("9999-12-31T23:59:59Z");

  private final PrivateKey privateKey;
  private final Bytes der;
  private final Instant notBefore;
  private final Instant notAfter;
  /** Parsed from {@link #der} on first use (a benign race: any thread parses the same bytes). */
  private volatile @Nullable X509Certificate certificate;

  private DtlsCertificate(PrivateKey privateKey, X509Certificate certificate) {
    this.privateKey = privateKey;
    this.certificate = certificate;
    try {
      this.der = Bytes.wrapOwned(certificate.getEncoded());
    } catch (CertificateException e) {
      throw new IllegalArgumentException("certificate does not encode: " + e.getMessage(), e);
    }
    this.notBefore = certificate.getNotBefore().toInstant();
    this.notAfter = certificate.getNotAfter().toInstant();
  }

  /** A certificate we encoded ourselves: {@code notBefore}/{@code notAfter} in whole seconds, as encoded. */
  private DtlsCertificate(PrivateKey privateKey, byte[] der, Instant notBefore, Instant notAfter) {
    this.privateKey = privateKey;
    this.der = Bytes.wrapOwned(der);
    this.notBefore = notBefore;
    this.notAfter = notAfter;
  }

  /** An ECDSA P-256 certificate valid for {@link #DEFAULT_EXPIRES}. */
  public static DtlsCertificate generate(Instant now, SecureRandom random) {
    return generate(KeyParams.ECDSA_P256, now, DEFAULT_EXPIRES, random);
  }

  /**
   * Generates a key pair and a self-signed certificate for it.
   *
   * @param params the key algorithm
   * @param now the current wall-clock time (never read here)
   * @param expires how long from {@code now} the certificate stays valid; positive
   * @param random source of the key, the serial number, the common name and the signature nonce
   * @throws IllegalArgumentException if {@code expires} is not positive or reaches beyond year 9999
   */
  public static DtlsCertificate generate(KeyParams params, Instant now, Duration expires, SecureRandom random) {
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(expires, "expires");
    Objects.requireNonNull(random, "random");
    if (expires.isNegative() || expires.isZero()) {
      throw new IllegalArgumentException("expires must be positive, not " + expires);
    }
    Instant notBefore = now.minus(NOT_BEFORE_SLACK);
    Instant notAfter;
    try {
      notAfter = now.plus(expires);
    } catch (DateTimeException | ArithmeticException e) {
      throw new IllegalArgumentException("expires too large: " + expires, e);
    }
    if (notAfter.isAfter(LAST_INSTANT)) {
      throw new IllegalArgumentException("expires reaches beyond year 9999: " + expires);
    }
    try {
      KeyPair keyPair = generateKeyPair(params, random);
      byte[] serialBytes = new byte[8];
      random.nextBytes(serialBytes);
      serialBytes[0] &= 0x7f; // positive (RFC 5280 §4.1.2.2)
      BigInteger serial = new BigInteger(1, serialBytes);
      if (serial.signum() == 0) {
        serial = BigInteger.ONE;
      }
      byte[] cnBytes = new byte[8];
      random.nextBytes(cnBytes);
      Instant from = notBefore.truncatedTo(ChronoUnit.SECONDS);
      Instant to = notAfter.truncatedTo(ChronoUnit.SECONDS);
      byte[] der = SelfSignedDer.encode(params instanceof KeyParams.Ecdsa, serial, HexFormat.of().formatHex(cnBytes),
          from, to, keyPair.getPublic(), keyPair.getPrivate(), random);
      return new DtlsCertificate(keyPair.getPrivate(), der, from, to);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("certificate generation failed: " + e.getMessage(), e);
    }
  }

  private static KeyPair generateKeyPair(KeyParams params, SecureRandom random) throws GeneralSecurityException {
    return switch (params) {
      case KeyParams.Ecdsa e -> P256KeyPairGenerator.generate(random);
      case KeyParams.Rsa r -> {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(new RSAKeyGenParameterSpec(r.modulusLength(), r.publicExponent()), random);
        yield g.generateKeyPair();
      }
    };
  }

  private static X509Certificate parseDer(byte[] der) throws CertificateException {
    return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
  }

  /**
   * Imports a certificate and its private key from PEM. The key may be PKCS#8
   * ({@code PRIVATE KEY}), SEC 1 ({@code EC PRIVATE KEY}) or PKCS#1 ({@code RSA PRIVATE KEY}),
   * unencrypted.
   *
   * @throws IllegalArgumentException when either does not parse, or the key type does not match the
   *     certificate's
   */
  public static DtlsCertificate fromPem(String certificatePem, String privateKeyPem) {
    X509Certificate cert;
    try (PEMParser p = new PEMParser(new StringReader(certificatePem))) {
      Object o = p.readObject();
      if (!(o instanceof X509CertificateHolder holder)) {
        throw new IllegalArgumentException("no CERTIFICATE in the certificate PEM");
      }
      cert = parseDer(holder.getEncoded());
    } catch (IOException | CertificateException e) {
      throw new IllegalArgumentException("bad certificate PEM: " + e.getMessage(), e);
    }
    PrivateKey key;
    try (PEMParser p = new PEMParser(new StringReader(privateKeyPem))) {
      Object o = p.readObject();
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      key =
          switch (o) {
            case PrivateKeyInfo info -> converter.getPrivateKey(info);
            case PEMKeyPair pair -> converter.getKeyPair(pair).getPrivate();
            case null, default -> throw new IllegalArgumentException("no unencrypted private key in the key PEM");
          };
    } catch (IOException e) {
      throw new IllegalArgumentException("bad private key PEM: " + e.getMessage(), e);
    }
    boolean same =
        (key instanceof ECKey && cert.getPublicKey() instanceof ECKey)
            || (key instanceof RSAKey rk
                && cert.getPublicKey() instanceof RSAKey ck
                && rk.getModulus().equals(ck.getModulus()));
    if (!same) {
      throw new IllegalArgumentException(
          "private key (" + key.getAlgorithm() + ") does not belong to the certificate (" + cert.getPublicKey().getAlgorithm() + ")");
    }
    return new DtlsCertificate(key, cert);
  }

  /** The certificate in PEM ({@code -----BEGIN CERTIFICATE-----}). */
  public String certificatePem() {
    return pem("CERTIFICATE", der.toArray());
  }

  /** The private key in unencrypted PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}). */
  public String privateKeyPem() {
    return pem("PRIVATE KEY", privateKey.getEncoded());
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  public PrivateKey privateKey() {
    return privateKey;
  }

  /** The JDK view of the certificate. */
  public X509Certificate x509() {
    X509Certificate c = certificate;
    if (c == null) {
      try {
        c = parseDer(der.toArray());
      } catch (CertificateException e) {
        throw new IllegalStateException("our own certificate does not parse: " + e.getMessage(), e);
      }
      certificate = c;
    }
    return c;
  }

  /** Whether {@link #x509()} has its parsed view already (it parses on first use otherwise). */
  public boolean hasParsedX509() {
    return certificate != null;
  }

  /** The DER encoding of the certificate (what the fingerprint hashes). */
  public Bytes der() {
    return der;
  }

  /** True for an ECDSA key, false for RSA. */
  public boolean isEcdsa() {
    return privateKey instanceof ECKey;
  }

  public Instant notBefore() {
    return notBefore;
  }

  /** The end of validity: the W3C {@code RTCCertificate.expires}. */
  public Instant notAfter() {
    return notAfter;
  }

  /** The fingerprint with {@code hash}. */
  public Fingerprint fingerprint(HashFunction hash) {
    return Fingerprint.of(hash, der.toArray());
  }

  /** The SHA-256 fingerprint: what webrtc4j puts in its SDP, like every browser. */
  public Fingerprint sha256Fingerprint() {
    return fingerprint(HashFunction.SHA_256);
  }

  /** The fingerprints with every supported hash, SHA-256 first. */
  public List<Fingerprint> fingerprints() {
    List<Fingerprint> out = new ArrayList<>();
    out.add(sha256Fingerprint());
    for (HashFunction h : HashFunction.values()) {
      if (h != HashFunction.SHA_256) {
        out.add(fingerprint(h));
      }
    }
    return List.copyOf(out);
  }

  @Override
  public String toString() {
    return "DtlsCertificate[" + x509().getSubjectX500Principal().getName() + ", " + sha256Fingerprint() + "]";
  }
}

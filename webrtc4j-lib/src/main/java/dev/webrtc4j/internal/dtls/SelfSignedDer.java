package dev.webrtc4j.internal.dtls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;

/**
 * The DER encoding of the one certificate shape WebRTC needs (<a
 * href="https://www.rfc-editor.org/rfc/rfc5280#section-4.1">RFC 5280 §4.1</a>): X.509 v3,
 * self-signed, subject = issuer = {@code CN=<name>}, no extensions, signed with SHA-256 and ECDSA
 * or RSA PKCS#1 v1.5.
 *
 * <p>Written by hand because the general builder cost more than the signature itself: bcpkix's
 * {@code X509v3CertificateBuilder} formats each validity date through a new {@code
 * SimpleDateFormat} and looks its signer up by name, and the JDK then parsed the result again. A
 * profile of the setup workload had those at about half of the certificate's CPU time; the rest is
 * the key pair and the signature.
 *
 * <pre>
 * Certificate  ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue BIT STRING }
 * TBSCertificate ::= SEQUENCE { [0] EXPLICIT version v3, serialNumber INTEGER, signature
 *     AlgorithmIdentifier, issuer Name, validity SEQUENCE { notBefore, notAfter }, subject Name,
 *     subjectPublicKeyInfo }
 * </pre>
 */
final class SelfSignedDer {
  /** ecdsa-with-SHA256 (RFC 5758 §3.2): OID 1.2.840.10045.4.3.2, parameters absent. */
  private static final byte[] ECDSA_SHA256 = {0x30, 0x0a, 0x06, 0x08, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x04, 0x03, 0x02};

  /** sha256WithRSAEncryption (RFC 4055 §5): OID 1.2.840.113549.1.1.11, parameters NULL. */
  private static final byte[] RSA_SHA256 =
      {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x0b, 0x05, 0x00};

  /** version [0] EXPLICIT INTEGER 2 (v3). */
  private static final byte[] VERSION_3 = {(byte) 0xa0, 0x03, 0x02, 0x01, 0x02};

  /** id-at-commonName, 2.5.4.3. */
  private static final byte[] OID_CN = {0x06, 0x03, 0x55, 0x04, 0x03};

  private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");
  private static final DateTimeFormatter GENERALIZED_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'");

  private static final SignatureAndHashAlgorithm ECDSA_WITH_SHA256 =
      SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa);

  private SelfSignedDer() {}

  /**
   * Encodes and signs the certificate.
   *
   * @param ecdsa true for SHA256withECDSA, false for SHA256withRSA
   * @param serial positive
   * @param commonName the CN of subject and issuer (ASCII)
   * @param random the signature's nonce source (ECDSA)
   */
  static byte[] encode(boolean ecdsa, BigInteger serial, String commonName, Instant notBefore, Instant notAfter,
      PublicKey publicKey, PrivateKey privateKey, SecureRandom random) throws GeneralSecurityException {
    byte[] algorithm = ecdsa ? ECDSA_SHA256 : RSA_SHA256;
    byte[] name = tlv(0x30, tlv(0x31, tlv(0x30, OID_CN, tlv(0x0c, commonName.getBytes(StandardCharsets.UTF_8)))));
    byte[] validity = tlv(0x30, time(notBefore), time(notAfter));
    byte[] tbs = tlv(0x30, VERSION_3, tlv(0x02, serial.toByteArray()), algorithm, name, validity, name,
        publicKey.getEncoded());
    byte[] signature = sign(ecdsa, tbs, privateKey, random);
    byte[] bits = new byte[signature.length + 1]; // leading 0: no unused bits
    System.arraycopy(signature, 0, bits, 1, signature.length);
    return tlv(0x30, tbs, algorithm, tlv(0x03, bits));
  }

  /**
   * SHA256withECDSA or SHA256withRSA over {@code tbs}; a P-256 key signs with BC's lightweight
   * ECDSA ({@link P256EcdsaSigner}, the handshake's signer: the JDK's took twice as long), whose
   * output is the same DER (r, s) the JDK's {@code Signature} gives.
   */
  private static byte[] sign(boolean ecdsa, byte[] tbs, PrivateKey privateKey, SecureRandom random)
      throws GeneralSecurityException {
    ECPrivateKeyParameters p256 = ecdsa ? P256EcdsaSigner.p256Key(privateKey) : null;
    if (p256 != null) {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(tbs);
      try {
        return new P256EcdsaSigner(p256, random, null).generateRawSignature(ECDSA_WITH_SHA256, hash);
      } catch (IOException e) {
        throw new SignatureException("ECDSA signing failed", e);
      }
    }
    Signature s = Signature.getInstance(ecdsa ? "SHA256withECDSA" : "SHA256withRSA");
    s.initSign(privateKey, random);
    s.update(tbs);
    return s.sign();
  }

  /** RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050; whole seconds, Z. */
  private static byte[] time(Instant t) {
    ZonedDateTime z = t.truncatedTo(ChronoUnit.SECONDS).atZone(ZoneOffset.UTC);
    boolean utc = z.getYear() >= 1950 && z.getYear() < 2050;
    String s = (utc ? UTC_TIME : GENERALIZED_TIME).format(z);
    return tlv(utc ? 0x17 : 0x18, s.getBytes(StandardCharsets.US_ASCII));
  }

  /** Tag, DER length, then the parts concatenated. */
  private static byte[] tlv(int tag, byte[]... parts) {
    int length = 0;
    for (byte[] p : parts) {
      length += p.length;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(length + 6);
    out.write(tag);
    if (length < 0x80) {
      out.write(length);
    } else if (length < 0x100) {
      out.write(0x81);
      out.write(length);
    } else if (length < 0x10000) {
      out.write(0x82);
      out.write(length >> 8);
      out.write(length);
    } else {
      out.write(0x83);
      out.write(length >> 16);
      out.write(length >> 8);
      out.write(length);
    }
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}

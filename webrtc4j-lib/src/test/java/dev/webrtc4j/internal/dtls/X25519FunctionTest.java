package dev.webrtc4j.internal.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webrtc4j.internal.util.Bytes;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import javax.crypto.KeyAgreement;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.junit.jupiter.api.Test;

/**
 * {@link X25519Function} against RFC 7748's published vectors and, on random and edge-case inputs,
 * against BouncyCastle's {@code rfc7748.X25519} and the JDK's XDH.
 */
class X25519FunctionTest {
  private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));

  static byte[] hex(String s) {
    return Bytes.fromHex(s).toArray();
  }

  static String hex(byte[] b) {
    return Bytes.of(b).toHex();
  }

  static byte[] ours(byte[] k, byte[] u) {
    byte[] out = new byte[32];
    X25519Function.agreement(k, u, out);
    return out;
  }

  static byte[] bc(byte[] k, byte[] u) {
    byte[] out = new byte[32];
    X25519.scalarMult(k, 0, u, 0, out, 0);
    return out;
  }

  /** The little-endian encoding of a value below 2^256. */
  static byte[] littleEndian(BigInteger v) {
    byte[] out = new byte[32];
    for (int i = 0; i < 32; i++) {
      out[i] = v.shiftRight(8 * i).byteValue();
    }
    return out;
  }

  static BigInteger value(byte[] littleEndian) {
    byte[] big = new byte[32];
    for (int i = 0; i < 32; i++) {
      big[i] = littleEndian[31 - i];
    }
    return new BigInteger(1, big);
  }

  /** The JDK's XDH on the u that RFC 7748 §5 defines for these bytes (top bit masked, mod p). */
  static byte[] jdk(byte[] k, byte[] u) throws Exception {
    KeyFactory keys = KeyFactory.getInstance("XDH");
    PrivateKey priv = keys.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, k.clone()));
    BigInteger uValue = value(u).clearBit(255).mod(P);
    PublicKey pub = keys.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, uValue));
    KeyAgreement ka = KeyAgreement.getInstance("XDH");
    ka.init(priv);
    ka.doPhase(pub, true);
    return ka.generateSecret();
  }

  /** RFC 7748 §5.2, the two scalar-multiplication vectors. */
  @Test
  void matchesTheRfc7748ScalarMultiplicationVectors() {
    assertThat(hex(ours(
            hex("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4"),
            hex("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c"))))
        .isEqualTo("c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552");
    // This u has its top bit set (0x93 > 0x7f): it must be masked off.
    assertThat(hex(ours(
            hex("4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d"),
            hex("e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493"))))
        .isEqualTo("95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957");
  }

  /** RFC 7748 §5.2, the iterated vector: k = u = 9, then k, u = X25519(k, u), k. */
  @Test
  void matchesTheRfc7748IteratedVectorAfter1And1000Iterations() {
    byte[] k = new byte[32];
    byte[] u = new byte[32];
    k[0] = 9;
    u[0] = 9;
    for (int i = 1; i <= 1000; i++) {
      byte[] next = ours(k, u);
      u = k;
      k = next;
      if (i == 1) {
        assertThat(hex(k)).isEqualTo("422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079");
      }
    }
    assertThat(hex(k)).isEqualTo("684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51");
  }

  /** RFC 7748 §6.1: both public keys (through publicKey and through agreement with u = 9) and K. */
  @Test
  void matchesTheRfc7748DiffieHellmanVector() {
    byte[] alicePrivate = hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    byte[] bobPrivate = hex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
    byte[] alicePublic = new byte[32];
    byte[] bobPublic = new byte[32];
    X25519Function.publicKey(alicePrivate, alicePublic);
    X25519Function.publicKey(bobPrivate, bobPublic);
    assertThat(hex(alicePublic)).isEqualTo("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
    assertThat(hex(bobPublic)).isEqualTo("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
    byte[] nine = new byte[32];
    nine[0] = 9;
    assertThat(ours(alicePrivate, nine)).isEqualTo(alicePublic);
    byte[] k1 = new byte[32];
    byte[] k2 = new byte[32];
    assertThat(X25519Function.agreement(alicePrivate, bobPublic, k1)).isTrue();
    assertThat(X25519Function.agreement(bobPrivate, alicePublic, k2)).isTrue();
    assertThat(hex(k1)).isEqualTo("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
    assertThat(k2).isEqualTo(k1);
    // the inputs are not modified (the clamping works on a copy)
    assertThat(hex(alicePrivate)).isEqualTo("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
  }

  @Test
  void agreesWithBouncyCastleOnRandomScalarsAndCoordinates() {
    SplittableRandom random = new SplittableRandom(0x25519);
    for (int i = 0; i < 1000; i++) {
      byte[] k = bytes(random);
      byte[] u = bytes(random); // about half of them with the top bit set
      byte[] out = new byte[32];
      boolean nonZero = X25519Function.agreement(k, u, out);
      byte[] expected = new byte[32];
      boolean bcNonZero = X25519.calculateAgreement(k, 0, u, 0, expected, 0);
      assertThat(hex(out)).as("k=%s u=%s", hex(k), hex(u)).isEqualTo(hex(expected));
      assertThat(nonZero).isEqualTo(bcNonZero).isTrue();
      byte[] pub = new byte[32];
      byte[] bcPub = new byte[32];
      X25519Function.publicKey(k, pub);
      X25519.scalarMultBase(k, 0, bcPub, 0);
      assertThat(hex(pub)).as("k=%s", hex(k)).isEqualTo(hex(bcPub));
    }
  }

  @Test
  void agreesWithTheJdkOnRandomScalarsAndCoordinates() throws Exception {
    SplittableRandom random = new SplittableRandom(7748);
    for (int i = 0; i < 200; i++) {
      byte[] k = bytes(random);
      byte[] u = bytes(random);
      assertThat(hex(ours(k, u))).as("k=%s u=%s", hex(k), hex(u)).isEqualTo(hex(jdk(k, u)));
    }
  }

  /**
   * u of p or more (2^255 - 19 .. 2^255 - 1, with and without the top bit) is taken modulo p,
   * and all-ones bytes are 2^255 - 1 after masking: the same results as the canonical u.
   */
  @Test
  void nonCanonicalCoordinatesAreReducedModP() throws Exception {
    SplittableRandom random = new SplittableRandom(19);
    for (int offset = 0; offset < 19; offset++) {
      BigInteger v = P.add(BigInteger.valueOf(offset)); // p + offset < 2^255
      for (boolean topBit : new boolean[] {false, true}) {
        byte[] u = littleEndian(topBit ? v.setBit(255) : v);
        byte[] canonical = littleEndian(BigInteger.valueOf(offset));
        for (int i = 0; i < 3; i++) {
          byte[] k = bytes(random);
          byte[] out = new byte[32];
          boolean nonZero = X25519Function.agreement(k, u, out);
          byte[] bcOut = new byte[32];
          boolean bcNonZero = X25519.calculateAgreement(k, 0, u, 0, bcOut, 0);
          assertThat(hex(out)).as("offset %d top %s", offset, topBit).isEqualTo(hex(bcOut)).isEqualTo(hex(ours(k, canonical)));
          assertThat(nonZero).isEqualTo(bcNonZero);
          if (nonZero) {
            assertThat(hex(out)).isEqualTo(hex(jdk(k, u)));
          }
        }
      }
    }
    // random u just below 2^255 (p lies in that range too)
    for (int i = 0; i < 50; i++) {
      BigInteger v = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(random.nextLong(1, Long.MAX_VALUE)));
      byte[] u = littleEndian(v);
      byte[] k = bytes(random);
      assertThat(hex(ours(k, u))).isEqualTo(hex(bc(k, u))).isEqualTo(hex(jdk(k, u)));
    }
    byte[] allOnes = new byte[32];
    Arrays.fill(allOnes, (byte) 0xff);
    byte[] k = bytes(random);
    assertThat(hex(ours(k, allOnes))).isEqualTo(hex(bc(k, allOnes))).isEqualTo(hex(jdk(k, allOnes)));
  }

  /**
   * The u-coordinates of the points of small order (0, 1, the two of order 8, and -1), 0 and 1
   * also in their non-canonical forms (p, p + 1), each with and without the top bit set: the result is all zeros, and it is
   * reported, as BouncyCastle does.
   */
  @Test
  void smallOrderPointsGiveTheAllZeroResultAndItIsDetected() {
    BigInteger order8a = value(hex("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800"));
    BigInteger order8b = value(hex("5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157"));
    BigInteger[] small = {BigInteger.ZERO, BigInteger.ONE, order8a, order8b, P.subtract(BigInteger.ONE)};
    SplittableRandom random = new SplittableRandom(8);
    int cases = 0;
    for (BigInteger s : small) {
      for (BigInteger form : new BigInteger[] {s, s.add(P)}) {
        if (form.bitLength() > 255) {
          continue; // only u < 19 has a second, non-canonical form below 2^255
        }
        for (boolean topBit : new boolean[] {false, true}) {
          byte[] u = littleEndian(topBit ? form.setBit(255) : form);
          for (int i = 0; i < 4; i++) {
            byte[] k = bytes(random);
            byte[] out = new byte[32];
            Arrays.fill(out, (byte) 0x55);
            assertThat(X25519Function.agreement(k, u, out)).as("u=%s", hex(u)).isFalse();
            assertThat(out).containsOnly((byte) 0);
            assertThat(X25519.calculateAgreement(k, 0, u, 0, new byte[32], 0)).isFalse();
            cases++;
          }
        }
      }
    }
    assertThat(cases).isEqualTo(7 * 2 * 4); // 0, p, 1, p + 1, two of order 8, p - 1; top bit or not
  }

  /** Scalars that differ only in the bits clamping sets or clears give the same result. */
  @Test
  void theScalarIsClamped() {
    SplittableRandom random = new SplittableRandom(248);
    for (int i = 0; i < 20; i++) {
      byte[] k = bytes(random);
      byte[] u = bytes(random);
      byte[] flipped = k.clone();
      flipped[0] ^= 7;
      flipped[31] ^= (byte) 0xc0;
      assertThat(ours(flipped, u)).isEqualTo(ours(k, u));
    }
  }

  private static byte[] bytes(SplittableRandom random) {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return b;
  }
}

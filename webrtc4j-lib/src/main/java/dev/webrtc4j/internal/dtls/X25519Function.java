package dev.webrtc4j.internal.dtls;

import java.util.Arrays;

/**
 * The X25519 function of RFC 7748 §5 (scalar times u-coordinate on Curve25519), our own, on
 * {@link Field25519}'s 5 x 51-bit limbs with 128-bit products; it replaced BouncyCastle's
 * {@code rfc7748.X25519} (10 x 25.5-bit limbs) in {@link X25519Domain} because it is faster on
 * the JVM (docs/perf-notes/x25519v7.md).
 *
 * <p>Constant-time in the usual Java sense: the Montgomery ladder does the same operations for
 * every scalar, its conditional swaps are masks, no branch or array index depends on the scalar
 * or on the points; the scratch values are zeroed before returning. Public for the benchmark
 * module only (the package is not exported by the JPMS module).
 */
public final class X25519Function {
  /** Bytes of a scalar, of a u-coordinate and of a result. */
  public static final int SIZE = 32;

  private X25519Function() {}

  /**
   * out = X25519(k, u): k is clamped as RFC 7748 §5 says (not modified), u's top bit is ignored
   * and a u of p or more is taken modulo p; out is the canonical encoding.
   *
   * @return false when the result is all zeros (u is a point of small order: RFC 7748 §6.1 and
   *     RFC 8422 §5.11 require the caller to abort then); checked without an early exit.
   */
  public static boolean agreement(byte[] k, byte[] u, byte[] out) {
    long[] x1 = new long[Field25519.LIMBS];
    Field25519.decode(x1, u, 0);
    ladder(k, x1, false, out);
    Field25519.zero(x1);
    int bits = 0;
    for (int i = 0; i < SIZE; i++) {
      bits |= out[i];
    }
    return bits != 0;
  }

  /** out = X25519(k, 9): the public key of the private scalar k. */
  public static void publicKey(byte[] k, byte[] out) {
    long[] nine = new long[Field25519.LIMBS];
    nine[0] = 9;
    ladder(k, nine, true, out);
  }

  /**
   * RFC 7748 §5's ladder over bits 254 down to 0 of the clamped scalar. {@code baseNine} (public:
   * whether x1 is the base point 9) replaces the product by x1 with the cheaper {@link
   * Field25519#mul9}.
   */
  private static void ladder(byte[] scalar, long[] x1, boolean baseNine, byte[] out) {
    if (scalar.length != SIZE || out.length != SIZE) {
      throw new IllegalArgumentException("X25519 scalars and results are 32 bytes");
    }
    byte[] k = Arrays.copyOf(scalar, SIZE);
    k[0] &= (byte) 248;
    k[31] &= 127;
    k[31] |= 64;
    long[] x2 = new long[Field25519.LIMBS];
    long[] z2 = new long[Field25519.LIMBS];
    long[] x3 = new long[Field25519.LIMBS];
    long[] z3 = new long[Field25519.LIMBS];
    long[] a = new long[Field25519.LIMBS];
    long[] aa = new long[Field25519.LIMBS];
    long[] b = new long[Field25519.LIMBS];
    long[] bb = new long[Field25519.LIMBS];
    long[] e = new long[Field25519.LIMBS];
    long[] c = new long[Field25519.LIMBS];
    long[] d = new long[Field25519.LIMBS];
    Field25519.one(x2);
    Field25519.copy(x3, x1);
    Field25519.one(z3);
    long swap = 0;
    for (int t = 254; t >= 0; t--) {
      long bit = (k[t >>> 3] >>> (t & 7)) & 1;
      swap ^= bit;
      Field25519.cswap(swap, x2, x3);
      Field25519.cswap(swap, z2, z3);
      swap = bit;

      Field25519.add(a, x2, z2); // A = x2 + z2
      Field25519.sqr(aa, a); // AA = A^2
      Field25519.sub(b, x2, z2); // B = x2 - z2
      Field25519.sqr(bb, b); // BB = B^2
      Field25519.sub(e, aa, bb); // E = AA - BB
      Field25519.add(c, x3, z3); // C = x3 + z3
      Field25519.sub(d, x3, z3); // D = x3 - z3
      Field25519.mul(d, d, a); // DA = D * A
      Field25519.mul(c, c, b); // CB = C * B
      Field25519.add(x3, d, c);
      Field25519.sqr(x3, x3); // x3 = (DA + CB)^2
      Field25519.sub(z3, d, c);
      Field25519.sqr(z3, z3); // (DA - CB)^2
      if (baseNine) {
        Field25519.mul9(z3, z3); // z3 = x1 * (DA - CB)^2, x1 = 9
      } else {
        Field25519.mul(z3, z3, x1); // z3 = x1 * (DA - CB)^2
      }
      Field25519.mul(x2, aa, bb); // x2 = AA * BB
      Field25519.mul121665(z2, e); // a24 * E
      Field25519.add(z2, z2, aa); // AA + a24 * E
      Field25519.mul(z2, z2, e); // z2 = E * (AA + a24 * E)
    }
    Field25519.cswap(swap, x2, x3);
    Field25519.cswap(swap, z2, z3);

    Field25519.invert(z2, z2);
    Field25519.mul(x2, x2, z2);
    Field25519.encode(x2, out, 0);

    Arrays.fill(k, (byte) 0);
    for (long[] s : new long[][] {x2, z2, x3, z3, a, aa, b, bb, e, c, d}) {
      Field25519.zero(s);
    }
  }
}

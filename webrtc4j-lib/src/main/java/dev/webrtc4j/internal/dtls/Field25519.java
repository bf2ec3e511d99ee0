package dev.webrtc4j.internal.dtls;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Arithmetic modulo p = 2^255 - 19 for {@link X25519Function}: an element is a {@code long[5]} of
 * radix-2^51 limbs (value = sum of {@code limb[i] * 2^(51 i)}), products are 128-bit through
 * {@link Math#unsignedMultiplyHigh} (and {@link Math#multiplyHigh} in {@link #mul121665}). Nothing
 * here branches on or indexes by the values (they are secret).
 *
 * <p>Limb bounds, which the ladder keeps: {@link #mul}, {@link #sqr}, {@link #mul121665} and
 * {@link #mul9} take limbs below 2^53 and return limbs below 2^51 + 2^12 (see {@link #carry});
 * {@link #add} and {@link #sub} of two such results give limbs below 2^53. Why those bounds hold:
 * with inputs below 2^53 a product is below 2^106 (2^110.25 with the folded factor 19), the sums
 * of a column's five products below 2^113, and each column is kept as two 64-bit partial sums
 * (each product's low 51 bits, and each product divided by 2^51) that cannot overflow; see
 * {@link #mul}. {@code Field25519Test} checks these bounds at their extremes.
 */
final class Field25519 {
  static final int LIMBS = 5;
  private static final long MASK51 = (1L << 51) - 1;
  private static final VarHandle LE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private Field25519() {}

  static void one(long[] r) {
    r[0] = 1;
    r[1] = 0;
    r[2] = 0;
    r[3] = 0;
    r[4] = 0;
  }

  static void zero(long[] r) {
    r[0] = 0;
    r[1] = 0;
    r[2] = 0;
    r[3] = 0;
    r[4] = 0;
  }

  static void copy(long[] r, long[] a) {
    System.arraycopy(a, 0, r, 0, LIMBS);
  }

  /**
   * The u-coordinate of RFC 7748 §5: 32 bytes little-endian, the top bit masked off. A value of
   * p or more (up to 2^255 - 1) is accepted as it is: the arithmetic is modulo p anyway.
   */
  static void decode(long[] r, byte[] in, int off) {
    long w0 = (long) LE_LONG.get(in, off);
    long w1 = (long) LE_LONG.get(in, off + 8);
    long w2 = (long) LE_LONG.get(in, off + 16);
    long w3 = (long) LE_LONG.get(in, off + 24) & Long.MAX_VALUE;
    r[0] = w0 & MASK51;
    r[1] = ((w0 >>> 51) | (w1 << 13)) & MASK51;
    r[2] = ((w1 >>> 38) | (w2 << 26)) & MASK51;
    r[3] = ((w2 >>> 25) | (w3 << 39)) & MASK51;
    r[4] = w3 >>> 12;
  }

  /** The canonical encoding (the value reduced into [0, p)), 32 bytes little-endian. */
  static void encode(long[] a, byte[] out, int off) {
    long l0 = a[0];
    long l1 = a[1];
    long l2 = a[2];
    long l3 = a[3];
    long l4 = a[4];
    // Two carry rounds: the limbs become non-negative and below 2^51 (limb 0 may exceed it by at
    // most 19), so the value is below 2^255 + 19 < 2p.
    for (int round = 0; round < 2; round++) {
      l1 += l0 >>> 51;
      l0 &= MASK51;
      l2 += l1 >>> 51;
      l1 &= MASK51;
      l3 += l2 >>> 51;
      l2 &= MASK51;
      l4 += l3 >>> 51;
      l3 &= MASK51;
      l0 += 19 * (l4 >>> 51);
      l4 &= MASK51;
    }
    // q = 1 exactly when value >= p, i.e. value + 19 >= 2^255; then value - p = value + 19 - 2^255.
    long q = (l0 + 19) >>> 51;
    q = (l1 + q) >>> 51;
    q = (l2 + q) >>> 51;
    q = (l3 + q) >>> 51;
    q = (l4 + q) >>> 51;
    l0 += 19 * q;
    l1 += l0 >>> 51;
    l0 &= MASK51;
    l2 += l1 >>> 51;
    l1 &= MASK51;
    l3 += l2 >>> 51;
    l2 &= MASK51;
    l4 += l3 >>> 51;
    l3 &= MASK51;
    l4 &= MASK51; // drops the 2^255 of "- 2^255"
    LE_LONG.set(out, off, l0 | (l1 << 51));
    LE_LONG.set(out, off + 8, (l1 >>> 13) | (l2 << 38));
    LE_LONG.set(out, off + 16, (l2 >>> 26) | (l3 << 25));
    LE_LONG.set(out, off + 24, (l3 >>> 39) | (l4 << 12));
  }

  static void add(long[] r, long[] a, long[] b) {
    r[0] = a[0] + b[0];
    r[1] = a[1] + b[1];
    r[2] = a[2] + b[2];
    r[3] = a[3] + b[3];
    r[4] = a[4] + b[4];
  }

  /** a - b as a + 2p - b: non-negative limbs for b's limbs up to 2^52 - 38. */
  static void sub(long[] r, long[] a, long[] b) {
    r[0] = a[0] + 0xFFFFFFFFFFFDAL - b[0]; // 2^52 - 38
    r[1] = a[1] + 0xFFFFFFFFFFFFEL - b[1]; // 2^52 - 2
    r[2] = a[2] + 0xFFFFFFFFFFFFEL - b[2];
    r[3] = a[3] + 0xFFFFFFFFFFFFEL - b[3];
    r[4] = a[4] + 0xFFFFFFFFFFFFEL - b[4];
  }

  /** Swaps a and b when {@code swap} is 1, leaves them when it is 0, without a branch. */
  static void cswap(long swap, long[] a, long[] b) {
    long mask = -swap;
    for (int i = 0; i < LIMBS; i++) {
      long t = mask & (a[i] ^ b[i]);
      a[i] ^= t;
      b[i] ^= t;
    }
  }

  /**
   * r = a * b. Column k (the products a_i b_j with i + j = k mod 5, those with i + j >= 5 times 19
   * since 2^255 = 19 mod p) is summed in two 64-bit parts of its products: {@code lN} the low 51
   * bits of each product, {@code hN} each product divided by 2^51. Both come from the operands
   * pre-shifted so that their shifts add up to 13: with x = a 2^2 (or 19 a 2^2) and y = b 2^11,
   * the low word of x y is (a b mod 2^51) 2^13 and its high word (unsigned) is floor(a b / 2^51),
   * so a product costs two multiplications, one shift and two additions. Column k's value is
   * {@code lN + 2^51 hN}; the high part goes into column k + 1 (column 4's into column 0, times
   * 19). Bounds for inputs below 2^53: x < 2^59.3 and y < 2^64 (unsigned); a product is below
   * 2^110.3, so hN < 5 * 2^59.3 < 2^61.7 and lN < 2^54; the new column k is below 2^62, column
   * 0 with 19 times column 4's high part (products below 2^106, no factor 19) below 2^62 too.
   */
  static void mul(long[] r, long[] a, long[] b) {
    long x0 = a[0] << 2, x1 = a[1] << 2, x2 = a[2] << 2, x3 = a[3] << 2, x4 = a[4] << 2;
    long t1 = 19 * x1, t2 = 19 * x2, t3 = 19 * x3, t4 = 19 * x4;
    long y0 = b[0] << 11, y1 = b[1] << 11, y2 = b[2] << 11, y3 = b[3] << 11, y4 = b[4] << 11;
    long p;
    long l0, h0, l1, h1, l2, h2, l3, h3, l4, h4;

    // column 0: a0 b0 + 19 (a1 b4 + a2 b3 + a3 b2 + a4 b1)
    p = x0 * y0; l0 = p >>> 13; h0 = Math.unsignedMultiplyHigh(x0, y0);
    p = t1 * y4; l0 += p >>> 13; h0 += Math.unsignedMultiplyHigh(t1, y4);
    p = t2 * y3; l0 += p >>> 13; h0 += Math.unsignedMultiplyHigh(t2, y3);
    p = t3 * y2; l0 += p >>> 13; h0 += Math.unsignedMultiplyHigh(t3, y2);
    p = t4 * y1; l0 += p >>> 13; h0 += Math.unsignedMultiplyHigh(t4, y1);
    // column 1: a0 b1 + a1 b0 + 19 (a2 b4 + a3 b3 + a4 b2)
    p = x0 * y1; l1 = p >>> 13; h1 = Math.unsignedMultiplyHigh(x0, y1);
    p = x1 * y0; l1 += p >>> 13; h1 += Math.unsignedMultiplyHigh(x1, y0);
    p = t2 * y4; l1 += p >>> 13; h1 += Math.unsignedMultiplyHigh(t2, y4);
    p = t3 * y3; l1 += p >>> 13; h1 += Math.unsignedMultiplyHigh(t3, y3);
    p = t4 * y2; l1 += p >>> 13; h1 += Math.unsignedMultiplyHigh(t4, y2);
    // column 2: a0 b2 + a1 b1 + a2 b0 + 19 (a3 b4 + a4 b3)
    p = x0 * y2; l2 = p >>> 13; h2 = Math.unsignedMultiplyHigh(x0, y2);
    p = x1 * y1; l2 += p >>> 13; h2 += Math.unsignedMultiplyHigh(x1, y1);
    p = x2 * y0; l2 += p >>> 13; h2 += Math.unsignedMultiplyHigh(x2, y0);
    p = t3 * y4; l2 += p >>> 13; h2 += Math.unsignedMultiplyHigh(t3, y4);
    p = t4 * y3; l2 += p >>> 13; h2 += Math.unsignedMultiplyHigh(t4, y3);
    // column 3: a0 b3 + a1 b2 + a2 b1 + a3 b0 + 19 a4 b4
    p = x0 * y3; l3 = p >>> 13; h3 = Math.unsignedMultiplyHigh(x0, y3);
    p = x1 * y2; l3 += p >>> 13; h3 += Math.unsignedMultiplyHigh(x1, y2);
    p = x2 * y1; l3 += p >>> 13; h3 += Math.unsignedMultiplyHigh(x2, y1);
    p = x3 * y0; l3 += p >>> 13; h3 += Math.unsignedMultiplyHigh(x3, y0);
    p = t4 * y4; l3 += p >>> 13; h3 += Math.unsignedMultiplyHigh(t4, y4);
    // column 4: a0 b4 + a1 b3 + a2 b2 + a3 b1 + a4 b0
    p = x0 * y4; l4 = p >>> 13; h4 = Math.unsignedMultiplyHigh(x0, y4);
    p = x1 * y3; l4 += p >>> 13; h4 += Math.unsignedMultiplyHigh(x1, y3);
    p = x2 * y2; l4 += p >>> 13; h4 += Math.unsignedMultiplyHigh(x2, y2);
    p = x3 * y1; l4 += p >>> 13; h4 += Math.unsignedMultiplyHigh(x3, y1);
    p = x4 * y0; l4 += p >>> 13; h4 += Math.unsignedMultiplyHigh(x4, y0);

    carry(r, l0, l1, l2, l3, l4, h0, h1, h2, h3, h4);
  }

  /**
   * r = a^2: {@link #mul} with the symmetric products doubled (15 products instead of 25). The
   * left operands are shifted by 7 (x = a 2^7, e = 2 a 2^7 < 2^61), the right ones by 6 (y = a 2^6,
   * w = 19 a 2^6 < 2^63.3); a product is below 2^111.3, so hN < 3 * 2^60.3 < 2^62.
   */
  static void sqr(long[] r, long[] a) {
    long a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], a4 = a[4];
    long x1 = a1 << 7, x2 = a2 << 7, x3 = a3 << 7, x4 = a4 << 7;
    long x0 = a0 << 7, e0 = a0 << 8, e1 = a1 << 8, e2 = a2 << 8, e3 = a3 << 8;
    long y0 = a0 << 6, y1 = a1 << 6, y2 = a2 << 6, y3 = a3 << 6, y4 = a4 << 6;
    long w3 = 19 * y3, w4 = 19 * y4;
    long p;
    long l0, h0, l1, h1, l2, h2, l3, h3, l4, h4;

    // column 0: a0^2 + 2*19 (a1 a4 + a2 a3)
    p = x0 * y0; l0 = p >>> 13; h0 = Math.unsignedMultiplyHigh(x0, y0);
    p = e1 * w4; l0 += p >>> 13; h0 += Math.unsignedMultiplyHigh(e1, w4);
    p = e2 * w3; l0 += p >>> 13; h0 += Math.unsignedMultiplyHigh(e2, w3);
    // column 1: 2 a0 a1 + 2*19 a2 a4 + 19 a3^2
    p = e0 * y1; l1 = p >>> 13; h1 = Math.unsignedMultiplyHigh(e0, y1);
    p = e2 * w4; l1 += p >>> 13; h1 += Math.unsignedMultiplyHigh(e2, w4);
    p = x3 * w3; l1 += p >>> 13; h1 += Math.unsignedMultiplyHigh(x3, w3);
    // column 2: 2 a0 a2 + a1^2 + 2*19 a3 a4
    p = e0 * y2; l2 = p >>> 13; h2 = Math.unsignedMultiplyHigh(e0, y2);
    p = x1 * y1; l2 += p >>> 13; h2 += Math.unsignedMultiplyHigh(x1, y1);
    p = e3 * w4; l2 += p >>> 13; h2 += Math.unsignedMultiplyHigh(e3, w4);
    // column 3: 2 a0 a3 + 2 a1 a2 + 19 a4^2
    p = e0 * y3; l3 = p >>> 13; h3 = Math.unsignedMultiplyHigh(e0, y3);
    p = e1 * y2; l3 += p >>> 13; h3 += Math.unsignedMultiplyHigh(e1, y2);
    p = x4 * w4; l3 += p >>> 13; h3 += Math.unsignedMultiplyHigh(x4, w4);
    // column 4: 2 a0 a4 + 2 a1 a3 + a2^2
    p = e0 * y4; l4 = p >>> 13; h4 = Math.unsignedMultiplyHigh(e0, y4);
    p = e1 * y3; l4 += p >>> 13; h4 += Math.unsignedMultiplyHigh(e1, y3);
    p = x2 * y2; l4 += p >>> 13; h4 += Math.unsignedMultiplyHigh(x2, y2);

    carry(r, l0, l1, l2, l3, l4, h0, h1, h2, h3, h4);
  }

  /** r = a^(2^n), n >= 1. */
  static void sqr(long[] r, long[] a, int n) {
    sqr(r, a);
    for (int i = 1; i < n; i++) {
      sqr(r, r);
    }
  }

  /** r = 121665 a, the (A - 2) / 4 of RFC 7748 §5's ladder (A = 486662). */
  static void mul121665(long[] r, long[] a) {
    final long k = 121665;
    long p0 = a[0] * k, p1 = a[1] * k, p2 = a[2] * k, p3 = a[3] * k, p4 = a[4] * k;
    carry(
        r,
        p0 & MASK51, p1 & MASK51, p2 & MASK51, p3 & MASK51, p4 & MASK51,
        (p0 >>> 51) + (Math.multiplyHigh(a[0], k) << 13),
        (p1 >>> 51) + (Math.multiplyHigh(a[1], k) << 13),
        (p2 >>> 51) + (Math.multiplyHigh(a[2], k) << 13),
        (p3 >>> 51) + (Math.multiplyHigh(a[3], k) << 13),
        (p4 >>> 51) + (Math.multiplyHigh(a[4], k) << 13));
  }

  /** r = 9 a (the base point's u), for limbs below 2^53: no product reaches 2^64. */
  static void mul9(long[] r, long[] a) {
    long c0 = 9 * a[0], c1 = 9 * a[1], c2 = 9 * a[2], c3 = 9 * a[3], c4 = 9 * a[4];
    carry(r, c0 & MASK51, c1 & MASK51, c2 & MASK51, c3 & MASK51, c4 & MASK51,
        c0 >>> 51, c1 >>> 51, c2 >>> 51, c3 >>> 51, c4 >>> 51);
  }

  /**
   * r = sum of (lowN + 2^51 highN) 2^(51 N): each column's high part moves up one column (column
   * 4's into column 0 times 19), then carries in two interleaved chains (0 to 1 to 2 to 3, and 3
   * to 4 to 0 to 1), half the latency of one chain round the five limbs: every limb ends at most
   * 2^51 except limb 1 (at most 2^51 + 1) and limb 3 (below 2^51 + 2^12), for columns below 2^62.
   */
  private static void carry(long[] r, long low0, long low1, long low2, long low3, long low4,
      long high0, long high1, long high2, long high3, long high4) {
    long c0 = low0 + 19 * high4;
    long c1 = low1 + high0;
    long c2 = low2 + high1;
    long c3 = low3 + high2;
    long c4 = low4 + high3;
    c1 += c0 >>> 51;
    c0 &= MASK51;
    c4 += c3 >>> 51;
    c3 &= MASK51;
    c2 += c1 >>> 51;
    c1 &= MASK51;
    c0 += 19 * (c4 >>> 51);
    c4 &= MASK51;
    c3 += c2 >>> 51;
    c2 &= MASK51;
    c1 += c0 >>> 51;
    c0 &= MASK51;
    r[0] = c0;
    r[1] = c1;
    r[2] = c2;
    r[3] = c3;
    r[4] = c4;
  }

  /** r = a^(p - 2) = 1 / a (0 for a = 0), by a fixed chain of 254 squarings and 11 products. */
  static void invert(long[] r, long[] a) {
    long[] z2 = new long[LIMBS];
    long[] z9 = new long[LIMBS];
    long[] z11 = new long[LIMBS];
    long[] x5 = new long[LIMBS]; // a^(2^5 - 1), and so on: xN = a^(2^N - 1)
    long[] x10 = new long[LIMBS];
    long[] x20 = new long[LIMBS];
    long[] x50 = new long[LIMBS];
    long[] x100 = new long[LIMBS];
    long[] t = new long[LIMBS];
    sqr(z2, a); // a^2
    sqr(t, z2, 2); // a^8
    mul(z9, t, a); // a^9
    mul(z11, z9, z2); // a^11
    sqr(t, z11); // a^22
    mul(x5, t, z9); // a^31
    sqr(t, x5, 5);
    mul(x10, t, x5);
    sqr(t, x10, 10);
    mul(x20, t, x10);
    sqr(t, x20, 20);
    mul(t, t, x20); // x40
    sqr(t, t, 10);
    mul(x50, t, x10);
    sqr(t, x50, 50);
    mul(x100, t, x50);
    sqr(t, x100, 100);
    mul(t, t, x100); // x200
    sqr(t, t, 50);
    mul(t, t, x50); // x250 = a^(2^250 - 1)
    sqr(t, t, 5); // a^(2^255 - 32)
    mul(r, t, z11); // a^(2^255 - 21) = a^(p - 2)
    for (long[] s : new long[][] {z2, z9, z11, x5, x10, x20, x50, x100, t}) {
      zero(s);
    }
  }
}

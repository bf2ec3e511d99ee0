package dev.webrtc4j.internal.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Field25519} against BigInteger arithmetic modulo p, with limbs at the bounds its
 * comments claim (inputs below 2^53; outputs below 2^51 + 2^12), where random field elements
 * from decoding (limbs below 2^51) would not reach: the extremes of the bound analysis.
 */
class Field25519Test {
  private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
  private static final long INPUT_BOUND = 1L << 53; // exclusive
  private static final long OUTPUT_BOUND = (1L << 51) + (1L << 12); // exclusive

  static BigInteger value(long[] limbs) {
    BigInteger v = BigInteger.ZERO;
    for (int i = 4; i >= 0; i--) {
      v = v.shiftLeft(51).add(BigInteger.valueOf(limbs[i]));
    }
    return v;
  }

  /** Limbs below 2^53, a third of them at the bound's last value, a third near 0. */
  static long[] limbs(SplittableRandom random) {
    long[] r = new long[5];
    for (int i = 0; i < 5; i++) {
      switch (random.nextInt(3)) {
        case 0 -> r[i] = INPUT_BOUND - 1 - random.nextInt(4);
        case 1 -> r[i] = random.nextInt(4);
        default -> r[i] = random.nextLong(INPUT_BOUND);
      }
    }
    return r;
  }

  static void assertReduced(long[] r) {
    for (long limb : r) {
      assertThat(limb).isNotNegative().isLessThan(OUTPUT_BOUND);
    }
  }

  @Test
  void productsSquaresAndSmallMultiplesMatchBigIntegerAtTheLimbBounds() {
    SplittableRandom random = new SplittableRandom(53);
    long[] max = {INPUT_BOUND - 1, INPUT_BOUND - 1, INPUT_BOUND - 1, INPUT_BOUND - 1, INPUT_BOUND - 1};
    for (int i = 0; i < 5_000; i++) {
      long[] a = i == 0 ? max : limbs(random);
      long[] b = i == 0 ? max : limbs(random);
      BigInteger va = value(a);
      BigInteger vb = value(b);
      long[] r = new long[5];
      Field25519.mul(r, a, b);
      assertReduced(r);
      assertThat(value(r).mod(P)).isEqualTo(va.multiply(vb).mod(P));
      Field25519.sqr(r, a);
      assertReduced(r);
      assertThat(value(r).mod(P)).isEqualTo(va.multiply(va).mod(P));
      Field25519.mul121665(r, a);
      assertReduced(r);
      assertThat(value(r).mod(P)).isEqualTo(va.multiply(BigInteger.valueOf(121665)).mod(P));
      Field25519.mul9(r, a);
      assertReduced(r);
      assertThat(value(r).mod(P)).isEqualTo(va.multiply(BigInteger.valueOf(9)).mod(P));
    }
  }

  /** sub takes outputs (limbs below 2^51 + 2^12) and must stay non-negative and below 2^53. */
  @Test
  void subtractionOfReducedValuesStaysNonNegativeAndBelowTheInputBound() {
    SplittableRandom random = new SplittableRandom(38);
    for (int i = 0; i < 5_000; i++) {
      long[] a = new long[5];
      long[] b = new long[5];
      for (int j = 0; j < 5; j++) {
        a[j] = random.nextBoolean() ? OUTPUT_BOUND - 1 : random.nextLong(OUTPUT_BOUND);
        b[j] = random.nextBoolean() ? OUTPUT_BOUND - 1 : random.nextLong(OUTPUT_BOUND);
      }
      long[] r = new long[5];
      Field25519.sub(r, a, b);
      for (long limb : r) {
        assertThat(limb).isNotNegative().isLessThan(INPUT_BOUND);
      }
      assertThat(value(r).mod(P)).isEqualTo(value(a).subtract(value(b)).mod(P));
      Field25519.add(r, a, b);
      for (long limb : r) {
        assertThat(limb).isLessThan(INPUT_BOUND);
      }
    }
  }

  /** The encoding is canonical: the value mod p, for outputs up to their bound and near p. */
  @Test
  void encodingIsCanonical() {
    SplittableRandom random = new SplittableRandom(255);
    long mask51 = (1L << 51) - 1;
    long[][] edges = {
      {mask51 - 18, mask51, mask51, mask51, mask51}, // p
      {mask51 - 19, mask51, mask51, mask51, mask51}, // p - 1
      {mask51, mask51, mask51, mask51, mask51}, // 2^255 - 1 = p + 18
      {OUTPUT_BOUND - 1, OUTPUT_BOUND - 1, OUTPUT_BOUND - 1, OUTPUT_BOUND - 1, OUTPUT_BOUND - 1},
      {0, 0, 0, 0, 0},
    };
    for (int i = 0; i < 5_000; i++) {
      long[] a;
      if (i < edges.length) {
        a = edges[i];
      } else {
        a = new long[5];
        for (int j = 0; j < 5; j++) {
          a[j] = random.nextInt(4) == 0 ? OUTPUT_BOUND - 1 - random.nextInt(20) : random.nextLong(OUTPUT_BOUND);
        }
      }
      byte[] out = new byte[32];
      Field25519.encode(a, out, 0);
      byte[] big = new byte[32];
      for (int j = 0; j < 32; j++) {
        big[j] = out[31 - j];
      }
      assertThat(new BigInteger(1, big)).isEqualTo(value(a).mod(P));
    }
  }

  @Test
  void inversionIsTheInverseModP() {
    SplittableRandom random = new SplittableRandom(21);
    for (int i = 0; i < 200; i++) {
      long[] a = limbs(random);
      if (value(a).mod(P).signum() == 0) {
        continue;
      }
      long[] r = new long[5];
      Field25519.invert(r, a);
      assertThat(value(r).mod(P)).isEqualTo(value(a).mod(P).modInverse(P));
    }
    long[] zero = new long[5];
    long[] r = new long[5];
    Field25519.invert(r, zero);
    assertThat(value(r).mod(P)).isEqualTo(BigInteger.ZERO);
  }
}

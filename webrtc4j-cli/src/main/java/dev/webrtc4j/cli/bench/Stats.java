package dev.webrtc4j.cli.bench;

import java.util.Arrays;

/**
 * Summary statistics of benchmark samples. The definitions are the same as the reference
 * script's ({@code bench-reference/lib/stats.mjs}), so both columns of {@code bench compare} mean
 * the same thing.
 */
public final class Stats {
  private Stats() {}

  /** The middle sample, or the mean of the two middle samples for an even count. */
  public static double median(double[] samples) {
    if (samples.length == 0) {
      throw new IllegalArgumentException("median of no samples");
    }
    double[] s = sorted(samples);
    int mid = s.length / 2;
    return s.length % 2 == 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  }

  /**
   * Nearest-rank percentile, {@code p} in (0, 100]: the smallest sample with at least p% of the
   * samples at or below it (so p99 of 1000 samples is the 990th smallest).
   */
  public static double percentile(double[] samples, double p) {
    if (samples.length == 0) {
      throw new IllegalArgumentException("percentile of no samples");
    }
    if (!(p > 0 && p <= 100)) {
      throw new IllegalArgumentException("percentile " + p + " is outside (0, 100]");
    }
    double[] s = sorted(samples);
    int rank = (int) Math.ceil(p / 100 * s.length);
    return s[Math.max(rank, 1) - 1];
  }

  /**
   * The {@code k} largest samples, largest first, each as {@code value@index} (µs and the sample's
   * position), to see whether a tail is one cluster (a pause) or spread out.
   */
  public static String slowest(double[] samples, int k) {
    Integer[] order = new Integer[samples.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (x, y) -> Double.compare(samples[y], samples[x]));
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < Math.min(k, order.length); i++) {
      if (i > 0) {
        b.append(' ');
      }
      b.append(Math.round(samples[order[i]])).append('@').append(order[i]);
    }
    return b.toString();
  }

  private static double[] sorted(double[] samples) {
    double[] s = samples.clone();
    Arrays.sort(s);
    return s;
  }
}

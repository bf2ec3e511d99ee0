package dev.webrtc4j.internal.util;

/**
 * Widens a wrapping sequence number of {@code bits} bits (16 for SSNs and RTP, 32 for SCTP TSNs)
 * to a monotonic {@code long}, so that it can key sorted maps: each value is placed as close as
 * possible to the previously unwrapped one (RFC 1982 semantics, a jump of at most half the space).
 *
 * <p>Not thread-safe. The first value unwraps to itself; values before it may unwrap negative.
 */
public final class SeqNumUnwrapper {
  private final int bits;
  private final long mask;
  private final long half;
  private long last;
  private boolean started;

  public SeqNumUnwrapper(int bits) {
    if (bits < 1 || bits > 32) {
      throw new IllegalArgumentException("bits " + bits);
    }
    this.bits = bits;
    this.mask = (1L << bits) - 1;
    this.half = 1L << (bits - 1);
  }

  /** Unwraps {@code value} (its low {@code bits} bits) and remembers it as the new reference. */
  public long unwrap(long value) {
    long u = peek(value);
    last = u;
    started = true;
    return u;
  }

  /** Unwraps {@code value} relative to the reference without updating the reference. */
  public long peek(long value) {
    long v = value & mask;
    if (!started) {
      return v;
    }
    long lastLow = last & mask;
    long delta = (v - lastLow) & mask;
    if (delta >= half) {
      delta -= 1L << bits;
    }
    return last + delta;
  }

  /** The last unwrapped value (0 before the first). */
  public long last() {
    return last;
  }
}

package dev.webrtc4j.internal.util;

/**
 * A protocol timer as a plain value: no threads, no clock. The owning core starts it with the
 * current time, asks {@link #nextExpiry()} for its deadline, and calls {@link #expire(long)} when
 * the loop wakes it. On each expiry the timer restarts itself with its backoff until it has fired
 * {@code maxRestarts + 1} times; after that it is {@linkplain #isExhausted() exhausted}.
 *
 * <p>Not thread-safe: it lives on its core's event loop.
 */
public final class Timer {
  /** How the duration grows between expiries. */
  public enum Backoff {
    /** Every expiry waits the same duration. */
    FIXED,
    /** Each expiry doubles the duration, up to the cap. */
    EXPONENTIAL
  }

  /** {@code maxRestarts} value for a timer that never gives up. */
  public static final int UNLIMITED = Integer.MAX_VALUE;

  private final String name;
  private final Backoff backoff;
  private final int maxRestarts;
  private final long maxDurationNanos;
  private long durationNanos;
  private long deadline = Long.MAX_VALUE;
  private int expirations;
  private boolean exhausted;

  /**
   * @param name what it is, for logs ("T3-rtx", "consent")
   * @param durationNanos the first duration
   * @param backoff how later durations grow
   * @param maxRestarts how many times it restarts itself after expiring, or {@link #UNLIMITED}
   * @param maxDurationNanos the cap on the backed-off duration
   */
  public Timer(String name, long durationNanos, Backoff backoff, int maxRestarts, long maxDurationNanos) {
    if (durationNanos <= 0 || maxDurationNanos < durationNanos || maxRestarts < 0) {
      throw new IllegalArgumentException("bad timer " + name + ": duration " + durationNanos + " cap " + maxDurationNanos + " restarts " + maxRestarts);
    }
    this.name = name;
    this.durationNanos = durationNanos;
    this.backoff = backoff;
    this.maxRestarts = maxRestarts;
    this.maxDurationNanos = maxDurationNanos;
  }

  /** A timer that fires once per start. */
  public static Timer oneShot(String name, long durationNanos) {
    return new Timer(name, durationNanos, Backoff.FIXED, 0, durationNanos);
  }

  public String name() {
    return name;
  }

  /** (Re)starts from {@code now} with the current base duration and a fresh expiry count. */
  public void start(long now) {
    expirations = 0;
    exhausted = false;
    deadline = saturatingAdd(now, durationNanos);
  }

  public void stop() {
    deadline = Long.MAX_VALUE;
  }

  public boolean isRunning() {
    return deadline != Long.MAX_VALUE;
  }

  /** True once the timer fired more often than {@code maxRestarts} allowed; cleared by start. */
  public boolean isExhausted() {
    return exhausted;
  }

  /** How often it fired since the last start. */
  public int expirations() {
    return expirations;
  }

  /** Changes the base duration; a running timer keeps its current deadline. */
  public void setDuration(long durationNanos) {
    if (durationNanos <= 0) {
      throw new IllegalArgumentException("timer " + name + " duration " + durationNanos);
    }
    this.durationNanos = durationNanos;
  }

  public long duration() {
    return durationNanos;
  }

  /** The absolute deadline, or {@link Long#MAX_VALUE} when stopped. */
  public long nextExpiry() {
    return deadline;
  }

  /**
   * Fires the timer if it is due at {@code now}. Returns true when it fired; the caller then does
   * the timer's work and checks {@link #isExhausted()}.
   */
  public boolean expire(long now) {
    if (deadline == Long.MAX_VALUE || now < deadline) {
      return false;
    }
    expirations++;
    if (expirations > maxRestarts) {
      exhausted = true;
      deadline = Long.MAX_VALUE;
      return true;
    }
    if (backoff == Backoff.EXPONENTIAL) {
      durationNanos = Math.min(maxDurationNanos, saturatingAdd(durationNanos, durationNanos));
    }
    deadline = saturatingAdd(now, durationNanos);
    return true;
  }

  private static long saturatingAdd(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE - 1 : r;
  }

  @Override
  public String toString() {
    return "Timer[" + name + (isRunning() ? " due " + deadline : " stopped") + ", fired " + expirations + "]";
  }
}

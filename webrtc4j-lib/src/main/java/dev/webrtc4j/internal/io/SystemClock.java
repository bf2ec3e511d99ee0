package dev.webrtc4j.internal.io;

import java.time.InstantSource;

/**
 * The one place that reads the system clocks; everything else is handed a {@code Ticker} or an
 * {@link InstantSource}.
 */
public final class SystemClock {
  /** Wall-clock time, for stats timestamps and certificate validity only. */
  public static final InstantSource WALL = InstantSource.system();

  private SystemClock() {}

  /** The JVM's monotonic clock in nanoseconds. */
  public static long nanos() {
    return System.nanoTime();
  }
}

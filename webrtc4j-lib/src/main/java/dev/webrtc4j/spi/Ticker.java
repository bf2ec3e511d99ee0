package dev.webrtc4j.spi;

import dev.webrtc4j.internal.io.SystemClock;

/**
 * The monotonic time source of a connection's event loop, in nanoseconds. Protocol cores never
 * read a clock: the loop reads this once per input and passes the value down. Tests inject a
 * virtual ticker to run timers deterministically.
 */
@FunctionalInterface
public interface Ticker {
  /** Monotonic nanoseconds; only differences are meaningful. */
  long nanos();

  /** The system's monotonic clock. */
  static Ticker system() {
    return SystemClock::nanos;
  }
}

package dev.webrtc4j.internal.dtls;

/**
 * The anti-replay window of one epoch's received records (<a
 * href="https://www.rfc-editor.org/rfc/rfc6347#section-4.1.2.6">RFC 6347 §4.1.2.6</a>, the sliding
 * window of RFC 4303 §3.4.3): a record whose 48-bit sequence number was already received, or lies
 * left of the 64-record window, is discarded. The check comes before the record is opened and the
 * window moves only after its tag verified ({@link #mayAccept} then {@link #accept}), so a forged
 * record cannot move the window.
 *
 * <p>Not thread-safe: the loop owns it.
 */
final class ReplayWindow {
  static final int SIZE = 64;

  /** The highest sequence number accepted so far, or -1 before the first. */
  private long highest = -1;
  /** Bit i set: {@code highest - i} was accepted. */
  private long seen;

  /** True when {@code sequence} was not received yet and lies within or right of the window. */
  boolean mayAccept(long sequence) {
    if (sequence > highest) {
      return true;
    }
    long behind = highest - sequence;
    return behind < SIZE && (seen & (1L << behind)) == 0;
  }

  /** Marks {@code sequence} received (its record authenticated); call only after {@link #mayAccept}. */
  void accept(long sequence) {
    if (sequence > highest) {
      long shift = highest < 0 ? SIZE : sequence - highest;
      seen = shift >= SIZE ? 1L : (seen << shift) | 1L;
      highest = sequence;
    } else {
      seen |= 1L << (highest - sequence);
    }
  }

  long highest() {
    return highest;
  }
}

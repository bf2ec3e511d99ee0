package dev.webrtc4j.internal.sctp;

/**
 * An SCTP Stream Sequence Number (RFC 9260 §3.3.1): the 16-bit per-stream counter of ordered
 * messages, compared with RFC 1982 serial arithmetic, hence not {@link Comparable}.
 *
 * @param value 0..65535
 */
public record Ssn(int value) {
  public Ssn {
    if (value < 0 || value > 0xFFFF) {
      throw new IllegalArgumentException("ssn out of range: " + value);
    }
  }

  public Ssn next() {
    return new Ssn((value + 1) & 0xFFFF);
  }

  /** RFC 1982 on 16 bits. */
  public boolean isAfter(Ssn other) {
    int d = (short) (value - other.value);
    return d > 0;
  }
}

package dev.webrtc4j.internal.sctp;

/**
 * An SCTP Transmission Sequence Number (RFC 9260 §3.3.1), a 32-bit counter that wraps. Compared
 * with RFC 1982 serial-number arithmetic, so it is deliberately not {@link Comparable}: there is
 * no total order. To key maps on TSNs, widen them to a {@code long} near a reference TSN, as the
 * outstanding and receive queues do ({@code ref + t.minus(ref)}).
 *
 * @param value the raw 32 bits
 */
public record Tsn(int value) {
  public Tsn next() {
    return new Tsn(value + 1);
  }

  public Tsn plus(int n) {
    return new Tsn(value + n);
  }

  /** RFC 1982: this is after {@code other} (the distance of exactly 2^31 is undefined: false). */
  public boolean isAfter(Tsn other) {
    int d = value - other.value;
    return d > 0;
  }

  public boolean isBefore(Tsn other) {
    return other.isAfter(this);
  }

  /** Signed distance {@code this - other} in serial arithmetic. */
  public int minus(Tsn other) {
    return value - other.value;
  }

  public long unsigned() {
    return Integer.toUnsignedLong(value);
  }

  @Override
  public String toString() {
    return "Tsn[" + unsigned() + "]";
  }
}

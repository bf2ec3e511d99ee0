package dev.webrtc4j.internal.sctp;

/**
 * Per-message delivery options of {@link Association#send}.
 *
 * @param ordered DATA with U=0 (in SSN order) or U=1
 * @param maxRetransmits RFC 3758 limit on retransmissions, or -1 for reliable
 * @param maxLifetimeNanos RFC 3758 lifetime counted from send(), or -1 for unlimited
 */
public record SendOptions(boolean ordered, int maxRetransmits, long maxLifetimeNanos) {
  public static final SendOptions RELIABLE_ORDERED = new SendOptions(true, -1, -1);
  public static final SendOptions RELIABLE_UNORDERED = new SendOptions(false, -1, -1);

  public SendOptions {
    if (maxRetransmits >= 0 && maxLifetimeNanos >= 0) {
      throw new IllegalArgumentException("maxRetransmits and maxLifetime are exclusive");
    }
  }

  public static SendOptions maxRetransmits(boolean ordered, int n) {
    return new SendOptions(ordered, n, -1);
  }

  public static SendOptions maxLifetime(boolean ordered, long nanos) {
    return new SendOptions(ordered, -1, nanos);
  }
}

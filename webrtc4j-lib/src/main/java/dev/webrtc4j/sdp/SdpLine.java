package dev.webrtc4j.sdp;

/**
 * One line of a session description (RFC 8866 §5): {@code <type>=<value>}. Attribute lines are
 * {@link Attribute}s; every other line (i, u, e, p, c, b, t, r, z, k, and letters we do not know)
 * is a {@link Field}, kept as written so it survives a round trip.
 */
public sealed interface SdpLine permits Attribute, Field {
  /** The type letter, e.g. {@code 'a'} or {@code 'c'}. */
  char type();

  /** Everything after {@code <type>=}. */
  String text();

  /** The whole line without its line terminator, e.g. {@code a=mid:0}. */
  default String line() {
    return type() + "=" + text();
  }
}

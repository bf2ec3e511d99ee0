package dev.webrtc4j.sdp;

/**
 * <a href="https://www.rfc-editor.org/rfc/rfc8866#section-5.9">RFC 8866 §5.9</a>:
 * {@code t=<start-time> <stop-time>} in NTP seconds; WebRTC always writes {@code t=0 0}.
 *
 * @param start not negative
 * @param stop not negative
 */
public record Timing(long start, long stop) {
  /** {@code t=0 0}: a session without bounds (RFC 8829 §5.2.1). */
  public static final Timing UNBOUNDED = new Timing(0, 0);

  public Timing {
    Tokens.check(start >= 0 && stop >= 0, "timing is negative");
  }

  /** Parses the text after {@code t=}. */
  public static Timing parse(String text) {
    var f = Tokens.fields(text);
    Tokens.check(f.size() == 2, "timing needs <start-time> <stop-time>");
    return new Timing(Tokens.number(f.get(0), 0, Long.MAX_VALUE, "start time"),
        Tokens.number(f.get(1), 0, Long.MAX_VALUE, "stop time"));
  }

  /** The text after {@code t=}. */
  public String text() {
    return start + " " + stop;
  }
}

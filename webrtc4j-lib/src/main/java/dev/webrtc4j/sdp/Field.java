package dev.webrtc4j.sdp;

import java.util.Objects;

/**
 * A non-attribute line (RFC 8866 §5), kept raw: {@code i=}, {@code u=}, {@code e=}, {@code p=},
 * {@code c=}, {@code b=}, {@code t=}, {@code r=}, {@code z=}, {@code k=}, or an unknown letter.
 * Typed views: {@link Connection}, {@link Bandwidth}, {@link Timing}.
 *
 * @param type a lowercase ASCII letter other than {@code a}, {@code v}, {@code o}, {@code s} and
 *     {@code m}, which the model holds elsewhere
 * @param text the value after {@code =}: not empty, not starting with a space, without CR, LF or NUL
 */
public record Field(char type, String text) implements SdpLine {
  public Field {
    Objects.requireNonNull(text, "text");
    if (type < 'a' || type > 'z') throw new IllegalArgumentException("line type is not a lowercase letter: " + type);
    if ("avosm".indexOf(type) >= 0) {
      throw new IllegalArgumentException(type + "= lines are not free fields; use the model's own member");
    }
    if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
      throw new IllegalArgumentException(type + "= value contains a line break");
    }
    // What the parser would reject must not be built either (RFC 8866 §5; Chrome's line rule).
    if (text.isEmpty()) throw new IllegalArgumentException(type + "= line has no value");
    if (text.charAt(0) == ' ') throw new IllegalArgumentException(type + "= value starts with a space");
    if (text.indexOf('\0') >= 0) throw new IllegalArgumentException(type + "= value contains a NUL character");
  }

  /** A {@code c=} line. */
  public static Field of(Connection connection) {
    return new Field('c', connection.text());
  }

  /** A {@code b=} line. */
  public static Field of(Bandwidth bandwidth) {
    return new Field('b', bandwidth.text());
  }

  /** A {@code t=} line. */
  public static Field of(Timing timing) {
    return new Field('t', timing.text());
  }
}

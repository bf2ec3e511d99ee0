package dev.webrtc4j.sdp;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An attribute line (RFC 8866 §5.13): {@code a=<name>} (a property attribute, {@code value} is
 * null) or {@code a=<name>:<value>}. Name and value are kept exactly as written, so attributes this
 * library does not know survive a parse and serialize round trip byte for byte. Known attributes
 * are read through their typed views ({@link TypedAttribute}); build one from a typed view with
 * {@link TypedAttribute#toAttribute()}.
 *
 * @param name the attribute name, non-empty, without {@code :}, not starting with a space
 * @param value the value after the first {@code :}, possibly empty; null for a property attribute
 */
public record Attribute(String name, @Nullable String value) implements SdpLine {
  public Attribute {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty()) throw new IllegalArgumentException("attribute name is empty");
    if (name.indexOf(':') >= 0) throw new IllegalArgumentException("attribute name contains ':': " + name);
    if (name.charAt(0) == ' ') throw new IllegalArgumentException("attribute name starts with a space: \"" + name + "\"");
    if (name.indexOf('\0') >= 0 || (value != null && value.indexOf('\0') >= 0)) {
      throw new IllegalArgumentException("attribute a=" + name + " contains a NUL character");
    }
    if (hasLineBreak(name) || (value != null && hasLineBreak(value))) {
      throw new IllegalArgumentException("attribute a=" + name + " contains a line break");
    }
  }

  /** A property attribute such as {@code a=rtcp-mux}. */
  public static Attribute flag(String name) {
    return new Attribute(name, null);
  }

  /** A value attribute such as {@code a=mid:0}. */
  public static Attribute of(String name, String value) {
    return new Attribute(name, Objects.requireNonNull(value, "value"));
  }

  /** Splits the text after {@code a=} at its first colon. */
  public static Attribute parse(String text) {
    int colon = text.indexOf(':');
    return colon < 0 ? new Attribute(text, null) : new Attribute(text.substring(0, colon), text.substring(colon + 1));
  }

  /** True for a property attribute (no {@code :value}). */
  public boolean isFlag() {
    return value == null;
  }

  @Override
  public char type() {
    return 'a';
  }

  @Override
  public String text() {
    return value == null ? name : name + ":" + value;
  }

  private static boolean hasLineBreak(String s) {
    return s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0;
  }
}

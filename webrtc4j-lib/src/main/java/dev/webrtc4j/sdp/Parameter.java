package dev.webrtc4j.sdp;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A {@code name[=value]} parameter, in the order written: a format parameter of {@code a=fmtp}, a
 * restriction of {@code a=rid}, an extension of {@code a=identity}; or a {@code name value}
 * extension attribute of {@code a=candidate}.
 *
 * @param name non-empty, without spaces
 * @param value null when the parameter has no value
 */
public record Parameter(String name, @Nullable String value) {
  public Parameter {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty()) throw new IllegalArgumentException("parameter name is empty");
    if (value != null && (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0)) {
      throw new IllegalArgumentException("parameter " + name + " contains a line break");
    }
  }

  public static Parameter of(String name, String value) {
    return new Parameter(name, Objects.requireNonNull(value, "value"));
  }

  /** {@code name=value}, or {@code name} when there is no value. */
  String format() {
    return value == null ? name : name + "=" + value;
  }

  /** Splits {@code name=value} at the first {@code =}. */
  static Parameter parseAssignment(String s) {
    int eq = s.indexOf('=');
    return eq < 0 ? new Parameter(s, null) : new Parameter(s.substring(0, eq), s.substring(eq + 1));
  }
}

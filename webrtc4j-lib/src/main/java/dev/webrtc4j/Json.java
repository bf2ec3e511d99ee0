package dev.webrtc4j;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The small JSON (RFC 8259) reader and writer behind the {@code toJsonString()} and {@code
 * fromJson()} methods of the signaling dictionaries. Values are read as {@code Map<String,
 * Object>}, {@code List<Object>}, {@code String}, {@code Double}, {@code Boolean} or {@code null}.
 */
final class Json {
  /** Nesting deeper than this is rejected, so hostile input cannot exhaust the stack. */
  private static final int MAX_DEPTH = 64;

  private final String text;
  private int pos;

  private Json(String text) {
    this.text = text;
  }

  /** {@code s} as a JSON string literal, with the escapes of RFC 8259 §7. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '\b' -> b.append("\\b");
        case '\f' -> b.append("\\f");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  /**
   * Parses a JSON object.
   *
   * @throws IllegalArgumentException if {@code text} is not one JSON object
   */
  static Map<String, @Nullable Object> parseObject(String text) {
    Json j = new Json(text);
    j.skipWhitespace();
    if (j.peek() != '{') {
      throw j.error("expected a JSON object");
    }
    @SuppressWarnings("unchecked")
    Map<String, @Nullable Object> m = (Map<String, @Nullable Object>) j.value(0);
    j.skipWhitespace();
    if (j.pos != text.length()) {
      throw j.error("unexpected text after the object");
    }
    return m;
  }

  /** The string member {@code name}, or {@code null} if absent or JSON null. */
  static @Nullable String string(Map<String, @Nullable Object> m, String name) {
    Object v = m.get(name);
    if (v == null || v instanceof String) {
      return (String) v;
    }
    throw new IllegalArgumentException(name + ": expected a string, found " + v);
  }

  private @Nullable Object value(int depth) {
    if (depth > MAX_DEPTH) {
      throw error("nested deeper than " + MAX_DEPTH);
    }
    skipWhitespace();
    char c = peek();
    switch (c) {
      case '{' -> {
        pos++;
        Map<String, @Nullable Object> m = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
          pos++;
          return m;
        }
        while (true) {
          skipWhitespace();
          if (peek() != '"') {
            throw error("expected a member name");
          }
          String key = string();
          skipWhitespace();
          expect(':');
          m.put(key, value(depth + 1));
          skipWhitespace();
          if (peek() == ',') {
            pos++;
          } else {
            expect('}');
            return m;
          }
        }
      }
      case '[' -> {
        pos++;
        List<@Nullable Object> l = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
          pos++;
          return l;
        }
        while (true) {
          l.add(value(depth + 1));
          skipWhitespace();
          if (peek() == ',') {
            pos++;
          } else {
            expect(']');
            return l;
          }
        }
      }
      case '"' -> {
        return string();
      }
      case 't' -> {
        literal("true");
        return Boolean.TRUE;
      }
      case 'f' -> {
        literal("false");
        return Boolean.FALSE;
      }
      case 'n' -> {
        literal("null");
        return null;
      }
      default -> {
        return number();
      }
    }
  }

  private String string() {
    expect('"');
    StringBuilder b = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw error("unterminated string");
      }
      char c = text.charAt(pos++);
      if (c == '"') {
        return b.toString();
      }
      if (c < 0x20) {
        throw error("unescaped control character in a string");
      }
      if (c != '\\') {
        b.append(c);
        continue;
      }
      if (pos >= text.length()) {
        throw error("unterminated escape");
      }
      char e = text.charAt(pos++);
      switch (e) {
        case '"', '\\', '/' -> b.append(e);
        case 'b' -> b.append('\b');
        case 'f' -> b.append('\f');
        case 'n' -> b.append('\n');
        case 'r' -> b.append('\r');
        case 't' -> b.append('\t');
        case 'u' -> {
          if (pos + 4 > text.length()) {
            throw error("truncated \\u escape");
          }
          try {
            b.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
          } catch (NumberFormatException ex) {
            throw error("bad \\u escape");
          }
          pos += 4;
        }
        default -> throw error("bad escape \\" + e);
      }
    }
  }

  private Double number() {
    int start = pos;
    while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
      pos++;
    }
    String n = text.substring(start, pos);
    // RFC 8259 §6: -? int frac? exp?
    if (!n.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
      pos = start;
      throw error("expected a value");
    }
    return Double.valueOf(n);
  }

  private void literal(String word) {
    if (!text.startsWith(word, pos)) {
      throw error("expected " + word);
    }
    pos += word.length();
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("expected '" + c + "'");
    }
    pos++;
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private void skipWhitespace() {
    while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
      pos++;
    }
  }

  private IllegalArgumentException error(String why) {
    return new IllegalArgumentException("bad JSON at offset " + pos + ": " + why);
  }
}

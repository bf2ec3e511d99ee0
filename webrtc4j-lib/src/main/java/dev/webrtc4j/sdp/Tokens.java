package dev.webrtc4j.sdp;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Lexical helpers shared by the typed attribute parsers. Every failure is an IAE with a reason. */
final class Tokens {
  private Tokens() {}

  /** RFC 8866 §9 token-char: any visible US-ASCII except the tspecials. */
  static boolean isTokenChar(char c) {
    return c == 0x21
        || (c >= 0x23 && c <= 0x27)
        || (c >= 0x2A && c <= 0x2B)
        || (c >= 0x2D && c <= 0x2E)
        || (c >= 0x30 && c <= 0x39)
        || (c >= 0x41 && c <= 0x5A)
        || (c >= 0x5E && c <= 0x7E);
  }

  static boolean isToken(String s) {
    if (s.isEmpty()) return false;
    for (int i = 0; i < s.length(); i++) {
      if (!isTokenChar(s.charAt(i))) return false;
    }
    return true;
  }

  /** Visible characters only: no space, no control character. */
  static boolean isVisible(String s) {
    if (s.isEmpty()) return false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c <= 0x20 || c == 0x7F) return false;
    }
    return true;
  }

  static String requireToken(String s, String what) {
    if (!isToken(s)) throw new IllegalArgumentException(what + " is not a token: \"" + s + "\"");
    return s;
  }

  static String requireVisible(String s, String what) {
    if (!isVisible(s)) {
      throw new IllegalArgumentException(
          s.isEmpty() ? what + " is empty" : what + " has a space or control character: \"" + s + "\"");
    }
    return s;
  }

  /** The value to parse: present, with surrounding whitespace stripped. */
  static String valueOf(@Nullable String value, String attribute) {
    if (value == null) throw new IllegalArgumentException("a=" + attribute + " needs a value");
    String v = value.strip();
    if (v.isEmpty()) throw new IllegalArgumentException("a=" + attribute + " has an empty value");
    return v;
  }

  /** Splits on single spaces; an empty field (two spaces in a row) is an error. */
  static List<String> fields(String s) {
    List<String> out = new ArrayList<>();
    int start = 0;
    while (true) {
      int sp = s.indexOf(' ', start);
      String f = sp < 0 ? s.substring(start) : s.substring(start, sp);
      if (f.isEmpty()) throw new IllegalArgumentException("empty field (two spaces in a row?)");
      out.add(f);
      if (sp < 0) return out;
      start = sp + 1;
    }
  }

  /** A decimal number in [min, max]; {@code what} names it in the error. */
  static long number(String s, long min, long max, String what) {
    if (s.isEmpty() || s.length() > 19) throw new IllegalArgumentException(what + " is not a number");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') throw new IllegalArgumentException(what + " is not a number");
    }
    long v;
    try {
      v = Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + " is out of range: " + s);
    }
    if (v < min || v > max) {
      throw new IllegalArgumentException(what + " is out of range [" + min + ", " + max + "]: " + s);
    }
    return v;
  }

  static int intNumber(String s, int min, int max, String what) {
    return (int) number(s, min, max, what);
  }

  static void check(boolean ok, String reason) {
    if (!ok) throw new IllegalArgumentException(reason);
  }

  static <T> List<T> copy(List<T> list, String what) {
    for (T t : list) {
      if (t == null) throw new NullPointerException(what + " contains null");
    }
    return List.copyOf(list);
  }
}

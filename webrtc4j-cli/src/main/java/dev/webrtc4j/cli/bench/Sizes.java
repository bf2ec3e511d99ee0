package dev.webrtc4j.cli.bench;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;

/** Byte counts and counts on the command line: digits with an optional k (KiB), m (MiB) or g (GiB). */
public final class Sizes implements ITypeConverter<Long> {
  private static final Pattern SIZE = Pattern.compile("(\\d+)([kmg]?)", Pattern.CASE_INSENSITIVE);

  /** Parses {@code text}, e.g. {@code 64k} = 65536, {@code 256m} = 268435456. */
  public static long parse(String text) {
    Matcher m = SIZE.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a number (digits, optional k/m/g suffix)");
    }
    long multiplier = switch (m.group(2).toLowerCase(Locale.ROOT)) {
      case "k" -> 1L << 10;
      case "m" -> 1L << 20;
      case "g" -> 1L << 30;
      default -> 1;
    };
    try {
      return Math.multiplyExact(Long.parseLong(m.group(1)), multiplier);
    } catch (ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is too large");
    }
  }

  @Override
  public Long convert(String value) {
    return parse(value);
  }
}

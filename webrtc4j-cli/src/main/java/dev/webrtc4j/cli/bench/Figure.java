package dev.webrtc4j.cli.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One measured figure, e.g. {@code setup_trickled}: median 7.1 ms over 20 samples, lower is
 * better. Both sides print figures as JSON lines of the same shape:
 * <pre>{"impl":"webrtc4j","figure":"setup_trickled","stat":"median","value":7.1,"unit":"ms","better":"lower","n":20,"samples":[...]}</pre>
 *
 * @param samples the individual samples when there are few (setup times, throughput runs); empty
 *     for percentiles over many round trips, where only {@code n} is given
 */
public record Figure(String impl, String name, String stat, double value, String unit, Better better, int n, List<Double> samples) {
  /** Which direction is better for a figure; NONE for a figure that describes the run (a count). */
  public enum Better {
    LOWER, HIGHER, NONE;

    public String w() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public Figure {
    Objects.requireNonNull(impl, "impl");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(stat, "stat");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(better, "better");
    samples = List.copyOf(samples);
  }

  public String toJsonLine() {
    return "{\"impl\":" + MiniJson.quote(impl) + ",\"figure\":" + MiniJson.quote(name) + ",\"stat\":" + MiniJson.quote(stat)
        + ",\"value\":" + MiniJson.number(value) + ",\"unit\":" + MiniJson.quote(unit) + ",\"better\":" + MiniJson.quote(better.w())
        + ",\"n\":" + n + ",\"samples\":[" + samples.stream().map(MiniJson::number).collect(Collectors.joining(",")) + "]}";
  }

  /**
   * The figure on a JSON line, or empty for any other line (progress, the meta line).
   *
   * @throws IllegalArgumentException if the line is a figure line with a bad member
   */
  public static Optional<Figure> fromJsonLine(String line) {
    String t = line.trim();
    if (!t.startsWith("{")) {
      return Optional.empty();
    }
    if (!(MiniJson.parse(t) instanceof Map<?, ?> m) || !m.containsKey("figure")) {
      return Optional.empty();
    }
    List<Double> samples = m.get("samples") instanceof List<?> l
        ? l.stream().map(x -> ((Number) x).doubleValue()).toList()
        : List.of();
    return Optional.of(new Figure(
        string(m, "impl"), string(m, "figure"), string(m, "stat"), number(m, "value"), string(m, "unit"),
        Better.valueOf(string(m, "better").toUpperCase(Locale.ROOT)), (int) number(m, "n"), samples));
  }

  private static String string(Map<?, ?> m, String key) {
    if (m.get(key) instanceof String s) {
      return s;
    }
    throw new IllegalArgumentException("figure line: '" + key + "' is missing or not a string");
  }

  private static double number(Map<?, ?> m, String key) {
    if (m.get(key) instanceof Number n) {
      return n.doubleValue();
    }
    throw new IllegalArgumentException("figure line: '" + key + "' is missing or not a number");
  }
}

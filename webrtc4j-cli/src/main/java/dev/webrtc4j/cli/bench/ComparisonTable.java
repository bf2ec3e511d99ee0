package dev.webrtc4j.cli.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Pairs figures of the two implementations by name and prints them side by side with the ratio. */
final class ComparisonTable {
  /** One row: a figure name and each side's value (NaN when that side has none). */
  record Row(String name, String stat, String unit, Figure.Better better, double webrtc4j, double libwebrtc) {}

  private ComparisonTable() {}

  /** Rows in the order figures first appear (webrtc4j's, then any only the reference has). */
  static List<Row> rows(List<Figure> webrtc4j, List<Figure> libwebrtc) {
    Map<String, Figure> left = byName(webrtc4j);
    Map<String, Figure> right = byName(libwebrtc);
    Map<String, Figure> all = new LinkedHashMap<>(left);
    right.forEach(all::putIfAbsent);
    List<Row> rows = new ArrayList<>();
    for (Figure f : all.values()) {
      Figure l = left.get(f.name());
      Figure r = right.get(f.name());
      rows.add(new Row(f.name(), f.stat(), f.unit(), f.better(), l == null ? Double.NaN : l.value(), r == null ? Double.NaN : r.value()));
    }
    return rows;
  }

  private static Map<String, Figure> byName(List<Figure> figures) {
    Map<String, Figure> m = new LinkedHashMap<>();
    for (Figure f : figures) {
      m.put(f.name(), f);
    }
    return m;
  }

  static List<String> format(List<Row> rows) {
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, "%-22s %-7s %-5s %10s %10s  %s", "figure", "stat", "unit", "webrtc4j", "libwebrtc", "webrtc4j/libwebrtc"));
    for (Row r : rows) {
      lines.add(String.format(Locale.ROOT, "%-22s %-7s %-5s %10s %10s  %s", r.name(), r.stat(), r.unit(),
          FigureFormat.value(r.webrtc4j()), FigureFormat.value(r.libwebrtc()), FigureFormat.verdict(r.better(), r.webrtc4j(), r.libwebrtc())));
    }
    return lines;
  }
}

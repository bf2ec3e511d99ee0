package dev.webrtc4j.cli.bench;

import java.util.Locale;

/** Human-readable lines for figures and for a figure pair in the comparison table. */
final class FigureFormat {
  private FigureFormat() {}

  /** A value with a precision that suits its size: 7.12, 58.3, 1234. */
  static String value(double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    double a = Math.abs(v);
    String f = a >= 1000 ? "%.0f" : a >= 100 ? "%.1f" : "%.2f";
    return String.format(Locale.ROOT, f, v);
  }

  /** {@code setup_trickled        median       7.12 ms     (n=20)} */
  static String line(Figure f) {
    return String.format(Locale.ROOT, "%-22s %-7s %10s %-5s (n=%d)", f.name(), f.stat(), value(f.value()), f.unit(), f.n());
  }

  /**
   * The ratio webrtc4j/libwebrtc and which side it favours: for a lower-is-better figure a ratio
   * under 1 favours webrtc4j, for a higher-is-better one a ratio over 1 does.
   */
  static String verdict(Figure.Better better, double webrtc4j, double libwebrtc) {
    if (Double.isNaN(webrtc4j) || Double.isNaN(libwebrtc)) {
      return "";
    }
    if (better == Figure.Better.NONE) {
      return "(what each side ran, not a result)";
    }
    if (libwebrtc == 0 || webrtc4j == 0) {
      // No finite ratio; still say which side is better.
      if (webrtc4j == libwebrtc) {
        return "equal";
      }
      boolean webrtc4jBetter = better == Figure.Better.LOWER ? webrtc4j < libwebrtc : webrtc4j > libwebrtc;
      return "n/a  (" + better.w() + " is better; " + (webrtc4jBetter ? "webrtc4j" : "libwebrtc") + " better)";
    }
    double ratio = webrtc4j / libwebrtc;
    boolean webrtc4jBetter = better == Figure.Better.LOWER ? ratio < 1 : ratio > 1;
    double factor = ratio >= 1 ? ratio : 1 / ratio;
    String side = ratio == 1 ? "equal" : (webrtc4jBetter ? "webrtc4j" : "libwebrtc") + " better by " + String.format(Locale.ROOT, "%.2fx", factor);
    return String.format(Locale.ROOT, "%.3f  (%s is better; %s)", ratio, better.w(), side);
  }
}

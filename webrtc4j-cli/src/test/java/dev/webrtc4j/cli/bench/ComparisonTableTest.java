package dev.webrtc4j.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonTableTest {
  private static Figure f(String impl, String name, double v, Figure.Better better) {
    return new Figure(impl, name, "median", v, "ms", better, 1, List.of(v));
  }

  @Test
  void theRatioIsWebrtc4jOverLibwebrtcAndNamesTheBetterSide() {
    assertThat(FigureFormat.verdict(Figure.Better.LOWER, 14, 7)).startsWith("2.000").contains("libwebrtc better by 2.00x");
    assertThat(FigureFormat.verdict(Figure.Better.LOWER, 3.5, 7)).startsWith("0.500").contains("webrtc4j better by 2.00x");
    assertThat(FigureFormat.verdict(Figure.Better.HIGHER, 116, 58)).startsWith("2.000").contains("webrtc4j better by 2.00x");
    assertThat(FigureFormat.verdict(Figure.Better.HIGHER, 29, 58)).startsWith("0.500").contains("libwebrtc better by 2.00x");
    assertThat(FigureFormat.verdict(Figure.Better.LOWER, Double.NaN, 7)).isEmpty();
    assertThat(FigureFormat.verdict(Figure.Better.LOWER, 0, 0)).isEqualTo("equal");
    assertThat(FigureFormat.verdict(Figure.Better.LOWER, 0, 7.4)).startsWith("n/a").contains("webrtc4j better");
    assertThat(FigureFormat.verdict(Figure.Better.LOWER, 2, 0)).startsWith("n/a").contains("libwebrtc better");
  }

  @Test
  void rowsPairFiguresByNameAndKeepOneSidedOnes() {
    List<ComparisonTable.Row> rows = ComparisonTable.rows(
        List.of(f("webrtc4j", "setup_trickled", 10, Figure.Better.LOWER), f("webrtc4j", "heap_peak", 80, Figure.Better.LOWER)),
        List.of(f("libwebrtc", "setup_gathered", 110, Figure.Better.LOWER), f("libwebrtc", "setup_trickled", 7, Figure.Better.LOWER)));
    assertThat(rows).extracting(ComparisonTable.Row::name).containsExactly("setup_trickled", "heap_peak", "setup_gathered");
    assertThat(rows.get(0).webrtc4j()).isEqualTo(10);
    assertThat(rows.get(0).libwebrtc()).isEqualTo(7);
    assertThat(rows.get(1).libwebrtc()).isNaN();
    assertThat(rows.get(2).webrtc4j()).isNaN();
    List<String> lines = ComparisonTable.format(rows);
    assertThat(lines).hasSize(4);
    assertThat(lines.get(1)).contains("setup_trickled", "10.00", "7.00", "1.429");
    assertThat(lines.get(2)).contains("heap_peak", "80.00", " - ");
  }
}

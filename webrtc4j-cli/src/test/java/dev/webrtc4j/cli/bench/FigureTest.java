package dev.webrtc4j.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FigureTest {
  @Test
  void aFigureSurvivesItsJsonLine() {
    Figure f = new Figure("webrtc4j", "setup_trickled", "median", 7.25, "ms", Figure.Better.LOWER, 3, List.of(7.0, 7.25, 9.5));
    assertThat(Figure.fromJsonLine(f.toJsonLine())).contains(f);
  }

  @Test
  void readsTheReferenceScriptsLines() {
    String line = "{\"impl\":\"libwebrtc\",\"figure\":\"rtt_p99\",\"stat\":\"p99\",\"value\":412.5,\"unit\":\"us\","
        + "\"better\":\"lower\",\"n\":1000,\"samples\":[]}";
    Figure f = Figure.fromJsonLine(line).orElseThrow();
    assertThat(f.impl()).isEqualTo("libwebrtc");
    assertThat(f.name()).isEqualTo("rtt_p99");
    assertThat(f.value()).isEqualTo(412.5);
    assertThat(f.better()).isEqualTo(Figure.Better.LOWER);
    assertThat(f.n()).isEqualTo(1000);
    assertThat(f.samples()).isEmpty();
  }

  @Test
  void otherLinesAreNotFigures() {
    assertThat(Figure.fromJsonLine("[libwebrtc] setup, trickled")).isEmpty();
    assertThat(Figure.fromJsonLine("{\"impl\":\"libwebrtc\",\"meta\":{\"node\":\"v20\",\"options\":{\"a\":[1,2]}}}")).isEmpty();
  }

  @Test
  void aFigureLineWithABadMemberIsAnError() {
    assertThatThrownBy(() -> Figure.fromJsonLine("{\"figure\":\"x\",\"impl\":\"a\",\"stat\":\"s\",\"value\":\"fast\",\"unit\":\"u\",\"better\":\"lower\",\"n\":1}"))
        .hasMessageContaining("value");
    assertThatThrownBy(() -> Figure.fromJsonLine("{\"figure\":\"x\",")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void jsonStringsAndNumbers() {
    assertThat(MiniJson.parse("{\"a\":\"q\\\"\\u00e9\\n\",\"b\":[true,false,null,-1.5e3]}"))
        .isEqualTo(java.util.Map.of("a", "q\"\u00e9\n", "b", java.util.Arrays.asList(true, false, null, -1500.0)));
    assertThat(MiniJson.quote("a\"b\\c\u0001")).isEqualTo("\"a\\\"b\\\\c\\u0001\"");
    assertThat(MiniJson.number(3.0)).isEqualTo("3");
    assertThat(MiniJson.number(2.5)).isEqualTo("2.5");
    assertThat(MiniJson.number(Double.NaN)).isEqualTo("null");
  }
}

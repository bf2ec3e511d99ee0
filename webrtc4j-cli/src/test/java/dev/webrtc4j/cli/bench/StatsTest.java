package dev.webrtc4j.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StatsTest {
  @Test
  void medianOfAnOddCountIsTheMiddleSample() {
    assertThat(Stats.median(new double[] {5, 1, 3})).isEqualTo(3);
  }

  @Test
  void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    assertThat(Stats.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
  }

  @Test
  void medianLeavesTheCallersArrayAlone() {
    double[] a = {3, 1, 2};
    Stats.median(a);
    assertThat(a).containsExactly(3, 1, 2);
  }

  @Test
  void nearestRankPercentiles() {
    double[] a = IntStream.rangeClosed(1, 1000).map(i -> 1001 - i).asDoubleStream().toArray(); // 1000..1
    assertThat(Stats.percentile(a, 50)).isEqualTo(500);
    assertThat(Stats.percentile(a, 99)).isEqualTo(990);
    assertThat(Stats.percentile(a, 100)).isEqualTo(1000);
    assertThat(Stats.percentile(new double[] {7}, 1)).isEqualTo(7);
    assertThat(Stats.percentile(new double[] {1, 2, 3, 4, 5}, 99)).isEqualTo(5);
    assertThat(Stats.percentile(new double[] {1, 2, 3, 4, 5}, 20)).isEqualTo(1);
    assertThat(Stats.percentile(new double[] {1, 2, 3, 4, 5}, 21)).isEqualTo(2);
  }

  @Test
  void slowestListsTheLargestSamplesWithTheirPositions() {
    assertThat(Stats.slowest(new double[] {5, 900.4, 3, 2000.6, 7}, 3)).isEqualTo("2001@3 900@1 7@4");
    assertThat(Stats.slowest(new double[] {1, 2}, 5)).isEqualTo("2@1 1@0");
    assertThat(Stats.slowest(new double[0], 5)).isEmpty();
  }

  @Test
  void emptyInputAndBadPercentilesAreRejected() {
    assertThatThrownBy(() -> Stats.median(new double[0])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Stats.percentile(new double[0], 50)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Stats.percentile(new double[] {1}, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Stats.percentile(new double[] {1}, 100.5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Stats.percentile(new double[] {1}, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }
}

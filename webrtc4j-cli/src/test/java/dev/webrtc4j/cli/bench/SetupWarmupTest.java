package dev.webrtc4j.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The warm-up's stopping rule, on a scripted JIT and clock: no setups run here. */
class SetupWarmupTest {
  /** Runs the warm-up; each batch advances the clock 1 s per 100 setups per mode and the JIT by the next scripted ms. */
  private static List<Integer> run(SetupWarmup w, long[] wall, long[] jit, List<Long> jitPerBatch) {
    List<Integer> asked = new ArrayList<>();
    int b = 0;
    for (int n; (n = w.nextBatch()) > 0; b++) {
      asked.add(n);
      wall[0] += n * 10_000_000L;
      jit[0] += jitPerBatch.get(Math.min(b, jitPerBatch.size() - 1));
      w.batchDone(n);
    }
    return asked;
  }

  @Test
  void stopsAfterTwoRoundsInARowInWhichTheJitWasQuiet() {
    long[] wall = {0};
    long[] jit = {0};
    SetupWarmup w = new SetupWarmup(200, 3000, () -> jit[0], () -> wall[0]);
    // 200 per mode: 2 s, JIT busy; then rounds of 50 (500 ms): 100 ms, a lull (0), 40 ms, 25 ms
    // (5 %: quiet), 10 ms (quiet again: settled).
    List<Integer> asked = run(w, wall, jit, List.of(5000L, 100L, 0L, 40L, 25L, 10L, 0L));
    assertThat(asked).containsExactly(200, 50, 50, 50, 50, 50);
    assertThat(w.perMode()).isEqualTo(450);
    assertThat(w.settled()).isTrue();
    assertThat(w.batches()).extracting(SetupWarmup.Batch::compileMillis).containsExactly(5000L, 100L, 0L, 40L, 25L, 10L);
    assertThat(w.summary()).contains("450 per mode", "JIT settled", "200: 5000/2000", "50: 10/500");
  }

  @Test
  void aQuietMinimumAloneDoesNotEndIt() {
    long[] wall = {0};
    long[] jit = {0};
    SetupWarmup w = new SetupWarmup(200, 3000, () -> jit[0], () -> wall[0]);
    // The minimum includes the cold start; only rounds after it can decide.
    assertThat(run(w, wall, jit, List.of(0L))).containsExactly(200, 50, 50);
  }

  @Test
  void neverMoreThanTheBoundEvenIfTheJitNeverSettles() {
    long[] wall = {0};
    long[] jit = {0};
    SetupWarmup w = new SetupWarmup(200, 320, () -> jit[0], () -> wall[0]);
    assertThat(run(w, wall, jit, List.of(1000L))).containsExactly(200, 50, 50, 20);
    assertThat(w.perMode()).isEqualTo(320);
    assertThat(w.settled()).isFalse();
    assertThat(w.summary()).contains("not settled");
  }

  @Test
  void equalBoundsOrNoJitClockMeanExactlyTheMinimum() {
    long[] wall = {0};
    long[] jit = {0};
    assertThat(run(new SetupWarmup(200, 200, () -> jit[0], () -> wall[0]), wall, jit, List.of(1000L))).containsExactly(200);
    SetupWarmup unmonitored = new SetupWarmup(200, 3000, null, () -> wall[0]);
    assertThat(run(unmonitored, wall, jit, List.of(1000L))).containsExactly(200);
    assertThat(unmonitored.summary()).contains("not monitored");
    assertThat(run(new SetupWarmup(0, 0, () -> jit[0], () -> wall[0]), wall, jit, List.of(0L))).isEmpty();
    assertThatThrownBy(() -> new SetupWarmup(10, 5, null, () -> 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void thePingWarmUpUsesTheSameRuleInRoundsOfAThousandRoundTrips() {
    long[] wall = {0};
    long[] jit = {0};
    SetupWarmup w = new SetupWarmup(3000, 30000, SetupWarmup.PING_ROUND, "ping warm-up", "round trips", () -> jit[0], () -> wall[0]);
    // 3000 (30 s on this scripted clock), then rounds of 1000 (10 s): 2000 ms JIT, 300 (3 %), 500 (5 %).
    assertThat(run(w, wall, jit, List.of(9000L, 2000L, 300L, 500L, 0L))).containsExactly(3000, 1000, 1000, 1000);
    assertThat(w.perMode()).isEqualTo(6000);
    assertThat(w.summary()).contains("ping warm-up: 6000 round trips (minimum 3000, bound 30000)", "JIT settled",
        "(round trips, ms JIT / ms wall)", "1000: 500/10000");
    assertThatThrownBy(() -> new SetupWarmup(1, 2, 0, "x", "y", null, () -> 0)).isInstanceOf(IllegalArgumentException.class);
  }
}

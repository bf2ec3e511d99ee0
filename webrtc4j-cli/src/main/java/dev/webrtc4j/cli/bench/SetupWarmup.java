package dev.webrtc4j.cli.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * How many uncounted setups the webrtc4j side runs before it measures: at least {@code min} per
 * mode (what the libwebrtc reference gets too), then more in rounds of {@link #ROUND} per mode
 * until the JIT has settled, at most {@code max} per mode.
 *
 * <p>Why not a fixed count: after 200 warm-ups of each mode the JIT was still compiling the
 * setup path while it was measured (trickled median 8.9 ms after 200, 6.9 ms after 1000, idle
 * machine, session 3), and on these 2 cores its compiler threads compete with the connections'.
 * Why not the same longer count for the reference: libwebrtc is native (it has no JIT to wait
 * for): 2000 warm-ups per mode gave it 7.7 ms against 8.1 ms after 200, at ten times the run time
 * (session 6, docs/perf-notes/reference6.md), so its warm-up stays at {@code min}.
 *
 * <p>Settled: {@link #QUIET_ROUNDS} rounds in a row in which the JIT compiled for at most {@link
 * #SETTLED_SHARE} of the round's wall time, per {@link CompilationMXBean#getTotalCompilationTime()}
 * (milliseconds spent in compilation, summed over the compiler threads; a compilation counts when
 * it ends, so one quiet round can be a lull while a long one runs). Without that bean the count
 * is {@code min}. The setup path runs most of its methods a few times per connection, so they
 * reach C2's thresholds (thousands of invocations) only after one to two thousand setups:
 * idle machine, the JIT's share of each 50-setup round was still 40-100 % after 1000 per mode.
 *
 * <p>The ping-pong workload uses the same rule ({@link #forPings}): at least {@code --ping-warmup}
 * round trips, then rounds of {@link #PING_ROUND} until the JIT has settled, at most {@code
 * --ping-warmup-max}. After the default 3000 (and even 20000) round trips C2 was still compiling
 * the ping path, and its compilations and deoptimizations landed inside the measured 1000.
 * Not thread-safe; one per workload.
 */
final class SetupWarmup {
  /** Setups of each mode per extra round. */
  static final int ROUND = 50;
  /** A round is quiet when the JIT compiled for at most this share of its wall time. */
  static final double SETTLED_SHARE = 0.05;
  /** Quiet rounds in a row that mean the JIT has settled. */
  static final int QUIET_ROUNDS = 2;
  /** Round trips per extra round of the ping warm-up: as many as the default measured window. */
  static final int PING_ROUND = 1000;

  /** One finished batch: setups per mode, compilation and wall time it took (ms). */
  record Batch(int perMode, long compileMillis, long wallMillis) {
    double compileShare() {
      return wallMillis <= 0 ? 0 : (double) compileMillis / wallMillis;
    }
  }

  private final int min;
  private final int max;
  private final int round;
  /** What one count is, for the log: "per mode" or "round trips". */
  private final String unit;
  private final String what;
  private final OptionalLong unsupported;
  private final LongSupplier compileMillis;
  private final LongSupplier wallNanos;
  private final List<Batch> batches = new ArrayList<>();
  private int done;
  private long compileAtStart;
  private long wallAtStart;
  private int quietRounds;
  private boolean settled;

  /** The real JIT's compilation time and {@link System#nanoTime()}. */
  static SetupWarmup of(int min, int max) {
    return real(min, max, ROUND, "setup warm-up", "per mode");
  }

  /** The ping-pong warm-up on the real JIT: counts are round trips, extra rounds {@link #PING_ROUND}. */
  static SetupWarmup forPings(int min, int max) {
    return real(min, max, PING_ROUND, "ping warm-up", "round trips");
  }

  private static SetupWarmup real(int min, int max, int round, String what, String unit) {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    LongSupplier compileMillis = jit == null || !jit.isCompilationTimeMonitoringSupported() ? null : jit::getTotalCompilationTime;
    return new SetupWarmup(min, max, round, what, unit, compileMillis, System::nanoTime);
  }

  /** A setup warm-up (rounds of {@link #ROUND} per mode) on the given JIT and wall clocks. */
  SetupWarmup(int min, int max, @Nullable LongSupplier compileMillis, LongSupplier wallNanos) {
    this(min, max, ROUND, "setup warm-up", "per mode", compileMillis, wallNanos);
  }

  /**
   * @param round how many to run per extra round
   * @param what the log's name for this warm-up
   * @param unit what one count is, for the log
   * @param compileMillis the JIT's total compilation time so far, ms; null when unknown (then
   *     exactly {@code min})
   */
  SetupWarmup(int min, int max, int round, String what, String unit, @Nullable LongSupplier compileMillis,
      LongSupplier wallNanos) {
    if (min < 0 || max < min || round < 1) {
      throw new IllegalArgumentException("warm-up bounds " + min + ".." + max + ", round " + round);
    }
    this.min = min;
    this.max = compileMillis == null ? min : max;
    this.round = round;
    this.what = what;
    this.unit = unit;
    this.unsupported = compileMillis == null ? OptionalLong.of(min) : OptionalLong.empty();
    this.compileMillis = compileMillis == null ? () -> 0 : compileMillis;
    this.wallNanos = wallNanos;
  }

  /**
   * How many setups of each mode to run next (0: the warm-up is over). Call {@link #batchDone}
   * after running them.
   */
  int nextBatch() {
    if (settled || done >= max) {
      return 0;
    }
    int n = done < min ? min - done : Math.min(round, max - done);
    compileAtStart = compileMillis.getAsLong();
    wallAtStart = wallNanos.getAsLong();
    return n;
  }

  /** The batch {@link #nextBatch} asked for ran; decides whether the JIT has settled. */
  void batchDone(int perMode) {
    Batch b = new Batch(perMode, compileMillis.getAsLong() - compileAtStart, (wallNanos.getAsLong() - wallAtStart) / 1_000_000);
    batches.add(b);
    done += perMode;
    // The first batch (the minimum) includes the cold start; only the rounds after it decide.
    quietRounds = done > min && b.compileShare() <= SETTLED_SHARE ? quietRounds + 1 : 0;
    settled = quietRounds >= QUIET_ROUNDS;
  }

  /** Setups of each mode (or round trips) run so far. */
  int perMode() {
    return done;
  }

  boolean settled() {
    return settled;
  }

  List<Batch> batches() {
    return List.copyOf(batches);
  }

  /** What the warm-up did, for the log: counts, and the JIT's share of each batch. */
  String summary() {
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "%s: %d %s (minimum %d, bound %d)", what, done, unit, min, max));
    if (unsupported.isPresent()) {
      return s.append("; JIT compilation time is not monitored by this JVM: fixed count").toString();
    }
    s.append(min == max ? "; fixed count" : settled ? "; JIT settled" : "; JIT not settled within the bound");
    s.append("; compiling per batch (").append(unit).append(", ms JIT / ms wall):");
    for (Batch b : batches) {
      s.append(String.format(Locale.ROOT, " %d: %d/%d", b.perMode(), b.compileMillis(), b.wallMillis()));
    }
    return s.toString();
  }
}

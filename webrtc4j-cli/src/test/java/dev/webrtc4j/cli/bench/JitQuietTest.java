package dev.webrtc4j.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The wait for the JIT's queue, on a scripted compiler-thread clock: nothing sleeps here. */
class JitQuietTest {
  /** A wall clock that the pause advances, and compiler threads that burn {@code busyShare} of it until {@code busyUntilMs}. */
  private static final class Script {
    long wallNanos;
    long cpuNanos;
    final double busyShare;
    final long busyUntilNanos;

    Script(double busyShare, long busyUntilMs) {
      this.busyShare = busyShare;
      this.busyUntilNanos = busyUntilMs * 1_000_000L;
    }

    void pause(long millis) {
      long step = millis * 1_000_000L;
      if (wallNanos < busyUntilNanos) {
        cpuNanos += (long) (busyShare * step);
      }
      wallNanos += step;
    }

    JitQuiet.Result await(long maxMillis) throws InterruptedException {
      return JitQuiet.await(maxMillis, () -> cpuNanos, () -> wallNanos, this::pause);
    }
  }

  @Test
  void idleCompilerThreadsAreQuietAfterOneWindow() throws InterruptedException {
    JitQuiet.Result r = new Script(0, 0).await(3000);
    assertThat(r.quiet()).isTrue();
    assertThat(r.waitedMillis()).isEqualTo(JitQuiet.QUIET_NANOS / 1_000_000);
    assertThat(r.compilerCpuMillis()).isZero();
  }

  @Test
  void waitsWhileTheCompilerThreadsWorkOffTheirQueue() throws InterruptedException {
    // A full core compiling for 450 ms: the first window after that is quiet.
    JitQuiet.Result r = new Script(1.0, 450).await(3000);
    assertThat(r.quiet()).isTrue();
    assertThat(r.waitedMillis()).isBetween(450L, 600L);
    assertThat(r.compilerCpuMillis()).isEqualTo(450);
    assertThat(r.describe()).contains("quiet after", "compiler threads 450 ms CPU");
  }

  @Test
  void aTrickleUnderTheShareIsQuiet() throws InterruptedException {
    JitQuiet.Result r = new Script(JitQuiet.BUSY_SHARE / 2, 10_000).await(3000);
    assertThat(r.quiet()).isTrue();
    assertThat(r.waitedMillis()).isEqualTo(100);
  }

  @Test
  void givesUpAtTheBoundWhenTheJitNeverRests() throws InterruptedException {
    JitQuiet.Result r = new Script(0.5, Long.MAX_VALUE / 2_000_000L).await(1000);
    assertThat(r.quiet()).isFalse();
    assertThat(r.waitedMillis()).isEqualTo(1000);
    assertThat(r.describe()).contains("still compiling after 1000 ms");
  }

  @Test
  void withoutCompilerThreadCountersThereIsNothingToWaitFor() throws InterruptedException {
    JitQuiet.Result r = JitQuiet.await(3000, () -> -1, () -> 0, millis -> {
      throw new AssertionError("must not pause");
    });
    assertThat(r.quiet()).isFalse();
    assertThat(r.waitedMillis()).isZero();
  }
}

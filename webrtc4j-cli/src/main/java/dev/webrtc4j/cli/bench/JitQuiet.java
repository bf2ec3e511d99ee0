package dev.webrtc4j.cli.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Waits, before a measured window, until the JIT's compiler threads have worked off the
 * compilations already queued: until they used at most {@link #BUSY_SHARE} of one core over
 * {@link #QUIET_NANOS}, at most a given time.
 *
 * <p>Why: on these 2 cores the setup path's code is so large (BouncyCastle's TLS, ASN.1 and EC
 * code, X.509, the JCA, SDP, ICE, SCTP) that C2 had a queue for the whole warm-up: 3000 setups per
 * mode, and the compiler threads were busy in every round of it (CPU of the compiler threads about
 * equal to the round's wall time, session 6). A measured window that began with that queue shared
 * one of the two cores with C2 for its first few hundred milliseconds, which is all of a 40-setup
 * window, and the JIT's CPU in the window went from 0 to 250 ms between runs of the same code. The
 * queue holds compilations the warm-up already asked for; letting them finish measures the warm
 * JVM the workload is defined on, not the JVM's compile backlog. Compilations the window itself
 * triggers still happen in it, and the log line says what the JIT did there.
 *
 * <p>The compiler threads' CPU comes from Linux's {@code /proc/self/task/*}{@code /schedstat}
 * (ns on a CPU, also while a long compilation is still running, which the JVM's
 * {@code CompilationMXBean} counts only when it ends). Elsewhere there is nothing to wait for.
 */
final class JitQuiet {
  /** The window over which the compiler threads must have been (nearly) idle. */
  static final long QUIET_NANOS = 100_000_000L;
  /** Compiler threads' CPU per wall time that still counts as idle (one core = 1.0). */
  static final double BUSY_SHARE = 0.05;
  private static final long POLL_MILLIS = 10;

  /** What one wait did: how long it took and whether the JIT went quiet within the bound. */
  record Result(long waitedMillis, boolean quiet, long compilerCpuMillis) {
    String describe() {
      return String.format(Locale.ROOT, "JIT queue: %s after %d ms (compiler threads %d ms CPU meanwhile)",
          quiet ? "quiet" : "still compiling", waitedMillis, compilerCpuMillis);
    }
  }

  private JitQuiet() {}

  /** Something that waits a few milliseconds between two looks at the compiler threads. */
  interface Pause {
    void pause(long millis) throws InterruptedException;
  }

  /** Waits until the compiler threads were idle for {@link #QUIET_NANOS}, at most {@code maxMillis}. */
  static Result await(long maxMillis) throws InterruptedException {
    return await(maxMillis, JitQuiet::compilerCpuNanos, System::nanoTime, Thread::sleep);
  }

  /**
   * The same on given clocks (for tests).
   *
   * @param compilerCpu the compiler threads' CPU so far, ns; negative when unknown (no wait)
   */
  static Result await(long maxMillis, LongSupplier compilerCpu, LongSupplier wallNanos, Pause pause)
      throws InterruptedException {
    long start = wallNanos.getAsLong();
    long first = compilerCpu.getAsLong();
    if (first < 0) {
      return new Result(0, false, 0);
    }
    // Samples of (wall, cpu); quiet when the CPU over the last QUIET_NANOS stayed under the share.
    long markWall = start;
    long markCpu = first;
    while (true) {
      long now = wallNanos.getAsLong();
      long cpu = compilerCpu.getAsLong();
      if (now - markWall >= QUIET_NANOS) {
        if (cpu - markCpu <= BUSY_SHARE * (now - markWall)) {
          return new Result((now - start) / 1_000_000, true, (cpu - first) / 1_000_000);
        }
        markWall = now;
        markCpu = cpu;
      }
      if (now - start >= maxMillis * 1_000_000L) {
        return new Result((now - start) / 1_000_000, false, (cpu - first) / 1_000_000);
      }
      pause.pause(POLL_MILLIS);
    }
  }

  /** The C1 and C2 compiler threads' time on a CPU, ns, or -1 off Linux. */
  static long compilerCpuNanos() {
    long sum = 0;
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(ProcessCounters.TASKS)) {
      for (Path task : tasks) {
        try {
          if (ProcessCounters.isCompilerThread(Files.readString(task.resolve("comm")))) {
            sum += ProcessCounters.onCpuNanos(Files.readString(task.resolve("schedstat")));
          }
        } catch (IOException | RuntimeException ended) {
          // the thread ended between the listing and the read
        }
      }
    } catch (IOException | RuntimeException notLinux) {
      return -1;
    }
    return sum;
  }
}

package dev.webrtc4j.cli.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Load-independent counters of this JVM for the workloads' log lines: CPU time (all
 * threads, and the JIT compiler threads apart), context switches, bytes allocated and GC time.
 * On a shared 2-core machine MB/s depend on what else runs; CPU seconds and switches per GiB
 * moved do not (much), so a change to the data path is judged by those.
 *
 * <p>CPU and switches come from Linux's {@code /proc/self}; elsewhere they read as unknown (-1).
 * The process's CPU ({@code /proc/self/stat}) includes threads that ended; the per-thread split
 * (JIT, switches) covers the threads alive at each snapshot, which during a transfer is all of
 * them that matter (carriers, the reactor, the timer, the compiler and GC threads).
 *
 * <p>{@code cpuNanos} and the per-thread split count in clock ticks (10 ms), fine for a transfer
 * of seconds; {@code runNanos} and {@code jitRunNanos} are the live threads' time on a CPU in
 * nanoseconds ({@code /proc/self/task/*}{@code /schedstat}), for windows of a few hundred
 * milliseconds such as the measured setups (a thread that ends inside the window takes its time
 * with it; none of the setup path's platform threads does).
 *
 * <p>{@code hostTicks} and {@code stealTicks} are the machine's CPU time in all states and the
 * part the hypervisor gave to someone else ({@code /proc/stat}'s first line): on this VM the same
 * code needed 5 ms of CPU per setup pair in one quarter of an hour and 7-8 ms in the next, with
 * the steal share at 11 %, so each window says what the host took.
 */
record ProcessCounters(long cpuNanos, long jitNanos, long gcThreadNanos, long carrierNanos, long reactorNanos,
    long sendThreadNanos, long voluntary, long involuntary, long minorFaults, long allocatedBytes, long gcMillis,
    long runNanos, long jitRunNanos, long hostTicks, long stealTicks) {

  static final Path TASKS = Path.of("/proc/self/task");
  private static final long TICK_NANOS = 10_000_000L; // USER_HZ = 100 on Linux

  /** The counters now. */
  static ProcessCounters now() {
    long cpu = -1;
    long faults = 0;
    long jit = 0;
    long gcThreads = 0;
    long carriers = 0;
    long reactor = 0;
    long sendThread = 0;
    long vol = 0;
    long invol = 0;
    long run = 0;
    long jitRun = 0;
    try {
      String self = Files.readString(Path.of("/proc/self/stat"));
      cpu = ticks(self) * TICK_NANOS;
      faults = Long.parseLong(self.substring(self.lastIndexOf(')') + 2).split(" ")[7]);
      try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
        for (Path task : tasks) {
          try {
            String stat = Files.readString(task.resolve("stat"));
            String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
            long t = ticks(stat) * TICK_NANOS;
            long onCpu = onCpuNanos(Files.readString(task.resolve("schedstat")));
            run += onCpu;
            if (isCompilerThread(name)) {
              jit += t;
              jitRun += onCpu;
            } else if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
              gcThreads += t;
            } else if (name.startsWith("ForkJoinPool-1-")) { // the virtual threads' carriers (names cut at 15)
              carriers += t;
            } else if (name.equals("webrtc4j-udp")) {
              reactor += t;
            } else if (name.startsWith("webrtc4j-udp-se")) { // names are cut at 15 characters
              sendThread += t;
            }
            for (String line : Files.readAllLines(task.resolve("status"))) {
              if (line.startsWith("voluntary_ctxt_switches:")) {
                vol += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
              } else if (line.startsWith("nonvoluntary_ctxt_switches:")) {
                invol += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
              }
            }
          } catch (IOException | RuntimeException ended) {
            // the thread ended between the listing and the read
          }
        }
      }
    } catch (IOException | RuntimeException notLinux) {
      cpu = -1;
    }
    long gcMillis = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      gcMillis += Math.max(0, gc.getCollectionTime());
    }
    long allocated = -1;
    if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t) {
      allocated = t.getTotalThreadAllocatedBytes();
    }
    long[] host = readHostTicks();
    return new ProcessCounters(cpu, jit, gcThreads, carriers, reactor, sendThread, vol, invol, faults, allocated, gcMillis, run, jitRun,
        host[0], host[1]);
  }

  /** All CPU ticks of the machine and the stolen ones, from {@code /proc/stat}; -1, -1 off Linux. */
  private static long[] readHostTicks() {
    try (java.io.BufferedReader r = Files.newBufferedReader(Path.of("/proc/stat"))) {
      String line = r.readLine();
      if (line == null || !line.startsWith("cpu ")) {
        return new long[] {-1, -1};
      }
      String[] f = line.trim().split("\\s+");
      long all = 0;
      // user nice system idle iowait irq softirq steal (guest time is inside user already)
      for (int i = 1; i <= 8 && i < f.length; i++) {
        all += Long.parseLong(f[i]);
      }
      return new long[] {all, f.length > 8 ? Long.parseLong(f[8]) : 0};
    } catch (IOException | RuntimeException notLinux) {
      return new long[] {-1, -1};
    }
  }

  /** The share of the machine's CPU time the hypervisor stole between two snapshots, e.g. " host steal 4.2 %". */
  static String hostSteal(ProcessCounters before, ProcessCounters after) {
    long all = after.hostTicks - before.hostTicks;
    if (before.hostTicks < 0 || after.hostTicks < 0 || all <= 0) {
      return "";
    }
    return String.format(Locale.ROOT, "; host steal %.1f %%", 100.0 * (after.stealTicks - before.stealTicks) / all);
  }

  /** Whether a thread of this name ({@code comm}, cut at 15 characters) is one of the JIT's compiler threads. */
  static boolean isCompilerThread(String name) {
    return name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler");
  }

  /** The first field of a {@code schedstat} line: ns the thread ran on a CPU. */
  static long onCpuNanos(String schedstat) {
    int end = schedstat.indexOf(' ');
    return Long.parseLong(end < 0 ? schedstat.trim() : schedstat.substring(0, end));
  }

  /** utime + stime (fields 14 and 15) of a {@code stat} line, in clock ticks. */
  private static long ticks(String stat) {
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }

  /**
   * One line for what happened between {@code before} and {@code after} while {@code bytes} moved
   * in {@code seconds}: CPU s per GiB without the JIT threads, the JIT's CPU, cores used,
   * context switches, allocation per GiB, GC time.
   */
  static String perGib(ProcessCounters before, ProcessCounters after, long bytes, double seconds) {
    if (before.cpuNanos < 0 || after.cpuNanos < 0) {
      return "no /proc counters";
    }
    double gib = bytes / (double) (1L << 30);
    double cpu = (after.cpuNanos - before.cpuNanos) / 1e9;
    double jit = (after.jitNanos - before.jitNanos) / 1e9;
    double alloc = before.allocatedBytes < 0 || after.allocatedBytes < 0 ? Double.NaN
        : (after.allocatedBytes - before.allocatedBytes) / 1e9 / gib;
    return String.format(Locale.ROOT,
        "CPU %.2f s/GiB without JIT (JIT %.2f s; carriers %.2f, reactor %.2f, send thread %.2f, GC threads %.2f s/GiB),"
            + " %.2f cores, ctx %.0fk vol + %.0fk invol per GiB, %.0fk page faults per GiB, alloc %.2f GB/GiB, GC %d ms",
        (cpu - jit) / gib, jit, (after.carrierNanos - before.carrierNanos) / 1e9 / gib,
        (after.reactorNanos - before.reactorNanos) / 1e9 / gib, (after.sendThreadNanos - before.sendThreadNanos) / 1e9 / gib,
        (after.gcThreadNanos - before.gcThreadNanos) / 1e9 / gib, cpu / seconds, (after.voluntary - before.voluntary) / 1e3 / gib,
        (after.involuntary - before.involuntary) / 1e3 / gib, (after.minorFaults - before.minorFaults) / 1e3 / gib, alloc,
        after.gcMillis - before.gcMillis) + hostSteal(before, after);
  }

  /**
   * One line for {@code pairs} connection pairs set up between the two snapshots: CPU ms per pair
   * without the JIT threads, the JIT's CPU in the window, switches, allocation, GC. The setup is
   * CPU-bound on 2 cores, so its CPU per pair (and the JIT's share of the window) says more about
   * a change than the milliseconds on a shared machine.
   */
  static String perSetupPair(ProcessCounters before, ProcessCounters after, int pairs) {
    if (before.cpuNanos < 0 || after.cpuNanos < 0) {
      return "no /proc counters";
    }
    return String.format(Locale.ROOT,
        "per pair: CPU %.2f ms without JIT (JIT %.0f ms CPU in the window, GC threads %.2f ms per pair), ctx %.1f vol + %.1f invol,"
            + " alloc %.0f kB; GC %d ms",
        (after.runNanos - before.runNanos - after.jitRunNanos + before.jitRunNanos) / 1e6 / pairs,
        (after.jitRunNanos - before.jitRunNanos) / 1e6, (after.gcThreadNanos - before.gcThreadNanos) / 1e6 / pairs, (after.voluntary - before.voluntary) / (double) pairs,
        (after.involuntary - before.involuntary) / (double) pairs, (after.allocatedBytes - before.allocatedBytes) / 1e3 / pairs,
        after.gcMillis - before.gcMillis) + hostSteal(before, after);
  }

  /** One line for {@code n} round trips between the two snapshots: CPU µs, switches, bytes, GC. */
  static String perRoundTrip(ProcessCounters before, ProcessCounters after, int n) {
    if (before.cpuNanos < 0 || after.cpuNanos < 0) {
      return "no /proc counters";
    }
    return String.format(Locale.ROOT,
        "per round trip: CPU %.1f µs without JIT (JIT %.2f s in all), ctx %.1f vol + %.1f invol, alloc %.1f kB; GC %d ms",
        (after.cpuNanos - before.cpuNanos - after.jitNanos + before.jitNanos) / 1e3 / n, (after.jitNanos - before.jitNanos) / 1e9,
        (after.voluntary - before.voluntary) / (double) n, (after.involuntary - before.involuntary) / (double) n,
        (after.allocatedBytes - before.allocatedBytes) / 1e3 / n, after.gcMillis - before.gcMillis) + hostSteal(before, after);
  }
}

package dev.webrtc4j.cli.bench;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Sizes and counts of one benchmark run, after {@code --quick} and explicit options are applied.
 * The defaults are issue 4's and issue 6's; {@link #referenceArgs()} hands exactly these values to
 * the libwebrtc reference script, so both sides run the same workloads.
 *
 * @param setupRuns measured connection setups per mode (median reported)
 * @param setupWarmup setups of each mode run first and not counted: the libwebrtc reference's
 *     count and webrtc4j's minimum (a warm JVM, as a server that has been making connections for
 *     a while). 200: the libwebrtc reference is native, and 2000 per mode gave it 7.7 ms trickled
 *     against 8.1 ms after 200, in 339 s instead of about 30 (its gathered setups take ~110 ms
 *     each). Until session 6 it also slowed down over thousands of connections, which was the
 *     harness keeping closed pairs' threads (docs/perf-notes/reference6.md)
 * @param setupWarmupMax webrtc4j only: after {@code setupWarmup}, more uncounted setups in rounds
 *     until the JIT has settled ({@link SetupWarmup}), at most this many per mode in all. The JIT
 *     was still compiling the setup path after 200 setups: the trickled median on an idle
 *     machine was 17.7 ms after 20 warm-ups, 8.9 ms after 200 and 6.9 ms after 1000. 5000: with
 *     the earlier bound of 3000 most runs ended at the bound with the JIT still compiling; runs
 *     bounded at 6000-10000 settled after 3050-4850 (session 6). Equal to {@code setupWarmup}:
 *     exactly that many
 * @param bytes bytes sent per reliable throughput run
 * @param messageSize bytes per message in both throughput workloads
 * @param throughputRuns reliable throughput runs (median reported)
 * @param throughputWarmup uncounted reliable transfers of {@code bytes} first, on a pair of their
 *     own (the first transfer in a fresh JVM ran at about half speed while the JIT compiled the
 *     data path: 46-49 MB/s against 87-104 MB/s for the next ones)
 * @param lowThreshold the sender's bufferedAmountLowThreshold: it refills when bufferedamountlow fires
 * @param highWater the sender stops sending while bufferedAmount is above this
 * @param pings measured round trips
 * @param pingSize bytes per ping message
 * @param pingWarmup round trips run first and not counted (the JIT dominated the tail after 100:
 *     p99 1.2 ms after 100 warm-up round trips, 0.5-0.6 ms after 3000, idle machine): the libwebrtc
 *     reference's count and webrtc4j's minimum
 * @param pingWarmupMax webrtc4j only: after {@code pingWarmup}, more uncounted round trips in rounds
 *     until the JIT has settled ({@link SetupWarmup#forPings}), at most this many in all. C2 was
 *     still compiling (and deoptimizing) the ping path inside the measured window after 3000 and
 *     after 20000 round trips. Equal to {@code pingWarmup}: exactly that many
 * @param unreliableBytes bytes sent on the unordered, maxRetransmits=0 channel
 */
public record WorkloadConfig(
    Set<Workload> workloads,
    int setupRuns,
    int setupWarmup,
    int setupWarmupMax,
    long bytes,
    int messageSize,
    int throughputRuns,
    int throughputWarmup,
    long lowThreshold,
    long highWater,
    int pings,
    int pingSize,
    int pingWarmup,
    int pingWarmupMax,
    long unreliableBytes) {

  public static final WorkloadConfig DEFAULT = new WorkloadConfig(
      EnumSet.allOf(Workload.class), 20, 200, 5000, 256L << 20, 64 << 10, 3, 1, 1L << 20, 4L << 20, 1000, 100, 3000, 30000, 256L << 20);

  /** What {@code --quick} uses where no option says otherwise: a smoke run of a few seconds. */
  public static final WorkloadConfig QUICK = new WorkloadConfig(
      EnumSet.allOf(Workload.class), 5, 2, 2, 16L << 20, 64 << 10, 1, 0, 1L << 20, 4L << 20, 200, 100, 20, 20, 16L << 20);

  public WorkloadConfig {
    workloads = workloads.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(workloads));
    if (workloads.isEmpty()) {
      throw new IllegalArgumentException("--workloads: empty list");
    }
    atLeast("--setup-runs", setupRuns, 1);
    atLeast("--setup-warmup", setupWarmup, 0);
    atLeast("--setup-warmup-max", setupWarmupMax, setupWarmup);
    atLeast("--bytes", bytes, 1);
    atLeast("--message-size", messageSize, 4);
    atLeast("--throughput-runs", throughputRuns, 1);
    atLeast("--throughput-warmup", throughputWarmup, 0);
    atLeast("--low-threshold", lowThreshold, 0);
    atLeast("--pings", pings, 1);
    atLeast("--ping-size", pingSize, 4);
    atLeast("--ping-warmup", pingWarmup, 0);
    atLeast("--ping-warmup-max", pingWarmupMax, pingWarmup);
    atLeast("--unreliable-bytes", unreliableBytes, 1);
    if (lowThreshold > highWater) {
      throw new IllegalArgumentException("--low-threshold " + lowThreshold + " exceeds --high-water " + highWater);
    }
  }

  private static void atLeast(String name, long value, long min) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be at least " + min + ", was " + value);
    }
  }

  public boolean runs(Workload w) {
    return workloads.contains(w);
  }

  /** The reference script's arguments for exactly this configuration (every value explicit). */
  public List<String> referenceArgs() {
    List<String> a = new ArrayList<>();
    a.add("--workloads");
    a.add(EnumSet.copyOf(workloads).stream().map(Workload::cliName).collect(Collectors.joining(",")));
    add(a, "--setup-runs", setupRuns);
    add(a, "--setup-warmup", setupWarmup);
    add(a, "--bytes", bytes);
    add(a, "--message-size", messageSize);
    add(a, "--throughput-runs", throughputRuns);
    add(a, "--throughput-warmup", throughputWarmup);
    add(a, "--low-threshold", lowThreshold);
    add(a, "--high-water", highWater);
    add(a, "--pings", pings);
    add(a, "--ping-size", pingSize);
    add(a, "--ping-warmup", pingWarmup);
    add(a, "--unreliable-bytes", unreliableBytes);
    return a;
  }

  private static void add(List<String> a, String name, long value) {
    a.add(name);
    a.add(Long.toString(value));
  }
}

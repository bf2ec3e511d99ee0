package dev.webrtc4j.cli.bench;

import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The workload options shared by {@code bench datachannel} and {@code bench compare}, with the
 * names, defaults and {@code --quick} values of the reference script ({@code bench-reference/}).
 * A value given explicitly wins over {@code --quick}.
 */
public final class BenchOptions {
  @Option(names = "--quick", description = "small sizes and counts, for a smoke run of a few seconds")
  boolean quick;

  @Option(names = "--workloads", split = ",", paramLabel = "W",
      description = "which workloads: setup,throughput,pingpong,unreliable (default: all)")
  @Nullable String[] workloads;

  @Option(names = "--setup-runs", paramLabel = "N", description = "measured setups per mode (default 20; quick 5)")
  @Nullable Long setupRuns;

  @Option(names = "--setup-warmup", paramLabel = "N",
      description = "uncounted setups of each mode first: libwebrtc's count, webrtc4j's minimum (default 200; quick 2)")
  @Nullable Long setupWarmup;

  @Option(names = "--setup-warmup-max", paramLabel = "N", description = {
      "webrtc4j only: after --setup-warmup, more uncounted setups in rounds of 50 per mode until the JIT",
      "has settled, at most N per mode in all (default 5000; quick and at most --setup-warmup: no extra rounds)"})
  @Nullable Long setupWarmupMax;

  @Option(names = "--bytes", paramLabel = "SIZE", converter = Sizes.class,
      description = "bytes per reliable throughput run (default 256m; quick 16m)")
  @Nullable Long bytes;

  @Option(names = "--message-size", paramLabel = "SIZE", converter = Sizes.class,
      description = "bytes per throughput message (default 64k)")
  @Nullable Long messageSize;

  @Option(names = "--throughput-runs", paramLabel = "N", description = "reliable throughput runs (default 3; quick 1)")
  @Nullable Long throughputRuns;

  @Option(names = "--throughput-warmup", paramLabel = "N",
      description = "uncounted reliable transfers first (default 1; quick 0)")
  @Nullable Long throughputWarmup;

  @Option(names = "--low-threshold", paramLabel = "SIZE", converter = Sizes.class,
      description = "sender's bufferedAmountLowThreshold (default 1m)")
  @Nullable Long lowThreshold;

  @Option(names = "--high-water", paramLabel = "SIZE", converter = Sizes.class,
      description = "sender pauses while bufferedAmount is above this (default 4m)")
  @Nullable Long highWater;

  @Option(names = "--pings", paramLabel = "N", description = "measured round trips (default 1000; quick 200)")
  @Nullable Long pings;

  @Option(names = "--ping-size", paramLabel = "SIZE", converter = Sizes.class, description = "bytes per ping (default 100)")
  @Nullable Long pingSize;

  @Option(names = "--ping-warmup", paramLabel = "N", description = "uncounted round trips first (default 3000; quick 20)")
  @Nullable Long pingWarmup;

  @Option(names = "--ping-warmup-max", paramLabel = "N", description = {
      "webrtc4j only: after --ping-warmup, more uncounted round trips in rounds of 1000 until the JIT",
      "has settled, at most N in all (default 30000; quick and at most --ping-warmup: no extra rounds)"})
  @Nullable Long pingWarmupMax;

  @Option(names = "--unreliable-bytes", paramLabel = "SIZE", converter = Sizes.class,
      description = "bytes sent on the unordered, maxRetransmits=0 channel (default 256m; quick 16m)")
  @Nullable Long unreliableBytes;

  /** The configuration these options describe. */
  public WorkloadConfig resolve() {
    WorkloadConfig base = quick ? WorkloadConfig.QUICK : WorkloadConfig.DEFAULT;
    Set<Workload> w = EnumSet.noneOf(Workload.class);
    if (workloads == null) {
      w.addAll(base.workloads());
    } else {
      for (String name : workloads) {
        w.add(Workload.fromCliName(name));
      }
    }
    int warmup = toInt("--setup-warmup", setupWarmup, base.setupWarmup());
    // An explicit --setup-warmup above the default bound raises the bound (exactly that many).
    int warmupMax = Math.max(warmup, toInt("--setup-warmup-max", setupWarmupMax, base.setupWarmupMax()));
    int pingWarm = toInt("--ping-warmup", pingWarmup, base.pingWarmup());
    // The same for the ping warm-up: an explicit --ping-warmup above the default bound is exact.
    int pingWarmMax = Math.max(pingWarm, toInt("--ping-warmup-max", pingWarmupMax, base.pingWarmupMax()));
    return new WorkloadConfig(
        w,
        toInt("--setup-runs", setupRuns, base.setupRuns()),
        warmup,
        warmupMax,
        or(bytes, base.bytes()),
        toInt("--message-size", messageSize, base.messageSize()),
        toInt("--throughput-runs", throughputRuns, base.throughputRuns()),
        toInt("--throughput-warmup", throughputWarmup, base.throughputWarmup()),
        or(lowThreshold, base.lowThreshold()),
        or(highWater, base.highWater()),
        toInt("--pings", pings, base.pings()),
        toInt("--ping-size", pingSize, base.pingSize()),
        pingWarm,
        pingWarmMax,
        or(unreliableBytes, base.unreliableBytes()));
  }

  private static long or(@Nullable Long v, long dflt) {
    return v == null ? dflt : v;
  }

  private static int toInt(String name, @Nullable Long v, int dflt) {
    if (v == null) {
      return dflt;
    }
    if (v > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(name + " " + v + " is too large");
    }
    return (int) (long) v;
  }
}

package dev.webrtc4j.cli.bench;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code webrtc4j bench datachannel} (issue 4): setup time, reliable throughput, ping-pong round
 * trips and unreliable throughput/loss of two webrtc4j connections on loopback, and the peak heap
 * while they ran.
 */
@Command(
    name = "datachannel",
    mixinStandardHelpOptions = true,
    description = {
      "Data-channel workloads on two webrtc4j connections in this JVM, over loopback only:",
      "  setup (creating the two connections to both channels open; trickled, and waiting for gathering complete),",
      "  reliable ordered throughput with bufferedAmountLowThreshold flow control,",
      "  ping-pong round trips, unordered/unreliable throughput and loss; then the peak heap.",
      "Figures go to standard output (--json: one JSON line each), progress to standard error.",
      "Exit status: 0 when every workload ran, 1 when one failed (e.g. a step timed out), 2 for bad options."
    })
public final class DataChannelBenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin BenchOptions options = new BenchOptions();

  @Option(names = "--json", description = "print one JSON line per figure (the reference script's format)")
  boolean json;

  @Option(names = "--timeline", description = {
      "with the setup workload: print when each step of every measured setup happened, on both peers",
      "(ms from just before creating the connections), then the median of each step"})
  boolean timeline;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    WorkloadConfig config;
    try {
      config = options.resolve();
    } catch (IllegalArgumentException e) {
      err.println("webrtc4j bench datachannel: " + e.getMessage());
      err.flush();
      return 2;
    }
    List<Figure> figures;
    try {
      figures = runWebrtc4j(config, err, timeline ? line -> {
        out.println(line);
        out.flush();
      } : null);
    } catch (Exception e) {
      err.println("webrtc4j bench datachannel: FAILED: " + e);
      err.flush();
      return 1;
    }
    for (Figure f : figures) {
      out.println(json ? f.toJsonLine() : FigureFormat.line(f));
    }
    out.flush();
    return 0;
  }

  /** Runs the configured workloads in this JVM and appends the peak-heap figure. */
  static List<Figure> runWebrtc4j(WorkloadConfig config, PrintWriter err) throws Exception {
    return runWebrtc4j(config, err, null);
  }

  /** As {@link #runWebrtc4j(WorkloadConfig, PrintWriter)}; setup timelines go to {@code timelineOut} if not null. */
  static List<Figure> runWebrtc4j(WorkloadConfig config, PrintWriter err, java.util.function.@Nullable Consumer<String> timelineOut)
      throws Exception {
    List<Figure> figures = new java.util.ArrayList<>();
    HeapWatcher.usedAfterGc();
    try (HeapWatcher heap = new HeapWatcher()) {
      new DataChannelWorkloads(config, s -> {
        err.println("[webrtc4j] " + s);
        err.flush();
      }, timelineOut).runAll(figures::add);
      double mib = heap.peakBytes() / (1024.0 * 1024.0);
      figures.add(new Figure(DataChannelWorkloads.IMPL, "heap_peak", "max", mib, "MiB", Figure.Better.LOWER, 1, List.of(mib)));
    }
    return figures;
  }
}

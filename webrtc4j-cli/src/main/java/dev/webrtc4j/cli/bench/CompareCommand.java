package dev.webrtc4j.cli.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code webrtc4j bench compare} (issue 6): the data-channel workloads on webrtc4j in this JVM,
 * then the same workloads with the same options on libwebrtc (the reference script), and each
 * figure side by side with the ratio webrtc4j/libwebrtc.
 */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the data-channel workloads on webrtc4j (in this JVM), then the same workloads on",
      "libwebrtc (node bench-reference/bench.mjs, @roamhq/wrtc), and prints each figure for both",
      "with the ratio webrtc4j/libwebrtc and which side is better.",
      "libwebrtc runs inside a loopback-only network namespace: directly if this JVM already is",
      "in one (run it under interop/browsers/netns.sh), else through netns.sh (needs root).",
      "Exit status: 0 when both sides ran, 1 when one failed (the other's figures are still shown)."
    })
public final class CompareCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin BenchOptions options = new BenchOptions();

  @Option(names = "--repo", paramLabel = "DIR", description = "repository root holding bench-reference/ (default: found from here)")
  @Nullable Path repo;

  @Option(names = "--json", description = "also print every figure of both sides as JSON lines")
  boolean json;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    WorkloadConfig config;
    ReferenceRunner reference;
    try {
      config = options.resolve();
      reference = new ReferenceRunner(ReferenceRunner.locateRoot(repo));
    } catch (IllegalArgumentException e) {
      err.println("webrtc4j bench compare: " + e.getMessage());
      err.flush();
      return 2;
    }
    int status = 0;
    List<Figure> mine = List.of();
    try {
      mine = DataChannelBenchCommand.runWebrtc4j(config, err);
    } catch (Exception e) {
      err.println("[compare] webrtc4j FAILED: " + e);
      err.flush();
      status = 1;
    }
    List<Figure> theirs = List.of();
    try {
      theirs = reference.run(config, err);
    } catch (Exception e) {
      err.println("[compare] libwebrtc FAILED: " + e.getMessage());
      err.flush();
      status = 1;
    }
    if (json) {
      mine.forEach(f -> out.println(f.toJsonLine()));
      theirs.forEach(f -> out.println(f.toJsonLine()));
    }
    ComparisonTable.format(ComparisonTable.rows(mine, theirs)).forEach(out::println);
    out.flush();
    return status;
  }
}

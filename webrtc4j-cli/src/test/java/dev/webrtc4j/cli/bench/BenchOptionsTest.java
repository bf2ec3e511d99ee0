package dev.webrtc4j.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webrtc4j.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Argument parsing of the bench commands; nothing here runs a workload. */
class BenchOptionsTest {
  private static WorkloadConfig parse(String... args) {
    BenchOptions o = new BenchOptions();
    new CommandLine(o).parseArgs(args);
    return o.resolve();
  }

  @Test
  void noArgumentsGiveTheIssueDefaults() {
    WorkloadConfig c = parse();
    assertThat(c).isEqualTo(WorkloadConfig.DEFAULT);
    assertThat(c.setupRuns()).isEqualTo(20);
    assertThat(c.bytes()).isEqualTo(256L << 20);
    assertThat(c.messageSize()).isEqualTo(65536);
    assertThat(c.throughputRuns()).isEqualTo(3);
    assertThat(c.throughputWarmup()).isEqualTo(1);
    assertThat(c.pings()).isEqualTo(1000);
    assertThat(c.pingSize()).isEqualTo(100);
    assertThat(c.workloads()).isEqualTo(EnumSet.allOf(Workload.class));
  }

  @Test
  void quickShrinksTheRunsAndExplicitOptionsStillWin() {
    WorkloadConfig c = parse("--quick", "--pings", "50", "--bytes", "8m");
    assertThat(c.setupRuns()).isEqualTo(WorkloadConfig.QUICK.setupRuns());
    assertThat(c.throughputRuns()).isEqualTo(1);
    assertThat(c.throughputWarmup()).isZero();
    assertThat(c.pings()).isEqualTo(50);
    assertThat(c.bytes()).isEqualTo(8L << 20);
  }

  @Test
  void webrtc4jWarmsUntilTheJitSettledWithinABoundTheReferenceNeverSees() {
    assertThat(parse().setupWarmup()).isEqualTo(200);
    assertThat(parse().setupWarmupMax()).isEqualTo(5000);
    // --quick: exactly its two warm-ups, no extra rounds.
    assertThat(parse("--quick").setupWarmupMax()).isEqualTo(2);
    // A minimum above the bound raises the bound: exactly that many.
    assertThat(parse("--setup-warmup", "5000").setupWarmupMax()).isEqualTo(5000);
    assertThat(parse("--setup-warmup", "1000", "--setup-warmup-max", "1000").setupWarmupMax()).isEqualTo(1000);
    assertThat(parse("--quick", "--setup-warmup-max", "400").setupWarmupMax()).isEqualTo(400);
    // The reference never sees the bound: its arguments are those of the default configuration.
    assertThat(parse("--setup-warmup-max", "1000").referenceArgs()).isEqualTo(parse().referenceArgs())
        .doesNotContain("--setup-warmup-max");
    assertThatThrownBy(() -> new WorkloadConfig(EnumSet.of(Workload.SETUP), 1, 10, 9, 1, 4, 1, 0, 1, 1, 1, 4, 0, 0, 1))
        .hasMessageContaining("--setup-warmup-max");
  }

  @Test
  void thePingWarmUpHasABoundOfItsOwnTheReferenceNeverSees() {
    assertThat(parse().pingWarmup()).isEqualTo(3000);
    assertThat(parse().pingWarmupMax()).isEqualTo(30000);
    assertThat(parse("--quick").pingWarmupMax()).isEqualTo(20);
    assertThat(parse("--ping-warmup", "50000").pingWarmupMax()).isEqualTo(50000);
    assertThat(parse("--ping-warmup", "3000", "--ping-warmup-max", "3000").pingWarmupMax()).isEqualTo(3000);
    assertThat(parse("--ping-warmup-max", "9000").referenceArgs()).isEqualTo(parse().referenceArgs())
        .doesNotContain("--ping-warmup-max");
    assertThatThrownBy(() -> new WorkloadConfig(EnumSet.of(Workload.PINGPONG), 1, 0, 0, 1, 4, 1, 0, 1, 1, 1, 4, 10, 9, 1))
        .hasMessageContaining("--ping-warmup-max");
  }

  @Test
  void sizesTakeBinarySuffixes() {
    assertThat(Sizes.parse("64k")).isEqualTo(65536);
    assertThat(Sizes.parse("256M")).isEqualTo(268435456);
    assertThat(Sizes.parse("1g")).isEqualTo(1L << 30);
    assertThat(Sizes.parse("100")).isEqualTo(100);
    assertThatThrownBy(() -> Sizes.parse("1.5m")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Sizes.parse("-3")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Sizes.parse("99999999999999999999")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void workloadListsAreChecked() {
    assertThat(parse("--workloads", "setup,pingpong").workloads()).containsExactlyInAnyOrder(Workload.SETUP, Workload.PINGPONG);
    assertThatThrownBy(() -> parse("--workloads", "setup,warp")).hasMessageContaining("warp");
  }

  @Test
  void inconsistentOrTooSmallValuesAreRejectedWithTheOptionName() {
    assertThatThrownBy(() -> parse("--low-threshold", "8m", "--high-water", "1m")).hasMessageContaining("--low-threshold");
    assertThatThrownBy(() -> parse("--setup-runs", "0")).hasMessageContaining("--setup-runs");
    assertThatThrownBy(() -> parse("--ping-size", "3")).hasMessageContaining("--ping-size");
    assertThatThrownBy(() -> parse("--pings", "3000000000")).hasMessageContaining("--pings");
  }

  @Test
  void referenceArgumentsRepeatEveryResolvedValue() {
    WorkloadConfig c = parse("--quick", "--workloads", "throughput,setup", "--message-size", "16k");
    assertThat(c.referenceArgs()).containsExactly(
        "--workloads", "setup,throughput",
        "--setup-runs", "5", "--setup-warmup", "2", "--bytes", Long.toString(16L << 20), "--message-size", "16384",
        "--throughput-runs", "1", "--throughput-warmup", "0", "--low-threshold", Long.toString(1L << 20), "--high-water", Long.toString(4L << 20),
        "--pings", "200", "--ping-size", "100", "--ping-warmup", "20", "--unreliable-bytes", Long.toString(16L << 20));
  }

  @Test
  void badOptionsGiveExitStatusTwoWithoutRunningAnything() {
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setErr(new PrintWriter(err));
    cl.setOut(new PrintWriter(new StringWriter()));
    assertThat(cl.execute("bench", "datachannel", "--low-threshold", "8m", "--high-water", "1m")).isEqualTo(2);
    assertThat(err.toString()).contains("--low-threshold");
    assertThat(cl.execute("bench", "datachannel", "--bytes", "lots")).isEqualTo(2);
  }

  @Test
  void benchListsItsSubcommands() {
    StringWriter out = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out));
    assertThat(cl.execute("bench")).isZero();
    assertThat(out.toString()).contains("datachannel", "compare", "scale");
  }
}

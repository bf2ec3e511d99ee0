package dev.webrtc4j.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The workloads end to end on two real webrtc4j connections over loopback, with tiny sizes: every
 * figure comes out, with the sample counts asked for and values that make sense. Nothing here
 * asserts a speed.
 */
class DataChannelWorkloadsTest {
  @Test
  @Timeout(120)
  void everyWorkloadProducesItsFigures() throws Exception {
    WorkloadConfig tiny = new WorkloadConfig(EnumSet.allOf(Workload.class), 2, 0, 0, 300_000, 16_384, 1, 1, 32_768, 65_536, 10, 100, 2, 2, 200_000);
    List<Figure> figures = new ArrayList<>();
    List<String> log = new ArrayList<>();
    new DataChannelWorkloads(tiny, log::add).runAll(figures::add);

    Map<String, Figure> byName = figures.stream().collect(Collectors.toMap(Figure::name, Function.identity()));
    assertThat(byName).containsOnlyKeys(
        "setup_trickled", "setup_gathered", "setup_warmup", "throughput_reliable", "rtt_p50", "rtt_p99", "ping_warmup", "throughput_unreliable", "loss_unreliable");
    assertThat(byName.get("setup_trickled").samples()).hasSize(2).allMatch(ms -> ms > 0);
    assertThat(byName.get("setup_gathered").samples()).hasSize(2).allMatch(ms -> ms > 0);
    assertThat(byName.get("setup_warmup").value()).isZero();
    assertThat(byName.get("setup_warmup").better()).isEqualTo(Figure.Better.NONE);
    assertThat(byName.get("throughput_reliable").n()).isEqualTo(1);
    assertThat(byName.get("throughput_reliable").value()).isPositive();
    assertThat(byName.get("rtt_p50").n()).isEqualTo(10);
    assertThat(byName.get("rtt_p99").value()).isGreaterThanOrEqualTo(byName.get("rtt_p50").value());
    // pingWarmup = pingWarmupMax = 2: exactly two uncounted round trips, then the lead-in.
    assertThat(byName.get("ping_warmup").value()).isEqualTo(2.0 + DataChannelWorkloads.LEAD_IN);
    assertThat(byName.get("ping_warmup").better()).isEqualTo(Figure.Better.NONE);
    assertThat(byName.get("loss_unreliable").value()).isBetween(0.0, 100.0);
    assertThat(figures).allMatch(f -> f.impl().equals("webrtc4j"));
    assertThat(log).anyMatch(s -> s.startsWith("reliable throughput"));
  }

  @Test
  @Timeout(60)
  void theDatachannelCommandPrintsJsonFiguresAndThePeakHeap() throws Exception {
    java.io.StringWriter out = new java.io.StringWriter();
    picocli.CommandLine cl = dev.webrtc4j.cli.Main.commandLine();
    cl.setOut(new java.io.PrintWriter(out));
    cl.setErr(new java.io.PrintWriter(new java.io.StringWriter()));
    int exit = cl.execute("bench", "datachannel", "--json", "--workloads", "pingpong", "--pings", "5", "--ping-warmup", "1",
        "--ping-warmup-max", "1");
    assertThat(exit).isZero();
    List<Figure> figures = out.toString().lines().map(Figure::fromJsonLine).flatMap(java.util.Optional::stream).toList();
    assertThat(figures).extracting(Figure::name).containsExactly("rtt_p50", "rtt_p99", "ping_warmup", "heap_peak");
    assertThat(figures.get(2).value()).isEqualTo(1.0 + DataChannelWorkloads.LEAD_IN);
    assertThat(figures.get(3).value()).isPositive();
  }

  @Test
  @Timeout(60)
  void theTimelineHasEveryStepOfBothPeersInBothModes() throws Exception {
    WorkloadConfig setups = new WorkloadConfig(EnumSet.of(Workload.SETUP), 2, 1, 1, 1, 4, 1, 0, 1, 1, 1, 4, 0, 0, 1);
    List<String> lines = new ArrayList<>();
    List<Figure> figures = new ArrayList<>();
    new DataChannelWorkloads(setups, s -> {}, lines::add).runAll(figures::add);
    assertThat(figures).filteredOn(f -> f.name().equals("setup_warmup")).singleElement()
        .extracting(Figure::value).isEqualTo(1.0);
    List<String> runs = lines.stream().filter(l -> l.matches("(trickled|gathered) \\d .*")).toList();
    assertThat(runs).hasSize(4);
    for (String run : runs) {
      for (String peer : List.of("A", "B")) {
        // Loop milestones (the library's DEBUG log) and W3C steps, each found for this peer.
        for (String step : List.of("check-sent", "check-received", "check-succeeded", "selected", "dtls-started",
            "dtls-connected", "sctp-started", "setLocalDescription", "setRemoteDescription", "ice connected",
            "connection connected", "sctp connected", "channel open", "first candidate", "gathering complete",
            // Counted: each side sends and receives at least two handshake flights.
            "dtls-out-1", "dtls-out-2", "dtls-in-1", "dtls-in-2")) {
          assertThat(run).as(run).contains(" " + peer + " " + step + ";");
        }
      }
      assertThat(run).contains(" A createDataChannel;", " A createOffer;", " B createAnswer;", " A nomination-sent;", " B nomination-received;");
    }
    assertThat(lines).anyMatch(l -> l.startsWith("trickled setups: ms from just before creating the connections, median of 2"));
    assertThat(lines).anyMatch(l -> l.matches("  B channel open +[0-9.]+ +[0-9.]+ +[0-9.]+ +2"));
  }

  /**
   * The warm-up's log lines and the per-setup timelines are printed after the measured setups
   * (they format numbers, which the warm-up does not), in the same order and form as before:
   * trickled 1, gathered 1, trickled 2, ... with each setup's own figure, then the medians.
   */
  @Test
  void timelinesArePrintedAfterTheMeasuredSetupsInRunOrderWithEachSetupsFigure() throws Exception {
    WorkloadConfig setups = new WorkloadConfig(EnumSet.of(Workload.SETUP), 2, 1, 1, 1, 4, 1, 0, 1, 1, 1, 4, 0, 0, 1);
    List<String> both = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Figure> figures = new ArrayList<>();
    new DataChannelWorkloads(setups, s -> both.add("log " + s), s -> both.add("timeline " + s)).runAll(figures::add);
    List<String> order = both.stream().filter(l -> l.startsWith("log setup warm-up:") || l.startsWith("log warm-up setups of")
        || l.matches("timeline (trickled|gathered) \\d .*") || l.startsWith("timeline trickled setups:")).toList();
    assertThat(order).hasSize(7);
    assertThat(order.get(0)).startsWith("log setup warm-up: 1 per mode");
    assertThat(order.get(1)).startsWith("log warm-up setups of 500 ms or more:");
    assertThat(order.subList(2, 6)).extracting(l -> l.substring(0, l.indexOf(" (")))
        .containsExactly("timeline trickled 1", "timeline gathered 1", "timeline trickled 2", "timeline gathered 2");
    assertThat(order.get(6)).startsWith("timeline trickled setups: ms from just before creating the connections, median of 2");
    Figure trickled = figures.stream().filter(f -> f.name().equals("setup_trickled")).findFirst().orElseThrow();
    List<Double> printed = order.subList(2, 6).stream().filter(l -> l.startsWith("timeline trickled"))
        .map(l -> Double.parseDouble(l.substring(l.indexOf('(') + 1, l.indexOf(" ms)")))).sorted().toList();
    assertThat(trickled.samples()).hasSize(2);
    for (int k = 0; k < 2; k++) {
      assertThat(printed.get(k)).isCloseTo(trickled.samples().stream().sorted().toList().get(k), org.assertj.core.data.Offset.offset(0.005));
    }
  }
}

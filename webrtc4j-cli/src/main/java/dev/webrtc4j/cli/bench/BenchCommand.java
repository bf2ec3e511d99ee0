package dev.webrtc4j.cli.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code webrtc4j bench}: performance measurements; each subcommand is its own class. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Performance measurements on loopback: datachannel, compare (against libwebrtc), scale.",
    subcommands = {DataChannelBenchCommand.class, CompareCommand.class, ScaleCommand.class})
public final class BenchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}

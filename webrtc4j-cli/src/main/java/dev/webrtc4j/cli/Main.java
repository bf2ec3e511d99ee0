package dev.webrtc4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code webrtc4j} command. Each subcommand is its own class. */
@Command(
    name = "webrtc4j",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "WebRTC for the JVM: tools built on the webrtc4j library.",
    subcommands = {CommandLine.HelpCommand.class, SdpCommand.class, EchoCommand.class, InteropOfferCommand.class,
        dev.webrtc4j.cli.bench.BenchCommand.class})
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, shared by {@link #main} and the tests. */
  public static CommandLine commandLine() {
    return new CommandLine(new Main());
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}

package dev.webrtc4j.cli;

import dev.webrtc4j.sdp.SdpParseException;
import dev.webrtc4j.sdp.SessionDescription;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code webrtc4j sdp FILE}: parses a session description and prints it re-serialised (CRLF line
 * ends), or prints the error naming the line.
 */
@Command(
    name = "sdp",
    mixinStandardHelpOptions = true,
    description = {
      "Parse a session description (RFC 8866 + WebRTC attributes) and print it re-serialised.",
      "Exit status: 0 when it parses, 1 when it does not (the error names the line), 2 when FILE cannot be read."
    })
public final class SdpCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "the SDP file, or - for standard input")
  String file = "-";

  private final InputStream stdin;

  public SdpCommand() {
    this(System.in);
  }

  SdpCommand(InputStream stdin) {
    this.stdin = stdin;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String name = file.equals("-") ? "<stdin>" : file;
    String text;
    try {
      byte[] bytes = file.equals("-") ? stdin.readAllBytes() : Files.readAllBytes(Path.of(file));
      text = new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      err.println("webrtc4j sdp: cannot read " + name + ": " + e);
      err.flush();
      return 2;
    }
    try {
      out.print(SessionDescription.parse(text).serialize());
      out.flush();
      return 0;
    } catch (SdpParseException e) {
      err.println(name + ": " + e.getMessage());
      err.flush();
      return 1;
    }
  }
}

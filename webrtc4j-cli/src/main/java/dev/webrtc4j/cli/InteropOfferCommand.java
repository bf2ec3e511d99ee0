package dev.webrtc4j.cli;

import dev.webrtc4j.cli.interop.CaseFailure;
import dev.webrtc4j.cli.interop.InteropCases;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code webrtc4j interop-offer --url URL --case NAME}: the webrtc4j offerer of the interop suite
 * (interop/suite/common/cli.mjs, "Driver contract"). Runs one case against the echo server at URL
 * and prints one line, {@code PASS NAME (details)} (exit 0) or {@code FAIL NAME: reason} (exit 1);
 * bad usage exits 2. {@code --case hold} connects, does one round trip, prints {@code READY} and
 * waits to be killed. Diagnostics go to stderr; stdout carries only these lines.
 */
@Command(
    name = "interop-offer",
    mixinStandardHelpOptions = true,
    description = {
      "Run one interop case as the offerer against an echo server (POST URL with a complete offer).",
      "Prints 'PASS NAME (details)' and exits 0, or 'FAIL NAME: reason' and exits 1; bad usage exits 2.",
      "Cases: text, binary, unordered-unreliable, channels-32, throughput-64MiB, close-reconnect; hold."
    })
public final class InteropOfferCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--url", required = true, paramLabel = "URL", description = "the echo server's offer URL, e.g. http://127.0.0.1:8787/offer")
  URI url;

  @Option(names = "--case", required = true, paramLabel = "NAME", description = "the case to run")
  String caseName;

  @Override
  public Integer call() throws InterruptedException {
    if (!InteropCases.CASES.contains(caseName) && !caseName.equals(InteropCases.HOLD)) {
      throw new ParameterException(spec.commandLine(), "unknown case '" + caseName + "' (known: "
          + String.join(", ", InteropCases.CASES) + ", " + InteropCases.HOLD + ")");
    }
    if (!"http".equals(url.getScheme()) || url.getHost() == null) {
      throw new ParameterException(spec.commandLine(), "--url must be an http:// URL, got " + url);
    }
    PrintWriter out = spec.commandLine().getOut();
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
      String detail = new InteropCases(http, url).run(caseName, () -> {
        out.println("READY");
        out.flush();
      });
      out.println("PASS " + caseName + " (" + detail + ")");
      out.flush();
      return 0;
    } catch (CaseFailure e) {
      out.println("FAIL " + caseName + ": " + e.getMessage().replaceAll("\\s+", " "));
      out.flush();
      return 1;
    } catch (RuntimeException e) {
      e.printStackTrace(spec.commandLine().getErr());
      out.println("FAIL " + caseName + ": " + String.valueOf(e).replaceAll("\\s+", " "));
      out.flush();
      return 1;
    }
  }
}

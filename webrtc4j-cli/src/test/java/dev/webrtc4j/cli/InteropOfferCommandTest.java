package dev.webrtc4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code webrtc4j interop-offer}: usage errors exit 2 (the driver contract); the cases run in EchoEndToEndTest. */
class InteropOfferCommandTest {
  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    CommandLine cl = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return new Run(cl.execute(args), out.toString(), err.toString());
  }

  @Test
  void badUsageExitsTwoWithNothingOnStdout() {
    Run unknown = run("interop-offer", "--url", "http://127.0.0.1:1/offer", "--case", "nope");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).contains("unknown case 'nope' (known: text, binary, unordered-unreliable, channels-32, "
        + "throughput-64MiB, close-reconnect, hold)");
    assertThat(unknown.out()).isEmpty();
    Run noUrl = run("interop-offer", "--case", "text");
    assertThat(noUrl.exit()).isEqualTo(2);
    assertThat(noUrl.err()).contains("--url");
    Run notHttp = run("interop-offer", "--url", "ftp://127.0.0.1/offer", "--case", "text");
    assertThat(notHttp.exit()).isEqualTo(2);
    assertThat(notHttp.err()).contains("--url must be an http:// URL");
  }

  @Test
  void isRegisteredWithHelp() {
    Run r = run("interop-offer", "--help");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("Usage: webrtc4j interop-offer").contains("--url=URL").contains("--case=NAME");
  }
}

package dev.webrtc4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code webrtc4j echo}: options, the first output line, and the refusals. */
class EchoCommandTest {
  /** Collects complete output lines as they are written. */
  private static final class LineQueue extends Writer {
    final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();

    @Override public synchronized void write(char[] buf, int off, int len) {
      for (int i = off; i < off + len; i++) {
        if (buf[i] == '\n') {
          lines.add(partial.toString().stripTrailing());
          partial.setLength(0);
        } else {
          partial.append(buf[i]);
        }
      }
    }

    @Override public void flush() {}

    @Override public void close() {}

    String next() throws InterruptedException {
      String l = lines.poll(10, TimeUnit.SECONDS);
      assertThat(l).as("an output line within 10 s").isNotNull();
      return l;
    }
  }

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    CommandLine cl = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return new Run(cl.execute(args), out.toString(), err.toString());
  }

  /** Runs {@code echo args} on a thread until {@code stop} completes; returns its exit status. */
  private static CompletableFuture<Integer> serve(LineQueue out, CompletableFuture<Void> stop, String... args) {
    CommandLine cl = new CommandLine(new EchoCommand(stop));
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(out, true));
    return CompletableFuture.supplyAsync(() -> cl.execute(args));
  }

  @Test
  void printsTheBoundAddressFirstAndServesUntilStopped() throws Exception {
    LineQueue out = new LineQueue();
    CompletableFuture<Void> stop = new CompletableFuture<>();
    CompletableFuture<Integer> exit = serve(out, stop, "--listen", "127.0.0.1:0", "--ice-loopback", "--port-range", "40000-40100");
    String first = out.next();
    assertThat(first).matches("listening on http://127\\.0\\.0\\.1:[1-9][0-9]*");
    URI uri = URI.create(first.substring("listening on ".length()));
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri.resolve("/offer")).timeout(Duration.ofSeconds(10))
          .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("x")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(415);
    }
    stop.complete(null);
    assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
  }

  @Test
  void opensTheUdpMuxOnLoopbackAndSaysWhere() throws Exception {
    LineQueue out = new LineQueue();
    CompletableFuture<Void> stop = new CompletableFuture<>();
    CompletableFuture<Integer> exit = serve(out, stop, "--listen", "127.0.0.1:0", "--ice-loopback", "--udp-mux", "0");
    assertThat(out.next()).startsWith("listening on http://127.0.0.1:");
    assertThat(out.next()).matches("udp mux on /127\\.0\\.0\\.1:[1-9][0-9]*");
    stop.complete(null);
    assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
  }

  @Test
  void aBusyPortExitsOneWithTheReason() throws Exception {
    try (ServerSocket busy = new ServerSocket()) {
      busy.bind(new InetSocketAddress("127.0.0.1", 0));
      Run r = run("echo", "--listen", "127.0.0.1:" + busy.getLocalPort());
      assertThat(r.exit()).isEqualTo(1);
      assertThat(r.err()).startsWith("webrtc4j echo: cannot start:");
      assertThat(r.out()).isEmpty();
    }
  }

  @Test
  void badOptionsExitTwoNamingTheProblem() {
    assertThat(run("echo", "--listen", "8787").err()).contains("expected HOST:PORT, got '8787'");
    assertThat(run("echo", "--listen", "127.0.0.1:70000").err()).contains("port 70000 is outside 0..65535");
    assertThat(run("echo", "--listen", "::1:80").err()).contains("write an IPv6 address in brackets");
    assertThat(run("echo", "--port-range", "5000-4000").err()).contains("need 1 <= MIN <= MAX <= 65535");
    assertThat(run("echo", "--gather-timeout", "soon").err()).contains("expected a duration like 500ms, 5s or 2m");
    assertThat(run("echo", "--connect-timeout", "0s").err()).contains("duration must be positive");
    for (String[] args : new String[][] {
        {"echo", "--listen", "8787"}, {"echo", "--port-range", "1-0"}, {"echo", "--gather-timeout", "-1"}}) {
      assertThat(run(args).exit()).as(String.join(" ", args)).isEqualTo(2);
    }
  }

  @Test
  void turnNeedsCredentialsAndIceServersAreValidated() {
    Run noCredential = run("echo", "--listen", "127.0.0.1:0", "--turn", "turn:127.0.0.1:3478");
    assertThat(noCredential.exit()).isEqualTo(2);
    assertThat(noCredential.err()).contains("--turn needs --turn-username and --turn-credential");
    Run orphan = run("echo", "--listen", "127.0.0.1:0", "--turn-username", "u");
    assertThat(orphan.exit()).isEqualTo(2);
    assertThat(orphan.err()).contains("--turn-username and --turn-credential need --turn");
    Run badStun = run("echo", "--listen", "127.0.0.1:0", "--stun", "http://127.0.0.1:3478");
    assertThat(badStun.exit()).isEqualTo(2);
    assertThat(badStun.err()).contains("http");
  }

  @Test
  void isRegisteredWithHelp() {
    Run r = run("echo", "--help");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("Usage: webrtc4j echo").contains("--listen=HOST:PORT").contains("--ice-loopback")
        .contains("--udp-mux").contains("--turn-username");
  }
}

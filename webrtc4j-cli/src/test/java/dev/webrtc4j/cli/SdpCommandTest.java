package dev.webrtc4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code webrtc4j sdp FILE}. */
class SdpCommandTest {
  private static final String CANONICAL = String.join("\r\n",
      "v=0",
      "o=- 4611731400430051336 2 IN IP4 127.0.0.1",
      "s=-",
      "t=0 0",
      "a=group:BUNDLE 0",
      "a=msid-semantic: WMS",
      "a=x-unknown:kept as is",
      "m=application 9 UDP/DTLS/SCTP webrtc-datachannel",
      "c=IN IP4 0.0.0.0",
      "a=candidate:1467250027 1 udp 2122260223 127.0.0.1 51423 typ host generation 0 network-id 1",
      "a=ice-ufrag:mE3v",
      "a=ice-pwd:Yq2bT9cN4dR8fG1hJ6kL0mPs",
      "a=fingerprint:sha-256 9C:0D:3E",
      "a=setup:actpass",
      "a=mid:0",
      "a=sctp-port:5000",
      "a=max-message-size:262144",
      "");

  @TempDir Path dir;

  private record Run(int exit, String out, String err) {}

  private static Run run(CommandLine cl, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }

  @Test
  void printsCanonicalInputUnchangedAndExitsZero() throws IOException {
    Run r = run(Main.commandLine(), "sdp", write("offer.sdp", CANONICAL).toString());
    assertThat(r.exit()).isZero();
    assertThat(r.out()).isEqualTo(CANONICAL);
    assertThat(r.err()).isEmpty();
  }

  @Test
  void reserializesLfInputWithCrlf() throws IOException {
    Run r = run(Main.commandLine(), "sdp", write("lf.sdp", CANONICAL.replace("\r\n", "\n")).toString());
    assertThat(r.exit()).isZero();
    assertThat(r.out()).isEqualTo(CANONICAL);
  }

  @Test
  void readsStandardInputForDash() {
    var stdin = new ByteArrayInputStream(CANONICAL.getBytes(StandardCharsets.UTF_8));
    Run r = run(new CommandLine(new SdpCommand(stdin)), "-");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).isEqualTo(CANONICAL);
  }

  @Test
  void malformedInputPrintsTheLineAndExitsOne() throws IOException {
    String bad = CANONICAL.replace("a=sctp-port:5000", "a=sctp-port:five");
    Path f = write("bad.sdp", bad);
    Run r = run(Main.commandLine(), "sdp", f.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo(f + ": line 16: \"a=sctp-port:five\": sctp-port is not a number" + System.lineSeparator());
  }

  @Test
  void malformedStandardInputNamesStdin() {
    var stdin = new ByteArrayInputStream("v=0\no=broken\n".getBytes(StandardCharsets.UTF_8));
    Run r = run(new CommandLine(new SdpCommand(stdin)), "-");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).startsWith("<stdin>: line 2: \"o=broken\": origin needs 6 fields");
  }

  @Test
  void unreadableFileExitsTwo() {
    Run r = run(Main.commandLine(), "sdp", dir.resolve("missing.sdp").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("cannot read").contains("missing.sdp");
  }

  @Test
  void isRegisteredAsASubcommandWithHelp() {
    Run r = run(Main.commandLine(), "sdp", "--help");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("Usage: webrtc4j sdp").contains("FILE");
  }
}

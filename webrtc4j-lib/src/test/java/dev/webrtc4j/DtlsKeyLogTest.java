package dev.webrtc4j;

import static dev.webrtc4j.DataChannelLoopback.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.webrtc4j.DataChannelLoopback.Pair;
import dev.webrtc4j.DataChannelLoopback.Recorder;
import dev.webrtc4j.spi.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4, {@link Settings.Builder#dtlsKeyLogFile}: each DTLS 1.2 handshake appends one NSS
 * key-log line, {@code CLIENT_RANDOM <client random, 64 hex> <master secret, 96 hex>}, that
 * Wireshark reads to decrypt a capture.
 *
 * <p>The honest check without a capture: the two ends of one handshake log to separate files,
 * and each computes the client random and the master secret on its own (the client picks the
 * random, the server reads it from the ClientHello; both derive the secret from the ECDHE
 * exchange). Identical lines therefore mean both logged the real values of that handshake; a
 * second connection logs a different random and secret.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DtlsKeyLogTest {
  @RegisterExtension final DataChannelLoopback loopback = new DataChannelLoopback();

  private static final Pattern LINE = Pattern.compile("CLIENT_RANDOM [0-9a-f]{64} [0-9a-f]{96}");

  @TempDir Path dir;

  private Pair connectedPair(Path aKeys, Path bKeys) {
    Pair p = new Pair(
        loopback.create(RTCConfiguration.DEFAULT, Settings.builder().loopbackOnly().dtlsKeyLogFile(aKeys).build()),
        loopback.create(RTCConfiguration.DEFAULT, Settings.builder().loopbackOnly().dtlsKeyLogFile(bKeys).build()));
    Recorder r = new Recorder(p.a.createDataChannel("keys"));
    p.connect();
    await(r.opened);
    // The data went through the keys that were logged.
    r.channel.send("logged");
    assertThat(p.atB.next().nextText()).isEqualTo("logged");
    return p;
  }

  @Test
  void eachHandshakeAppendsOneNssKeyLogLineThatBothEndsAgreeOn() throws IOException {
    Path aKeys = dir.resolve("a.keys");
    Path bKeys = dir.resolve("b.keys");
    assertThat(aKeys).doesNotExist();

    connectedPair(aKeys, bKeys);
    List<String> a1 = lines(aKeys);
    List<String> b1 = lines(bKeys);
    assertThat(a1).hasSize(1);
    assertThat(a1.get(0)).matches(LINE);
    // The DTLS server (a) and the client (b) logged the same random and master secret.
    assertThat(b1).containsExactlyElementsOf(a1);

    // A second connection appends its own line, with another random and another secret.
    connectedPair(aKeys, bKeys);
    List<String> a2 = lines(aKeys);
    assertThat(a2).hasSize(2);
    assertThat(a2.get(0)).isEqualTo(a1.get(0));
    assertThat(a2.get(1)).matches(LINE);
    assertThat(lines(bKeys)).containsExactlyElementsOf(a2);
    String[] first = a2.get(0).split(" ");
    String[] second = a2.get(1).split(" ");
    assertThat(second[1]).isNotEqualTo(first[1]);
    assertThat(second[2]).isNotEqualTo(first[2]);
  }

  @Test
  void oneFileForBothEndsHoldsTheLineOfEachEnd() throws IOException {
    Path shared = dir.resolve("shared.keys");
    connectedPair(shared, shared);
    List<String> all = lines(shared);
    // One line per end of the handshake, and they are the same line.
    assertThat(all).hasSize(2);
    assertThat(all).allMatch(l -> LINE.matcher(l).matches());
    assertThat(all.get(0)).isEqualTo(all.get(1));
  }

  private static List<String> lines(Path file) throws IOException {
    assertThat(file).exists();
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    assertThat(text).endsWith("\n");
    return text.lines().toList();
  }
}

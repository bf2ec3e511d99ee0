package dev.webrtc4j.cli.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webrtc4j.cli.echo.EchoServer;
import dev.webrtc4j.cli.echo.EchoServerConfig;
import dev.webrtc4j.spi.Settings;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The interop offerer's cases against webrtc4j's own echo server, in this JVM over loopback: both
 * halves of the suite's webrtc4j↔webrtc4j pairing. (throughput-64MiB is left to the suite: it moves
 * 128 MiB and takes longer than a unit test should.)
 */
class InteropCasesAgainstEchoTest {
  private EchoServer server;
  private HttpClient http;

  @BeforeEach
  void start() throws Exception {
    server = EchoServer.start(EchoServerConfig.builder()
        .listen(new InetSocketAddress("127.0.0.1", 0))
        .settings(Settings.builder().loopbackOnly().build())
        .log(line -> System.out.println(java.time.Instant.now() + " " + line))
        .build());
    http = HttpClient.newHttpClient();
  }

  @AfterEach
  void stop() {
    http.close();
    server.close();
    assertThat(server.sessionCount()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"text", "binary", "unordered-unreliable", "channels-32", "close-reconnect"})
  void passes(String name) throws Exception {
    String detail = new InteropCases(http, server.uri().resolve("/offer")).run(name, () -> {});
    assertThat(detail).isNotBlank();
    assertThat(server.sessionCount()).as("the case DELETEd its sessions").isZero();
  }
}

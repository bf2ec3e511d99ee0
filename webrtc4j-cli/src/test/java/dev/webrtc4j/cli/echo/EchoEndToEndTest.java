package dev.webrtc4j.cli.echo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webrtc4j.MessageEvent;
import dev.webrtc4j.RTCDataChannelInit;
import dev.webrtc4j.spi.Settings;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real client connection (loopback only, in this JVM) against the echo server: every message
 * comes back unchanged on its channel, and the server frees each connection when the client
 * deletes it or goes away.
 */
class EchoEndToEndTest {
  private final BlockingQueue<String> log = new LinkedBlockingQueue<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<EchoClient> clients = new ArrayList<>();
  private final SplittableRandom random = new SplittableRandom(20261201);
  private EchoServer server;

  @BeforeEach
  void start() throws Exception {
    server = EchoServer.start(EchoServerConfig.builder()
        .listen(new InetSocketAddress("127.0.0.1", 0))
        // Short consent timeouts: a client that vanishes is noticed in about 2 s.
        .settings(Settings.builder().loopbackOnly()
            .iceTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMillis(500)).build())
        .gatherTimeout(Duration.ofSeconds(5))
        .connectTimeout(Duration.ofSeconds(20))
        .log(line -> {
          log.add(line);
          System.out.println(line);
        })
        .build());
  }

  @AfterEach
  void stop() throws Exception {
    for (EchoClient c : clients) {
      c.close();
    }
    server.close();
    assertThat(server.sessionCount()).isZero();
    http.close();
  }

  private EchoClient client() {
    EchoClient c = new EchoClient();
    clients.add(c);
    return c;
  }

  private byte[] bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  @Test
  void echoesTextAndBinaryUnchangedAndInOrderOnAnOrderedChannel() throws Exception {
    EchoClient c = client();
    EchoClient.Channel ch = c.channel("ordered", RTCDataChannelInit.DEFAULT);
    c.connect(http, server.uri());

    List<MessageEvent.Data> sent = new ArrayList<>();
    for (String text : List.of("", "hello", "héllo wörld ✓ 😀 日本語 ∑", "x".repeat(60_000))) {
      ch.dc.send(text);
      sent.add(new MessageEvent.Text(text));
    }
    for (int size : new int[] {1, 2, 17, 1199, 1200, 1201, 16 * 1024, 65_535, 65_536, 65_537, 200_000, 256 * 1024}) {
      byte[] b = bytes(size);
      ch.dc.send(b);
      sent.add(MessageEvent.Binary.copyOf(b));
    }
    for (MessageEvent.Data expected : sent) {
      assertThat(ch.nextEcho()).isEqualTo(expected);
    }
    assertThat(ch.echoes).isEmpty();
    assertThat(log).contains("session " + c.sessionId() + " connectionState connected");
  }

  @Test
  void echoesOnAnUnorderedChannelWithoutRetransmissions() throws Exception {
    EchoClient c = client();
    EchoClient.Channel ch = c.channel("lossy", RTCDataChannelInit.builder().ordered(false).maxRetransmits(0).build());
    c.connect(http, server.uri());
    Map<MessageEvent.Data, Integer> sent = new HashMap<>();
    for (int i = 0; i < 50; i++) {
      MessageEvent.Data d = i % 2 == 0 ? new MessageEvent.Text("m" + i) : MessageEvent.Binary.copyOf(bytes(1 + i * 20));
      sent.merge(d, 1, Integer::sum);
      switch (d) {
        case MessageEvent.Text t -> ch.dc.send(t.text());
        case MessageEvent.Binary b -> ch.dc.send(b.data());
      }
    }
    // Loopback loses nothing, so every message comes back, in some order.
    Map<MessageEvent.Data, Integer> echoed = new HashMap<>();
    for (int i = 0; i < 50; i++) {
      echoed.merge(ch.nextEcho(), 1, Integer::sum);
    }
    assertThat(echoed).isEqualTo(sent);
    assertThat(log).anyMatch(l -> l.equals("session " + c.sessionId() + " channel 'lossy' opened (ordered false, maxRetransmits 0)"));
  }

  @Test
  void echoesSeveralChannelsEachOnItsOwn() throws Exception {
    EchoClient c = client();
    List<EchoClient.Channel> chs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      chs.add(c.channel("ch" + i, RTCDataChannelInit.DEFAULT));
    }
    c.connect(http, server.uri());
    for (int round = 0; round < 20; round++) {
      for (int i = 0; i < chs.size(); i++) {
        chs.get(i).dc.send("ch" + i + " #" + round);
      }
    }
    for (int i = 0; i < chs.size(); i++) {
      for (int round = 0; round < 20; round++) {
        assertThat(chs.get(i).nextEcho()).isEqualTo(new MessageEvent.Text("ch" + i + " #" + round));
      }
    }
  }

  @Test
  void keepsEveryByteWhenTheClientSendsAsFastAsItsBufferAllows() throws Exception {
    EchoClient c = client();
    EchoClient.Channel ch = c.channel("bulk", RTCDataChannelInit.DEFAULT);
    c.connect(http, server.uri());
    ch.dc.setBufferedAmountLowThreshold(256 * 1024);
    BlockingQueue<Boolean> low = new LinkedBlockingQueue<>();
    ch.dc.setOnBufferedAmountLow(e -> low.add(true));
    List<byte[]> sent = new ArrayList<>();
    for (int i = 0; i < 32; i++) { // 32 x 128 KiB = 4 MiB
      while (ch.dc.bufferedAmount() > 1 << 20) {
        assertThat(low.poll(20, TimeUnit.SECONDS)).as("bufferedamountlow").isNotNull();
      }
      byte[] b = bytes(128 * 1024);
      ch.dc.send(b);
      sent.add(b);
    }
    for (byte[] b : sent) {
      assertThat(ch.nextEcho()).isEqualTo(MessageEvent.Binary.copyOf(b));
    }
  }

  @Test
  void deleteClosesTheServersConnection() throws Exception {
    EchoClient c = client();
    EchoClient.Channel ch = c.channel("one", RTCDataChannelInit.DEFAULT);
    c.connect(http, server.uri());
    ch.dc.send("ping");
    assertThat(ch.nextEcho()).isEqualTo(new MessageEvent.Text("ping"));
    EchoSession session = server.session(c.sessionId()).orElseThrow();

    HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.uri().resolve(c.location)).DELETE().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(session.closed().get(10, TimeUnit.SECONDS)).isEqualTo("DELETE by the client");
    assertThat(session.connection().awaitTermination(5, TimeUnit.SECONDS)).as("the server's connection loop ended").isTrue();
    assertThat(server.sessionCount()).isZero();
    // The client learns it too: its channel closes (DTLS close_notify, or consent expiry).
    ch.closed.get(20, TimeUnit.SECONDS);
    assertThat(ch.dc.readyState().w3cName()).isEqualTo("closed");
  }

  @Test
  void freesTheConnectionOfAClientThatVanishes() throws Exception {
    EchoClient c = client();
    EchoClient.Channel ch = c.channel("one", RTCDataChannelInit.DEFAULT);
    c.connect(http, server.uri());
    ch.dc.send("ping");
    assertThat(ch.nextEcho()).isEqualTo(new MessageEvent.Text("ping"));
    EchoSession session = server.session(c.sessionId()).orElseThrow();

    c.close(); // no DELETE
    assertThat(session.closed().get(20, TimeUnit.SECONDS)).matches("connectionState (closed|failed)");
    assertThat(session.connection().awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    assertThat(server.sessionCount()).isZero();

    // And the server keeps serving.
    EchoClient next = client();
    EchoClient.Channel again = next.channel("again", RTCDataChannelInit.DEFAULT);
    next.connect(http, server.uri());
    again.dc.send(new byte[] {1, 2, 3});
    assertThat(again.nextEcho()).isEqualTo(MessageEvent.Binary.copyOf(new byte[] {1, 2, 3}));
  }
}

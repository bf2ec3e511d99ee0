package dev.webrtc4j.cli.echo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webrtc4j.MessageEvent;
import dev.webrtc4j.RTCConfiguration;
import dev.webrtc4j.RTCDataChannel;
import dev.webrtc4j.RTCDataChannelInit;
import dev.webrtc4j.RTCPeerConnection;
import dev.webrtc4j.RTCSdpType;
import dev.webrtc4j.RTCSessionDescriptionInit;
import dev.webrtc4j.spi.Settings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A test client of the echo server, as a browser page would be: a loopback-only connection that
 * opens channels, waits for its ICE gathering to complete, POSTs the offer and applies the answer.
 */
final class EchoClient implements AutoCloseable {
  final RTCPeerConnection pc = RTCPeerConnection.create(RTCConfiguration.DEFAULT, Settings.builder().loopbackOnly().build());
  final Map<String, Channel> channels = new LinkedHashMap<>();
  private final CompletableFuture<Void> gathered = new CompletableFuture<>();
  String location;

  /** One client channel and what came back on it. */
  static final class Channel {
    final RTCDataChannel dc;
    final CompletableFuture<Void> open = new CompletableFuture<>();
    final CompletableFuture<Void> closed = new CompletableFuture<>();
    final BlockingQueue<MessageEvent.Data> echoes = new LinkedBlockingQueue<>();

    Channel(RTCDataChannel dc) {
      this.dc = dc;
      dc.setOnOpen(e -> open.complete(null));
      dc.setOnClose(e -> closed.complete(null));
      dc.setOnMessage(m -> echoes.add(m.data()));
    }

    MessageEvent.Data nextEcho() throws InterruptedException {
      MessageEvent.Data d = echoes.poll(20, TimeUnit.SECONDS);
      assertThat(d).as("an echo on '" + dc.label() + "' within 20 s").isNotNull();
      return d;
    }
  }

  EchoClient() {
    pc.addEventListener(RTCPeerConnection.ICECANDIDATE, e -> {
      if (e.candidate().isEmpty()) {
        gathered.complete(null);
      }
    });
  }

  Channel channel(String label, RTCDataChannelInit init) {
    Channel c = new Channel(pc.createDataChannel(label, init));
    channels.put(label, c);
    return c;
  }

  /** Offer, gather, POST, answer, and wait until every channel is open. */
  void connect(HttpClient http, URI server) throws Exception {
    pc.setLocalDescription().get(10, TimeUnit.SECONDS);
    gathered.get(10, TimeUnit.SECONDS);
    String offer = pc.localDescription().orElseThrow().sdp();
    assertLoopbackOnly(offer);
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.resolve("/offer")).timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/sdp").POST(HttpRequest.BodyPublishers.ofString(offer)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    location = r.headers().firstValue("Location").orElseThrow();
    assertLoopbackOnly(r.body());
    assertThat(r.body()).as("a complete answer carries its candidates").contains("a=candidate:");
    pc.setRemoteDescription(new RTCSessionDescriptionInit(RTCSdpType.ANSWER, r.body())).get(10, TimeUnit.SECONDS);
    for (Channel c : channels.values()) {
      c.open.get(20, TimeUnit.SECONDS);
    }
  }

  String sessionId() {
    return location.substring("/session/".length());
  }

  /** Network rule: every candidate names a loopback address. */
  static void assertLoopbackOnly(String sdp) {
    sdp.lines().filter(l -> l.startsWith("a=candidate:")).forEach(l -> {
      String address = l.split(" ")[4];
      assertThat(address).as(l).matches("127\\.\\d+\\.\\d+\\.\\d+|::1");
    });
  }

  @Override
  public void close() throws InterruptedException {
    pc.close();
    assertThat(pc.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
  }
}

package dev.webrtc4j.cli.echo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webrtc4j.RTCConfiguration;
import dev.webrtc4j.RTCPeerConnection;
import dev.webrtc4j.spi.Settings;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP surface of the echo server: every way a client can get it wrong gets a 4xx with a
 * reason, and a valid offer gets 201, the answer and a Location that DELETE closes. The offers
 * here carry no candidates (their connection never gathers), so nothing connects: the echo itself
 * is {@link EchoEndToEndTest}'s job.
 */
class EchoHttpTest {
  private static final String SDP = "application/sdp";

  private final BlockingQueue<String> log = new LinkedBlockingQueue<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<RTCPeerConnection> clients = new ArrayList<>();
  private EchoServer server;

  private EchoServer start(EchoServerConfig.Builder config) throws Exception {
    server = EchoServer.start(config
        .listen(new InetSocketAddress("127.0.0.1", 0))
        .settings(Settings.builder().loopbackOnly().build())
        .log(log::add)
        .build());
    return server;
  }

  private EchoServer start() throws Exception {
    // Short gathering timeout: these offers never connect, and the answer need not be complete.
    return start(EchoServerConfig.builder().gatherTimeout(Duration.ofSeconds(2)));
  }

  @AfterEach
  void stop() throws Exception {
    for (RTCPeerConnection c : clients) {
      c.close();
      assertThat(c.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }
    if (server != null) {
      server.close();
      assertThat(server.sessionCount()).isZero();
    }
    http.close();
  }

  private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return http.send(b.timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder at(String path) {
    return HttpRequest.newBuilder(server.uri().resolve(path));
  }

  private HttpResponse<String> post(String contentType, String body) throws Exception {
    return send(at("/offer").header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** An offer from a real connection that never gathers (no candidates), with these sections. */
  private String offer(String... media) throws Exception {
    RTCPeerConnection c = RTCPeerConnection.create(RTCConfiguration.DEFAULT, Settings.builder().loopbackOnly().build());
    clients.add(c);
    for (String kind : media) {
      c.addTransceiver(kind);
    }
    c.createDataChannel("probe");
    return c.createOffer().get(5, TimeUnit.SECONDS).sdp();
  }

  private static void assertProblem(HttpResponse<String> r, int status, String reason) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
    assertThat(r.body()).contains(reason);
  }

  @Test
  void answersAValidOfferWith201TheAnswerAndALocation() throws Exception {
    start();
    HttpResponse<String> r = post(SDP, offer());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    assertThat(r.headers().firstValue("Content-Type")).hasValue(SDP);
    assertThat(r.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).matches("/session/[0-9a-f]{32}"));
    assertThat(r.body()).startsWith("v=0\r\n").contains("m=application 9 UDP/DTLS/SCTP webrtc-datachannel").contains("a=setup:active");
    assertThat(server.sessionCount()).isEqualTo(1);
  }

  @Test
  void acceptsContentTypeParametersAndCase() throws Exception {
    start();
    HttpResponse<String> r = post("Application/SDP; charset=utf-8", offer());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
  }

  @Test
  void answersMediaSectionsRecvonlyAsAPeerWithoutTracks() throws Exception {
    // JSEP §5.3.1: the transceivers setRemoteDescription creates have no track, so the answer is
    // recvonly. Rejecting them (port 0) instead would reject the whole BUNDLE group when the
    // tagged first section is audio, data channel included. Received media is dropped.
    start();
    HttpResponse<String> r = post(SDP, offer("audio", "video"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    List<String> sections = List.of(r.body().split("\r\n(?=m=)"));
    assertThat(sections).hasSize(4);
    assertThat(sections.get(1)).startsWith("m=audio 9 ").contains("a=recvonly\r\n");
    assertThat(sections.get(2)).startsWith("m=video 9 ").contains("a=recvonly\r\n");
    assertThat(sections.get(3)).startsWith("m=application 9 ");
    assertThat(r.body()).contains("a=group:BUNDLE 0 1 2");
  }

  @Test
  void deleteClosesTheSessionThenTheLocationIsGone() throws Exception {
    start();
    HttpResponse<String> r = post(SDP, offer());
    String location = r.headers().firstValue("Location").orElseThrow();
    EchoSession session = server.session(location.substring("/session/".length())).orElseThrow();

    assertThat(send(at(location).DELETE()).statusCode()).isEqualTo(204);
    assertThat(session.closed().get(5, TimeUnit.SECONDS)).isEqualTo("DELETE by the client");
    // Its loop ended: the connection is closed. (signalingState() would say so too, but on main
    // 026f89b it stays "stable" after close(): close() publishes no new snapshot.)
    assertThat(session.connection().awaitTermination(5, TimeUnit.SECONDS)).as("the server's connection loop ended").isTrue();
    assertThat(server.sessionCount()).isZero();
    assertProblem(send(at(location).DELETE()), 404, "no session");
  }

  @Test
  void closesASessionThatDoesNotConnectInTime() throws Exception {
    start(EchoServerConfig.builder().gatherTimeout(Duration.ofMillis(200)).connectTimeout(Duration.ofMillis(300)));
    HttpResponse<String> r = post(SDP, offer());
    assertThat(r.statusCode()).isEqualTo(201);
    String id = r.headers().firstValue("Location").orElseThrow().substring("/session/".length());
    String line;
    do {
      line = log.poll(10, TimeUnit.SECONDS);
      assertThat(line).as("log line").isNotNull();
    } while (!line.startsWith("session " + id + " closed"));
    assertThat(line).isEqualTo("session " + id + " closed: did not connect within 300 ms of the answer");
    assertThat(server.sessionCount()).isZero();
    assertProblem(send(at("/session/" + id).DELETE()), 404, "no session " + id);
  }

  @Test
  void wrongContentTypeIs415() throws Exception {
    start();
    assertProblem(post("text/plain", offer()), 415, "Content-Type must be application/sdp, got text/plain");
    assertProblem(send(at("/offer").POST(HttpRequest.BodyPublishers.ofString("v=0"))), 415, "got none");
    assertThat(server.sessionCount()).isZero();
  }

  @Test
  void unparseableSdpIs400NamingTheLine() throws Exception {
    start();
    assertProblem(post(SDP, "v=0\r\no=broken\r\n"), 400, "not a valid SDP offer: line 2: \"o=broken\"");
    assertProblem(post(SDP, "hello"), 400, "not a valid SDP offer: line 1");
  }

  @Test
  void offerThatSetRemoteDescriptionRejectsIs400WithItsReason() throws Exception {
    start();
    String noFingerprint = String.join("\r\n", offer().lines().filter(l -> !l.startsWith("a=fingerprint:")).toList()) + "\r\n";
    assertProblem(post(SDP, noFingerprint), 400, "the offer was rejected: InvalidAccessError: m-section 0 has no a=fingerprint");
    assertThat(server.sessionCount()).isZero();
    // The refused session is freed: its log says so.
    assertThat(log).anyMatch(l -> l.matches("session [0-9a-f]{32} closed: offer rejected"));
  }

  @Test
  void anOfferWithoutAUsableDataSectionIs400() throws Exception {
    start();
    // An application section for something other than data channels: the library rejects it
    // (port 0), so there would be nothing to echo. (aiortc 1.4's legacy "DTLS/SCTP 5000" +
    // a=sctpmap form is accepted: LoopbackConnectionTest.aLegacySctpmapOfferIsAnsweredInKindAndConnects.)
    String legacy = String.join("\r\n",
        "v=0", "o=- 4005112576 4005112576 IN IP4 0.0.0.0", "s=-", "t=0 0", "a=group:BUNDLE 0", "a=msid-semantic:WMS *",
        "m=application 52822 UDP/DTLS/SCTP bfcp", "c=IN IP4 127.0.0.1", "a=mid:0",
        "a=max-message-size:262144", "a=ice-ufrag:OjV8", "a=ice-pwd:jrOrzIjdqAs0OPtM7063jS",
        "a=fingerprint:sha-256 DA:A7:CA:30:AB:86:5B:41:64:E4:FE:B7:3A:04:EB:9C:A6:93:2B:88:34:6B:E0:20:5E:0E:C9:CF:FC:14:FE:B4",
        "a=setup:actpass", "");
    assertProblem(post(SDP, legacy), 400, "nothing to echo: no data channel section could be accepted "
        + "(offered: m=application 52822 UDP/DTLS/SCTP bfcp; this server takes m=application ... UDP/DTLS/SCTP webrtc-datachannel)");
    RTCPeerConnection c = RTCPeerConnection.create(RTCConfiguration.DEFAULT, Settings.builder().loopbackOnly().build());
    clients.add(c);
    c.addTransceiver("audio");
    assertProblem(post(SDP, c.createOffer().get(5, TimeUnit.SECONDS).sdp()), 400, "(offered: none;");
    assertThat(server.sessionCount()).isZero();
  }

  @Test
  void emptyOrNonUtf8BodyIs400() throws Exception {
    start();
    assertProblem(post(SDP, ""), 400, "the body is empty");
    HttpResponse<String> r = send(at("/offer").header("Content-Type", SDP)
        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {'v', '=', '0', '\r', '\n', (byte) 0xC3, (byte) 0x28})));
    assertProblem(r, 400, "not valid UTF-8");
  }

  @Test
  void oversizedBodyIs413WithOrWithoutContentLength() throws Exception {
    start(EchoServerConfig.builder().maxOfferBytes(1000));
    String big = "v=0\r\n" + "a=x:".repeat(300) + "\r\n";
    assertProblem(post(SDP, big), 413, "larger than 1000 bytes");
    // Chunked, no Content-Length: the server stops reading at the bound. (8 KiB: the JDK server
    // drains that much of an unread body, so the client sees the answer, not a reset.)
    HttpResponse<String> chunked = send(at("/offer").header("Content-Type", SDP).POST(
        HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[8 * 1024]))));
    assertProblem(chunked, 413, "larger than 1000 bytes");
    // The server still serves.
    assertProblem(post(SDP, "x"), 400, "not a valid SDP offer");
  }

  @Test
  void wrongMethodIs405WithAllow() throws Exception {
    start();
    HttpResponse<String> get = send(at("/offer").GET());
    assertProblem(get, 405, "GET is not allowed on /offer");
    assertThat(get.headers().firstValue("Allow")).hasValue("POST, OPTIONS");
    HttpResponse<String> put = send(at("/session/0123abcd").PUT(HttpRequest.BodyPublishers.ofString("x")));
    assertProblem(put, 405, "PUT is not allowed on /session/0123abcd");
    assertThat(put.headers().firstValue("Allow")).hasValue("DELETE, OPTIONS");
  }

  @Test
  void unknownPathOrSessionIs404() throws Exception {
    start();
    assertProblem(send(at("/").GET()), 404, "no such resource: /");
    assertProblem(send(at("/offer/extra").POST(HttpRequest.BodyPublishers.ofString("x"))), 404, "no such resource");
    assertProblem(send(at("/session/").DELETE()), 404, "no such resource");
    assertProblem(send(at("/session/not-hex").DELETE()), 404, "no such resource");
    assertProblem(send(at("/session/0123456789abcdef0123456789abcdef").DELETE()), 404, "no session 0123456789abcdef0123456789abcdef");
  }

  @Test
  void preflightAllowsCrossOriginPagesToPostAndReadTheLocation() throws Exception {
    start();
    HttpResponse<String> r = send(at("/offer").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", "http://127.0.0.1:9999").header("Access-Control-Request-Method", "POST"));
    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    assertThat(r.headers().firstValue("Access-Control-Allow-Methods")).hasValue("POST, OPTIONS");
    assertThat(r.headers().firstValue("Access-Control-Allow-Headers")).hasValue("Content-Type");
    HttpResponse<String> created = post(SDP, offer());
    assertThat(created.headers().firstValue("Access-Control-Expose-Headers")).hasValue("Location");
  }

  @Test
  void refusesOffersOverTheSessionLimitWith503() throws Exception {
    start(EchoServerConfig.builder().gatherTimeout(Duration.ofMillis(200)).maxSessions(1));
    assertThat(post(SDP, offer()).statusCode()).isEqualTo(201);
    HttpResponse<String> r = post(SDP, offer());
    assertProblem(r, 503, "too many sessions (1)");
    assertThat(r.headers().firstValue("Retry-After")).hasValue("5");
  }
}

package dev.webrtc4j.cli.interop;

import dev.webrtc4j.RTCConfiguration;
import dev.webrtc4j.RTCDataChannel;
import dev.webrtc4j.RTCDataChannelInit;
import dev.webrtc4j.RTCPeerConnection;
import dev.webrtc4j.RTCSdpType;
import dev.webrtc4j.RTCSessionDescriptionInit;
import dev.webrtc4j.spi.Settings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One session with an echo server, as the interop cases open it (cases.mjs {@code connect}): a
 * loopback-only connection with the given channels, offered complete (after gathering) by POST,
 * the answer applied, every channel open. {@link #close()} closes the connection and DELETEs the
 * session.
 */
final class OfferSession implements AutoCloseable {
  static final Duration OPEN_TIMEOUT = Duration.ofSeconds(20);
  static final Duration GATHER_TIMEOUT = Duration.ofSeconds(15);
  static final Duration HTTP_TIMEOUT = Duration.ofSeconds(20);

  /** A channel to open: its label and init. */
  record Spec(String label, RTCDataChannelInit init) {
    static Spec of(String label) {
      return new Spec(label, RTCDataChannelInit.DEFAULT);
    }
  }

  /** An open channel and what came back on it. */
  record Entry(RTCDataChannel channel, Inbox inbox) {}

  private final HttpClient http;
  private final URI url;
  final RTCPeerConnection pc = RTCPeerConnection.create(RTCConfiguration.DEFAULT, Settings.builder().loopbackOnly().build());
  final Map<String, Entry> channels = new LinkedHashMap<>();
  private URI location;
  private boolean closed;

  private OfferSession(HttpClient http, URI url) {
    this.http = http;
    this.url = url;
  }

  static OfferSession connect(HttpClient http, URI url, List<Spec> specs) throws CaseFailure, InterruptedException {
    OfferSession s = new OfferSession(http, url);
    try {
      s.open(specs);
      return s;
    } catch (CaseFailure | InterruptedException | RuntimeException e) {
      try {
        s.close();
      } catch (CaseFailure ignored) {
        // the first failure is the one to report
      }
      throw e;
    }
  }

  private void open(List<Spec> specs) throws CaseFailure, InterruptedException {
    Map<String, CompletableFuture<Void>> opened = new LinkedHashMap<>();
    for (Spec spec : specs) {
      RTCDataChannel ch = pc.createDataChannel(spec.label(), spec.init());
      CompletableFuture<Void> open = new CompletableFuture<>();
      ch.addEventListener(RTCDataChannel.OPEN, e -> open.complete(null));
      ch.addEventListener(RTCDataChannel.CLOSE, e ->
          open.completeExceptionally(new CaseFailure("channel '" + spec.label() + "' closed before open")));
      opened.put(spec.label(), open);
      channels.put(spec.label(), new Entry(ch, new Inbox(ch)));
    }
    CompletableFuture<Void> gathered = new CompletableFuture<>();
    pc.addEventListener(RTCPeerConnection.ICECANDIDATE, e -> {
      if (e.candidate().isEmpty()) {
        gathered.complete(null);
      }
    });
    await(pc.setLocalDescription(), Duration.ofSeconds(10), "setLocalDescription(offer)");
    await(gathered, GATHER_TIMEOUT, "ICE gathering complete");
    String offer = pc.localDescription().orElseThrow().sdp();
    checkLoopback(offer, "local offer");

    HttpResponse<String> r = send(HttpRequest.newBuilder(url)
        .header("Content-Type", "application/sdp")
        .POST(HttpRequest.BodyPublishers.ofString(offer)), "POST " + url);
    if (r.statusCode() != 201) {
      throw new CaseFailure("POST " + url + " answered " + r.statusCode() + " (expected 201): " + clip(r.body()));
    }
    String type = r.headers().firstValue("Content-Type").orElse("");
    if (!type.toLowerCase(java.util.Locale.ROOT).startsWith("application/sdp")) {
      throw new CaseFailure("answer Content-Type is '" + type + "', expected application/sdp");
    }
    location = url.resolve(r.headers().firstValue("Location")
        .orElseThrow(() -> new CaseFailure("201 without a Location header")));
    checkLoopback(r.body(), "answer");
    await(pc.setRemoteDescription(new RTCSessionDescriptionInit(RTCSdpType.ANSWER, r.body())), Duration.ofSeconds(10),
        "setRemoteDescription(answer)");
    for (Map.Entry<String, CompletableFuture<Void>> e : opened.entrySet()) {
      await(e.getValue(), OPEN_TIMEOUT, "data channel '" + e.getKey() + "' open (now "
          + channels.get(e.getKey()).channel().readyState().w3cName() + ")");
    }
  }

  Entry channel(String label) {
    return channels.get(label);
  }

  /** The session's URL, once the server answered. */
  URI location() {
    return location;
  }

  /** Closes the connection, then DELETEs the session. */
  @Override
  public void close() throws CaseFailure, InterruptedException {
    if (closed) {
      return;
    }
    closed = true;
    pc.close();
    if (location != null) {
      HttpResponse<String> r = send(HttpRequest.newBuilder(location).DELETE(), "DELETE " + location);
      if (r.statusCode() < 200 || r.statusCode() > 299) {
        throw new CaseFailure("DELETE " + location + " answered " + r.statusCode());
      }
    }
  }

  /** Network rule: nothing non-loopback is sent or applied, and something was gathered. */
  static void checkLoopback(String sdp, String what) throws CaseFailure {
    List<String> v = LoopbackGuard.violations(sdp);
    if (!v.isEmpty()) {
      throw new CaseFailure("network rule: " + what + " names a non-loopback address (" + String.join("; ", v) + "); nothing sent");
    }
    if (sdp.lines().noneMatch(l -> l.startsWith("a=candidate:"))) {
      throw new CaseFailure(what + " has no a=candidate line (gathered nothing on loopback)");
    }
  }

  private HttpResponse<String> send(HttpRequest.Builder b, String what) throws CaseFailure, InterruptedException {
    try {
      return http.send(b.timeout(HTTP_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new CaseFailure(what + " failed: " + e);
    }
  }

  static <T> T await(CompletableFuture<T> f, Duration timeout, String what) throws CaseFailure, InterruptedException {
    try {
      return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new CaseFailure("timed out after " + timeout.toMillis() + " ms: " + what);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof CaseFailure c) {
        throw c;
      }
      throw new CaseFailure(what + " failed: " + e.getCause());
    }
  }

  private static String clip(String s) {
    String one = s.replaceAll("\\s+", " ").trim();
    return one.length() <= 200 ? one : one.substring(0, 200);
  }
}

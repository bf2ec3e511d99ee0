package dev.webrtc4j.interop.browser;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real browser (Debian's Chromium or Firefox ESR) as a remote-controlled WebRTC peer: this
 * starts {@code node interop/browsers/peer.mjs --browser NAME} and speaks its JSON-lines protocol
 * (documented in that file). Peer connections inside the browser are named by a string id of the
 * caller's choosing, so one browser can hold several.
 *
 * <p>Only start one inside a loopback-only network namespace ({@link LoopbackNamespace}); the
 * constructor refuses otherwise. Every SDP and candidate crossing the driver is checked there
 * against the network rule. {@link #close()} ends the browser and the node process, and waits
 * for both.
 *
 * <p>Descriptions travel as {@link Description} (type and SDP text, byte for byte, CRLF kept).
 */
public final class BrowserPeer implements AutoCloseable {
  /** The browsers the driver knows. {@code fileName} is the prefix of captured samples. */
  public enum Browser {
    CHROME("chrome"),
    FIREFOX("firefox");

    private final String driverName;

    Browser(String driverName) {
      this.driverName = driverName;
    }

    public String driverName() {
      return driverName;
    }
  }

  /** An RTCSessionDescriptionInit: {@code type} is "offer" / "answer" / "pranswer" / "rollback". */
  public record Description(String type, String sdp) {
    public Description {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(sdp, "sdp");
    }

    Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("type", type);
      m.put("sdp", sdp);
      return m;
    }

    static Description fromJson(Object o) {
      if (!(o instanceof Map<?, ?> m)) throw new IllegalStateException("not a description: " + o);
      return new Description((String) m.get("type"), (String) m.get("sdp"));
    }
  }

  /** Thrown (inside the future) when the driver answers a request with an error. */
  public static final class DriverException extends RuntimeException {
    DriverException(String message) {
      super(message);
    }
  }

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

  private final Browser browser;
  private final Process process;
  private final OutputStream stdin;
  private final Thread reader;
  private final Map<Long, CompletableFuture<Object>> pending = new ConcurrentHashMap<>();
  private final CompletableFuture<Map<?, ?>> ready = new CompletableFuture<>();
  private final AtomicLong nextId = new AtomicLong(1);
  private volatile boolean closed;

  private BrowserPeer(Browser browser, Path driverDir) throws IOException {
    this.browser = browser;
    Path script = driverDir.resolve("peer.mjs");
    if (!Files.isRegularFile(script)) throw new IOException("no driver at " + script);
    String node = Objects.requireNonNullElse(System.getenv("WEBRTC4J_NODE"), "node");
    ProcessBuilder pb = new ProcessBuilder(node, script.toString(), "--browser", browser.driverName())
        .directory(driverDir.toFile())
        .redirectError(ProcessBuilder.Redirect.INHERIT);
    this.process = pb.start();
    this.stdin = process.getOutputStream();
    this.reader = Thread.ofPlatform().daemon().name("browser-peer-" + browser.driverName())
        .start(this::readLoop);
  }

  /**
   * Starts the browser and waits until its harness page is ready.
   *
   * @param driverDir {@code interop/browsers/} (holds {@code peer.mjs} and its {@code node_modules})
   */
  public static BrowserPeer start(Browser browser, Path driverDir) throws IOException {
    if (!LoopbackNamespace.isLoopbackOnly()) {
      throw new IllegalStateException("network rule: a browser runs only inside a loopback-only "
          + "network namespace; run this through interop/browsers/run-in-netns.sh");
    }
    BrowserPeer peer = new BrowserPeer(browser, driverDir);
    try {
      peer.ready.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return peer;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      peer.close();
      throw new IOException("interrupted while starting " + browser, e);
    } catch (ExecutionException | TimeoutException e) {
      peer.close();
      throw new IOException("could not start " + browser + ": " + e.getMessage(), e);
    }
  }

  public Browser browser() {
    return browser;
  }

  /** The browser's full version, e.g. {@code 156.0.8078.114}. */
  public String version() {
    return String.valueOf(ready.join().get("version"));
  }

  public String userAgent() {
    return String.valueOf(ready.join().get("userAgent"));
  }

  /** Sends one request; the future completes with the decoded result, or fails. */
  public CompletableFuture<Object> call(String method, Map<String, ?> params) {
    if (closed) return CompletableFuture.failedFuture(new IllegalStateException("closed"));
    long id = nextId.getAndIncrement();
    CompletableFuture<Object> f = new CompletableFuture<>();
    pending.put(id, f);
    Map<String, Object> req = new LinkedHashMap<>();
    req.put("id", id);
    req.put("method", method);
    req.put("params", params);
    byte[] line = (Json.write(req) + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      synchronized (stdin) {
        stdin.write(line);
        stdin.flush();
      }
    } catch (IOException e) {
      pending.remove(id);
      f.completeExceptionally(e);
    }
    return f.orTimeout(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  private Object callSync(String method, Map<String, ?> params) {
    try {
      return call(method, params).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) throw re;
      throw new IllegalStateException(e.getCause());
    }
  }

  // --- the harness methods, synchronous, for readable tests --------------------------------

  /** {@code new RTCPeerConnection(config)}; iceServers is always forced to []. */
  public void newPc(String pc, Map<String, ?> config) {
    callSync("newPc", Map.of("id", pc, "config", config));
  }

  public void newPc(String pc) {
    newPc(pc, Map.of());
  }

  /** getUserMedia (fake devices) and addTrack for each track; returns the track kinds. */
  public List<?> addUserMedia(String pc, boolean audio, boolean video) {
    return (List<?>) callSync("addUserMedia", Map.of("id", pc, "audio", audio, "video", video));
  }

  public void addTransceiver(String pc, String kind, Map<String, ?> init) {
    callSync("addTransceiver", Map.of("id", pc, "kind", kind, "init", init));
  }

  public void createDataChannel(String pc, String label) {
    callSync("createDataChannel", Map.of("id", pc, "label", label));
  }

  /** createOffer, setLocalDescription, wait for gathering: the offer with its candidates. */
  public Description offer(String pc) {
    return Description.fromJson(callSync("offer", Map.of("id", pc)));
  }

  public Description offer(String pc, Map<String, ?> options) {
    return Description.fromJson(callSync("offer", Map.of("id", pc, "options", options)));
  }

  /**
   * createOffer, setLocalDescription, and, if {@code waitForGathering} is false, return at once:
   * the description carries no candidates yet; they come from {@link #takeCandidates} (trickle).
   */
  public Description offer(String pc, Map<String, ?> options, boolean waitForGathering) {
    return Description.fromJson(callSync("offer",
        Map.of("id", pc, "options", options, "waitForGathering", waitForGathering)));
  }

  /** setRemoteDescription(offer), createAnswer, setLocalDescription, wait for gathering. */
  public Description answer(String pc, Description offer) {
    return Description.fromJson(callSync("answer", Map.of("id", pc, "offer", offer.toJson())));
  }

  /** As {@link #answer(String, Description)}, without waiting for gathering if asked (trickle). */
  public Description answer(String pc, Description offer, boolean waitForGathering) {
    return Description.fromJson(callSync("answer",
        Map.of("id", pc, "offer", offer.toJson(), "waitForGathering", waitForGathering)));
  }

  /**
   * Trickle ICE: the local candidates gathered since the last call, as RTCIceCandidateInit maps
   * ({@code candidate}, {@code sdpMid}, {@code sdpMLineIndex}, {@code usernameFragment}); a
   * {@code null} element marks the end of gathering. Each was checked to be a loopback candidate.
   */
  public List<?> takeCandidates(String pc) {
    return (List<?>) callSync("takeCandidates", Map.of("id", pc));
  }

  public void setRemote(String pc, Description description) {
    callSync("setRemote", Map.of("id", pc, "description", description.toJson()));
  }

  /** addIceCandidate with an RTCIceCandidateInit ({@code candidate}, {@code sdpMid}, ...). */
  public void addIceCandidate(String pc, Map<String, ?> candidate) {
    callSync("addIceCandidate", Map.of("id", pc, "candidate", candidate));
  }

  public void waitConnected(String pc) {
    callSync("waitConnected", Map.of("id", pc));
  }

  public void waitChannelOpen(String pc, String label) {
    callSync("waitChannelOpen", Map.of("id", pc, "label", label));
  }

  public void send(String pc, String label, String data) {
    callSync("send", Map.of("id", pc, "label", label, "data", data));
  }

  /** The next text message received on that channel (waits up to the driver's timeout). */
  public String waitMessage(String pc, String label) {
    return (String) callSync("waitMessage", Map.of("id", pc, "label", label));
  }

  /** signalingState, iceGatheringState, iceConnectionState, connectionState, descriptions. */
  public Map<?, ?> state(String pc) {
    return (Map<?, ?>) callSync("state", Map.of("id", pc));
  }

  public List<?> stats(String pc) {
    return (List<?>) callSync("stats", Map.of("id", pc));
  }

  public void closePc(String pc) {
    callSync("close", Map.of("id", pc));
  }

  // --- plumbing -------------------------------------------------------------------------------

  private void readLoop() {
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isBlank()) continue;
        Object parsed;
        try {
          parsed = Json.parse(line);
        } catch (IllegalArgumentException e) {
          System.err.println("browser-peer: ignoring non-protocol line: " + line);
          continue;
        }
        if (!(parsed instanceof Map<?, ?> msg)) continue;
        if (Boolean.TRUE.equals(msg.get("ready"))) {
          ready.complete(msg);
          continue;
        }
        if (!(msg.get("id") instanceof Long id)) continue;
        CompletableFuture<Object> f = pending.remove(id);
        if (f == null) continue;
        if (msg.containsKey("error")) f.completeExceptionally(new DriverException(
            browser.driverName() + ": " + msg.get("error")));
        else f.complete(msg.get("result"));
      }
    } catch (IOException e) {
      // the process went away; fall through
    } finally {
      IllegalStateException gone = new IllegalStateException(
          browser.driverName() + " driver exited" + (process.isAlive() ? "" : " (" + exitCode() + ")"));
      ready.completeExceptionally(gone);
      pending.values().forEach(f -> f.completeExceptionally(gone));
      pending.clear();
    }
  }

  private String exitCode() {
    try {
      return "exit " + process.exitValue();
    } catch (IllegalThreadStateException e) {
      return "running";
    }
  }

  /** Asks the driver to quit, waits for it, and ends it for good if it does not. */
  @Override
  public void close() {
    if (closed) return;
    closed = true;
    try {
      synchronized (stdin) {
        stdin.write("{\"id\":0,\"method\":\"quit\"}\n".getBytes(StandardCharsets.UTF_8));
        stdin.flush();
        stdin.close();
      }
    } catch (IOException e) {
      // already gone
    }
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
      reader.join(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  /** {@code interop/browsers/}, found from the interop module directory or the repository root. */
  public static Path defaultDriverDir() {
    Path cwd = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (Path candidate : List.of(cwd.resolve("browsers"), cwd.resolve("interop").resolve("browsers"))) {
      if (Files.isRegularFile(candidate.resolve("peer.mjs"))) return candidate;
    }
    throw new UncheckedIOException(new IOException("interop/browsers/peer.mjs not found from " + cwd));
  }
}

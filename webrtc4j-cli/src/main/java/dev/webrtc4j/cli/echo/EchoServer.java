package dev.webrtc4j.cli.echo;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The data channel echo server: each {@code POST /offer} becomes an independent {@link
 * EchoSession} whose connection echoes every message on every channel the client opens. See
 * {@link EchoHttpHandler} for the HTTP surface and {@link EchoLimits} for flow control.
 *
 * <p>Sessions free themselves when their connection fails or closes, when they do not connect in
 * time, or on {@code DELETE}; {@link #close()} stops the HTTP server and closes every session.
 */
public final class EchoServer implements AutoCloseable {
  private final EchoServerConfig config;
  private final HttpServer http;
  private final ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor();
  private final ScheduledExecutorService timers;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, EchoSession> sessions = new ConcurrentHashMap<>();
  /** Sessions that hold a connection: answered ones and ones still answering. */
  private final AtomicInteger live = new AtomicInteger();

  /** The answer to one offer and the session it made. */
  record Answer(String sessionId, String sdp) {}

  private EchoServer(EchoServerConfig config) throws IOException {
    this.config = config;
    this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "echo-timers");
      t.setDaemon(true);
      return t;
    });
    this.http = HttpServer.create(config.listen(), 0);
    http.createContext("/", new EchoHttpHandler(this));
    http.setExecutor(requests);
  }

  /**
   * Binds {@link EchoServerConfig#listen()} and starts serving.
   *
   * @throws IOException if the address cannot be bound
   */
  public static EchoServer start(EchoServerConfig config) throws IOException {
    EchoServer s = new EchoServer(config);
    s.http.start();
    return s;
  }

  /** The bound address (the real port when the configuration asked for port 0). */
  public InetSocketAddress address() {
    return http.getAddress();
  }

  /** {@code http://host:port}, what the command prints first. */
  public URI uri() {
    InetSocketAddress a = address();
    String host = a.getAddress() instanceof Inet6Address ? "[" + a.getAddress().getHostAddress() + "]" : a.getAddress().getHostAddress();
    return URI.create("http://" + host + ":" + a.getPort());
  }

  /** The number of live sessions. */
  public int sessionCount() {
    return live.get();
  }

  EchoServerConfig config() {
    return config;
  }

  Optional<EchoSession> session(String id) {
    return Optional.ofNullable(sessions.get(id));
  }

  void log(String line) {
    config.log().accept(line);
  }

  /**
   * Answers one offer with a new session.
   *
   * @throws HttpProblem 400 if the offer is rejected, 503 when {@link EchoServerConfig#maxSessions()} are live
   */
  Answer offer(String sdp) throws HttpProblem, InterruptedException {
    if (live.incrementAndGet() > config.maxSessions()) {
      live.decrementAndGet();
      throw new HttpProblem(503, "too many sessions (" + config.maxSessions() + "); try again later", Map.of("Retry-After", "5"));
    }
    String id = HexFormat.of().formatHex(nextId());
    EchoSession session;
    try {
      session = new EchoSession(id, config, timers, this::forget);
    } catch (RuntimeException e) {
      live.decrementAndGet();
      throw e;
    }
    sessions.put(id, session);
    try {
      String answer = session.answer(sdp);
      log("session " + id + " answered");
      return new Answer(id, answer);
    } catch (EchoSession.BadOffer e) {
      closeAndWait(session, "offer rejected");
      throw new HttpProblem(400, e.getMessage());
    } catch (InterruptedException | RuntimeException e) {
      session.close("answering failed: " + e);
      throw e;
    }
  }

  /**
   * DELETE: closes the session and waits (a few seconds at most) until its connection is closed
   * and the session forgotten, so a 204 means it is gone; false if there is none with this id.
   */
  boolean delete(String id) throws InterruptedException {
    EchoSession s = sessions.get(id);
    if (s == null) {
      return false;
    }
    closeAndWait(s, "DELETE by the client");
    return true;
  }

  private void closeAndWait(EchoSession s, String reason) throws InterruptedException {
    s.close(reason);
    try {
      s.closed().get(5, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      log("session " + s.id() + " still closing after 5 s: " + e);
    }
  }

  private byte[] nextId() {
    byte[] b = new byte[16];
    random.nextBytes(b);
    return b;
  }

  private void forget(EchoSession s) {
    if (sessions.remove(s.id(), s)) {
      live.decrementAndGet();
    }
  }

  /** Stops serving HTTP and closes every session. */
  @Override
  public void close() {
    http.stop(0);
    for (EchoSession s : sessions.values()) {
      s.close("server stopping");
    }
    for (EchoSession s : sessions.values()) {
      s.closed().orTimeout(10, TimeUnit.SECONDS).exceptionally(t -> null).join();
    }
    timers.shutdown();
    requests.shutdownNow();
  }
}

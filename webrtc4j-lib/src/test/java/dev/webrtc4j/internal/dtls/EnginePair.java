package dev.webrtc4j.internal.dtls;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * Two engines wired back to back in memory; the test thread moves datagrams between them, waits on
 * the engines' wakeups (never sleeps), and can drop or record what passes.
 */
final class EnginePair implements AutoCloseable {
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  static final SecureRandom RANDOM = new SecureRandom();
  static final DtlsCertificate CLIENT_CERT = DtlsCertificate.generate(NOW, RANDOM);
  static final DtlsCertificate SERVER_CERT = DtlsCertificate.generate(NOW, RANDOM);

  private static final class Rsa {
    static final DtlsCertificate CERT = DtlsCertificate.fromPem(resource("rsa2048-cert.pem"), resource("rsa2048-key.pem"));

    private static String resource(String name) {
      try (java.io.InputStream in = EnginePair.class.getResourceAsStream(name)) {
        return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  /**
   * One RSA 2048 identity shared by the tests, loaded from PEM (made by openssl; see
   * README.md beside it): RSA key generation can take seconds on a loaded machine.
   */
  static DtlsCertificate rsaCertificate() {
    return Rsa.CERT;
  }

  /** Decides the fate of one datagram: return true to deliver it. */
  interface Filter {
    boolean deliver(DtlsRole from, ByteBuffer datagram);
  }

  final Semaphore wakeups = new Semaphore(0);
  final DtlsEngine client;
  final DtlsEngine server;
  final List<DtlsEvent> clientEvents = new ArrayList<>();
  final List<DtlsEvent> serverEvents = new ArrayList<>();
  final List<Integer> datagramSizes = new ArrayList<>();
  Filter filter = (from, d) -> true;
  long now = 1_000_000_000L;

  EnginePair(UnaryOperator<DtlsConfig> clientTweak, UnaryOperator<DtlsConfig> serverTweak) {
    this(CLIENT_CERT, SERVER_CERT, clientTweak, serverTweak);
  }

  EnginePair(DtlsCertificate clientCert, DtlsCertificate serverCert, UnaryOperator<DtlsConfig> clientTweak, UnaryOperator<DtlsConfig> serverTweak) {
    this(clientCert, serverCert, clientTweak, serverTweak, DtlsEngine::create, DtlsEngine::create);
  }

  /** Two engines made by the given factories (for instance one on BC's record layer, one on ours), not started. */
  static EnginePair madeBy(DtlsEngineFactory clientEngine, DtlsEngineFactory serverEngine) {
    return new EnginePair(CLIENT_CERT, SERVER_CERT, c -> c, s -> s, clientEngine, serverEngine);
  }

  EnginePair(
      DtlsCertificate clientCert,
      DtlsCertificate serverCert,
      UnaryOperator<DtlsConfig> clientTweak,
      UnaryOperator<DtlsConfig> serverTweak,
      DtlsEngineFactory clientEngine,
      DtlsEngineFactory serverEngine) {
    DtlsConfig c =
        DtlsConfig.of(DtlsRole.CLIENT, clientCert, List.of(serverCert.sha256Fingerprint()), RANDOM)
            .withWakeup(wakeups::release)
            .withInitialRetransmit(Duration.ofMillis(100));
    DtlsConfig s =
        DtlsConfig.of(DtlsRole.SERVER, serverCert, List.of(clientCert.sha256Fingerprint()), RANDOM)
            .withWakeup(wakeups::release)
            .withInitialRetransmit(Duration.ofMillis(100));
    client = clientEngine.create(clientTweak.apply(c));
    server = serverEngine.create(serverTweak.apply(s));
  }

  static EnginePair started() {
    return started(c -> c, s -> s);
  }

  static EnginePair started(UnaryOperator<DtlsConfig> clientTweak, UnaryOperator<DtlsConfig> serverTweak) {
    EnginePair p = new EnginePair(clientTweak, serverTweak);
    p.start();
    return p;
  }

  void start() {
    server.start(now);
    client.start(now);
  }

  /** Moves every pending datagram and event once; true if anything moved. */
  boolean shuttle() {
    now += TimeUnit.MILLISECONDS.toNanos(1);
    boolean moved = move(client, server, DtlsRole.CLIENT) | move(server, client, DtlsRole.SERVER);
    for (DtlsEvent e; (e = client.pollEvent()) != null; ) {
      clientEvents.add(e);
      moved = true;
    }
    for (DtlsEvent e; (e = server.pollEvent()) != null; ) {
      serverEvents.add(e);
      moved = true;
    }
    if (now >= client.pollTimeout()) {
      client.handleTimeout(now);
    }
    if (now >= server.pollTimeout()) {
      server.handleTimeout(now);
    }
    return moved;
  }

  private boolean move(DtlsEngine from, DtlsEngine to, DtlsRole fromRole) {
    boolean moved = false;
    for (ByteBuffer d; (d = from.pollTransmit()) != null; ) {
      moved = true;
      datagramSizes.add(d.remaining());
      if (filter.deliver(fromRole, d.duplicate())) {
        to.handleDatagram(now, d);
      }
    }
    return moved;
  }

  /** Shuttles until {@code done} holds; fails after {@code timeout}. */
  void runUntil(BooleanSupplier done, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (!shuttle()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("timed out after " + timeout + "; client " + client.state() + " " + clientEvents + ", server " + server.state() + " " + serverEvents);
        }
        try {
          wakeups.tryAcquire(Math.min(left, TimeUnit.MILLISECONDS.toNanos(20)), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError(e);
        }
        wakeups.drainPermits();
      }
    }
    shuttle();
  }

  void runUntilConnected() {
    runUntil(() -> client.state() == DtlsState.CONNECTED && server.state() == DtlsState.CONNECTED, Duration.ofSeconds(30));
  }

  <T extends DtlsEvent> List<T> events(List<DtlsEvent> list, Class<T> type) {
    return list.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** Closes both and waits for their handshake threads to end. */
  @Override
  public void close() throws InterruptedException {
    client.close();
    server.close();
    for (DtlsEngine e : List.of(client, server)) {
      if (!((BcDtlsEngine) e).awaitHandshakeEnd(Duration.ofSeconds(5))) {
        throw new AssertionError("handshake still running: " + e.state());
      }
    }
  }
}

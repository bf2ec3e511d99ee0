package dev.webrtc4j.bench;

import dev.webrtc4j.internal.dtls.DtlsCertificate;
import dev.webrtc4j.internal.dtls.DtlsConfig;
import dev.webrtc4j.internal.dtls.DtlsEngine;
import dev.webrtc4j.internal.dtls.DtlsEvent;
import dev.webrtc4j.internal.dtls.DtlsRole;
import dev.webrtc4j.internal.dtls.DtlsState;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * DTLS application-data records through the real BouncyCastle engine ({@code BcDtlsEngine}, via
 * {@link DtlsEngine#create}): two engines (ECDSA P-256 certificates) handshake in memory, then
 * the client protects records whose plaintext is {@link DtlsEngine#maxApplicationDataSize()}, so
 * each datagram fills the 1200-byte MTU, and the server unprotects them.
 *
 * <ul>
 *   <li>{@link #protect}: {@code send} + {@code pollTransmit} on the client.
 *   <li>{@link #unprotect}: {@code handleDatagram} + {@code pollEvent} on the server, for a fresh
 *       record made in a per-invocation setup (records cannot be replayed: the replay window
 *       would drop a repeated one). The setup is excluded from the score but its timing overhead
 *       is not.
 *   <li>{@link #protectAndUnprotect}: both, one record.
 * </ul>
 *
 * The {@code payloadBytes} auxiliary counter gives plaintext bytes/s.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DtlsRecordBenchmark {

  /** Two connected engines. */
  @State(Scope.Thread)
  public static class Pair {
    DtlsEngine client;
    DtlsEngine server;
    byte[] plaintext;
    long now = 1_000_000_000L;

    @Setup(Level.Trial)
    public void handshake() throws InterruptedException {
      SecureRandom random = new SecureRandom();
      Instant wallClock = Instant.now();
      DtlsCertificate clientCert = DtlsCertificate.generate(wallClock, random);
      DtlsCertificate serverCert = DtlsCertificate.generate(wallClock, random);
      Semaphore wakeups = new Semaphore(0);
      client = DtlsEngine.create(
          DtlsConfig.of(DtlsRole.CLIENT, clientCert, List.of(serverCert.sha256Fingerprint()), random).withWakeup(wakeups::release));
      server = DtlsEngine.create(
          DtlsConfig.of(DtlsRole.SERVER, serverCert, List.of(clientCert.sha256Fingerprint()), random).withWakeup(wakeups::release));
      server.start(now);
      client.start(now);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (client.state() != DtlsState.CONNECTED || server.state() != DtlsState.CONNECTED) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("handshake did not finish: client " + client.state() + ", server " + server.state());
        }
        now += TimeUnit.MILLISECONDS.toNanos(1);
        boolean moved = move(client, server) | move(server, client);
        moved |= drain(client) | drain(server);
        if (now >= client.pollTimeout()) {
          client.handleTimeout(now);
        }
        if (now >= server.pollTimeout()) {
          server.handleTimeout(now);
        }
        if (!moved) {
          // The BC handshake runs on the engines' own virtual threads; wait for them to produce.
          wakeups.tryAcquire(20, TimeUnit.MILLISECONDS);
          wakeups.drainPermits();
        }
      }
      move(client, server);
      move(server, client);
      drain(client);
      drain(server);
      plaintext = new byte[client.maxApplicationDataSize()];
      for (int i = 0; i < plaintext.length; i++) {
        plaintext[i] = (byte) (i * 31);
      }
      ByteBuffer sample = protectOne();
      System.out.printf("%n[DtlsRecordBenchmark] plaintext %d B, datagram %d B%n", plaintext.length, sample.remaining());
      if (!unprotectOne(sample)) {
        throw new IllegalStateException("first record did not come through");
      }
    }

    private boolean move(DtlsEngine from, DtlsEngine to) {
      boolean moved = false;
      for (ByteBuffer d; (d = from.pollTransmit()) != null; ) {
        to.handleDatagram(now, d);
        moved = true;
      }
      return moved;
    }

    private static boolean drain(DtlsEngine e) {
      boolean any = false;
      for (DtlsEvent ev; (ev = e.pollEvent()) != null; ) {
        if (ev instanceof DtlsEvent.Failed f) {
          throw new IllegalStateException("handshake failed: " + f);
        }
        any = true;
      }
      return any;
    }

    ByteBuffer protectOne() {
      client.send(ByteBuffer.wrap(plaintext));
      ByteBuffer d = client.pollTransmit();
      if (d == null) {
        throw new IllegalStateException("no record produced");
      }
      return d;
    }

    boolean unprotectOne(ByteBuffer datagram) {
      server.handleDatagram(now, datagram);
      return server.pollEvent() instanceof DtlsEvent.ApplicationData;
    }

    @TearDown(Level.Trial)
    public void close() {
      client.close();
      server.close();
    }
  }

  /** A pair plus one fresh protected record, made before each invocation. */
  @State(Scope.Thread)
  public static class PendingRecord extends Pair {
    ByteBuffer record;

    @Setup(Level.Invocation)
    public void prepare() {
      record = protectOne();
    }
  }

  /** Plaintext bytes handled, reported per second next to the op rate. */
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  @State(Scope.Thread)
  public static class Bytes {
    public long payloadBytes;

    @Setup(Level.Iteration)
    public void reset() {
      payloadBytes = 0;
    }
  }

  @Benchmark
  public ByteBuffer protect(Pair p, Bytes bytes) {
    ByteBuffer d = p.protectOne();
    bytes.payloadBytes += p.plaintext.length;
    return d;
  }

  @Benchmark
  public boolean unprotect(PendingRecord p, Bytes bytes) {
    if (!p.unprotectOne(p.record)) {
      throw new IllegalStateException("record dropped");
    }
    bytes.payloadBytes += p.plaintext.length;
    return true;
  }

  @Benchmark
  public boolean protectAndUnprotect(Pair p, Bytes bytes) {
    if (!p.unprotectOne(p.protectOne())) {
      throw new IllegalStateException("record dropped");
    }
    bytes.payloadBytes += p.plaintext.length;
    return true;
  }
}

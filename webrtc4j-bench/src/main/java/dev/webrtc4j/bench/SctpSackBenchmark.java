package dev.webrtc4j.bench;

import dev.webrtc4j.internal.sctp.Association;
import dev.webrtc4j.internal.sctp.SctpOptions;
import dev.webrtc4j.internal.sctp.SendOptions;
import dev.webrtc4j.internal.sctp.SendResult;
import dev.webrtc4j.internal.sctp.StreamId;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
 * SACK processing on the sending side: two {@link Association}s established in memory (virtual
 * time, packets moved by hand), A sends two 1172-byte messages (two full 1200-byte DATA packets,
 * which makes B acknowledge at once, RFC 9260 §6.2), B's SACK goes back to A.
 *
 * <ul>
 *   <li>{@link #handleSack}: only A handling the SACK (parse, CRC32c, cumulative-ack advance,
 *       RTT sample, cwnd update, freeing the outstanding chunks). The send, the transfer and B's
 *       work run in a per-invocation setup, which JMH excludes from the score but which adds its
 *       own timing overhead (tens of ns) to an operation of a few microseconds.
 *   <li>{@link #sendDeliverAndSack}: the whole cycle (2 sends, 2 DATA packets built, 2 received by
 *       B with its SACK built, 1 SACK handled by A). One op moves 2 x 1172 payload bytes.
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SctpSackBenchmark {
  static final int PAYLOAD = 1172;
  static final StreamId STREAM = new StreamId(1);
  static final int PPID_BINARY = 53;
  static final long STEP_NANOS = TimeUnit.MICROSECONDS.toNanos(100);

  /** Two established associations, A sending to B. */
  @State(Scope.Thread)
  public static class Pair {
    Association a;
    Association b;
    long now = 1_000_000_000L;
    final ByteBuffer payload = ByteBuffer.wrap(new byte[PAYLOAD]).asReadOnlyBuffer();

    /** A seeded stand-in for the cookie secret: the benchmark needs no real entropy. */
    private static SecureRandom seeded(long seed) {
      return new SecureRandom() {
        private static final long serialVersionUID = 1L;
        private final SplittableRandom r = new SplittableRandom(seed);

        @Override
        public void nextBytes(byte[] bytes) {
          r.nextBytes(bytes);
        }
      };
    }

    @Setup(Level.Trial)
    public void establish() {
      a = new Association(SctpOptions.defaults(), new SplittableRandom(1), seeded(1));
      b = new Association(SctpOptions.defaults(), new SplittableRandom(2), seeded(2));
      a.connect(now);
      for (int i = 0; i < 100 && !(a.isEstablished() && b.isEstablished()); i++) {
        move(a, b);
        move(b, a);
        drainEvents();
      }
      if (!a.isEstablished() || !b.isEstablished()) {
        throw new IllegalStateException("associations did not establish");
      }
    }

    private void move(Association from, Association to) {
      for (ByteBuffer p; (p = from.pollTransmit()) != null; ) {
        to.handleDatagram(now, p);
      }
    }

    private void drainEvents() {
      while (a.pollEvent() != null) {
        // discard
      }
      while (b.pollEvent() != null) {
        // discard
      }
    }

    /** Sends two messages, delivers both DATA packets to B and returns B's SACK (not yet given to A). */
    ByteBuffer sendAndCollectSack() {
      now += STEP_NANOS;
      if (a.send(now, STREAM, PPID_BINARY, payload, SendOptions.RELIABLE_ORDERED) != SendResult.ACCEPTED
          || a.send(now, STREAM, PPID_BINARY, payload, SendOptions.RELIABLE_ORDERED) != SendResult.ACCEPTED) {
        throw new IllegalStateException("send refused");
      }
      move(a, b);
      ByteBuffer sack = b.pollTransmit();
      if (sack == null || b.pollTransmit() != null) {
        throw new IllegalStateException("expected exactly one immediate SACK from B");
      }
      drainEvents();
      now += STEP_NANOS;
      return sack;
    }

    /** A received nothing it did not expect: no packet dropped as malformed or foreign. */
    @TearDown(Level.Trial)
    public void check() {
      Association.Metrics m = a.metrics();
      if (m.droppedMalformed() + m.droppedBadChecksum() + m.droppedBadTag() + m.droppedOther() != 0 || m.retransmissions() != 0) {
        throw new IllegalStateException("sender dropped or retransmitted: " + m);
      }
    }
  }

  /** A pair plus one SACK, made before each invocation and excluded from the score. */
  @State(Scope.Thread)
  public static class PendingSack extends Pair {
    ByteBuffer sack;

    @Setup(Level.Invocation)
    public void prepare() {
      sack = sendAndCollectSack();
    }
  }

  /** A handles one SACK acknowledging its two outstanding DATA packets. */
  @Benchmark
  public long handleSack(PendingSack s) {
    s.a.handleDatagram(s.now, s.sack);
    return s.a.pollTimeout();
  }

  /** The full cycle: 2 sends, 2 DATA packets to B, B's SACK back to A. */
  @Benchmark
  public long sendDeliverAndSack(Pair p) {
    ByteBuffer sack = p.sendAndCollectSack();
    p.a.handleDatagram(p.now, sack);
    return p.a.pollTimeout();
  }
}

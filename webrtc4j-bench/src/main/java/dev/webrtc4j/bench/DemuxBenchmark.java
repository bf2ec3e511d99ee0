package dev.webrtc4j.bench;

import dev.webrtc4j.internal.mux.PacketKind;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * RFC 7983 first-byte demultiplexing ({@link PacketKind#of}) of the datagrams arriving on one
 * 5-tuple. Each invocation classifies a batch of {@value #BATCH} datagrams whose first bytes are
 * a seeded mix (mostly DTLS and RTP, some STUN, TURN ChannelData and junk), so the branch
 * predictor cannot learn one answer. Score is batches/s; multiply by {@value #BATCH} for
 * datagrams/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DemuxBenchmark {
  static final int BATCH = 1024;

  private final ByteBuffer[] datagrams = new ByteBuffer[BATCH];

  @Setup
  public void setup() {
    SplittableRandom random = new SplittableRandom(7983);
    for (int i = 0; i < BATCH; i++) {
      int r = random.nextInt(100);
      int first;
      if (r < 40) {
        first = 23; // DTLS application data
      } else if (r < 80) {
        first = 0x80 | random.nextInt(64); // RTP/RTCP
      } else if (r < 90) {
        first = random.nextInt(2); // STUN request / indication
      } else if (r < 95) {
        first = 0x40 | random.nextInt(16); // TURN ChannelData
      } else {
        first = 200 + random.nextInt(56); // dropped
      }
      ByteBuffer b = ByteBuffer.allocate(64);
      b.put(0, (byte) first);
      datagrams[i] = b;
    }
  }

  @Benchmark
  public void classifyBatch(Blackhole bh) {
    for (ByteBuffer d : datagrams) {
      bh.consume(PacketKind.of(d));
    }
  }

  /** One DTLS datagram: the common case on a data-channel-only connection. */
  @Benchmark
  public PacketKind classifyOne() {
    return PacketKind.of(datagrams[0]);
  }
}

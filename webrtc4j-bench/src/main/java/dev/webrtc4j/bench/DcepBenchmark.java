package dev.webrtc4j.bench;

import dev.webrtc4j.internal.dcep.DcepMessage;
import dev.webrtc4j.internal.util.MalformedPacketException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * RFC 8832 DATA_CHANNEL_OPEN (label "chat", protocol "json", reliable ordered, priority 256) and
 * DATA_CHANNEL_ACK: encode and parse.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DcepBenchmark {
  private DcepMessage.Open open;
  private DcepMessage.Ack ack;
  private ByteBuffer openWire;
  private ByteBuffer ackWire;
  private ByteBuffer out;

  @Setup
  public void setup() throws MalformedPacketException {
    open = new DcepMessage.Open(DcepMessage.Reliability.RELIABLE, true, 256, 0, "chat", "json");
    ack = new DcepMessage.Ack();
    openWire = ByteBuffer.allocate(open.encodedLength());
    open.writeTo(openWire);
    openWire.flip();
    ackWire = ByteBuffer.allocate(ack.encodedLength());
    ack.writeTo(ackWire);
    ackWire.flip();
    out = ByteBuffer.allocate(256);
    if (!open.equals(DcepMessage.parse(openWire.duplicate()))) {
      throw new IllegalStateException("OPEN does not round-trip");
    }
  }

  @Benchmark
  public DcepMessage parseOpen() throws MalformedPacketException {
    return DcepMessage.parse(openWire.duplicate());
  }

  @Benchmark
  public DcepMessage parseAck() throws MalformedPacketException {
    return DcepMessage.parse(ackWire.duplicate());
  }

  /** encodedLength + writeTo into a reused buffer, as the sender sizes then writes. */
  @Benchmark
  public ByteBuffer encodeOpen() {
    out.clear();
    ByteBuffer b = out.limit(open.encodedLength());
    open.writeTo(b);
    return b;
  }

  @Benchmark
  public ByteBuffer encodeAck() {
    out.clear();
    ack.writeTo(out);
    return out;
  }
}

package dev.webrtc4j.bench;

import dev.webrtc4j.internal.sctp.DataChunk;
import dev.webrtc4j.internal.sctp.SackChunk;
import dev.webrtc4j.internal.sctp.SctpPacket;
import dev.webrtc4j.internal.sctp.Ssn;
import dev.webrtc4j.internal.sctp.StreamId;
import dev.webrtc4j.internal.sctp.Tsn;
import dev.webrtc4j.internal.util.MalformedPacketException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link SctpPacket} parse (with CRC32c check) and writeTo (with CRC32c) of the two packets on the
 * data path: one DATA chunk filling a 1200-byte MTU (1172-byte payload, PPID 53), and a SACK with
 * two gap blocks and one duplicate TSN. For bytes/s multiply the DATA scores by 1200.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SctpCodecBenchmark {
  static final int PAYLOAD = 1172;

  private SctpPacket dataPacket;
  private SctpPacket sackPacket;
  private ByteBuffer dataWire;
  private ByteBuffer dataWireReadOnly;
  private ByteBuffer sackWire;
  private ByteBuffer out;

  @Setup
  public void setup() throws MalformedPacketException {
    byte[] payload = new byte[PAYLOAD];
    for (int i = 0; i < payload.length; i++) {
      payload[i] = (byte) i;
    }
    DataChunk data = new DataChunk(
        new Tsn(0x12345678), new StreamId(1), new Ssn(7), 53, ByteBuffer.wrap(payload).asReadOnlyBuffer(), false, false, true, true);
    dataPacket = new SctpPacket(5000, 5000, 0xcafebabe, List.of(data));
    SackChunk sack = new SackChunk(
        new Tsn(0x12345678), 1_048_576, List.of(new SackChunk.GapBlock(2, 3), new SackChunk.GapBlock(5, 9)), List.of(new Tsn(0x12345670)));
    sackPacket = new SctpPacket(5000, 5000, 0xcafebabe, List.of(sack));
    // Received packets arrive in writable heap buffers (Association.handleDatagram copies into a
    // byte[]); a read-only view is kept to show what it costs the CRC32c.
    dataWire = dataPacket.toBuffer();
    dataWireReadOnly = dataWire.asReadOnlyBuffer();
    sackWire = sackPacket.toBuffer();
    if (dataWire.remaining() != 1200) {
      throw new IllegalStateException("DATA packet is " + dataWire.remaining() + " bytes, not 1200");
    }
    out = ByteBuffer.allocate(1500);
    if (!sackPacket.equals(SctpPacket.parse(sackWire.duplicate()))) {
      throw new IllegalStateException("SACK does not round-trip");
    }
  }

  /** Parse a 1200-byte DATA packet, CRC32c verified; the payload stays a view. */
  @Benchmark
  public SctpPacket parseData() throws MalformedPacketException {
    return SctpPacket.parse(dataWire.duplicate());
  }

  /**
   * The same from a read-only buffer: it has no accessible array, so CRC32C cannot take its
   * array path. Kept as a comparison, not a path the library takes today.
   */
  @Benchmark
  public SctpPacket parseDataReadOnly() throws MalformedPacketException {
    return SctpPacket.parse(dataWireReadOnly.duplicate());
  }

  /** Write a 1200-byte DATA packet with its CRC32c into a reused buffer. */
  @Benchmark
  public ByteBuffer writeData() {
    out.clear();
    dataPacket.writeTo(out);
    return out;
  }

  /** Parse a SACK packet (2 gap blocks, 1 duplicate TSN), CRC32c verified. */
  @Benchmark
  public SctpPacket parseSack() throws MalformedPacketException {
    return SctpPacket.parse(sackWire.duplicate());
  }

  @Benchmark
  public ByteBuffer writeSack() {
    out.clear();
    sackPacket.writeTo(out);
    return out;
  }
}

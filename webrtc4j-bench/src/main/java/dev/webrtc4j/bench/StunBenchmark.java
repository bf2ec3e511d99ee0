package dev.webrtc4j.bench;

import dev.webrtc4j.internal.stun.IntegrityCheck;
import dev.webrtc4j.internal.stun.IntegrityKey;
import dev.webrtc4j.internal.stun.StunAttribute;
import dev.webrtc4j.internal.stun.StunClass;
import dev.webrtc4j.internal.stun.StunIntegrity;
import dev.webrtc4j.internal.stun.StunMessage;
import dev.webrtc4j.internal.stun.StunMethod;
import dev.webrtc4j.internal.stun.TransactionId;
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
 * ICE connectivity-check step: a Binding request as a browser sends it (USERNAME, PRIORITY,
 * ICE-CONTROLLING, USE-CANDIDATE, MESSAGE-INTEGRITY with a short-term key, FINGERPRINT; 100 bytes
 * on the wire). Measures encoding (HMAC-SHA1 + CRC32), parsing, and the HMAC check a receiver runs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class StunBenchmark {
  private StunMessage request;
  private IntegrityKey key;
  private ByteBuffer wire;

  @Setup
  public void setup() {
    key = IntegrityKey.shortTerm("asd88fgpdd777uzjYhagZg");
    request = StunMessage.of(
        StunMethod.BINDING,
        StunClass.REQUEST,
        TransactionId.fromHex("b7e7a701bc34d686fa87dfae"),
        new StunAttribute.Username("evtj:h6vY"),
        new StunAttribute.Priority(0x6e0001ffL),
        new StunAttribute.IceControlling(0x932ff9b151263b36L),
        new StunAttribute.UseCandidate());
    wire = request.encode(key, true); // writable heap buffer, as a received datagram is
    if (StunIntegrity.check(wire.duplicate(), key) != IntegrityCheck.VALID || !StunIntegrity.hasValidFingerprint(wire.duplicate())) {
      throw new IllegalStateException("benchmark fixture does not verify");
    }
  }

  /** Encode with MESSAGE-INTEGRITY (HMAC-SHA1, short-term key) and FINGERPRINT. */
  @Benchmark
  public ByteBuffer encodeWithIntegrityAndFingerprint() {
    return request.encode(key, true);
  }

  /** Parse the attributes (no integrity check). */
  @Benchmark
  public StunMessage parse() throws MalformedPacketException {
    return StunMessage.parse(wire.duplicate());
  }

  /** MESSAGE-INTEGRITY verification over the raw bytes. */
  @Benchmark
  public IntegrityCheck checkIntegrity() {
    return StunIntegrity.check(wire.duplicate(), key);
  }

  /** FINGERPRINT (CRC32 ^ 0x5354554e) verification over the raw bytes. */
  @Benchmark
  public boolean checkFingerprint() {
    return StunIntegrity.hasValidFingerprint(wire.duplicate());
  }

  /** What a receiver does per check: fingerprint, integrity, then parse. */
  @Benchmark
  public StunMessage receive() throws MalformedPacketException {
    if (!StunIntegrity.hasValidFingerprint(wire.duplicate()) || StunIntegrity.check(wire.duplicate(), key) != IntegrityCheck.VALID) {
      throw new IllegalStateException("fixture no longer verifies");
    }
    return StunMessage.parse(wire.duplicate());
  }
}

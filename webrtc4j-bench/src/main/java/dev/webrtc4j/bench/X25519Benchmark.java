package dev.webrtc4j.bench;

import dev.webrtc4j.internal.dtls.X25519Function;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * X25519 (RFC 7748), our {@link X25519Function} against BouncyCastle's {@code rfc7748.X25519},
 * which the DTLS handshake used before: one agreement (scalar times the peer's u) and one public
 * key (scalar times the base point) each, on 64 random scalars and points taken in turn (so that
 * no branch predictor or cache learns one input). Average time per operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class X25519Benchmark {
  private static final int INPUTS = 64;
  private final byte[][] scalars = new byte[INPUTS][32];
  private final byte[][] points = new byte[INPUTS][32];
  private final byte[] out = new byte[32];
  private int next;

  @Setup
  public void setup() {
    SecureRandom random = new SecureRandom();
    for (int i = 0; i < INPUTS; i++) {
      random.nextBytes(scalars[i]);
      byte[] peer = new byte[32];
      random.nextBytes(peer);
      X25519.scalarMultBase(peer, 0, points[i], 0);
    }
  }

  private int index() {
    next = (next + 1) & (INPUTS - 1);
    return next;
  }

  @Benchmark
  public byte[] agreementOurs() {
    int i = index();
    X25519Function.agreement(scalars[i], points[i], out);
    return out;
  }

  @Benchmark
  public byte[] agreementBouncyCastle() {
    int i = index();
    X25519.calculateAgreement(scalars[i], 0, points[i], 0, out, 0);
    return out;
  }

  @Benchmark
  public byte[] publicKeyOurs() {
    X25519Function.publicKey(scalars[index()], out);
    return out;
  }

  @Benchmark
  public byte[] publicKeyBouncyCastle() {
    X25519.scalarMultBase(scalars[index()], 0, out, 0);
    return out;
  }
}

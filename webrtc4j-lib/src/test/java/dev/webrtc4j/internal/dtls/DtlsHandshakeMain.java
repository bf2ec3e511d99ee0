package dev.webrtc4j.internal.dtls;

import java.util.Arrays;

/**
 * Throwaway measurement, not a test: wall-clock and process-CPU time of warm in-memory handshakes
 * (two {@link BcDtlsEngine}s, ECDSA P-256, the test thread moving datagrams as soon as an engine
 * signals its wakeup). Run with the test class path: {@code java -cp ...
 * dev.webrtc4j.internal.dtls.DtlsHandshakeMain [count]}. With {@code -Dlead=ms}, each pair is made
 * that long before it starts (in the stack an engine exists from the remote description on,
 * before ICE selects a pair), and the time is counted from the start.
 */
public final class DtlsHandshakeMain {
  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int warmUp = count / 2;
    long leadMillis = Long.getLong("lead", 0);
    double[] wall = new double[count];
    double[] cpu = new double[count];
    for (int i = 0; i < warmUp + count; i++) {
      try (EnginePair p = new EnginePair(c -> c, s -> s)) {
        if (leadMillis > 0) {
          Thread.sleep(leadMillis);
        }
        long c0 = DtlsThroughputMain.cpuNanos();
        long t0 = System.nanoTime();
        p.start();
        p.runUntilConnected();
        long t1 = System.nanoTime();
        long c1 = DtlsThroughputMain.cpuNanos();
        if (i >= warmUp) {
          wall[i - warmUp] = (t1 - t0) / 1e6;
          cpu[i - warmUp] = (c1 - c0) / 1e6;
        }
      }
    }
    Arrays.sort(wall);
    double cpuMs = Arrays.stream(cpu).sum() / count;
    System.out.printf(
        "%d warm handshakes: wall ms p10 %.2f median %.2f p90 %.2f; process CPU per handshake %.2f ms (mean, 10 ms ticks summed)%n",
        count, wall[count / 10], wall[count / 2], wall[count * 9 / 10], cpuMs);
  }
}

package dev.webrtc4j.internal.dtls;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Throwaway measurement, not a test: records per second and MB/s of application-data protection
 * and unprotection on the loop thread, for records that fill a 1200-byte datagram. Run with the
 * test class path: {@code java -cp ... dev.webrtc4j.internal.dtls.DtlsThroughputMain [suite]}.
 */
public final class DtlsThroughputMain {
  /** CPU time of the whole process: robust against other processes' load, unlike wall time. */
  static long cpuNanos() {
    return ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos();
  }

  /**
   * CPU time of the calling thread, which does all the record work here, in nanoseconds (Linux
   * schedstat; the library's module does not read java.management). 0 where unavailable.
   */
  static long threadCpuNanos() {
    try {
      String s = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/thread-self/schedstat"));
      return Long.parseLong(s.substring(0, s.indexOf(' ')));
    } catch (java.io.IOException | RuntimeException e) {
      return 0;
    }
  }

  public static void main(String[] args) throws Exception {
    for (String which : List.of("warm-up", "warm-up", "measured")) {
      long h0 = System.nanoTime();
      try (EnginePair p = EnginePair.started()) {
        p.runUntilConnected();
        System.out.printf("handshake %.1f ms%n", (System.nanoTime() - h0) / 1e6);
        int payload = p.client.maxApplicationDataSize();
        byte[] data = new byte[payload];
        int batch = 20_000;
        int rounds = Integer.getInteger("rounds", 10);
        long protectNanos = 0;
        long unprotectNanos = 0;
        long protectCpu = 0;
        long protectThreadCpu = 0;
        long unprotectThreadCpu = 0;
        long unprotectCpu = 0;
        long records = 0;
        long wireBytes = 0;
        List<ByteBuffer> wire = new ArrayList<>(batch);
        for (int r = 0; r < rounds; r++) {
          wire.clear();
          long c0 = cpuNanos();
          long tc0 = threadCpuNanos();
          long t0 = System.nanoTime();
          for (int i = 0; i < batch; i++) {
            p.client.send(ByteBuffer.wrap(data));
            wire.add(p.client.pollTransmit());
          }
          long t1 = System.nanoTime();
          long c1 = cpuNanos();
          long tc1 = threadCpuNanos();
          for (ByteBuffer d : wire) {
            wireBytes += d.remaining();
            p.server.handleDatagram(p.now, d);
            if (p.server.pollEvent() == null) {
              throw new AssertionError("record lost");
            }
          }
          long t2 = System.nanoTime();
          long c2 = cpuNanos();
          long tc2 = threadCpuNanos();
          protectThreadCpu += tc1 - tc0;
          unprotectThreadCpu += tc2 - tc1;
          protectCpu += c1 - c0;
          unprotectCpu += c2 - c1;
          protectNanos += t1 - t0;
          unprotectNanos += t2 - t1;
          records += batch;
        }
        double mb = records * (double) payload / 1e6;
        System.out.printf(
            "%s %s: payload %d B, datagram %d B; protect %.0f rec/s %.0f MB/s; unprotect %.0f rec/s %.0f MB/s; both %.0f rec/s %.0f MB/s%n",
            which,
            p.events(p.clientEvents, DtlsEvent.Connected.class).getFirst().cipherSuite(),
            payload,
            wireBytes / records,
            records / (protectNanos / 1e9),
            mb / (protectNanos / 1e9),
            records / (unprotectNanos / 1e9),
            mb / (unprotectNanos / 1e9),
            records / ((protectNanos + unprotectNanos) / 1e9),
            mb / ((protectNanos + unprotectNanos) / 1e9));
        System.out.printf(
            "  per CPU second of the process (GC and JIT included): protect %.0f rec/s %.0f MB/s; unprotect %.0f rec/s %.0f MB/s; both %.0f MB/s%n",
            records / (protectCpu / 1e9),
            mb / (protectCpu / 1e9),
            records / (unprotectCpu / 1e9),
            mb / (unprotectCpu / 1e9),
            mb / ((protectCpu + unprotectCpu) / 1e9));
        System.out.printf(
            "  CPU of the loop thread per record: protect %.0f ns, unprotect %.0f ns, both %.0f ns (%.0f MB/s per core)%n",
            protectThreadCpu / (double) records,
            unprotectThreadCpu / (double) records,
            (protectThreadCpu + unprotectThreadCpu) / (double) records,
            mb / ((protectThreadCpu + unprotectThreadCpu) / 1e9));
      }
    }
  }
}

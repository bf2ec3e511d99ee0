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
  public static void main(String[] args) throws Exception {
    for (String which : List.of("GCM-128", "GCM-128")) { // the first round is warm-up
      long h0 = System.nanoTime();
      try (EnginePair p = EnginePair.started()) {
        p.runUntilConnected();
        System.out.printf("handshake %.1f ms%n", (System.nanoTime() - h0) / 1e6);
        int payload = p.client.maxApplicationDataSize();
        byte[] data = new byte[payload];
        int batch = 20_000;
        int rounds = 10;
        long protectNanos = 0;
        long unprotectNanos = 0;
        long records = 0;
        long wireBytes = 0;
        List<ByteBuffer> wire = new ArrayList<>(batch);
        for (int r = 0; r < rounds; r++) {
          wire.clear();
          long t0 = System.nanoTime();
          for (int i = 0; i < batch; i++) {
            p.client.send(ByteBuffer.wrap(data));
            wire.add(p.client.pollTransmit());
          }
          long t1 = System.nanoTime();
          for (ByteBuffer d : wire) {
            wireBytes += d.remaining();
            p.server.handleDatagram(p.now, d);
            if (p.server.pollEvent() == null) {
              throw new AssertionError("record lost");
            }
          }
          long t2 = System.nanoTime();
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
      }
    }
  }
}

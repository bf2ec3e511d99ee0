package dev.webrtc4j.internal.sctp;

import java.nio.ByteBuffer;

/**
 * Throwaway measurement, not a test: two associations in memory over a lossless, zero-delay
 * link move {@code MiB} MiB in 64 KiB messages on one reliable ordered stream; prints MB/s.
 * Run: {@code java -cp target/classes:target/test-classes dev.webrtc4j.internal.sctp.ThroughputMain [MiB]}.
 */
public final class ThroughputMain {
  private ThroughputMain() {}

  public static void main(String[] args) {
    int mib = args.length > 0 ? Integer.parseInt(args[0]) : 256;
    for (int round = 0; round < 3; round++) {
      run(mib, false);
    }
    for (int round = 0; round < 3; round++) {
      run(mib, true);
    }
  }

  /** @param owned use sendOwned/handleOwnedDatagram (no defensive copies) */
  static void run(int mib, boolean owned) {
    Peers p = new Peers(SctpOptions.defaults().withMessageSizes(262_144, 262_144));
    p.connect();
    StreamId s = new StreamId(1);
    ByteBuffer msg = ByteBuffer.allocate(64 * 1024);
    long total = (long) mib * 1024 * 1024;
    long queued = 0;
    long received = 0;
    long start = System.nanoTime();
    while (received < total) {
      while (queued < total && (owned ? p.a.sendOwned(p.now, s, 53, msg.duplicate(), SendOptions.RELIABLE_ORDERED)
          : p.a.send(p.now, s, 53, msg.duplicate(), SendOptions.RELIABLE_ORDERED)) == SendResult.ACCEPTED) {
        queued += msg.capacity();
      }
      boolean moved = false;
      for (ByteBuffer b; (b = p.a.pollTransmit()) != null; ) {
        if (owned) {
          p.b.handleOwnedDatagram(p.now, b);
        } else {
          p.b.handleDatagram(p.now, b);
        }
        moved = true;
      }
      for (ByteBuffer b; (b = p.b.pollTransmit()) != null; ) {
        p.a.handleDatagram(p.now, b);
        moved = true;
      }
      for (SctpEvent e; (e = p.b.pollEvent()) != null; ) {
        if (e instanceof SctpEvent.Message m) {
          received += m.payload().remaining();
        }
      }
      while (p.a.pollEvent() != null) {}
      if (!moved) {
        // Only the delayed SACK is pending: let virtual time pass.
        p.now = Math.max(p.now, Math.min(p.a.pollTimeout(), p.b.pollTimeout()));
        p.a.handleTimeout(p.now);
        p.b.handleTimeout(p.now);
      }
    }
    double secs = (System.nanoTime() - start) / 1e9;
    System.out.printf("%s: %d MiB in %.2f s: %.1f MB/s (cwnd %d)%n", owned ? "owned buffers" : "copying", mib, secs,
        total / secs / 1e6, p.a.metrics().cwnd());
  }
}

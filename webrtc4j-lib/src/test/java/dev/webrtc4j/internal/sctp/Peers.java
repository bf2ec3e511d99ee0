package dev.webrtc4j.internal.sctp;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiPredicate;

/**
 * Two associations in one thread with hand-moved packets and virtual time (dcSCTP
 * socket_tests style). A filter decides per packet whether it is delivered.
 */
final class Peers {
  final Association a;
  final Association b;
  long now = 1_000_000_000L;
  final List<SctpEvent> eventsA = new ArrayList<>();
  final List<SctpEvent> eventsB = new ArrayList<>();
  /** (fromA, packet) -> deliver? */
  BiPredicate<Boolean, ByteBuffer> filter = (fromA, p) -> true;
  int droppedByFilter;

  Peers(SctpOptions opts) {
    this(opts, opts);
  }

  Peers(SctpOptions optsA, SctpOptions optsB) {
    a = new Association(optsA, new SplittableRandom(1), fixedSecure(1));
    b = new Association(optsB, new SplittableRandom(2), fixedSecure(2));
  }

  static SecureRandom fixedSecure(long seed) {
    // Deterministic test double for the cookie secret.
    return new SecureRandom() {
      private static final long serialVersionUID = 1L;
      private final SplittableRandom r = new SplittableRandom(seed);

      @Override
      public void nextBytes(byte[] bytes) {
        r.nextBytes(bytes);
      }
    };
  }

  /** Moves packets both ways until neither side has anything to send. */
  void flush() {
    for (int guard = 0; guard < 1_000_000; guard++) {
      ByteBuffer pa = a.pollTransmit();
      if (pa != null && filter.test(true, pa)) {
        b.handleDatagram(now, pa);
      } else if (pa != null) {
        droppedByFilter++;
      }
      ByteBuffer pb = b.pollTransmit();
      if (pb != null && filter.test(false, pb)) {
        a.handleDatagram(now, pb);
      } else if (pb != null) {
        droppedByFilter++;
      }
      drainEvents();
      if (pa == null && pb == null) {
        return;
      }
    }
    throw new AssertionError("packets never stopped flowing");
  }

  void drainEvents() {
    for (SctpEvent e; (e = a.pollEvent()) != null; ) {
      eventsA.add(e);
    }
    for (SctpEvent e; (e = b.pollEvent()) != null; ) {
      eventsB.add(e);
    }
  }

  /** Jumps to the earliest deadline, fires it, and flushes. Returns false when both are idle. */
  boolean step() {
    long t = Math.min(a.pollTimeout(), b.pollTimeout());
    if (t == Long.MAX_VALUE) {
      return false;
    }
    now = Math.max(now, t);
    a.handleTimeout(now);
    b.handleTimeout(now);
    flush();
    return true;
  }

  /** Runs timers until {@code deadline} (virtual). */
  void runUntil(long deadline) {
    flush();
    while (true) {
      long t = Math.min(a.pollTimeout(), b.pollTimeout());
      if (t > deadline) {
        now = Math.max(now, deadline);
        return;
      }
      step();
    }
  }

  void connect() {
    a.connect(now);
    b.connect(now);
    flush();
  }

  static long ms(long v) {
    return v * 1_000_000L;
  }

  <T extends SctpEvent> List<T> events(List<SctpEvent> list, Class<T> type) {
    List<T> out = new ArrayList<>();
    for (SctpEvent e : list) {
      if (type.isInstance(e)) {
        out.add(type.cast(e));
      }
    }
    return out;
  }

  static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }

  static SctpPacket parse(ByteBuffer p) {
    try {
      return SctpPacket.parse(p.duplicate());
    } catch (dev.webrtc4j.internal.util.MalformedPacketException e) {
      throw new AssertionError(e);
    }
  }

  static boolean hasChunk(ByteBuffer p, Class<? extends Chunk> type) {
    for (Chunk c : parse(p).chunks()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }
}

package dev.webrtc4j.internal.io;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * The send thread of one {@link UdpIo}: sends the datagrams that event loops {@linkplain
 * UdpSocket#handOver hand over} when a loop step produced a burst of them, so the loop goes on with
 * its next input while the kernel runs the UDP send path here.
 *
 * <p>Why: a bulk sender's loop spent about 60% of its time in {@code sendto}, which on loopback also
 * runs the receiving socket's kernel path (IP input, the UDP queue, waking the reader). That loop
 * was the one thread every byte had to pass (busy 85-90% of a transfer while the other loop idled
 * half the time), so the transfer ran at the speed of one core. With the syscalls on this thread,
 * the sending loop and the kernel's send path run on both cores at once. A loop still sends a
 * lone datagram itself (a ping, a SACK, a STUN check): no hand-off on the latency path.
 *
 * <p>Sockets with datagrams waiting are queued here once each ({@link UdpSocket#scheduleSend}); the
 * thread sends up to {@link #BURST} of one socket's datagrams, then gives the next socket a turn.
 * It parks when nothing is queued and is unparked by a submitter only when parked (the same Dekker
 * handshake as {@link EventLoop}), so a busy writer costs a loop one queue insert per datagram.
 *
 * <p>One daemon platform thread per {@code UdpIo}, started on the first hand-over, ended by
 * {@link #close}.
 */
final class UdpWriter {
  private static final System.Logger LOG = System.getLogger(UdpWriter.class.getName());
  /** Datagrams of one socket sent before the next socket with datagrams waiting gets its turn. */
  static final int BURST = 64;

  private final ConcurrentLinkedQueue<UdpSocket> ready = new ConcurrentLinkedQueue<>();
  private final @Nullable Thread thread;
  /** Set by the thread just before it re-checks {@link #ready} and parks. */
  private volatile boolean parked;
  private volatile boolean closed;

  UdpWriter(String name) {
    Thread t = Thread.ofPlatform().name(name).daemon().unstarted(this::run);
    thread = t;
    t.start();
  }

  private UdpWriter() {
    thread = null;
    closed = true;
  }

  /** A writer of a closed {@code UdpIo}: hand-overs are sent on the caller's thread. */
  static UdpWriter closedWriter() {
    return new UdpWriter();
  }

  /** {@code socket} has datagrams waiting (it is queued here at most once at a time). */
  void submit(UdpSocket socket) {
    ready.add(socket);
    if (closed) {
      // The thread may have ended already: nothing else would send these.
      for (UdpSocket s; (s = ready.poll()) != null; ) {
        s.sendQueued(Integer.MAX_VALUE);
      }
      return;
    }
    if (parked) {
      LockSupport.unpark(thread);
    }
  }

  private void run() {
    while (true) {
      UdpSocket s = ready.poll();
      if (s != null) {
        try {
          s.sendQueued(BURST);
        } catch (RuntimeException e) {
          LOG.log(System.Logger.Level.ERROR, "sending on " + s.localAddress() + " failed", e);
        }
        continue;
      }
      if (closed) {
        // Submitted before close() was visible: still ours to send (later ones its submitter sends).
        while ((s = ready.poll()) != null) {
          s.sendQueued(Integer.MAX_VALUE);
        }
        return;
      }
      parked = true;
      try {
        if (ready.isEmpty() && !closed) {
          LockSupport.park(this);
        }
      } finally {
        parked = false;
      }
    }
  }

  /** Ends the thread once what is queued now has been sent. */
  void close() {
    closed = true;
    Thread t = thread;
    if (t == null) {
      return;
    }
    LockSupport.unpark(t);
    try {
      t.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Nullable Thread thread() {
    return thread;
  }
}

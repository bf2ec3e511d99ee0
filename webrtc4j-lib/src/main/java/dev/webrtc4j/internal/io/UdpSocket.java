package dev.webrtc4j.internal.io;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One bound UDP socket served by a {@link UdpIo} reactor. {@link #send} is a non-blocking write
 * from the caller's thread: when the kernel buffer is full the datagram is dropped and counted,
 * exactly as the network would drop it, and the protocols above recover. {@link #handOver} gives
 * the datagram to the reactor's send thread ({@link UdpWriter}) instead, for a loop that has a
 * burst to send; datagrams of one socket leave in the order they were given, whichever way.
 */
public final class UdpSocket implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(UdpSocket.class.getName());
  /**
   * Datagrams handed over and not yet sent, at most: beyond it a hand-over is dropped, as a full
   * kernel buffer would drop it (the protocols' own windows keep far fewer in flight).
   */
  static final int MAX_UNSENT = 8192;

  /** A handed-over datagram. */
  private record Outgoing(ByteBuffer payload, InetSocketAddress destination) {}

  private final UdpIo io;
  private final DatagramChannel channel;
  private final InetSocketAddress localAddress;
  private final DatagramHandler handler;
  private final AtomicLong datagramsReceived = new AtomicLong();
  private final AtomicLong bytesReceived = new AtomicLong();
  private final AtomicLong datagramsSent = new AtomicLong();
  private final AtomicLong bytesSent = new AtomicLong();
  private final AtomicLong sendsDropped = new AtomicLong();
  private final ConcurrentLinkedQueue<Outgoing> outbound = new ConcurrentLinkedQueue<>();
  /** Handed over and not yet sent (or dropped): while above 0, {@link #send} queues behind them. */
  private final AtomicInteger unsent = new AtomicInteger();
  /** Held while handed-over datagrams are taken and sent (the send thread, or close()). */
  private final ReentrantLock sendLock = new ReentrantLock();
  /** Queued on the send thread's list of sockets with datagrams waiting. */
  private final AtomicBoolean sendScheduled = new AtomicBoolean();
  private volatile boolean closed;
  /** Delivered a datagram in the reactor's current pass (reactor thread only; see UdpIo). */
  boolean inBurst;

  UdpSocket(UdpIo io, DatagramChannel channel, InetSocketAddress localAddress, DatagramHandler handler) {
    this.io = io;
    this.channel = channel;
    this.localAddress = localAddress;
    this.handler = handler;
  }

  public InetSocketAddress localAddress() {
    return localAddress;
  }

  /**
   * Sends the remaining bytes of {@code payload} to {@code destination}. Returns false when the
   * datagram was dropped (socket closed, kernel buffer full, or an I/O error such as an unreachable
   * destination); never throws for network conditions.
   */
  public boolean send(ByteBuffer payload, InetSocketAddress destination) {
    if (unsent.get() > 0) {
      return handOver(payload, destination); // behind the datagrams the send thread still has
    }
    return sendNow(payload, destination);
  }

  /**
   * Gives the datagram to the send thread, which sends it after those handed over before it; the
   * caller hands the buffer over (nobody writes it afterwards). Returns false when it was dropped
   * at once (socket closed, destination refused, {@link #MAX_UNSENT} waiting); a failure of the
   * send itself is counted in {@link #sendsDropped()} only.
   */
  public boolean handOver(ByteBuffer payload, InetSocketAddress destination) {
    if (closed || !NetworkGuard.allows(destination) || unsent.get() >= MAX_UNSENT) {
      sendsDropped.incrementAndGet();
      return false;
    }
    unsent.incrementAndGet();
    outbound.add(new Outgoing(payload, destination));
    scheduleSend();
    return true;
  }

  /** Queues this socket on the send thread unless it is queued there already. */
  void scheduleSend() {
    if (!outbound.isEmpty() && sendScheduled.compareAndSet(false, true)) {
      io.writer().submit(this);
    }
  }

  /**
   * Send thread: sends up to {@code max} handed-over datagrams, then queues the socket again if
   * more wait (so other sockets get their turn).
   */
  void sendQueued(int max) {
    // Cleared before polling: a datagram added from now on is polled below or schedules again.
    sendScheduled.set(false);
    sendLock.lock();
    try {
      if (!sendWaiting(max)) {
        return;
      }
    } finally {
      sendLock.unlock();
    }
    scheduleSend();
  }

  /** With {@link #sendLock} held: sends up to {@code max} handed-over datagrams; true if more may wait. */
  private boolean sendWaiting(int max) {
    for (int i = 0; i < max; i++) {
      Outgoing o = outbound.poll();
      if (o == null) {
        return false;
      }
      try {
        sendNow(o.payload(), o.destination());
      } finally {
        unsent.decrementAndGet();
      }
    }
    return true;
  }

  /** Handed over and not yet sent (for tests). */
  int unsent() {
    return unsent.get();
  }

  private boolean sendNow(ByteBuffer payload, InetSocketAddress destination) {
    if (!channel.isOpen() || !NetworkGuard.allows(destination)) {
      sendsDropped.incrementAndGet();
      return false;
    }
    int length = payload.remaining();
    try {
      int written = channel.send(payload, destination);
      if (written == 0 && length > 0) {
        sendsDropped.incrementAndGet();
        return false;
      }
      datagramsSent.incrementAndGet();
      bytesSent.addAndGet(written);
      return true;
    } catch (IOException e) {
      sendsDropped.incrementAndGet();
      LOG.log(System.Logger.Level.DEBUG, "send from {0} failed: {1}", localAddress, e.toString());
      return false;
    }
  }

  public long datagramsReceived() {
    return datagramsReceived.get();
  }

  public long bytesReceived() {
    return bytesReceived.get();
  }

  public long datagramsSent() {
    return datagramsSent.get();
  }

  public long bytesSent() {
    return bytesSent.get();
  }

  public long sendsDropped() {
    return sendsDropped.get();
  }

  boolean isClosed() {
    return closed;
  }

  DatagramChannel channel() {
    return channel;
  }

  DatagramHandler handler() {
    return handler;
  }

  void countReceived(int bytes) {
    datagramsReceived.incrementAndGet();
    bytesReceived.addAndGet(bytes);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    // What was handed over before the close still goes out, in order (a DTLS close_notify may be
    // among it): sent from this thread, after the send thread's burst in progress.
    sendLock.lock();
    try {
      sendWaiting(Integer.MAX_VALUE);
      channel.close(); // deregisters from the selector
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "close of {0} failed: {1}", localAddress, e.toString());
    } finally {
      sendLock.unlock();
    }
    io.wakeup();
  }

  @Override
  public String toString() {
    return "UdpSocket[" + localAddress + (closed ? ", closed" : "") + "]";
  }
}

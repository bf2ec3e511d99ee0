package dev.webrtc4j.internal.io;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One bound UDP socket served by a {@link UdpIo} reactor. {@link #send} is a non-blocking write
 * from the caller's thread: when the kernel buffer is full the datagram is dropped and counted,
 * exactly as the network would drop it, and the protocols above recover.
 */
public final class UdpSocket implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(UdpSocket.class.getName());

  private final UdpIo io;
  private final DatagramChannel channel;
  private final InetSocketAddress localAddress;
  private final DatagramHandler handler;
  private final AtomicLong datagramsReceived = new AtomicLong();
  private final AtomicLong bytesReceived = new AtomicLong();
  private final AtomicLong datagramsSent = new AtomicLong();
  private final AtomicLong bytesSent = new AtomicLong();
  private final AtomicLong sendsDropped = new AtomicLong();
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
    if (closed || !NetworkGuard.allows(destination)) {
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
    try {
      channel.close(); // deregisters from the selector
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "close of {0} failed: {1}", localAddress, e.toString());
    }
    io.wakeup();
  }

  @Override
  public String toString() {
    return "UdpSocket[" + localAddress + (closed ? ", closed" : "") + "]";
  }
}

package dev.webrtc4j.internal.io;

import dev.webrtc4j.internal.util.Datagram;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * The UDP reactor: one platform thread with one {@link Selector} serves every {@link UdpSocket} of
 * the JVM (or of one {@code Settings}), so the thread count does not grow with connections. The
 * thread only copies bytes, stamps the time and calls the socket's {@link DatagramHandler}, which
 * enqueues onto the owning connection's loop. Sends happen on the caller's thread (the loop), as
 * non-blocking writes.
 */
public final class UdpIo implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(UdpIo.class.getName());
  /** Enough for any UDP datagram. */
  private static final int MAX_DATAGRAM = 65536;
  /** Datagrams read from one socket per wake-up before the others get a turn. */
  private static final int READ_BURST = 64;
  /** Socket buffers: large enough to absorb a burst at data-channel rates. */
  private static final int SOCKET_BUFFER_BYTES = 4 << 20;

  private static UdpIo shared;

  private final Selector selector;
  private final Thread thread;
  private final ConcurrentLinkedQueue<UdpSocket> pendingRegistrations = new ConcurrentLinkedQueue<>();
  private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(MAX_DATAGRAM);
  /**
   * Datagrams delivered before the handlers' bursts are ended even if ready sockets remain: with
   * many busy sockets, the first connection's batch must not wait for all of them.
   */
  private static final int MAX_UNENDED = 256;
  /** Sockets that delivered a datagram in this pass over the ready keys (reactor thread only). */
  private final ArrayList<UdpSocket> delivered = new ArrayList<>();
  private final Consumer<SelectionKey> onReady = this::onReady;
  /** Datagrams delivered since the last {@link #endBursts} (reactor thread only). */
  private int unended;
  private volatile boolean closed;
  private final String name;
  /** The send thread, started on the first hand-over ({@link UdpSocket#handOver}). */
  private volatile @Nullable UdpWriter writer;

  public UdpIo(String name) {
    this.name = name;
    try {
      selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a selector", e);
    }
    thread = Thread.ofPlatform().name(name).daemon().unstarted(this::run);
    thread.start();
  }

  /** The reactor shared by every connection that does not bring its own. */
  public static synchronized UdpIo shared() {
    if (shared == null || shared.closed) {
      shared = new UdpIo("webrtc4j-udp");
    }
    return shared;
  }

  /** Binds a socket on {@code address} (port 0 = any free port). */
  public UdpSocket open(InetSocketAddress address, DatagramHandler handler) throws IOException {
    Objects.requireNonNull(handler, "handler");
    DatagramChannel channel = DatagramChannel.open(address.getAddress() instanceof java.net.Inet6Address
        ? java.net.StandardProtocolFamily.INET6 : java.net.StandardProtocolFamily.INET);
    try {
      channel.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER_BYTES);
      channel.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER_BYTES);
      channel.bind(address);
      channel.configureBlocking(false);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    UdpSocket socket = new UdpSocket(this, channel, (InetSocketAddress) channel.getLocalAddress(), handler);
    pendingRegistrations.add(socket);
    selector.wakeup();
    return socket;
  }

  /**
   * Binds a socket on {@code ip} with a port in [{@code minPort}, {@code maxPort}], trying ports
   * from a random start so concurrent connections spread over the range.
   */
  public UdpSocket openInRange(InetAddress ip, int minPort, int maxPort, RandomGenerator random, DatagramHandler handler)
      throws IOException {
    if (minPort < 1 || maxPort > 65535 || minPort > maxPort) {
      throw new IllegalArgumentException("bad port range " + minPort + "-" + maxPort);
    }
    int span = maxPort - minPort + 1;
    int start = random.nextInt(span);
    for (int i = 0; i < span; i++) {
      int port = minPort + (start + i) % span;
      try {
        return open(new InetSocketAddress(ip, port), handler);
      } catch (BindException e) {
        // taken: try the next one
      }
    }
    throw new BindException("no free UDP port on " + ip.getHostAddress() + " in " + minPort + "-" + maxPort);
  }

  private void run() {
    try {
      while (!closed) {
        // The ready keys go straight to onReady, not through the selected-key set (which cost a
        // set entry and an iterator per wake-up, i.e. per datagram of a ping).
        selector.select(onReady);
        UdpSocket s;
        while ((s = pendingRegistrations.poll()) != null) {
          register(s);
        }
        endBursts();
      }
    } catch (ClosedSelectorException e) {
      // closing
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "UDP reactor stopped", e);
    }
  }

  /** One ready key, during {@link Selector#select(java.util.function.Consumer)}. */
  private void onReady(SelectionKey key) {
    try {
      if (key.isValid() && key.isReadable()) {
        readBurst((UdpSocket) key.attachment());
        if (unended >= MAX_UNENDED) {
          endBursts();
        }
      }
    } catch (CancelledKeyException e) {
      // The socket was closed on its loop between isValid() and readyOps(): one socket
      // fewer, not a reason to stop the reactor every connection of the JVM shares.
    }
  }

  /** Registers a newly opened socket; one closed meanwhile is skipped. */
  private void register(UdpSocket s) {
    if (s.isClosed()) {
      return;
    }
    try {
      s.channel().register(selector, SelectionKey.OP_READ, s);
    } catch (ClosedChannelException | CancelledKeyException e) {
      // closed on its loop after the check above: nothing to serve
    }
  }

  private void readBurst(UdpSocket socket) {
    for (int i = 0; i < READ_BURST; i++) {
      readBuffer.clear();
      SocketAddress from;
      try {
        from = socket.channel().receive(readBuffer);
      } catch (IOException e) {
        // ICMP port unreachable and the like surface here on some platforms: not fatal for UDP.
        LOG.log(System.Logger.Level.DEBUG, "receive on {0} failed: {1}", socket.localAddress(), e.toString());
        return;
      }
      if (from == null) {
        return;
      }
      long now = SystemClock.nanos();
      readBuffer.flip();
      byte[] copy = new byte[readBuffer.remaining()];
      readBuffer.get(copy);
      socket.countReceived(copy.length);
      unended++;
      if (!socket.inBurst) {
        socket.inBurst = true;
        delivered.add(socket);
      }
      try {
        socket.handler().onDatagram(new Datagram((InetSocketAddress) from, socket.localAddress(), ByteBuffer.wrap(copy)), now);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.ERROR, "datagram handler of " + socket.localAddress() + " failed", e);
      }
    }
  }

  /**
   * Every ready socket has been read: each handler that got datagrams hands its batch on now, so a
   * connection's loop is woken once per pass rather than once per datagram.
   */
  private void endBursts() {
    for (int i = 0; i < delivered.size(); i++) {
      UdpSocket socket = delivered.get(i);
      socket.inBurst = false;
      try {
        socket.handler().endOfBurst();
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.ERROR, "datagram handler of " + socket.localAddress() + " failed", e);
      }
    }
    delivered.clear();
    unended = 0;
  }

  void wakeup() {
    selector.wakeup();
  }

  /** The send thread of this reactor's sockets, started when first needed. */
  UdpWriter writer() {
    UdpWriter w = writer;
    if (w == null) {
      synchronized (this) {
        w = writer;
        if (w == null) {
          w = closed ? UdpWriter.closedWriter() : new UdpWriter(name + "-send");
          writer = w;
        }
      }
    }
    return w;
  }

  public boolean isClosed() {
    return closed;
  }

  /** Stops the reactor thread and closes the selector; open sockets stop receiving. */
  @Override
  public void close() {
    closed = true;
    UdpWriter w;
    synchronized (this) {
      w = writer;
    }
    if (w != null) {
      w.close();
    }
    selector.wakeup();
    try {
      thread.join(5_000);
      selector.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "selector close failed", e);
    }
  }

  /** The reactor thread, for tests that check no thread is left behind. */
  Thread thread() {
    return thread;
  }

  /** The send thread if one was started (for tests). */
  @Nullable Thread writerThread() {
    UdpWriter w = writer;
    return w == null ? null : w.thread();
  }
}

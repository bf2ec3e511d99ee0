package dev.webrtc4j.internal.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.jspecify.annotations.Nullable;

/**
 * One client TCP stream, optionally under TLS, made by a {@link StreamConnector}: what TURN over
 * TCP/TLS runs on. Blocking sockets on two virtual threads: a reader that connects, handshakes and
 * then copies received bytes to the {@link StreamHandler}, and a writer that drains the write
 * queue, so that neither blocks the caller (the connection's event loop).
 *
 * <p>{@link #write} queues one whole message and never blocks. The queue is bounded ({@link
 * #MAX_QUEUED_BYTES}); over the bound a write is dropped whole, as a full UDP socket buffer drops a
 * datagram, so the framing of the stream survives and the protocols above recover. {@link #close}
 * lets queued writes go out (for at most {@link #CLOSE_LINGER_MILLIS}) before closing.
 *
 * <p>Thread-safe.
 */
public final class StreamConnection implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(StreamConnection.class.getName());
  private static final AtomicInteger OPEN = new AtomicInteger();
  private static final AtomicInteger IDS = new AtomicInteger();

  /** Bytes queued for writing before further writes are dropped. */
  public static final int MAX_QUEUED_BYTES = 1 << 20;

  /** How long {@link #close()} lets queued writes drain before the socket is closed regardless. */
  public static final long CLOSE_LINGER_MILLIS = 2_000;

  private static final int READ_CHUNK = 16 * 1024;
  /** Ends the writer: everything queued before it has been written. */
  private static final ByteBuffer END = ByteBuffer.allocate(0);

  private final @Nullable InetAddress localIp;
  private final InetSocketAddress remote;
  private final @Nullable SSLContext tls;
  private final String serverName;
  private final int timeoutMillis;
  private final StreamHandler handler;
  private final String name;
  private final LinkedBlockingQueue<ByteBuffer> queue = new LinkedBlockingQueue<>();
  private final AtomicLong queuedBytes = new AtomicLong();
  private final AtomicLong writesDropped = new AtomicLong();
  private final AtomicBoolean ended = new AtomicBoolean();
  private final CompletableFuture<Void> terminated = new CompletableFuture<>();
  private volatile boolean closing;
  private volatile boolean opened;
  /** Why the writer stopped, for the reader to report (only the reader calls the handler). */
  private volatile @Nullable String writeFailure;
  private volatile @Nullable Socket socket;

  StreamConnection(@Nullable InetAddress localIp, InetSocketAddress remote, @Nullable SSLContext tls, String serverName,
      int timeoutMillis, StreamHandler handler) {
    this.localIp = localIp;
    this.remote = remote;
    this.tls = tls;
    this.serverName = serverName;
    this.timeoutMillis = timeoutMillis;
    this.handler = handler;
    this.name = "webrtc4j-stream-" + IDS.incrementAndGet();
    OPEN.incrementAndGet();
    Thread.ofVirtual().name(name + "-read").start(this::run);
  }

  /** Connections started and not yet ended, in this JVM (for leak checks in tests). */
  public static int openConnections() {
    return OPEN.get();
  }

  /**
   * Queues {@code bytes} (position to limit; the buffer becomes the connection's and must not
   * change) to be written after everything queued before. Returns false, dropping it whole, when
   * the connection is closing or ended or the queue is full.
   */
  public boolean write(ByteBuffer bytes) {
    int n = bytes.remaining();
    if (closing || ended.get() || queuedBytes.get() + n > MAX_QUEUED_BYTES) {
      writesDropped.incrementAndGet();
      return false;
    }
    queuedBytes.addAndGet(n);
    queue.add(bytes);
    return true;
  }

  /** Writes dropped because the queue was full or the connection closing or ended. */
  public long writesDropped() {
    return writesDropped.get();
  }

  /**
   * Closes after the queued writes (a TLS stream sends close_notify); the handler hears nothing
   * more. Idempotent.
   */
  @Override
  public void close() {
    if (closing) {
      return;
    }
    closing = true;
    queue.add(END);
    if (!opened) {
      closeSocket(); // still connecting or handshaking: nothing queued can go out anyway
    }
    CompletableFuture.delayedExecutor(CLOSE_LINGER_MILLIS, TimeUnit.MILLISECONDS).execute(this::closeSocket);
  }

  /** Completes when both threads have ended and the socket is closed. */
  public CompletableFuture<Void> terminated() {
    return terminated;
  }

  private void run() {
    Thread writer = null;
    try {
      Socket tcp = new Socket();
      socket = tcp;
      if (closing) {
        return;
      }
      tcp.setTcpNoDelay(true);
      tcp.bind(new InetSocketAddress(localIp, 0));
      tcp.connect(remote, timeoutMillis);
      Socket active = tcp;
      SSLContext context = tls;
      if (context != null) {
        active = handshake(context, tcp);
      }
      if (closing) {
        return;
      }
      InetSocketAddress local = (InetSocketAddress) tcp.getLocalSocketAddress();
      opened = true;
      handler.onOpened(local, SystemClock.nanos());
      OutputStream out = active.getOutputStream();
      writer = Thread.ofVirtual().name(name + "-write").start(() -> writeLoop(out));
      InputStream in = active.getInputStream();
      byte[] buffer = new byte[READ_CHUNK];
      while (true) {
        int n = in.read(buffer);
        if (n < 0) {
          end(null);
          return;
        }
        long now = SystemClock.nanos();
        if (n > 0 && !closing) {
          handler.onData(ByteBuffer.wrap(Arrays.copyOf(buffer, n)), now);
        }
      }
    } catch (IOException | RuntimeException e) {
      String w = writeFailure;
      end(w != null ? w : describe(e));
    } finally {
      closeSocket();
      if (writer != null) {
        queue.add(END);
        try {
          writer.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      OPEN.decrementAndGet();
      terminated.complete(null);
    }
  }

  private SSLSocket handshake(SSLContext context, Socket tcp) throws IOException {
    SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(tcp, serverName, remote.getPort(), true);
    socket = ssl;
    SSLParameters p = ssl.getSSLParameters();
    // RFC 8656 §3.1 / RFC 7065: the client checks the server's identity, as HTTPS does (RFC 6125 /
    // RFC 2818: DNS names against subjectAltName dNSName, IP literals against iPAddress).
    p.setEndpointIdentificationAlgorithm("HTTPS");
    if (!isIpLiteral(serverName)) {
      p.setServerNames(List.of(new SNIHostName(serverName)));
    }
    ssl.setSSLParameters(p);
    tcp.setSoTimeout(timeoutMillis);
    ssl.startHandshake();
    tcp.setSoTimeout(0);
    return ssl;
  }

  private static boolean isIpLiteral(String host) {
    return host.indexOf(':') >= 0 || host.matches("[0-9.]+");
  }

  private void writeLoop(OutputStream raw) {
    try (BufferedOutputStream out = new BufferedOutputStream(raw, READ_CHUNK)) {
      while (true) {
        ByteBuffer b = queue.take();
        if (b == END) {
          out.flush();
          break;
        }
        int n = b.remaining();
        if (b.hasArray()) {
          out.write(b.array(), b.arrayOffset() + b.position(), n);
        } else {
          byte[] copy = new byte[n];
          b.duplicate().get(copy);
          out.write(copy);
        }
        queuedBytes.addAndGet(-n);
        if (queue.isEmpty()) {
          out.flush(); // one TLS record / TCP push per burst, not per message
        }
      }
    } catch (IOException e) {
      writeFailure = describe(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      closeSocket();
    }
  }

  /** Reports the end once (on the reader thread), unless the owner closed the connection itself. */
  private void end(@Nullable String failure) {
    if (ended.compareAndSet(false, true) && !closing) {
      LOG.log(System.Logger.Level.DEBUG, "stream to {0} ended: {1}", remote, failure == null ? "closed by the peer" : failure);
      try {
        handler.onClosed(failure, SystemClock.nanos());
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.ERROR, "stream handler failed", e);
      }
    }
  }

  private void closeSocket() {
    Socket s = socket;
    if (s != null && !s.isClosed()) {
      try {
        s.close();
      } catch (IOException e) {
        LOG.log(System.Logger.Level.DEBUG, "close of stream to {0} failed: {1}", remote, e.toString());
      }
    }
  }

  private static String describe(Exception e) {
    if (e instanceof SocketTimeoutException) {
      return "timed out (" + e.getMessage() + ")";
    }
    if (e instanceof SSLException) {
      return "TLS: " + e.getMessage();
    }
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  @Override
  public String toString() {
    return "StreamConnection[" + name + " to " + remote + (tls != null ? " over TLS" : "") + (closing ? ", closing" : "") + "]";
  }
}

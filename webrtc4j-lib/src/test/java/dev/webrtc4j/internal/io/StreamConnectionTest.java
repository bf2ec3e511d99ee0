package dev.webrtc4j.internal.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLServerSocket;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link StreamConnection} against in-test TCP and TLS servers on 127.0.0.1. */
@Timeout(30)
class StreamConnectionTest {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static final TestTls TLS = TestTls.selfSigned();

  /** Records what a connection reports. */
  static final class Recorder implements StreamHandler {
    final CompletableFuture<InetSocketAddress> opened = new CompletableFuture<>();
    final CompletableFuture<String> closed = new CompletableFuture<>();
    final LinkedBlockingQueue<byte[]> data = new LinkedBlockingQueue<>();
    volatile boolean calledAfterClose;

    @Override
    public void onOpened(InetSocketAddress localAddress, long receivedNanos) {
      opened.complete(localAddress);
    }

    @Override
    public void onData(ByteBuffer bytes, long receivedNanos) {
      byte[] b = new byte[bytes.remaining()];
      bytes.get(b);
      data.add(b);
    }

    @Override
    public void onClosed(@Nullable String failure, long nanos) {
      if (closed.isDone()) {
        calledAfterClose = true;
      }
      closed.complete(failure == null ? "" : failure);
    }

    String read(int n) throws InterruptedException {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      while (out.size() < n) {
        byte[] b = data.poll(10, TimeUnit.SECONDS);
        assertThat(b).as("data within 10 s").isNotNull();
        out.writeBytes(b);
      }
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  private static String readN(InputStream in, int n) throws IOException {
    return new String(in.readNBytes(n), StandardCharsets.UTF_8);
  }

  private static ByteBuffer text(String s) {
    return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void tcpCarriesBytesBothWaysAndReportsThePeersClose() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, LOOPBACK)) {
      Recorder r = new Recorder();
      StreamConnection c = StreamConnector.withDefaultTrust().connect(LOOPBACK, (InetSocketAddress) server.getLocalSocketAddress(),
          false, "127.0.0.1", r);
      try (Socket peer = server.accept()) {
        InetSocketAddress local = r.opened.get(10, TimeUnit.SECONDS);
        assertThat(local).isEqualTo(peer.getRemoteSocketAddress());
        assertThat(c.write(text("hello "))).isTrue();
        assertThat(c.write(text("server"))).isTrue();
        assertThat(readN(peer.getInputStream(), 12)).isEqualTo("hello server");
        peer.getOutputStream().write("hi client".getBytes(StandardCharsets.UTF_8));
        assertThat(r.read(9)).isEqualTo("hi client");
      }
      assertThat(r.closed.get(10, TimeUnit.SECONDS)).as("a clean close has no failure").isEmpty();
      c.terminated().get(10, TimeUnit.SECONDS);
      assertThat(c.write(text("late"))).isFalse();
    }
  }

  @Test
  void tlsVerifiesTheServerAgainstTheGivenTrustAndCarriesBytes() throws Exception {
    try (SSLServerSocket server = (SSLServerSocket) TLS.serverContext().getServerSocketFactory().createServerSocket(0, 1, LOOPBACK)) {
      CompletableFuture<String> got = new CompletableFuture<>();
      Thread.ofVirtual().start(() -> {
        try (Socket peer = server.accept()) {
          got.complete(readN(peer.getInputStream(), 4));
          peer.getOutputStream().write("pong".getBytes(StandardCharsets.UTF_8));
          peer.getOutputStream().flush();
          peer.getInputStream().read(); // until the client closes
        } catch (IOException e) {
          got.completeExceptionally(e);
        }
      });
      Recorder r = new Recorder();
      StreamConnector connector = new StreamConnector(TLS.trustingContext(), Duration.ofSeconds(10));
      try (StreamConnection c = connector.connect(LOOPBACK, (InetSocketAddress) server.getLocalSocketAddress(), true,
          "127.0.0.1", r)) {
        r.opened.get(10, TimeUnit.SECONDS);
        c.write(text("ping"));
        assertThat(got.get(10, TimeUnit.SECONDS)).isEqualTo("ping");
        assertThat(r.read(4)).isEqualTo("pong");
        c.close();
        c.terminated().get(10, TimeUnit.SECONDS);
      }
    }
  }

  private static String failureAgainstTlsServer(StreamConnector connector, String serverName) throws Exception {
    try (SSLServerSocket server = (SSLServerSocket) TLS.serverContext().getServerSocketFactory().createServerSocket(0, 1, LOOPBACK)) {
      Thread.ofVirtual().start(() -> {
        try (Socket peer = server.accept()) {
          peer.getInputStream().read();
        } catch (IOException e) {
          // the client rejects the handshake
        }
      });
      Recorder r = new Recorder();
      StreamConnection c = connector.connect(LOOPBACK, (InetSocketAddress) server.getLocalSocketAddress(), true, serverName, r);
      String failure = r.closed.get(10, TimeUnit.SECONDS);
      assertThat(r.opened).as("never opened").isNotDone();
      c.terminated().get(10, TimeUnit.SECONDS);
      return failure;
    }
  }

  @Test
  void anUntrustedCertificateFailsTheHandshake() throws Exception {
    assertThat(failureAgainstTlsServer(StreamConnector.withDefaultTrust(), "127.0.0.1")).startsWith("TLS:");
  }

  @Test
  void aCertificateForAnotherNameFailsTheHandshake() throws Exception {
    StreamConnector connector = new StreamConnector(TLS.trustingContext(), Duration.ofSeconds(10));
    assertThat(failureAgainstTlsServer(connector, "turn.example.org")).startsWith("TLS:");
  }

  @Test
  void aRefusedConnectionIsReportedAsAFailure() throws Exception {
    InetSocketAddress nobody;
    try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
      nobody = (InetSocketAddress) s.getLocalSocketAddress();
    }
    Recorder r = new Recorder();
    StreamConnection c = StreamConnector.withDefaultTrust().connect(LOOPBACK, nobody, false, "127.0.0.1", r);
    assertThat(r.closed.get(10, TimeUnit.SECONDS)).contains("refused");
    c.terminated().get(10, TimeUnit.SECONDS);
  }

  @Test
  void closeLetsQueuedWritesOutThenEndsWithoutAReport() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, LOOPBACK)) {
      Recorder r = new Recorder();
      StreamConnection c = StreamConnector.withDefaultTrust().connect(LOOPBACK, (InetSocketAddress) server.getLocalSocketAddress(),
          false, "127.0.0.1", r);
      try (Socket peer = server.accept()) {
        r.opened.get(10, TimeUnit.SECONDS);
        byte[] chunk = new byte[1000];
        for (int i = 0; i < 300; i++) {
          assertThat(c.write(ByteBuffer.wrap(chunk))).isTrue();
        }
        c.close();
        assertThat(c.write(ByteBuffer.wrap(chunk))).as("no write after close").isFalse();
        byte[] all = peer.getInputStream().readAllBytes(); // to EOF: the close came after the data
        assertThat(all).hasSize(300_000);
      }
      c.terminated().get(10, TimeUnit.SECONDS);
      assertThat(r.closed).as("the owner closed it: no report").isNotDone();
    }
  }

  @Test
  void aWriteOverTheQueueBoundIsDroppedWhole() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, LOOPBACK)) {
      Recorder r = new Recorder();
      try (StreamConnection c = StreamConnector.withDefaultTrust().connect(LOOPBACK,
          (InetSocketAddress) server.getLocalSocketAddress(), false, "127.0.0.1", r)) {
        assertThat(c.write(ByteBuffer.allocate(StreamConnection.MAX_QUEUED_BYTES + 1))).isFalse();
        assertThat(c.writesDropped()).isEqualTo(1);
        c.close();
        c.terminated().get(10, TimeUnit.SECONDS);
      }
    }
  }
}

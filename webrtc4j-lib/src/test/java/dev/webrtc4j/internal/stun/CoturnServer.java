package dev.webrtc4j.internal.stun;

import static org.assertj.core.api.Assertions.fail;

import dev.webrtc4j.internal.util.Bytes;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

/**
 * A real coturn ({@code turnserver}) on 127.0.0.1 for tests of other packages: UDP and TCP on one
 * free port, TLS on another when given a certificate, long-term credentials {@link #USER}/{@link
 * #PASSWORD}, loopback peers allowed, its own user database and logs in a temporary directory. The
 * flags are those of {@link CoturnInteropTest#command} with TLS switched on when asked.
 *
 * <p>{@link #requireInstalled()} aborts the calling test when coturn is missing, or fails it when
 * {@code WEBRTC4J_REQUIRE_COTURN=1}.
 */
public final class CoturnServer implements AutoCloseable {
  public static final String USER = "webrtc4j";
  public static final String PASSWORD = "s3cret-pass";
  public static final String REALM = "webrtc4j.test";
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  private final Process process;
  private final Path dir;
  /** UDP and TCP. */
  public final InetSocketAddress address;
  /** TLS over TCP, or null when started without a certificate. */
  public final @Nullable InetSocketAddress tlsAddress;

  private CoturnServer(Process process, Path dir, InetSocketAddress address, @Nullable InetSocketAddress tlsAddress) {
    this.process = process;
    this.dir = dir;
    this.address = address;
    this.tlsAddress = tlsAddress;
  }

  /** Whether {@code turnserver} is installed. */
  public static boolean installed() {
    return CoturnInteropTest.turnserverPath() != null;
  }

  /** Aborts (or with {@code WEBRTC4J_REQUIRE_COTURN=1} fails) the test when coturn is not installed. */
  public static void requireInstalled() {
    if (CoturnInteropTest.turnserverPath() != null) {
      return;
    }
    if ("1".equals(System.getenv("WEBRTC4J_REQUIRE_COTURN"))) {
      fail("WEBRTC4J_REQUIRE_COTURN=1 but no turnserver on the PATH (apt-get install -y coturn)");
    }
    Assumptions.abort("coturn's turnserver is not installed (apt-get install -y coturn); set WEBRTC4J_REQUIRE_COTURN=1 to make this a failure");
  }

  /**
   * Starts coturn and waits until it answers on every listener.
   *
   * @param certificate PEM certificate for TLS, or null for no TLS listener
   * @param privateKey PEM private key of {@code certificate}
   */
  public static CoturnServer start(@Nullable Path certificate, @Nullable Path privateKey) throws Exception {
    String turnserver = CoturnInteropTest.turnserverPath();
    if (turnserver == null) {
      throw new IllegalStateException("no turnserver; call requireInstalled() first");
    }
    Path dir = Files.createTempDirectory("webrtc4j-coturn");
    int port = freePortForUdpAndTcp();
    int tlsPort = certificate != null ? freePortForUdpAndTcp() : 0;
    int minPort = 40000 + (port % 15000);
    List<String> cmd = new ArrayList<>(List.of(turnserver, "-n", "--listening-ip=127.0.0.1", "--relay-ip=127.0.0.1",
        "--listening-port=" + port, "--min-port=" + minPort, "--max-port=" + (minPort + 40), "--lt-cred-mech",
        "--user=" + USER + ":" + PASSWORD, "--realm=" + REALM, "--allow-loopback-peers", "--no-cli", "--no-dtls",
        "--no-rfc5780", "--fingerprint", "--pidfile=" + dir.resolve("turnserver.pid"),
        "--log-file=" + dir.resolve("turnserver.log"), "--db=" + dir.resolve("turndb"), "--simple-log"));
    if (certificate != null) {
      cmd.addAll(List.of("--tls-listening-port=" + tlsPort, "--cert=" + certificate, "--pkey=" + privateKey));
    } else {
      cmd.add("--no-tls");
    }
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
    CoturnServer server = new CoturnServer(p, dir, new InetSocketAddress(LOOPBACK, port),
        certificate != null ? new InetSocketAddress(LOOPBACK, tlsPort) : null);
    try {
      server.awaitReady();
    } catch (Throwable t) {
      server.close();
      throw t;
    }
    return server;
  }

  /** A port free for UDP and for TCP on 127.0.0.1 (coturn takes both). */
  private static int freePortForUdpAndTcp() throws IOException {
    for (int i = 0; i < 50; i++) {
      try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
        int port = udp.getLocalPort();
        try (ServerSocket tcp = new ServerSocket(port, 1, LOOPBACK)) {
          return port;
        } catch (IOException taken) {
          // try another
        }
      }
    }
    throw new IOException("no port free for both UDP and TCP");
  }

  private void awaitReady() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
      s.setSoTimeout(200);
      SecureRandom random = new SecureRandom();
      // Any answer counts, not only one to the last request: once answers lag one probe behind
      // (a slow start), matching the last id alone would never succeed.
      Set<TransactionId> sent = new HashSet<>();
      boolean answered = false;
      while (true) {
        if (!process.isAlive()) {
          fail("turnserver exited with " + process.exitValue() + ":\n" + logs());
        }
        if (System.nanoTime() > deadline) {
          fail("turnserver did not answer within 60 s:\n" + logs());
        }
        // Each round trip of a probe paces the loop; the listeners are checked once UDP answered.
        StunMessage req = StunMessage.of(StunMethod.BINDING, StunClass.REQUEST, TransactionId.random(random));
        sent.add(req.transactionId());
        byte[] bytes = Bytes.copyOf(req.encode(null, true)).toArray();
        s.send(new DatagramPacket(bytes, bytes.length, address));
        try {
          DatagramPacket got = new DatagramPacket(new byte[1500], 1500);
          s.receive(got);
          answered |= sent.contains(StunMessage.parse(ByteBuffer.wrap(got.getData(), 0, got.getLength())).transactionId());
        } catch (SocketTimeoutException e) {
          // not up yet
        }
        if (answered && accepts(address) && (tlsAddress == null || accepts(tlsAddress))) {
          return;
        }
      }
    }
  }

  private static boolean accepts(InetSocketAddress a) {
    try (Socket s = new Socket()) {
      s.connect(a, 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** coturn's output and log, for failure messages. */
  public String logs() {
    StringBuilder b = new StringBuilder();
    for (String f : List.of("stdout.log", "turnserver.log")) {
      try {
        Path p = dir.resolve(f);
        if (Files.exists(p)) {
          b.append(Files.readString(p, StandardCharsets.UTF_8));
        }
      } catch (IOException e) {
        b.append("(cannot read ").append(f).append(": ").append(e).append(")\n");
      }
    }
    return b.toString();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }
}

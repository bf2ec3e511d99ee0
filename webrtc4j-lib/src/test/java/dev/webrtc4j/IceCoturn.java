package dev.webrtc4j;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

/**
 * A coturn {@code turnserver} on 127.0.0.1 for the connection-level tests, started the way
 * internal.stun.CoturnInteropTest starts it (its own --db, one long-term user, loopback peers
 * allowed, relays on loopback). Absent coturn skips the test, unless {@code
 * WEBRTC4J_REQUIRE_COTURN=1}, which makes it a failure.
 */
final class IceCoturn implements AutoCloseable {
  static final String USER = "webrtc4j";
  static final String PASSWORD = "s3cret-pass";
  static final String REALM = "webrtc4j.test";

  private final @Nullable Process process;
  private final @Nullable Path dir;
  private final int port;
  private final @Nullable String missing;

  private IceCoturn(@Nullable Process process, @Nullable Path dir, int port, @Nullable String missing) {
    this.process = process;
    this.dir = dir;
    this.port = port;
    this.missing = missing;
  }

  /** Starts coturn and waits until it answers a Binding request; a missing binary is remembered. */
  static IceCoturn start() throws Exception {
    String turnserver = turnserverPath();
    if (turnserver == null) {
      return new IceCoturn(null, null, 0, "coturn's turnserver is not installed (apt-get install -y coturn)");
    }
    Path dir = Files.createTempDirectory("webrtc4j-ice-coturn");
    int port;
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      port = s.getLocalPort();
    }
    int minPort = 20000 + ((port + 7919) % 20000);
    List<String> command = List.of(turnserver, "-n", "--listening-ip=127.0.0.1", "--relay-ip=127.0.0.1",
        "--listening-port=" + port, "--min-port=" + minPort, "--max-port=" + (minPort + 40), "--lt-cred-mech",
        "--user=" + USER + ":" + PASSWORD, "--realm=" + REALM, "--allow-loopback-peers", "--no-cli", "--no-tls",
        "--no-dtls", "--no-rfc5780", "--fingerprint", "--pidfile=" + dir.resolve("turnserver.pid"),
        "--log-file=" + dir.resolve("turnserver.log"), "--db=" + dir.resolve("turndb"), "--simple-log");
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("stdout.log").toFile()).start();
    IceCoturn c = new IceCoturn(p, dir, port, null);
    c.awaitReady();
    return c;
  }

  /** Call first in each test: skips (or, with WEBRTC4J_REQUIRE_COTURN=1, fails) without coturn. */
  void require() {
    if (missing == null) {
      return;
    }
    if ("1".equals(System.getenv("WEBRTC4J_REQUIRE_COTURN"))) {
      fail("WEBRTC4J_REQUIRE_COTURN=1 but " + missing);
    }
    Assumptions.abort(missing + "; set WEBRTC4J_REQUIRE_COTURN=1 to make this a failure");
  }

  InetSocketAddress address() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
  }

  String stunUrl() {
    return "stun:127.0.0.1:" + port;
  }

  String turnUrl() {
    return "turn:127.0.0.1:" + port + "?transport=udp";
  }

  RTCIceServer turn(String password) {
    return RTCIceServer.of(turnUrl(), USER, password);
  }

  private static @Nullable String turnserverPath() {
    String override = System.getProperty("webrtc4j.turnserver");
    if (override != null) {
      return new File(override).canExecute() ? override : null;
    }
    String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin" + File.pathSeparator
        + "/usr/local/bin";
    for (String d : path.split(File.pathSeparator)) {
      File f = new File(d, "turnserver");
      if (!d.isEmpty() && f.canExecute()) {
        return f.getAbsolutePath();
      }
    }
    return null;
  }

  /** A STUN Binding request (RFC 8489 §5: no attributes) and a wait for any answer to it. */
  private void awaitReady() throws Exception {
    Process p = java.util.Objects.requireNonNull(process);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    SecureRandom random = new SecureRandom();
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      s.setSoTimeout(200);
      while (System.nanoTime() < deadline) {
        if (!p.isAlive()) {
          fail("turnserver exited with " + p.exitValue() + ":\n" + logs());
        }
        byte[] tid = new byte[12];
        random.nextBytes(tid);
        ByteBuffer req = ByteBuffer.allocate(20).putShort((short) 0x0001).putShort((short) 0).putInt(0x2112A442).put(tid);
        s.send(new DatagramPacket(req.array(), 20, address()));
        try {
          DatagramPacket in = new DatagramPacket(new byte[1500], 1500);
          s.receive(in);
          if (in.getLength() >= 20 && ByteBuffer.wrap(in.getData(), 8, 12).equals(ByteBuffer.wrap(tid))) {
            return;
          }
        } catch (SocketTimeoutException notYet) {
          // retry until the deadline
        }
      }
    }
    fail("turnserver did not answer a Binding request within 60 s:\n" + logs());
  }

  String logs() {
    if (dir == null) {
      return "(no coturn)";
    }
    StringBuilder b = new StringBuilder();
    for (String f : List.of("stdout.log", "turnserver.log")) {
      try {
        Path p = dir.resolve(f);
        if (Files.exists(p)) {
          b.append(Files.readString(p, StandardCharsets.UTF_8));
        }
      } catch (IOException e) {
        b.append("(").append(f).append(": ").append(e).append(")");
      }
    }
    return b.toString();
  }

  @Override
  public void close() throws InterruptedException {
    Process p = process;
    if (p != null) {
      p.destroy();
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    }
  }
}

package dev.webrtc4j.internal.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.webrtc4j.internal.util.Bytes;
import dev.webrtc4j.internal.util.Datagram;
import java.io.File;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The TURN client core against a real coturn on loopback. The test code pumps datagrams between
 * the sans-I/O client and a {@link DatagramSocket}; all traffic stays on 127.0.0.1.
 *
 * <p>Skipped (with an assumption message) when {@code turnserver} is not installed, unless {@code
 * WEBRTC4J_REQUIRE_COTURN=1}, in which case a missing coturn fails the test.
 */
@Timeout(60)
class CoturnInteropTest {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static final String USER = "webrtc4j";
  private static final String PASSWORD = "s3cret-pass";
  private static final String REALM = "webrtc4j.test";

  private static Process coturn;
  private static Path workDir;
  private static InetSocketAddress serverAddress;

  /** The turnserver binary: the system property {@code webrtc4j.turnserver} if set, else from the PATH. */
  static String turnserverPath() {
    String override = System.getProperty("webrtc4j.turnserver");
    if (override != null) {
      return new File(override).canExecute() ? override : null;
    }
    String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin" + File.pathSeparator + "/usr/local/bin";
    for (String dir : path.split(File.pathSeparator)) {
      File f = new File(dir, "turnserver");
      if (!dir.isEmpty() && f.canExecute()) {
        return f.getAbsolutePath();
      }
    }
    return null;
  }

  private static int freeUdpPort() throws IOException {
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
      return s.getLocalPort();
    }
  }

  /** The exact command line, also given in docs/design/stun-turn.md. */
  static List<String> command(String turnserver, int port, int minPort, Path dir) {
    return List.of(
        turnserver,
        "-n",
        "--listening-ip=127.0.0.1",
        "--relay-ip=127.0.0.1",
        "--relay-ip=::1",
        "--listening-port=" + port,
        "--min-port=" + minPort,
        "--max-port=" + (minPort + 20),
        "--lt-cred-mech",
        "--user=" + USER + ":" + PASSWORD,
        "--realm=" + REALM,
        "--allow-loopback-peers",
        "--no-cli",
        "--no-tls",
        "--no-dtls",
        "--no-rfc5780",
        "--fingerprint",
        "--pidfile=" + dir.resolve("turnserver.pid"),
        "--log-file=" + dir.resolve("turnserver.log"),
        // Its own user database: the default /var/lib/turn/turndb is shared by every turnserver on
        // the machine, and a second instance starting at the same time waits on its lock.
        "--db=" + dir.resolve("turndb"),
        "--simple-log");
  }

  @BeforeAll
  static void startCoturn() throws Exception {
    String turnserver = turnserverPath();
    if (turnserver == null) {
      return; // each test then fails or is skipped, see requireCoturn
    }
    workDir = Files.createTempDirectory("webrtc4j-coturn");
    int port = freeUdpPort();
    int minPort = 20000 + (port % 20000);
    serverAddress = new InetSocketAddress(LOOPBACK, port);
    coturn =
        new ProcessBuilder(command(turnserver, port, minPort, workDir))
            .redirectErrorStream(true)
            .redirectOutput(workDir.resolve("stdout.log").toFile())
            .start();
    awaitBindingResponse();
  }

  /** Ready once it answers a STUN Binding request. */
  private static void awaitBindingResponse() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
      s.setSoTimeout(200);
      SecureRandom random = new SecureRandom();
      // Any answer counts, not only one to the last request: once answers lag one probe behind
      // (a slow start), matching the last id alone would never succeed.
      java.util.Set<TransactionId> sent = new java.util.HashSet<>();
      while (System.nanoTime() < deadline) {
        if (!coturn.isAlive()) {
          fail("turnserver exited with " + coturn.exitValue() + ":\n" + logs());
        }
        StunMessage req = StunMessage.of(StunMethod.BINDING, StunClass.REQUEST, TransactionId.random(random));
        sent.add(req.transactionId());
        byte[] bytes = Bytes.copyOf(req.encode(null, true)).toArray();
        s.send(new DatagramPacket(bytes, bytes.length, serverAddress));
        try {
          DatagramPacket p = new DatagramPacket(new byte[1500], 1500);
          s.receive(p);
          StunMessage resp = StunMessage.parse(ByteBuffer.wrap(p.getData(), 0, p.getLength()));
          if (sent.contains(resp.transactionId())) {
            return;
          }
        } catch (SocketTimeoutException e) {
          // not up yet
        }
      }
    }
    fail("turnserver did not answer a Binding request within 60 s:\n" + logs());
  }

  private static String logs() {
    try {
      StringBuilder b = new StringBuilder();
      for (String f : List.of("stdout.log", "turnserver.log")) {
        Path p = workDir.resolve(f);
        if (Files.exists(p)) {
          b.append(Files.readString(p, StandardCharsets.UTF_8));
        }
      }
      return b.toString();
    } catch (IOException e) {
      return "(no logs: " + e + ")";
    }
  }

  /** Per test, so that surefire reports the skip (a class-level abort is not counted). */
  @BeforeEach
  void requireCoturn() {
    if (coturn != null) {
      return;
    }
    if ("1".equals(System.getenv("WEBRTC4J_REQUIRE_COTURN"))) {
      fail("WEBRTC4J_REQUIRE_COTURN=1 but no turnserver on the PATH (apt-get install -y coturn)");
    }
    Assumptions.abort("coturn's turnserver is not installed (apt-get install -y coturn); set WEBRTC4J_REQUIRE_COTURN=1 to make this a failure");
  }

  @AfterAll
  static void stopCoturn() throws Exception {
    if (coturn != null) {
      coturn.destroy();
      if (!coturn.waitFor(5, TimeUnit.SECONDS)) {
        coturn.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    }
  }

  /**
   * Drives one TurnClient over a real socket: UDP datagrams, or a TCP stream framed with {@link
   * StunStreamDeframer} (the client then pads ChannelData and does not retransmit).
   */
  private static final class Driver implements AutoCloseable {
    final boolean tcp;
    final DatagramSocket udp;
    final Socket stream;
    final StunStreamDeframer deframer = new StunStreamDeframer();
    final InetSocketAddress local;
    final TurnClient client;
    final List<TurnEvent> events = new ArrayList<>();

    Driver(String password, boolean tcp) throws IOException {
      this(password, tcp, 0);
    }

    Driver(String password, boolean tcp, int family) throws IOException {
      this.tcp = tcp;
      if (tcp) {
        udp = null;
        stream = new Socket();
        stream.setTcpNoDelay(true);
        stream.bind(new InetSocketAddress(LOOPBACK, 0));
        stream.connect(serverAddress, 5000);
        local = (InetSocketAddress) stream.getLocalSocketAddress();
      } else {
        stream = null;
        udp = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
        local = (InetSocketAddress) udp.getLocalSocketAddress();
      }
      client = new TurnClient(TurnClient.Config.udp(serverAddress, local, USER, password).withSoftware("webrtc4j-test").withStream(tcp).withRequestedAddressFamily(family), new SecureRandom());
    }

    TurnEvent await(Predicate<TurnEvent> until) throws IOException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      byte[] buf = new byte[65536];
      while (System.nanoTime() < deadline) {
        long now = System.nanoTime();
        if (client.pollTimeout() <= now) {
          client.handleTimeout(now);
        }
        flush();
        for (TurnEvent e; (e = client.pollEvent()) != null; ) {
          events.add(e);
          if (until.test(e)) {
            return e;
          }
        }
        int waitMs = (int) Math.max(1, Math.min(50, (client.pollTimeout() - System.nanoTime()) / 1_000_000));
        try {
          if (tcp) {
            stream.setSoTimeout(waitMs);
            int n = stream.getInputStream().read(buf);
            if (n < 0) {
              throw new AssertionError("coturn closed the TCP connection; events " + events + "\n" + logs());
            }
            deframer.feed(ByteBuffer.wrap(buf, 0, n));
            for (ByteBuffer frame; (frame = deframer.poll()) != null; ) {
              client.handleDatagram(System.nanoTime(), new Datagram(serverAddress, local, frame));
            }
          } else {
            udp.setSoTimeout(waitMs);
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            udp.receive(p);
            InetSocketAddress from = new InetSocketAddress(p.getAddress(), p.getPort());
            client.handleDatagram(System.nanoTime(), Datagram.of(from, local, Arrays.copyOf(p.getData(), p.getLength())));
          }
        } catch (SocketTimeoutException e) {
          // deadline check
        }
      }
      throw new AssertionError("no matching TURN event in 10 s; events " + events + "\n" + logs());
    }

    /** Sends what the client has queued. */
    void flush() throws IOException {
      for (Datagram d; (d = client.pollTransmit()) != null; ) {
        byte[] out = Bytes.copyOf(d.payload()).toArray();
        if (tcp) {
          stream.getOutputStream().write(out);
        } else {
          udp.send(new DatagramPacket(out, out.length, d.destination()));
        }
      }
    }

    @Override
    public void close() throws IOException {
      if (tcp) {
        stream.close();
      } else {
        udp.close();
      }
    }
  }

  @ParameterizedTest(name = "over {0}")
  @ValueSource(strings = {"UDP", "TCP"})
  void allocatesRelaysBothWaysAndReleases(String transport) throws Exception {
    try (Driver d = new Driver(PASSWORD, transport.equals("TCP"));
        DatagramSocket peer = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
      peer.setSoTimeout(5000);
      d.client.allocate(System.nanoTime());
      TurnEvent.Allocated allocated = (TurnEvent.Allocated) d.await(e -> e instanceof TurnEvent.Allocated || e instanceof TurnEvent.Error);
      assertThat(allocated.relayedAddress().getAddress()).isEqualTo(LOOPBACK);
      assertThat(allocated.mappedAddress()).isEqualTo(d.local);
      assertThat(allocated.lifetimeSeconds()).isPositive();

      // Client -> peer through a Send indication.
      InetSocketAddress peerAddress = new InetSocketAddress(LOOPBACK, peer.getLocalPort());
      d.client.createPermission(System.nanoTime(), LOOPBACK);
      d.await(e -> e instanceof TurnEvent.PermissionCreated);
      d.client.send(System.nanoTime(), peerAddress, ByteBuffer.wrap("hello peer".getBytes(StandardCharsets.UTF_8)));
      d.flush();
      DatagramPacket got = new DatagramPacket(new byte[1500], 1500);
      peer.receive(got);
      assertThat(new String(got.getData(), 0, got.getLength(), StandardCharsets.UTF_8)).isEqualTo("hello peer");
      assertThat(new InetSocketAddress(got.getAddress(), got.getPort())).isEqualTo(allocated.relayedAddress());

      // Peer -> client through a Data indication.
      byte[] back = "hello client".getBytes(StandardCharsets.UTF_8);
      peer.send(new DatagramPacket(back, back.length, allocated.relayedAddress()));
      TurnEvent.PeerData data = (TurnEvent.PeerData) d.await(e -> e instanceof TurnEvent.PeerData);
      assertThat(data.peer()).isEqualTo(peerAddress);
      assertThat(data.data()).isEqualTo(Bytes.of(back));

      // Both ways over a channel.
      int channel = d.client.bindChannel(System.nanoTime(), peerAddress);
      d.await(e -> e instanceof TurnEvent.ChannelBound);
      d.client.send(System.nanoTime(), peerAddress, ByteBuffer.wrap(new byte[] {1, 2, 3}));
      d.flush();
      peer.receive(got);
      assertThat(Bytes.of(got.getData(), 0, got.getLength())).isEqualTo(Bytes.fromHex("010203"));
      peer.send(new DatagramPacket(new byte[] {4, 5}, 2, allocated.relayedAddress()));
      TurnEvent.PeerData viaChannel = (TurnEvent.PeerData) d.await(e -> e instanceof TurnEvent.PeerData && ((TurnEvent.PeerData) e).data().length() == 2);
      assertThat(viaChannel.data()).isEqualTo(Bytes.fromHex("0405"));
      assertThat(channel).isBetween(0x4000, 0x4FFF);

      d.client.close(System.nanoTime());
      d.await(e -> e instanceof TurnEvent.Closed);
      assertThat(d.events).noneMatch(e -> e instanceof TurnEvent.Error);
    }
  }

  @Test
  void allocatesAnIpv6RelayWhenAskedAndRelaysToAnIpv6Peer() throws Exception {
    InetAddress v6 = InetAddress.getByName("::1");
    try (Driver d = new Driver(PASSWORD, false, StunAttribute.FAMILY_IPV6);
        DatagramSocket peer = new DatagramSocket(new InetSocketAddress(v6, 0))) {
      peer.setSoTimeout(5000);
      d.client.allocate(System.nanoTime());
      TurnEvent.Allocated allocated = (TurnEvent.Allocated) d.await(e -> e instanceof TurnEvent.Allocated || e instanceof TurnEvent.Error);
      assertThat(allocated.relayedAddress().getAddress()).isEqualTo(v6);
      InetSocketAddress peerAddress = new InetSocketAddress(v6, peer.getLocalPort());
      d.client.send(System.nanoTime(), peerAddress, ByteBuffer.wrap(new byte[] {6, 6}));
      d.await(e -> e instanceof TurnEvent.PermissionCreated);
      d.flush();
      DatagramPacket got = new DatagramPacket(new byte[100], 100);
      peer.receive(got);
      assertThat(Bytes.of(got.getData(), 0, got.getLength())).isEqualTo(Bytes.fromHex("0606"));
      peer.send(new DatagramPacket(new byte[] {7}, 1, allocated.relayedAddress()));
      TurnEvent.PeerData data = (TurnEvent.PeerData) d.await(e -> e instanceof TurnEvent.PeerData);
      assertThat(data.peer()).isEqualTo(peerAddress);
    }
  }

  @Test
  void bindingResponseParsesAndNamesOurAddress() throws Exception {
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
      s.setSoTimeout(5000);
      StunMessage req = StunMessage.of(StunMethod.BINDING, StunClass.REQUEST, TransactionId.random(new SecureRandom()), new StunAttribute.Software("webrtc4j"));
      byte[] bytes = Bytes.copyOf(req.encode(null, true)).toArray();
      s.send(new DatagramPacket(bytes, bytes.length, serverAddress));
      DatagramPacket p = new DatagramPacket(new byte[1500], 1500);
      s.receive(p);
      ByteBuffer raw = ByteBuffer.wrap(p.getData(), 0, p.getLength());
      StunMessage resp = StunMessage.parse(raw.duplicate());
      assertThat(resp.messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
      assertThat(resp.transactionId()).isEqualTo(req.transactionId());
      assertThat(resp.find(StunAttribute.XorMappedAddress.class).orElseThrow().address()).isEqualTo(s.getLocalSocketAddress());
      assertThat(StunIntegrity.hasValidFingerprint(raw)).isTrue();
      // Re-encoding what coturn sent gives its bytes back (coturn pads with zeros).
      assertThat(Bytes.copyOf(resp.toBuffer())).isEqualTo(Bytes.copyOf(raw));
    }
  }

  @Test
  void wrongPasswordEndsInA401Error() throws Exception {
    try (Driver d = new Driver("not-the-password", false)) {
      d.client.allocate(System.nanoTime());
      TurnEvent e = d.await(ev -> ev instanceof TurnEvent.Allocated || ev instanceof TurnEvent.Error);
      assertThat(e).isInstanceOf(TurnEvent.Error.class);
      assertThat(((TurnEvent.Error) e).errorCode()).isEqualTo(401);
    }
  }
}

package dev.webrtc4j;

import dev.webrtc4j.internal.stun.CoturnServer;
import java.net.InetSocketAddress;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The test suite's coturn ({@link CoturnServer}: 127.0.0.1, its own --db, one long-term user,
 * loopback peers allowed, UDP and TCP) seen from the connection-level tests. Absent coturn skips
 * the test, unless {@code WEBRTC4J_REQUIRE_COTURN=1}, which makes it a failure.
 */
final class IceCoturn implements AutoCloseable {
  static final String USER = CoturnServer.USER;
  static final String PASSWORD = CoturnServer.PASSWORD;
  static final String REALM = CoturnServer.REALM;

  private final @Nullable CoturnServer server;

  private IceCoturn(@Nullable CoturnServer server) {
    this.server = server;
  }

  /** Starts coturn and waits until it answers; without coturn, {@link #require} decides. */
  static IceCoturn start() throws Exception {
    return new IceCoturn(CoturnServer.installed() ? CoturnServer.start(null, null) : null);
  }

  /** Call first in each test: skips (or, with WEBRTC4J_REQUIRE_COTURN=1, fails) without coturn. */
  void require() {
    CoturnServer.requireInstalled();
  }

  InetSocketAddress address() {
    return Objects.requireNonNull(server, "coturn is not running").address;
  }

  String stunUrl() {
    return "stun:127.0.0.1:" + address().getPort();
  }

  String turnUrl() {
    return "turn:127.0.0.1:" + address().getPort() + "?transport=udp";
  }

  RTCIceServer turn(String password) {
    return RTCIceServer.of(turnUrl(), USER, password);
  }

  @Override
  public void close() throws InterruptedException {
    if (server != null) {
      server.close();
    }
  }
}

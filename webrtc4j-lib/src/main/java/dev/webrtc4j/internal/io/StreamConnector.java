package dev.webrtc4j.internal.io;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * Opens client {@link StreamConnection}s (TCP, or TLS over TCP) for TURN over TCP/TLS (RFC 8656
 * §3.1). Holds what every connection shares: the TLS trust ({@link SSLContext}) that decides which
 * {@code turns:} servers are believed, and the connect timeout. Thread-safe.
 */
public final class StreamConnector {
  /** Time allowed for the TCP connect, and again for the TLS handshake. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final SSLContext tls;
  private final Duration connectTimeout;

  /**
   * @param tls the trust (and protocol versions) for TLS streams; the server's certificate must
   *     chain to it and name the server (RFC 6125 checks, {@code HTTPS} endpoint identification)
   * @param connectTimeout for the TCP connect and again for the TLS handshake
   */
  public StreamConnector(SSLContext tls, Duration connectTimeout) {
    this.tls = Objects.requireNonNull(tls, "tls");
    this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
    if (connectTimeout.isNegative() || connectTimeout.isZero() || connectTimeout.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("connectTimeout " + connectTimeout);
    }
  }

  /** The JDK's default trust (the {@code cacerts} store, or {@code javax.net.ssl.trustStore}). */
  public static StreamConnector withDefaultTrust() {
    try {
      return new StreamConnector(SSLContext.getDefault(), DEFAULT_CONNECT_TIMEOUT);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no default TLS context", e);
    }
  }

  /**
   * Starts connecting at once, on the connection's own virtual thread; the outcome reaches {@code
   * handler}. Never blocks and never throws for network conditions.
   *
   * @param localIp the local address to connect from (any port), or null for the system's choice
   * @param remote the server
   * @param tls whether to run TLS over the TCP connection
   * @param serverName for TLS: the name the certificate must carry (a DNS name, also sent as SNI,
   *     or an IP literal checked against the certificate's IP addresses)
   */
  public StreamConnection connect(@Nullable InetAddress localIp, InetSocketAddress remote, boolean tls,
      String serverName, StreamHandler handler) {
    Objects.requireNonNull(remote, "remote");
    Objects.requireNonNull(serverName, "serverName");
    Objects.requireNonNull(handler, "handler");
    if (remote.isUnresolved()) {
      throw new IllegalArgumentException("remote must be resolved: " + remote);
    }
    return new StreamConnection(localIp, remote, tls ? this.tls : null, serverName, (int) connectTimeout.toMillis(),
        handler);
  }
}

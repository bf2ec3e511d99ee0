package dev.webrtc4j.internal.io;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A safety net for test runs: with the system property {@code webrtc4j.networkGuard=loopback}
 * (set by the build for every test JVM) nothing leaves the machine, whatever a test configures.
 * Host candidates are gathered on loopback only, datagrams to any other address are dropped and
 * logged, and STUN/TURN server names are not looked up in DNS. The project's network rule
 * (docs/ARCHITECTURE.md) is then enforced, not just followed. Off in normal use.
 */
public final class NetworkGuard {
  public static final String PROPERTY = "webrtc4j.networkGuard";
  private static final boolean LOOPBACK_ONLY = "loopback".equals(System.getProperty(PROPERTY));
  private static final AtomicBoolean WARNED = new AtomicBoolean();
  private static final System.Logger LOG = System.getLogger(NetworkGuard.class.getName());

  private NetworkGuard() {}

  /** Whether the guard is on. */
  public static boolean loopbackOnly() {
    return LOOPBACK_ONLY;
  }

  /** Whether a datagram may go to {@code destination}; logs the first refusal. */
  public static boolean allows(InetSocketAddress destination) {
    if (!LOOPBACK_ONLY) {
      return true;
    }
    InetAddress a = destination.getAddress();
    boolean ok = a != null && a.isLoopbackAddress();
    if (!ok && WARNED.compareAndSet(false, true)) {
      LOG.log(System.Logger.Level.WARNING, "network guard: dropped a datagram to {0} (only loopback is allowed)",
          destination);
    }
    return ok;
  }

  /** Whether {@code host} may be resolved: under the guard only IP literals (no DNS query). */
  public static boolean allowsLookup(String host) {
    return !LOOPBACK_ONLY || isIpLiteral(host);
  }

  private static boolean isIpLiteral(String host) {
    if (host.isEmpty()) {
      return false;
    }
    if (host.indexOf(':') >= 0) {
      return host.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.' || c == '%');
    }
    return host.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.');
  }
}

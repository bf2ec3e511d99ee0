package dev.webrtc4j;

import dev.webrtc4j.internal.io.MulticastDnsResolver;
import dev.webrtc4j.internal.io.NetworkGuard;
import java.io.IOException;
import java.lang.System.Logger.Level;
import org.jspecify.annotations.Nullable;

/**
 * The process's one multicast DNS resolver for remote {@code .local} candidates, made on first
 * use when {@code Settings.mdnsResolver()} names none. Never under the network guard (tests use a
 * fake resolver; multicast is not loopback). If the sockets cannot be opened, .local candidates
 * are dropped, as a browser without mDNS does.
 */
final class SharedMdns {
  private static final System.Logger LOG = System.getLogger(SharedMdns.class.getName());
  private static @Nullable MulticastDnsResolver resolver;
  private static boolean tried;

  private SharedMdns() {}

  static synchronized @Nullable MulticastDnsResolver resolver() {
    if (!tried && !NetworkGuard.loopbackOnly()) {
      tried = true;
      try {
        resolver = MulticastDnsResolver.createDefault(MulticastDnsResolver.Options.defaults());
      } catch (IOException | RuntimeException e) {
        LOG.log(Level.INFO, "no multicast DNS: remote .local candidates will be dropped ({0})", e.toString());
      }
    }
    return resolver;
  }
}

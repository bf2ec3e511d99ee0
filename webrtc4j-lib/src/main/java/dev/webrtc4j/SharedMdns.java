package dev.webrtc4j;

import dev.webrtc4j.internal.io.MdnsResponder;
import dev.webrtc4j.internal.io.MulticastDnsResolver;
import dev.webrtc4j.internal.io.NetworkGuard;
import java.io.IOException;
import java.lang.System.Logger.Level;
import org.jspecify.annotations.Nullable;

/**
 * The process's one multicast DNS resolver for remote {@code .local} candidates, made on first
 * use when {@code Settings.mdnsResolver()} names none, and its one responder for the names that
 * hide our host candidates ({@code Settings.mdnsHostCandidates}). Never under the network guard
 * (tests use a fake resolver, which may look our names up with {@link #lookupLocal}; multicast is
 * not loopback). If the sockets cannot be opened, .local candidates are dropped and our names
 * are not answered, as with a browser without mDNS.
 */
final class SharedMdns {
  private static final System.Logger LOG = System.getLogger(SharedMdns.class.getName());
  private static @Nullable MulticastDnsResolver resolver;
  private static boolean tried;
  private static @Nullable MdnsResponder responder;
  private static boolean triedResponder;
  private static final java.util.Map<String, java.net.InetAddress> LOCAL =
      new java.util.concurrent.ConcurrentHashMap<>();

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

  /** Publishes {@code name} for {@code address} (answered by the responder, if it runs). */
  static void register(String name, java.net.InetAddress address) {
    LOCAL.put(name, address);
    MdnsResponder r = responder();
    if (r != null) {
      r.register(name, address);
    }
  }

  static void unregister(String name) {
    LOCAL.remove(name);
    MdnsResponder r = responder();
    if (r != null) {
      r.unregister(name);
    }
  }

  /** The address behind one of this process's names (for in-process resolvers in tests). */
  static java.util.Optional<java.net.InetAddress> lookupLocal(String name) {
    return java.util.Optional.ofNullable(LOCAL.get(name));
  }

  private static synchronized @Nullable MdnsResponder responder() {
    if (!triedResponder && !NetworkGuard.loopbackOnly()) {
      triedResponder = true;
      try {
        responder = MdnsResponder.createDefault();
      } catch (IOException | RuntimeException e) {
        LOG.log(Level.INFO, "no multicast DNS responder: hidden host candidates cannot be resolved ({0})", e.toString());
      }
    }
    return responder;
  }
}

package dev.webrtc4j.internal.ice;

/**
 * Resolves remote {@code .local} candidate names (draft-ietf-mmusic-mdns-ice-candidates). The
 * agent calls {@link #resolve} at most once per outstanding name, on its event loop; the
 * implementation must not block. The answer comes back as an input:
 * {@link IceAgent#mdnsResolved(long, String, java.net.InetAddress)}.
 */
@FunctionalInterface
public interface MdnsResolver {
  void resolve(String hostname);
}

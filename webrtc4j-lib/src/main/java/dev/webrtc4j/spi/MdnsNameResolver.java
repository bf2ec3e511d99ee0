package dev.webrtc4j.spi;

import java.net.InetAddress;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Resolves a remote {@code .local} ICE candidate name (draft-ietf-mmusic-mdns-ice-candidates).
 * Called on the connection's loop thread: it must not block. An empty result, an exception or no
 * completion within the connection's own timeout drops the candidate, as browsers do.
 */
@FunctionalInterface
public interface MdnsNameResolver {
  CompletionStage<Optional<InetAddress>> resolve(String hostname);
}

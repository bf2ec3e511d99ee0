package dev.webrtc4j.internal.io;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * Receives what happens on a {@link StreamConnection}. Called on the connection's own (virtual)
 * threads, one call at a time and in order: implementations only enqueue onto the owning
 * connection's event loop and return.
 */
public interface StreamHandler {
  /** Connected, and for TLS the handshake succeeded; {@code localAddress} is the TCP socket's. */
  void onOpened(InetSocketAddress localAddress, long receivedNanos);

  /** Bytes received, a fresh heap buffer the handler owns; chunk boundaries mean nothing. */
  void onData(ByteBuffer bytes, long receivedNanos);

  /**
   * The stream ended: {@code failure} is null when the peer closed it cleanly, else why it could
   * not be opened or broke (refused, timed out, TLS handshake or certificate failure, reset). The
   * last call; never made after {@link StreamConnection#close()}.
   */
  void onClosed(@Nullable String failure, long nanos);
}

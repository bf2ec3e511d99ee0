package dev.webrtc4j.internal.io;

import dev.webrtc4j.internal.util.Datagram;

/**
 * Receives datagrams from a {@link UdpSocket}. Called on the I/O thread: implementations only
 * enqueue the datagram onto the owning connection's event loop and return.
 */
@FunctionalInterface
public interface DatagramHandler {
  /**
   * @param datagram source = the remote address, destination = the socket's local address; the
   *     payload is a fresh heap buffer the handler owns
   * @param receivedNanos monotonic time of receipt
   */
  void onDatagram(Datagram datagram, long receivedNanos);

  /**
   * The reactor has read every socket that was readable and delivered what it read: a handler
   * that collects datagrams ({@link DatagramInbox}) hands its batch to its loop now, once, rather
   * than once per datagram. Called on the I/O thread after at least one {@link #onDatagram}.
   */
  default void endOfBurst() {}
}

package dev.webrtc4j.testkit.net;

import dev.webrtc4j.internal.util.Datagram;

/**
 * Something attached to a {@link SimNetwork}: in practice an adapter around a sans-I/O core (an ICE
 * agent, an SCTP association, a whole peer connection core). The network calls it on virtual time
 * and drains its transmits after every call.
 */
public interface SimNode {
  /** A datagram arrived at one of the node's addresses. */
  void handleDatagram(long nowNanos, Datagram datagram);

  /** The node's deadline has come. */
  void handleTimeout(long nowNanos);

  /** Next datagram to send, or null when there is none. Its source must be one of the node's addresses. */
  Datagram pollTransmit();

  /** Absolute virtual time of the node's next deadline; {@link Long#MAX_VALUE} when idle. */
  long pollTimeout();
}

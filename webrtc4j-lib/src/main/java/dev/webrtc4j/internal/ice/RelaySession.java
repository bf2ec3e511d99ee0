package dev.webrtc4j.internal.ice;

import dev.webrtc4j.internal.util.Datagram;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * One TURN allocation as the agent uses it (RFC 8656): a sans-I/O core of its own that the agent
 * drives and drains. The agent hands it the datagrams that come from its server, sends relayed
 * candidates' traffic through {@link #send}, and turns its events into relay candidates, candidate
 * errors and received datagrams.
 */
interface RelaySession {
  /** Starts the allocation. */
  void allocate(long now);

  /** Relays {@code data} to {@code peer} (permissions are the session's business). */
  boolean send(long now, InetSocketAddress peer, ByteBuffer data);

  /** Hint: {@code peer} carries the selected pair; a TURN session binds a channel to it. */
  default void preferChannel(long now, InetSocketAddress peer) {}

  /** A datagram from the TURN server. */
  void handleDatagram(long now, Datagram in);

  void handleTimeout(long now);

  @Nullable Datagram pollTransmit();

  @Nullable Event pollEvent();

  long pollTimeout();

  /** Releases the allocation. */
  void close(long now);

  /** What a session reports. */
  sealed interface Event {
    /** The allocation exists: {@code relayed} becomes a relay candidate, {@code mapped} a srflx one. */
    record Allocated(InetSocketAddress relayed, InetSocketAddress mapped) implements Event {}

    /** The allocation failed: the server's STUN error code, or 701 when it never answered. */
    record Failed(int errorCode, String errorText) implements Event {}

    /** Data from {@code peer}, received at the relayed address. */
    record PeerData(InetSocketAddress peer, ByteBuffer data) implements Event {}
  }

  /** Makes the session for one TURN server and one local socket. */
  @FunctionalInterface
  interface Factory {
    RelaySession create(IceServer server, InetSocketAddress localSocket, java.util.random.RandomGenerator random);
  }
}

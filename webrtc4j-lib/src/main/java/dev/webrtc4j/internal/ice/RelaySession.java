package dev.webrtc4j.internal.ice;

import dev.webrtc4j.internal.util.Datagram;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * One TURN allocation as the agent uses it (RFC 8656): a sans-I/O core of its own that the agent
 * drives and drains. The agent hands it the datagrams that come from its server, sends relayed
 * candidates' traffic through {@link #send}, and turns its events into relay candidates, candidate
 * errors and received datagrams.
 *
 * <p>Over UDP the session's output is {@link #pollTransmit() datagrams} from the local socket to
 * the server. Over TCP or TLS ({@link #protocol()}{@code .stream()}) it is {@link
 * #pollStreamOutput() stream output} instead: open a connection, write, close; the agent gives the
 * stream an id, passes the output on as {@link StreamCommand}s and feeds the I/O layer's answers to
 * {@link #handleStreamOpened}, {@link #handleStreamData} and {@link #handleStreamClosed}.
 */
interface RelaySession {
  /** How the session reaches its server; the relayed address is UDP whatever this is. */
  default RelayProtocol protocol() {
    return RelayProtocol.UDP;
  }

  /** Starts the allocation. */
  void allocate(long now);

  /** Relays {@code data} to {@code peer} (permissions are the session's business). */
  boolean send(long now, InetSocketAddress peer, ByteBuffer data);

  /** Hint: {@code peer} carries the selected pair; a TURN session binds a channel to it. */
  default void preferChannel(long now, InetSocketAddress peer) {}

  /** A datagram from the TURN server (UDP sessions only). */
  void handleDatagram(long now, Datagram in);

  /** The stream asked for by {@link StreamOutput.Open} is connected at {@code local}. */
  default void handleStreamOpened(long now, InetSocketAddress local) {}

  /** Bytes received on the stream, a chunk of any size (the session deframes). */
  default void handleStreamData(long now, ByteBuffer bytes) {}

  /** The stream closed ({@code failure} null) or could not be opened or broke ({@code failure} says why). */
  default void handleStreamClosed(long now, @Nullable String failure) {}

  void handleTimeout(long now);

  @Nullable Datagram pollTransmit();

  /** The next stream action (stream sessions only), or null. */
  default @Nullable StreamOutput pollStreamOutput() {
    return null;
  }

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

  /** What a stream session asks of the I/O layer; {@link StreamCommand} without the stream id. */
  sealed interface StreamOutput {
    record Open(InetAddress localIp, InetSocketAddress server, boolean tls, String serverName) implements StreamOutput {}

    /** One whole STUN message or padded ChannelData message. */
    record Write(ByteBuffer bytes) implements StreamOutput {}

    record Close() implements StreamOutput {}
  }

  /** Makes the session for one TURN server and one local socket. */
  @FunctionalInterface
  interface Factory {
    RelaySession create(IceServer server, InetSocketAddress localSocket, java.util.random.RandomGenerator random);
  }
}

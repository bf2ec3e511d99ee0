package dev.webrtc4j.internal.ice;

import static java.lang.System.Logger.Level.DEBUG;

import dev.webrtc4j.internal.stun.StunStreamDeframer;
import dev.webrtc4j.internal.stun.TurnClient;
import dev.webrtc4j.internal.stun.TurnEvent;
import dev.webrtc4j.internal.util.Datagram;
import dev.webrtc4j.internal.util.Timer;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * {@link RelaySession} on the TURN client of {@code internal.stun} (RFC 8656), over UDP, TCP or TLS
 * as the server's url says ({@code turn:h:p}, {@code turn:h:p?transport=tcp}, {@code turns:h:p}).
 *
 * <p>Over UDP the client's datagrams are the session's transmits. Over TCP/TLS the session first
 * asks for a stream ({@link StreamOutput.Open}); the client is made once it is open, with the
 * stream's local address as its own, in stream mode (no retransmissions, ChannelData padded to 4
 * bytes, RFC 8656 §12.5); each client transmit becomes one {@link StreamOutput.Write}, and received
 * bytes are split into messages by a {@link StunStreamDeframer}. The relayed address is UDP either
 * way: only the client-to-server leg is a stream.
 *
 * <p>Stream failures before the allocation exists (connection refused, TLS handshake failed, the
 * server closed the stream, no answer to the open within {@link #STREAM_OPEN_TIMEOUT}, lost
 * framing) are reported as {@code Failed(701, ...)}, the W3C code for a server that cannot be
 * reached; the server's own error answers keep their code (401, 486, ...).
 */
final class TurnRelay implements RelaySession {
  private static final System.Logger LOG = System.getLogger(TurnRelay.class.getName());

  /** How long a stream may take to open (TCP connect plus TLS handshake) before the allocation fails. */
  static final long STREAM_OPEN_TIMEOUT = 15_000_000_000L;

  static final int UNREACHABLE = 701;

  /** Where the stream of a TCP/TLS session is. */
  private sealed interface StreamState {}

  private record NotStarted() implements StreamState {}

  private record Connecting(Timer timeout) implements StreamState {}

  private record Connected(TurnClient client, StunStreamDeframer deframer) implements StreamState {}

  private record Ended() implements StreamState {}

  private final IceServer server;
  private final String url;
  private final InetSocketAddress localSocket;
  private final RandomGenerator random;
  /** Null for DTLS, which is not supported. */
  private final @Nullable RelayProtocol protocol;
  private final @Nullable TurnClient udpClient;
  private final ArrayDeque<StreamOutput> streamOutput = new ArrayDeque<>();
  private final ArrayDeque<Event> ownEvents = new ArrayDeque<>();
  private StreamState stream = new NotStarted();

  TurnRelay(IceServer server, InetSocketAddress localSocket, RandomGenerator random) {
    this.server = server;
    this.url = server.url();
    this.localSocket = localSocket;
    this.random = random;
    this.protocol = TurnUrl.protocol(server.url());
    this.udpClient = protocol == RelayProtocol.UDP ? new TurnClient(clientConfig(localSocket), random) : null;
  }

  private TurnClient.Config clientConfig(InetSocketAddress local) {
    return TurnClient.Config.udp(server.address(), local,
            Objects.requireNonNull(server.username(), "TURN username"),
            Objects.requireNonNull(server.credential(), "TURN credential"))
        .withStream(protocol != null && protocol.stream());
  }

  @Override
  public RelayProtocol protocol() {
    // DTLS sessions never get past allocate(); call them TLS, the nearest thing the W3C names.
    return protocol == null ? RelayProtocol.TLS : protocol;
  }

  /** The client while it can talk to the server: always over UDP, once the stream is open over TCP/TLS. */
  private @Nullable TurnClient client() {
    if (udpClient != null) {
      return udpClient;
    }
    return stream instanceof Connected c ? c.client() : null;
  }

  @Override
  public void allocate(long now) {
    if (udpClient != null) {
      udpClient.allocate(now);
      return;
    }
    if (!(stream instanceof NotStarted)) {
      return;
    }
    if (protocol == null) {
      stream = new Ended();
      ownEvents.add(new Event.Failed(UNREACHABLE, "TURN over DTLS (turns: with transport=udp) is not supported"));
      return;
    }
    Timer timeout = Timer.oneShot("turn-stream-open", STREAM_OPEN_TIMEOUT);
    timeout.start(now);
    stream = new Connecting(timeout);
    streamOutput.add(new StreamOutput.Open(localSocket.getAddress(), server.address(), protocol == RelayProtocol.TLS,
        TurnUrl.host(url)));
  }

  @Override
  public boolean send(long now, InetSocketAddress peer, ByteBuffer data) {
    TurnClient c = client();
    if (c == null) {
      return false;
    }
    boolean sent = c.send(now, peer, data);
    moveClientTransmits();
    return sent;
  }

  @Override
  public void preferChannel(long now, InetSocketAddress peer) {
    TurnClient c = client();
    if (c != null) {
      c.bindChannel(now, peer);
      moveClientTransmits();
    }
  }

  @Override
  public void handleDatagram(long now, Datagram in) {
    if (udpClient != null) {
      udpClient.handleDatagram(now, in);
    }
  }

  @Override
  public void handleStreamOpened(long now, InetSocketAddress local) {
    if (!(stream instanceof Connecting c)) {
      return;
    }
    c.timeout().stop();
    LOG.log(DEBUG, () -> "ICE: " + protocol().w3cName() + " stream to TURN server " + url + " open");
    TurnClient client = new TurnClient(clientConfig(local), random);
    stream = new Connected(client, new StunStreamDeframer());
    client.allocate(now);
    moveClientTransmits();
  }

  @Override
  public void handleStreamData(long now, ByteBuffer bytes) {
    if (!(stream instanceof Connected c)) {
      return;
    }
    ByteBuffer chunk = bytes.duplicate();
    InetSocketAddress local = c.client().config().local();
    while (chunk.hasRemaining()) {
      // feed takes what fits; polling frees room for the rest.
      c.deframer().feed(chunk);
      for (ByteBuffer frame; (frame = c.deframer().poll()) != null; ) {
        c.client().handleDatagram(now, new Datagram(c.client().server(), local, frame));
      }
      if (c.deframer().isBroken()) {
        endStream("the TURN server's stream lost its framing");
        return;
      }
    }
    moveClientTransmits();
  }

  @Override
  public void handleStreamClosed(long now, @Nullable String failure) {
    switch (stream) {
      case Connecting c -> {
        c.timeout().stop();
        stream = new Ended();
        ownEvents.add(new Event.Failed(UNREACHABLE, "cannot reach the TURN server over " + protocol().w3cName()
            + (failure == null ? "" : ": " + failure)));
      }
      case Connected c -> {
        stream = new Ended();
        ownEvents.add(new Event.Failed(UNREACHABLE, "the TURN server's " + protocol().w3cName() + " stream closed"
            + (failure == null ? "" : ": " + failure)));
      }
      case NotStarted n -> { }
      case Ended e -> { }
    }
  }

  /** Fails the allocation for a reason of the stream and asks for the stream to be closed. */
  private void endStream(String reason) {
    stream = new Ended();
    ownEvents.add(new Event.Failed(UNREACHABLE, reason));
    streamOutput.add(new StreamOutput.Close());
  }

  @Override
  public void handleTimeout(long now) {
    if (stream instanceof Connecting c && c.timeout().expire(now)) {
      LOG.log(DEBUG, () -> "ICE: turn-stream-open timer fired: no stream to " + url);
      endStream("no " + protocol().w3cName() + " stream to the TURN server within "
          + STREAM_OPEN_TIMEOUT / 1_000_000_000L + " s");
      return;
    }
    TurnClient c = client();
    if (c != null && c.pollTimeout() <= now) {
      c.handleTimeout(now);
      moveClientTransmits();
    }
  }

  @Override
  public @Nullable Datagram pollTransmit() {
    return udpClient != null ? udpClient.pollTransmit() : null;
  }

  @Override
  public @Nullable StreamOutput pollStreamOutput() {
    return streamOutput.pollFirst();
  }

  /** Over a stream, every client transmit becomes one write, in order. */
  private void moveClientTransmits() {
    if (!(stream instanceof Connected c)) {
      return;
    }
    for (Datagram d; (d = c.client().pollTransmit()) != null; ) {
      streamOutput.add(new StreamOutput.Write(d.payload().duplicate()));
    }
  }

  @Override
  public @Nullable Event pollEvent() {
    Event own = ownEvents.pollFirst();
    if (own != null) {
      return own;
    }
    TurnClient client = client();
    if (client == null) {
      return null;
    }
    TurnEvent e;
    while ((e = client.pollEvent()) != null) {
      switch (e) {
        case TurnEvent.Allocated a -> {
          return new Event.Allocated(a.relayedAddress(), a.mappedAddress());
        }
        case TurnEvent.Error err -> {
          if (udpClient == null) {
            // The allocation is over; so is the stream that carried it.
            stream = new Ended();
            streamOutput.add(new StreamOutput.Close());
          }
          return new Event.Failed(err.errorCode(), err.errorText());
        }
        case TurnEvent.PeerData pd -> {
          return new Event.PeerData(pd.peer(), pd.data().asReadOnlyBuffer());
        }
        case TurnEvent.PermissionFailed pf ->
            LOG.log(DEBUG, () -> "ICE: TURN permission failed at " + url + ": " + pf.errorCode());
        case TurnEvent.ChannelBindFailed cf ->
            LOG.log(DEBUG, () -> "ICE: TURN channel bind failed at " + url + ": " + cf.errorCode());
        case TurnEvent.PermissionCreated pc -> { }
        case TurnEvent.ChannelBound cb -> { }
        case TurnEvent.Closed c -> { }
      }
    }
    return null;
  }

  @Override
  public long pollTimeout() {
    if (stream instanceof Connecting c) {
      return c.timeout().nextExpiry();
    }
    TurnClient c = client();
    return c == null ? Long.MAX_VALUE : c.pollTimeout();
  }

  @Override
  public void close(long now) {
    if (udpClient != null) {
      udpClient.close(now);
      return;
    }
    switch (stream) {
      case Connected c -> {
        // RFC 8656 §7: a Refresh with LIFETIME 0 releases the allocation. It is written before the
        // close, which the I/O layer performs once earlier writes are out; the answer is not awaited.
        c.client().close(now);
        moveClientTransmits();
        stream = new Ended();
        streamOutput.add(new StreamOutput.Close());
      }
      case Connecting c -> {
        c.timeout().stop();
        stream = new Ended();
        streamOutput.add(new StreamOutput.Close());
      }
      case NotStarted n -> stream = new Ended();
      case Ended e -> { }
    }
  }
}

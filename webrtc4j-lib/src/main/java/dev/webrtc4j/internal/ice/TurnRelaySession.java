package dev.webrtc4j.internal.ice;

import dev.webrtc4j.internal.stun.TurnClient;
import dev.webrtc4j.internal.stun.TurnEvent;
import dev.webrtc4j.internal.util.Datagram;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * The production {@link RelaySession}: one {@link TurnClient} allocation over UDP (RFC 8656). Data
 * to a peer goes in Send indications until a channel is bound to it (bound on the first send, as
 * Chrome and Pion do), then in ChannelData.
 */
final class TurnRelaySession implements RelaySession {
  private final TurnClient client;
  private final Set<InetSocketAddress> channelled = new HashSet<>();

  TurnRelaySession(TurnClient client) {
    this.client = client;
  }

  /** The {@link RelaySession.Factory} the public {@link IceAgent} constructor uses. */
  static RelaySession create(IceServer server, InetSocketAddress localSocket, RandomGenerator random) {
    String username = server.username() == null ? "" : server.username();
    String password = server.credential() == null ? "" : server.credential();
    return new TurnRelaySession(new TurnClient(TurnClient.Config.udp(server.address(), localSocket, username, password), random));
  }

  @Override
  public void allocate(long now) {
    client.allocate(now);
  }

  @Override
  public boolean send(long now, InetSocketAddress peer, ByteBuffer data) {
    if (client.isAllocated() && channelled.add(peer)) {
      client.bindChannel(now, peer);
    }
    return client.send(now, peer, data);
  }

  @Override
  public void handleDatagram(long now, Datagram in) {
    client.handleDatagram(now, in);
  }

  @Override
  public void handleTimeout(long now) {
    client.handleTimeout(now);
  }

  @Override
  public @Nullable Datagram pollTransmit() {
    return client.pollTransmit();
  }

  @Override
  public @Nullable Event pollEvent() {
    TurnEvent e;
    while ((e = client.pollEvent()) != null) {
      switch (e) {
        case TurnEvent.Allocated a -> {
          return new Event.Allocated(a.relayedAddress(), a.mappedAddress());
        }
        case TurnEvent.Error err -> {
          return new Event.Failed(err.errorCode(), err.errorText());
        }
        case TurnEvent.PeerData pd -> {
          return new Event.PeerData(pd.peer(), pd.data().asReadOnlyBuffer());
        }
        case TurnEvent.PermissionCreated p -> { }
        case TurnEvent.PermissionFailed p -> { }
        case TurnEvent.ChannelBound c -> { }
        case TurnEvent.ChannelBindFailed c -> { }
        case TurnEvent.Closed c -> { }
      }
    }
    return null;
  }

  @Override
  public long pollTimeout() {
    return client.pollTimeout();
  }

  @Override
  public void close(long now) {
    client.close(now);
  }
}

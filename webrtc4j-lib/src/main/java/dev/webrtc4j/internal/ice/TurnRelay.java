package dev.webrtc4j.internal.ice;

import static java.lang.System.Logger.Level.DEBUG;

import dev.webrtc4j.internal.stun.TurnClient;
import dev.webrtc4j.internal.stun.TurnEvent;
import dev.webrtc4j.internal.util.Datagram;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/** {@link RelaySession} on the TURN client of {@code internal.stun} (RFC 8656 over UDP). */
final class TurnRelay implements RelaySession {
  private static final System.Logger LOG = System.getLogger(TurnRelay.class.getName());

  private final TurnClient client;
  private final String url;

  TurnRelay(IceServer server, InetSocketAddress localSocket, RandomGenerator random) {
    this.url = server.url();
    this.client = new TurnClient(TurnClient.Config.udp(server.address(), localSocket,
        Objects.requireNonNull(server.username(), "TURN username"),
        Objects.requireNonNull(server.credential(), "TURN credential")), random);
  }

  @Override
  public void allocate(long now) {
    client.allocate(now);
  }

  @Override
  public boolean send(long now, InetSocketAddress peer, ByteBuffer data) {
    return client.send(now, peer, data);
  }

  @Override
  public void preferChannel(long now, InetSocketAddress peer) {
    client.bindChannel(now, peer);
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
    return client.pollTimeout();
  }

  @Override
  public void close(long now) {
    client.close(now);
  }
}

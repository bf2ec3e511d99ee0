package dev.webrtc4j.testkit.stun;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webrtc4j.internal.stun.ChannelData;
import dev.webrtc4j.internal.stun.StunMessage;
import dev.webrtc4j.internal.stun.TurnClient;
import dev.webrtc4j.internal.stun.TurnEvent;
import dev.webrtc4j.internal.util.Datagram;
import dev.webrtc4j.testkit.net.LinkConditions;
import dev.webrtc4j.testkit.net.SimNetwork;
import dev.webrtc4j.testkit.net.SimNode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The simulated TURN server driven by the library's own {@link TurnClient} over the simulated network. */
class SimTurnServerTest {
  static final long MS = 1_000_000L;
  static final long SECOND = 1_000 * MS;
  static final InetSocketAddress SERVER = addr("198.51.100.2", 3478);
  static final InetAddress RELAY_IP = ip("198.51.100.3");
  static final InetSocketAddress CLIENT = addr("192.0.2.1", 5000);
  static final InetSocketAddress PEER = addr("192.0.2.9", 6000);

  final SimNetwork net = new SimNetwork(4242);
  final SimTurnServer server = new SimTurnServer(net, SERVER, RELAY_IP, "realm", new SplittableRandom(1)).addUser("user", "secret");

  /** A TurnClient as a network node, recording its events and the raw datagrams it received. */
  static final class ClientNode implements SimNode {
    final TurnClient client;
    final List<TurnEvent> events = new ArrayList<>();
    final List<ByteBuffer> raw = new ArrayList<>();

    ClientNode(SimNetwork net, String password) {
      client = new TurnClient(TurnClient.Config.udp(SERVER, CLIENT, "user", password), new SplittableRandom(2));
      net.attach(this, CLIENT);
    }

    @Override
    public void handleDatagram(long now, Datagram d) {
      raw.add(d.payload().duplicate());
      client.handleDatagram(now, d);
      drain();
    }

    @Override
    public void handleTimeout(long now) {
      client.handleTimeout(now);
      drain();
    }

    void drain() {
      TurnEvent e;
      while ((e = client.pollEvent()) != null) {
        events.add(e);
      }
    }

    @Override
    public @Nullable Datagram pollTransmit() {
      return client.pollTransmit();
    }

    @Override
    public long pollTimeout() {
      return client.pollTimeout();
    }

    <T extends TurnEvent> List<T> events(Class<T> type) {
      return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<String> peerData() {
      return events(TurnEvent.PeerData.class).stream()
          .map(p -> p.peer() + " " + new String(p.data().toArray(), StandardCharsets.UTF_8)).toList();
    }
  }

  /** A plain UDP endpoint with any number of addresses. */
  static final class Peer implements SimNode {
    final List<Datagram> received = new ArrayList<>();
    final ArrayDeque<Datagram> out = new ArrayDeque<>();

    @Override
    public void handleDatagram(long now, Datagram d) {
      received.add(d);
    }

    @Override
    public void handleTimeout(long now) {}

    @Override
    public @Nullable Datagram pollTransmit() {
      return out.pollFirst();
    }

    @Override
    public long pollTimeout() {
      return Long.MAX_VALUE;
    }

    void send(InetSocketAddress from, InetSocketAddress to, String text) {
      out.add(new Datagram(from, to, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8))));
    }

    List<String> texts() {
      return received.stream().map(d -> d.source() + " " + StandardCharsets.UTF_8.decode(d.payload().duplicate())).toList();
    }
  }

  ClientNode allocated() {
    ClientNode c = new ClientNode(net, "secret");
    c.client.allocate(net.now());
    net.runFor(SECOND);
    assertThat(c.events(TurnEvent.Allocated.class)).as("allocated: %s", c.events).hasSize(1);
    return c;
  }

  InetSocketAddress relayed(ClientNode c) {
    return c.events(TurnEvent.Allocated.class).get(0).relayedAddress();
  }

  @Test
  void allocatesAfterA401ChallengeOnTheRelayIpWithTheClientsMappedAddress() {
    ClientNode c = allocated();
    TurnEvent.Allocated a = c.events(TurnEvent.Allocated.class).get(0);
    assertThat(a.relayedAddress().getAddress()).isEqualTo(RELAY_IP);
    assertThat(a.mappedAddress()).isEqualTo(CLIENT);
    assertThat(a.lifetimeSeconds()).isEqualTo(600);
    assertThat(server.counters().unauthenticated).isEqualTo(1);
    assertThat(server.counters().allocations).isEqualTo(1);
    assertThat(server.relayedAddresses()).containsExactly(a.relayedAddress());
  }

  @Test
  void capsTheLifetimeAtTheServersMaximum() {
    server.maxLifetimeSeconds(120);
    ClientNode c = allocated();
    assertThat(c.events(TurnEvent.Allocated.class).get(0).lifetimeSeconds()).isEqualTo(120);
  }

  @Test
  void wrongPasswordIsRefusedWith401AndNoAllocation() {
    ClientNode c = new ClientNode(net, "wrong");
    c.client.allocate(net.now());
    net.runFor(SECOND);
    assertThat(c.events(TurnEvent.Error.class)).extracting(TurnEvent.Error::errorCode).containsExactly(401);
    assertThat(c.events(TurnEvent.Allocated.class)).isEmpty();
    assertThat(server.counters().unauthenticated).isEqualTo(2); // the challenge, then the bad HMAC
    assertThat(server.relayedAddresses()).isEmpty();
  }

  @Test
  void sendIndicationsNeedAPermissionAndDataIndicationsComeBack() {
    ClientNode c = allocated();
    Peer peer = new Peer();
    net.attach(peer, PEER, addr("192.0.2.9", 6001));
    InetSocketAddress relayed = relayed(c);

    // Before any permission the peer's datagrams are dropped at the relay.
    peer.send(PEER, relayed, "too early");
    net.runFor(100 * MS);
    assertThat(server.counters().droppedWithoutPermission).isEqualTo(1);
    assertThat(c.events(TurnEvent.PeerData.class)).isEmpty();

    c.client.send(net.now(), PEER, ByteBuffer.wrap("hello peer".getBytes(StandardCharsets.UTF_8)));
    net.runFor(SECOND);
    assertThat(c.events(TurnEvent.PermissionCreated.class)).extracting(TurnEvent.PermissionCreated::peer)
        .containsExactly(PEER.getAddress());
    assertThat(peer.texts()).containsExactly(relayed + " hello peer");

    // The permission is per IP: another port of the same host gets through too (RFC 8656 §9).
    peer.send(PEER, relayed, "hi client");
    peer.send(addr("192.0.2.9", 6001), relayed, "other port");
    net.runFor(100 * MS);
    assertThat(c.peerData()).containsExactly(PEER + " hi client", addr("192.0.2.9", 6001) + " other port");
    assertThat(c.raw.stream().filter(b -> ChannelData.looksLikeChannelData(b)).count()).isZero();

    // A stranger's IP still has no permission.
    Peer stranger = new Peer();
    net.attach(stranger, addr("192.0.2.77", 7000));
    stranger.send(addr("192.0.2.77", 7000), relayed, "stranger");
    net.runFor(100 * MS);
    assertThat(c.peerData()).hasSize(2);
    assertThat(server.counters().droppedWithoutPermission).isEqualTo(2);
  }

  @Test
  void aBoundChannelCarriesChannelDataBothWays() {
    ClientNode c = allocated();
    Peer peer = new Peer();
    net.attach(peer, PEER);
    InetSocketAddress relayed = relayed(c);
    int channel = c.client.bindChannel(net.now(), PEER);
    net.runFor(SECOND);
    assertThat(c.events(TurnEvent.ChannelBound.class)).extracting(TurnEvent.ChannelBound::channelNumber).containsExactly(channel);
    assertThat(server.channels(CLIENT)).containsExactly(channel);
    assertThat(server.hasPermission(CLIENT, PEER.getAddress())).isTrue();

    int rawBefore = c.raw.size();
    c.client.send(net.now(), PEER, ByteBuffer.wrap("over channel".getBytes(StandardCharsets.UTF_8)));
    peer.send(PEER, relayed, "back over channel");
    net.runFor(100 * MS);
    assertThat(peer.texts()).containsExactly(relayed + " over channel");
    assertThat(c.peerData()).containsExactly(PEER + " back over channel");
    List<ByteBuffer> after = c.raw.subList(rawBefore, c.raw.size());
    assertThat(after).hasSize(1);
    ChannelData cd = parseChannelData(after.get(0));
    assertThat(cd.channelNumber()).isEqualTo(channel);
  }

  @Test
  void aStaleNonceGets438AndTheRetryWithTheNewNonceSucceeds() {
    ClientNode c = allocated();
    server.rotateNonce();
    c.client.createPermission(net.now(), PEER.getAddress());
    net.runFor(SECOND);
    assertThat(server.counters().staleNonce).isEqualTo(1);
    assertThat(c.events(TurnEvent.PermissionCreated.class)).hasSize(1);
    assertThat(server.hasPermission(CLIENT, PEER.getAddress())).isTrue();
  }

  @Test
  void nonceLifetimeMakesOldNoncesStale() {
    server.nonceLifetime(60 * SECOND);
    ClientNode c = allocated();
    net.runFor(61 * SECOND);
    c.client.createPermission(net.now(), PEER.getAddress());
    net.runFor(SECOND);
    assertThat(server.counters().staleNonce).isEqualTo(1);
    assertThat(c.events(TurnEvent.PermissionCreated.class)).hasSize(1);
  }

  @Test
  void refreshWithLifetimeZeroDeletesTheAllocation() {
    ClientNode c = allocated();
    InetSocketAddress relayed = relayed(c);
    c.client.close(net.now());
    net.runFor(SECOND);
    assertThat(c.events(TurnEvent.Closed.class)).hasSize(1);
    assertThat(server.counters().deleted).isEqualTo(1);
    assertThat(server.relayedAddresses()).isEmpty();
    Peer peer = new Peer();
    net.attach(peer, PEER);
    long unroutable = net.stats().unroutable;
    peer.send(PEER, relayed, "to a deleted allocation");
    net.runFor(100 * MS);
    assertThat(net.stats().unroutable).isEqualTo(unroutable + 1);
  }

  @Test
  void theClientRefreshesBeforeTheLifetimeEnds() {
    server.maxLifetimeSeconds(120);
    ClientNode c = allocated();
    net.runFor(300 * SECOND);
    assertThat(server.counters().refreshes).isGreaterThanOrEqualTo(2);
    assertThat(server.counters().expired).isZero();
    assertThat(server.relayedAddresses()).hasSize(1);
    assertThat(c.client.isAllocated()).isTrue();
  }

  @Test
  void anAllocationNobodyRefreshesExpiresAtTheEndOfItsLifetime() {
    server.maxLifetimeSeconds(120);
    ClientNode c = allocated();
    long allocatedAt = net.now();
    net.setLink(CLIENT.getAddress(), SERVER.getAddress(), LinkConditions.IDEAL.withLoss(1.0));
    assertThat(net.runUntil(() -> server.relayedAddresses().isEmpty(), allocatedAt + 200 * SECOND)).isTrue();
    assertThat(net.now() - allocatedAt).isBetween(118 * SECOND, 120 * SECOND);
    assertThat(server.counters().expired).isEqualTo(1);
  }

  @Test
  void answersBindingRequestsLikeAStunServer() {
    Peer p = new Peer();
    net.attach(p, PEER);
    SimStunServerTest.sendBinding(p, PEER, SERVER);
    net.runFor(100 * MS);
    assertThat(SimStunServerTest.mappedAddresses(p)).containsExactly(PEER);
  }

  private static ChannelData parseChannelData(ByteBuffer b) {
    try {
      return ChannelData.parse(b.duplicate());
    } catch (Exception e) {
      throw new AssertionError("not ChannelData: " + e);
    }
  }

  static boolean isStun(ByteBuffer b) {
    return StunMessage.looksLikeStun(b);
  }

  static InetSocketAddress addr(String ip, int port) {
    return new InetSocketAddress(ip(ip), port);
  }

  static InetAddress ip(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }
}

package dev.webrtc4j.internal.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webrtc4j.internal.stun.StunAttribute.ChannelNumber;
import dev.webrtc4j.internal.stun.StunAttribute.Lifetime;
import dev.webrtc4j.internal.stun.StunAttribute.MessageIntegrity;
import dev.webrtc4j.internal.stun.StunAttribute.MessageIntegritySha256;
import dev.webrtc4j.internal.stun.StunAttribute.Nonce;
import dev.webrtc4j.internal.stun.StunAttribute.PasswordAlgorithm;
import dev.webrtc4j.internal.stun.StunAttribute.PasswordAlgorithms;
import dev.webrtc4j.internal.stun.StunAttribute.Realm;
import dev.webrtc4j.internal.stun.StunAttribute.RequestedTransport;
import dev.webrtc4j.internal.stun.StunAttribute.Username;
import dev.webrtc4j.internal.util.Bytes;
import dev.webrtc4j.internal.util.Datagram;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TurnClientTest {
  private static final long S = 1_000_000_000L;
  private static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 3478);
  private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 40000);
  private static final InetSocketAddress RELAYED = new InetSocketAddress("127.0.0.1", 50000);
  private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.2", 6000);
  private static final InetSocketAddress PEER2 = new InetSocketAddress("127.0.0.3", 7000);

  private final FakeTurnServer server = new FakeTurnServer(SERVER, RELAYED, "alice", "secret");
  private final List<TurnEvent> events = new ArrayList<>();
  private long now = 1000 * S;
  private TurnClient client = client("secret", false);

  private TurnClient client(String password, boolean stream) {
    return new TurnClient(TurnClient.Config.udp(SERVER, LOCAL, "alice", password).withSoftware("webrtc4j test").withStream(stream), new SplittableRandom(99));
  }

  /** Moves datagrams both ways until quiet; collects events. */
  private void pump() throws Exception {
    boolean moved = true;
    while (moved) {
      moved = false;
      for (Datagram d; (d = client.pollTransmit()) != null; ) {
        server.receive(now, d);
        moved = true;
      }
      for (Datagram d; (d = server.out.poll()) != null; ) {
        client.handleDatagram(now, d);
        moved = true;
      }
    }
    for (TurnEvent e; (e = client.pollEvent()) != null; ) {
      events.add(e);
    }
  }

  /** Advances virtual time to each client deadline up to {@code until}, pumping at each. */
  private void runUntil(long until) throws Exception {
    pump();
    while (client.pollTimeout() <= until) {
      now = client.pollTimeout();
      client.handleTimeout(now);
      pump();
    }
    now = until;
  }

  private void allocate() throws Exception {
    client.allocate(now);
    pump();
    assertThat(events).containsExactly(new TurnEvent.Allocated(RELAYED, LOCAL, 600));
    events.clear();
  }

  @Test
  void allocatesAfterThe401Challenge() throws Exception {
    allocate();
    List<StunMessage> allocates = server.requests(StunMethod.ALLOCATE);
    assertThat(allocates).hasSize(2);
    StunMessage first = allocates.get(0);
    assertThat(first.has(Username.class)).isFalse();
    assertThat(first.has(MessageIntegrity.class)).isFalse();
    assertThat(first.find(RequestedTransport.class)).contains(new RequestedTransport(17));
    StunMessage second = allocates.get(1);
    assertThat(second.find(Username.class)).contains(new Username("alice"));
    assertThat(second.find(Realm.class)).contains(new Realm("example.org"));
    assertThat(second.find(Nonce.class)).contains(new Nonce("nonce-1"));
    assertThat(second.find(RequestedTransport.class)).contains(new RequestedTransport(17));
    assertThat(StunIntegrity.check(server.requests.get(1).raw().asReadOnlyBuffer(), server.key(false))).isEqualTo(IntegrityCheck.VALID);
    assertThat(StunIntegrity.hasValidFingerprint(server.requests.get(1).raw().asReadOnlyBuffer())).isTrue();
    assertThat(client.isAllocated()).isTrue();
    assertThat(client.relayedAddress()).contains(RELAYED);
    assertThat(client.mappedAddress()).contains(LOCAL);
  }

  @Test
  void retriesWithTheNewNonceAfter438() throws Exception {
    server.staleNoncesToSend = 1;
    allocate();
    List<StunMessage> allocates = server.requests(StunMethod.ALLOCATE);
    assertThat(allocates).hasSize(3);
    assertThat(allocates.get(1).find(Nonce.class)).contains(new Nonce("nonce-1"));
    assertThat(allocates.get(2).find(Nonce.class)).contains(new Nonce("nonce-2"));
    assertThat(allocates.get(2).transactionId()).isNotEqualTo(allocates.get(1).transactionId());
  }

  @Test
  void staleNonceOnARefreshIsRetriedToo() throws Exception {
    allocate();
    server.staleNoncesToSend = 1;
    runUntil(now + 540 * S);
    List<StunMessage> refreshes = server.requests(StunMethod.REFRESH);
    assertThat(refreshes).hasSize(2);
    assertThat(refreshes.get(1).find(Nonce.class)).contains(new Nonce("nonce-2"));
    assertThat(events).isEmpty();
    assertThat(client.isAllocated()).isTrue();
  }

  @Test
  void wrongPasswordEndsInA401Error() throws Exception {
    client = client("wrong", false);
    client.allocate(now);
    pump();
    assertThat(events).containsExactly(new TurnEvent.Error(401, "Unauthorized"));
    assertThat(server.requests(StunMethod.ALLOCATE)).hasSize(2);
    assertThat(client.pollTimeout()).isEqualTo(Long.MAX_VALUE);
    assertThat(client.pollTransmit()).isNull();
  }

  @Test
  void silentServerEndsIn701AfterTheRetransmissionsRunOut() throws Exception {
    server.answer = false;
    long start = now;
    client.allocate(now);
    runUntil(now + 60 * S);
    assertThat(events).hasSize(1);
    assertThat(events.get(0)).isInstanceOf(TurnEvent.Error.class);
    assertThat(((TurnEvent.Error) events.get(0)).errorCode()).isEqualTo(701);
    List<Long> times = server.requestTimes(StunMethod.ALLOCATE).stream().map(t -> (t - start) / 1_000_000).toList();
    assertThat(times).containsExactly(0L, 500L, 1500L, 3500L, 7500L, 15500L, 31500L);
    assertThat(client.pollTimeout()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void refreshesTheAllocationAMinuteBeforeItsLifetimeEnds() throws Exception {
    allocate();
    long allocatedAt = now;
    runUntil(now + 1100 * S);
    List<Long> times = server.requestTimes(StunMethod.REFRESH).stream().map(t -> (t - allocatedAt) / S).toList();
    assertThat(times).containsExactly(540L, 1080L);
    for (StunMessage r : server.requests(StunMethod.REFRESH)) {
      assertThat(r.find(Lifetime.class)).contains(new Lifetime(600));
      assertThat(r.has(MessageIntegrity.class)).isTrue();
    }
    assertThat(events).isEmpty();
  }

  @Test
  void refreshesPermissionsEvery240SecondsAndChannelsEvery540() throws Exception {
    allocate();
    long t0 = now;
    client.createPermission(now, PEER.getAddress());
    int channel = client.bindChannel(now, PEER2);
    assertThat(channel).isEqualTo(0x4000);
    pump();
    assertThat(events)
        .containsExactly(
            new TurnEvent.PermissionCreated(PEER.getAddress()),
            new TurnEvent.PermissionCreated(PEER2.getAddress()),
            new TurnEvent.ChannelBound(PEER2, 0x4000));
    runUntil(t0 + 600 * S);
    List<Long> permissionTimes = server.requestTimes(StunMethod.CREATE_PERMISSION).stream().map(t -> (t - t0) / S).toList();
    // PEER at 0, 240, 480; PEER2's permission (from the ChannelBind) at 240, 480.
    assertThat(permissionTimes).containsExactly(0L, 240L, 240L, 480L, 480L);
    List<Long> channelTimes = server.requestTimes(StunMethod.CHANNEL_BIND).stream().map(t -> (t - t0) / S).toList();
    assertThat(channelTimes).containsExactly(0L, 540L);
    assertThat(server.requests(StunMethod.CHANNEL_BIND).get(1).find(ChannelNumber.class)).contains(new ChannelNumber(0x4000));
  }

  @Test
  void relaysDataBothWaysWithIndicationsAndChannelData() throws Exception {
    allocate();
    client.createPermission(now, PEER.getAddress());
    pump();
    assertThat(client.send(now, PEER, ByteBuffer.wrap(new byte[] {1, 2, 3}))).isTrue();
    pump();
    assertThat(server.relayedToPeers).containsExactly(new FakeTurnServer.Relayed(PEER, Bytes.fromHex("010203"), false));
    client.handleDatagram(now, server.fromPeer(PEER, Bytes.fromHex("0405"), false));
    pump();
    assertThat(events).contains(new TurnEvent.PeerData(PEER, Bytes.fromHex("0405")));
    events.clear();

    int channel = client.bindChannel(now, PEER);
    assertThat(client.channelOf(PEER)).isEmpty();
    pump();
    assertThat(events).containsExactly(new TurnEvent.ChannelBound(PEER, channel));
    assertThat(client.channelOf(PEER)).hasValue(channel);
    assertThat(client.hasPermission(PEER.getAddress())).isTrue();
    events.clear();
    ByteBuffer payload = ByteBuffer.wrap(new byte[] {9, 8, 7, 6, 5});
    client.send(now, PEER, payload);
    assertThat(payload.remaining()).isEqualTo(5);
    pump();
    assertThat(server.relayedToPeers.get(1)).isEqualTo(new FakeTurnServer.Relayed(PEER, Bytes.fromHex("0908070605"), true));
    client.handleDatagram(now, server.fromPeer(PEER, Bytes.fromHex("aabb"), true));
    pump();
    assertThat(events).containsExactly(new TurnEvent.PeerData(PEER, Bytes.fromHex("aabb")));
  }

  @Test
  void sendBeforeThePermissionQueuesThenFlushes() throws Exception {
    allocate();
    client.send(now, PEER, ByteBuffer.wrap(new byte[] {1}));
    client.send(now, PEER, ByteBuffer.wrap(new byte[] {2}));
    assertThat(server.relayedToPeers).isEmpty();
    pump();
    assertThat(server.requests(StunMethod.CREATE_PERMISSION)).hasSize(1);
    assertThat(server.relayedToPeers)
        .containsExactly(new FakeTurnServer.Relayed(PEER, Bytes.fromHex("01"), false), new FakeTurnServer.Relayed(PEER, Bytes.fromHex("02"), false));
  }

  @Test
  void closeSendsRefreshWithLifetimeZeroThenReportsClosed() throws Exception {
    allocate();
    client.close(now);
    pump();
    StunMessage last = server.requests(StunMethod.REFRESH).getLast();
    assertThat(last.find(Lifetime.class)).contains(new Lifetime(0));
    assertThat(events).containsExactly(new TurnEvent.Closed());
    assertThat(client.pollTimeout()).isEqualTo(Long.MAX_VALUE);
    assertThat(client.send(now, PEER, ByteBuffer.wrap(new byte[1]))).isFalse();
  }

  @Test
  void closeBeforeAllocationReportsClosedAtOnce() throws Exception {
    server.answer = false;
    client.allocate(now);
    client.close(now);
    pump();
    assertThat(events).containsExactly(new TurnEvent.Closed());
    assertThat(client.pollTimeout()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void dropsStrangersMalformedAndUnauthenticatedResponses() throws Exception {
    server.answer = false;
    client.allocate(now);
    pump();
    StunMessage firstAllocate = server.requests(StunMethod.ALLOCATE).get(0);
    // From another address.
    client.handleDatagram(now, new Datagram(PEER, LOCAL, StunMessage.errorResponse(firstAllocate, 401, "x").encode(null, false)));
    // Garbage and a truncated message.
    client.handleDatagram(now, new Datagram(SERVER, LOCAL, ByteBuffer.wrap(new byte[] {0, 1, 0, 8, 1})));
    client.handleDatagram(now, new Datagram(SERVER, LOCAL, ByteBuffer.wrap(new byte[] {(byte) 0xff, 0, 0, 0})));
    // A response to a transaction that does not exist.
    client.handleDatagram(now, new Datagram(SERVER, LOCAL, StunMessage.errorResponse(firstAllocate.with(new Username("x")), 401, "x")
        .encode(null, false).put(8, (byte) 0x55)));
    // ChannelData on a channel nobody bound.
    client.handleDatagram(now, new Datagram(SERVER, LOCAL, new ChannelData(0x4001, Bytes.fromHex("00")).toBuffer(false)));
    pump();
    assertThat(events).isEmpty();
    assertThat(client.droppedDatagrams()).isEqualTo(5);
  }

  @Test
  void successResponseWithABadHmacIsDiscardedAndTheTransactionGoesOn() throws Exception {
    allocate();
    server.answer = false;
    client.createPermission(now, PEER.getAddress());
    pump();
    StunMessage request = server.requests(StunMethod.CREATE_PERMISSION).get(0);
    IntegrityKey wrong = IntegrityKey.longTerm("alice", "example.org", "not-the-password", PasswordAlgorithm.MD5);
    client.handleDatagram(now, new Datagram(SERVER, LOCAL, StunMessage.successResponse(request).encode(wrong, true)));
    client.handleDatagram(now, new Datagram(SERVER, LOCAL, StunMessage.successResponse(request).encode(null, true)));
    pump();
    assertThat(events).isEmpty();
    assertThat(client.droppedDatagrams()).isEqualTo(2);
    client.handleDatagram(now, new Datagram(SERVER, LOCAL, StunMessage.successResponse(request).encode(server.key(false), true)));
    pump();
    assertThat(events).containsExactly(new TurnEvent.PermissionCreated(PEER.getAddress()));
  }

  @Test
  void usesSha256WhenTheServerOffersIt() throws Exception {
    server.offerSha256 = true;
    allocate();
    StunMessage second = server.requests(StunMethod.ALLOCATE).get(1);
    assertThat(second.has(MessageIntegritySha256.class)).isTrue();
    assertThat(second.has(MessageIntegrity.class)).isFalse();
    assertThat(second.find(PasswordAlgorithm.class)).contains(new PasswordAlgorithm(PasswordAlgorithm.SHA256));
    assertThat(second.find(PasswordAlgorithms.class)).isPresent();
  }

  @Test
  void overAStreamChannelDataIsPaddedAndRequestsAreNotRetransmitted() throws Exception {
    client = client("secret", true);
    allocate();
    int channel = client.bindChannel(now, PEER);
    pump();
    client.send(now, PEER, ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5}));
    Datagram d = client.pollTransmit();
    assertThat(d.length()).isEqualTo(12);
    assertThat(ChannelData.parse(d.payload())).isEqualTo(new ChannelData(channel, Bytes.fromHex("0102030405")));
    server.answer = false;
    client.createPermission(now, PEER2.getAddress());
    long start = now;
    runUntil(now + 100 * S);
    List<Long> times = server.requestTimes(StunMethod.CREATE_PERMISSION).stream().filter(t -> t >= start).map(t -> (t - start) / 1_000_000).toList();
    assertThat(times).containsExactly(0L);
    assertThat(events).contains(new TurnEvent.PermissionFailed(PEER2.getAddress(), 701, "TURN server did not answer CreatePermission"));
  }

  @Test
  void refreshRejectedByTheServerEndsTheAllocationWithItsCode() throws Exception {
    allocate();
    server.errors.put(StunMethod.REFRESH, 437);
    runUntil(now + 600 * S);
    assertThat(events).containsExactly(new TurnEvent.Error(437, "Injected error"));
    assertThat(client.isAllocated()).isFalse();
    assertThat(client.pollTimeout()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void refreshThatIsNeverAnsweredEndsIn701() throws Exception {
    allocate();
    long t0 = now;
    server.answer = false;
    runUntil(now + 600 * S);
    assertThat(events).containsExactly(new TurnEvent.Error(701, "TURN server did not answer Refresh"));
    assertThat(server.requestTimes(StunMethod.REFRESH).getLast() - t0).isEqualTo(540 * S + 31_500_000_000L);
  }

  @Test
  void rejectedPermissionDropsQueuedDataAndReportsTheCode() throws Exception {
    allocate();
    server.errors.put(StunMethod.CREATE_PERMISSION, 403);
    client.send(now, PEER, ByteBuffer.wrap(new byte[] {1}));
    pump();
    assertThat(events).containsExactly(new TurnEvent.PermissionFailed(PEER.getAddress(), 403, "Injected error"));
    assertThat(server.relayedToPeers).isEmpty();
    assertThat(client.isAllocated()).isTrue();
  }

  @Test
  void rejectedChannelBindFallsBackToIndications() throws Exception {
    allocate();
    server.errors.put(StunMethod.CHANNEL_BIND, 400);
    client.bindChannel(now, PEER);
    pump();
    assertThat(events).containsExactly(new TurnEvent.ChannelBindFailed(PEER, 400, "Injected error"));
    events.clear();
    client.send(now, PEER, ByteBuffer.wrap(new byte[] {7}));
    pump();
    assertThat(events).containsExactly(new TurnEvent.PermissionCreated(PEER.getAddress()));
    assertThat(server.relayedToPeers).containsExactly(new FakeTurnServer.Relayed(PEER, Bytes.fromHex("07"), false));
  }

  @Test
  void asksForAnIpv6RelayWithRequestedAddressFamily() throws Exception {
    client = new TurnClient(TurnClient.Config.udp(SERVER, LOCAL, "alice", "secret").withRequestedAddressFamily(StunAttribute.FAMILY_IPV6), new SplittableRandom(5));
    allocate();
    for (StunMessage m : server.requests(StunMethod.ALLOCATE)) {
      assertThat(m.find(StunAttribute.RequestedAddressFamily.class)).contains(new StunAttribute.RequestedAddressFamily(StunAttribute.FAMILY_IPV6));
    }
    assertThat(server.requests(StunMethod.ALLOCATE).get(0).has(StunAttribute.RequestedAddressFamily.class)).isTrue();
  }

  @Test
  void followsATryAlternateRedirectForTheAllocate() throws Exception {
    InetSocketAddress alternateAddress = new InetSocketAddress("127.0.0.1", 3479);
    FakeTurnServer alternate = new FakeTurnServer(alternateAddress, RELAYED, "alice", "secret");
    server.redirectTo = alternateAddress;
    client.allocate(now);
    for (int round = 0; round < 10; round++) {
      for (Datagram d; (d = client.pollTransmit()) != null; ) {
        (d.destination().equals(alternateAddress) ? alternate : server).receive(now, d);
      }
      for (FakeTurnServer s : List.of(server, alternate)) {
        for (Datagram d; (d = s.out.poll()) != null; ) {
          client.handleDatagram(now, d);
        }
      }
    }
    assertThat(client.pollEvent()).isEqualTo(new TurnEvent.Allocated(RELAYED, LOCAL, 600));
    assertThat(client.server()).isEqualTo(alternateAddress);
    assertThat(server.requests(StunMethod.ALLOCATE)).hasSize(1);
    assertThat(alternate.requests(StunMethod.ALLOCATE)).hasSize(2);
    // The old server is now a stranger.
    client.handleDatagram(now, server.fromPeer(PEER, Bytes.fromHex("00"), false));
    assertThat(client.droppedDatagrams()).isEqualTo(1);
  }

  @Test
  void oversizedDataIsAnApplicationError() throws Exception {
    allocate();
    assertThatThrownBy(() -> client.send(now, PEER, ByteBuffer.allocate(TurnClient.MAX_DATA + 1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

package dev.webrtc4j.testkit.stun;

import static dev.webrtc4j.testkit.stun.SimTurnServerTest.CLIENT;
import static dev.webrtc4j.testkit.stun.SimTurnServerTest.MS;
import static dev.webrtc4j.testkit.stun.SimTurnServerTest.RELAY_IP;
import static dev.webrtc4j.testkit.stun.SimTurnServerTest.SERVER;
import static dev.webrtc4j.testkit.stun.SimTurnServerTest.addr;
import static org.assertj.core.api.Assertions.assertThat;

import dev.webrtc4j.internal.stun.IntegrityCheck;
import dev.webrtc4j.internal.stun.IntegrityKey;
import dev.webrtc4j.internal.stun.StunAttribute;
import dev.webrtc4j.internal.stun.StunAttribute.ChannelNumber;
import dev.webrtc4j.internal.stun.StunAttribute.Nonce;
import dev.webrtc4j.internal.stun.StunAttribute.PasswordAlgorithm;
import dev.webrtc4j.internal.stun.StunAttribute.Realm;
import dev.webrtc4j.internal.stun.StunAttribute.RequestedTransport;
import dev.webrtc4j.internal.stun.StunAttribute.Username;
import dev.webrtc4j.internal.stun.StunAttribute.XorPeerAddress;
import dev.webrtc4j.internal.stun.StunAttribute.XorRelayedAddress;
import dev.webrtc4j.internal.stun.StunClass;
import dev.webrtc4j.internal.stun.StunIntegrity;
import dev.webrtc4j.internal.stun.StunMessage;
import dev.webrtc4j.internal.stun.StunMethod;
import dev.webrtc4j.internal.stun.TransactionId;
import dev.webrtc4j.internal.util.Datagram;
import dev.webrtc4j.testkit.net.SimNetwork;
import dev.webrtc4j.testkit.stun.SimTurnServerTest.Peer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The server's answers to hand-made requests: the RFC 8656 / RFC 8489 error rules a client can hit. */
class SimTurnServerErrorsTest {
  final SimNetwork net = new SimNetwork(77);
  final SimTurnServer server = new SimTurnServer(net, SERVER, RELAY_IP, "realm", new SplittableRandom(3)).addUser("user", "secret");
  final SplittableRandom random = new SplittableRandom(4);
  final Peer client = new Peer();
  final IntegrityKey key = IntegrityKey.longTerm("user", "realm", "secret", PasswordAlgorithm.MD5);
  String nonce;

  SimTurnServerErrorsTest() {
    net.attach(client, CLIENT);
    StunMessage challenge = request(StunMessage.of(StunMethod.ALLOCATE, StunClass.REQUEST, tid(),
        new RequestedTransport(RequestedTransport.UDP)), null);
    assertThat(challenge.errorCode().orElseThrow().code()).isEqualTo(401);
    assertThat(challenge.find(Realm.class).orElseThrow().value()).isEqualTo("realm");
    nonce = challenge.find(Nonce.class).orElseThrow().value();
  }

  TransactionId tid() {
    return TransactionId.random(random);
  }

  StunMessage authed(StunMethod method, TransactionId tid, StunAttribute... attributes) {
    List<StunAttribute> list = new ArrayList<>(List.of(attributes));
    list.add(new Username("user"));
    list.add(new Realm("realm"));
    list.add(new Nonce(nonce));
    return new StunMessage(method, StunClass.REQUEST, tid, list);
  }

  /** Sends {@code m} (with integrity under {@code k} if given) and returns the one answer. */
  StunMessage request(StunMessage m, IntegrityKey k) {
    return parse(requestRaw(m, k));
  }

  ByteBuffer requestRaw(StunMessage m, IntegrityKey k) {
    int before = client.received.size();
    client.out.add(new Datagram(CLIENT, SERVER, m.encode(k, true)));
    net.runFor(10 * MS);
    assertThat(client.received).hasSize(before + 1);
    return client.received.get(before).payload().duplicate();
  }

  static StunMessage parse(ByteBuffer b) {
    return SimStunServerTest.parse(b);
  }

  @Test
  void aSecondAllocateOnTheSameFiveTupleGets437AndARetransmissionGetsTheFirstAnswer() {
    TransactionId first = tid();
    ByteBuffer ok = requestRaw(authed(StunMethod.ALLOCATE, first, new RequestedTransport(RequestedTransport.UDP)), key);
    StunMessage okMessage = parse(ok);
    assertThat(okMessage.messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
    assertThat(StunIntegrity.check(ok, key)).isEqualTo(IntegrityCheck.VALID);
    assertThat(okMessage.find(XorRelayedAddress.class).orElseThrow().address().getAddress()).isEqualTo(RELAY_IP);

    ByteBuffer again = requestRaw(authed(StunMethod.ALLOCATE, first, new RequestedTransport(RequestedTransport.UDP)), key);
    assertThat(again).isEqualTo(ok);
    StunMessage mismatch = request(authed(StunMethod.ALLOCATE, tid(), new RequestedTransport(RequestedTransport.UDP)), key);
    assertThat(mismatch.errorCode().orElseThrow().code()).isEqualTo(437);
    assertThat(server.relayedAddresses()).hasSize(1);
  }

  @Test
  void allocateWithoutOrWithAnotherRequestedTransportIsRefused() {
    assertThat(request(authed(StunMethod.ALLOCATE, tid()), key).errorCode().orElseThrow().code()).isEqualTo(400);
    assertThat(request(authed(StunMethod.ALLOCATE, tid(), new RequestedTransport(6)), key).errorCode().orElseThrow().code())
        .isEqualTo(442);
    assertThat(server.relayedAddresses()).isEmpty();
  }

  @Test
  void integrityWithoutUsernameRealmOrNonceIs400AndABadHmacIs401() {
    StunMessage noUser = new StunMessage(StunMethod.ALLOCATE, StunClass.REQUEST, tid(),
        List.of(new RequestedTransport(RequestedTransport.UDP), new Realm("realm"), new Nonce(nonce)));
    assertThat(request(noUser, key).errorCode().orElseThrow().code()).isEqualTo(400);
    IntegrityKey wrong = IntegrityKey.longTerm("user", "realm", "nope", PasswordAlgorithm.MD5);
    StunMessage bad = request(authed(StunMethod.ALLOCATE, tid(), new RequestedTransport(RequestedTransport.UDP)), wrong);
    assertThat(bad.errorCode().orElseThrow().code()).isEqualTo(401);
    assertThat(bad.has(Nonce.class) && bad.has(Realm.class)).isTrue();
  }

  @Test
  void requestsWithoutAnAllocationGet437() {
    assertThat(request(authed(StunMethod.REFRESH, tid()), key).errorCode().orElseThrow().code()).isEqualTo(437);
    assertThat(request(authed(StunMethod.CREATE_PERMISSION, tid(), new XorPeerAddress(addr("192.0.2.9", 1))), key)
        .errorCode().orElseThrow().code()).isEqualTo(437);
  }

  @Test
  void channelBindRefusesBadNumbersAndRebinding() {
    request(authed(StunMethod.ALLOCATE, tid(), new RequestedTransport(RequestedTransport.UDP)), key);
    var peer1 = new XorPeerAddress(addr("192.0.2.9", 1000));
    var peer2 = new XorPeerAddress(addr("192.0.2.9", 2000));
    assertThat(request(authed(StunMethod.CHANNEL_BIND, tid(), new ChannelNumber(0x3FFF), peer1), key)
        .errorCode().orElseThrow().code()).isEqualTo(400);
    assertThat(request(authed(StunMethod.CHANNEL_BIND, tid(), new ChannelNumber(0x4000), peer1), key).messageClass())
        .isEqualTo(StunClass.SUCCESS_RESPONSE);
    // Refreshing the same binding is fine; the number to another peer or the peer to another number is not.
    assertThat(request(authed(StunMethod.CHANNEL_BIND, tid(), new ChannelNumber(0x4000), peer1), key).messageClass())
        .isEqualTo(StunClass.SUCCESS_RESPONSE);
    assertThat(request(authed(StunMethod.CHANNEL_BIND, tid(), new ChannelNumber(0x4000), peer2), key)
        .errorCode().orElseThrow().code()).isEqualTo(400);
    assertThat(request(authed(StunMethod.CHANNEL_BIND, tid(), new ChannelNumber(0x4001), peer1), key)
        .errorCode().orElseThrow().code()).isEqualTo(400);
    assertThat(server.channels(CLIENT)).containsExactly(0x4000);
  }

  @Test
  void anotherUserOnAnExistingAllocationGets441() {
    server.addUser("mallory", "pw");
    request(authed(StunMethod.ALLOCATE, tid(), new RequestedTransport(RequestedTransport.UDP)), key);
    StunMessage other = new StunMessage(StunMethod.REFRESH, StunClass.REQUEST, tid(),
        List.of(new Username("mallory"), new Realm("realm"), new Nonce(nonce)));
    StunMessage answer = request(other, IntegrityKey.longTerm("mallory", "realm", "pw", PasswordAlgorithm.MD5));
    assertThat(answer.errorCode().orElseThrow().code()).isEqualTo(441);
  }
}

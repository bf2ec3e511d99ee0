package dev.webrtc4j.testkit.stun;

import static dev.webrtc4j.testkit.stun.SimTurnServerTest.addr;
import static dev.webrtc4j.testkit.stun.SimTurnServerTest.ip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.webrtc4j.internal.stun.StunAttribute;
import dev.webrtc4j.internal.stun.StunAttribute.XorMappedAddress;
import dev.webrtc4j.internal.stun.StunClass;
import dev.webrtc4j.internal.stun.StunIntegrity;
import dev.webrtc4j.internal.stun.StunMessage;
import dev.webrtc4j.internal.stun.StunMethod;
import dev.webrtc4j.internal.stun.TransactionId;
import dev.webrtc4j.internal.util.Bytes;
import dev.webrtc4j.internal.util.Datagram;
import dev.webrtc4j.internal.util.MalformedPacketException;
import dev.webrtc4j.testkit.net.Nat;
import dev.webrtc4j.testkit.net.NatBehavior;
import dev.webrtc4j.testkit.net.SimNetwork;
import dev.webrtc4j.testkit.stun.SimTurnServerTest.Peer;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SimStunServerTest {
  static final long MS = 1_000_000L;
  static final InetSocketAddress STUN = addr("198.51.100.1", 3478);
  private static final SplittableRandom RANDOM = new SplittableRandom(7);

  static void sendBinding(Peer p, InetSocketAddress from, InetSocketAddress to) {
    StunMessage req = StunMessage.of(StunMethod.BINDING, StunClass.REQUEST, TransactionId.random(RANDOM));
    p.out.add(new Datagram(from, to, req.encode(null, true)));
  }

  static List<InetSocketAddress> mappedAddresses(Peer p) {
    List<InetSocketAddress> out = new ArrayList<>();
    for (Datagram d : p.received) {
      StunMessage m = parse(d.payload());
      assertThat(m.messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
      assertThat(StunIntegrity.hasValidFingerprint(d.payload().duplicate())).isTrue();
      out.add(m.find(XorMappedAddress.class).orElseThrow().address());
    }
    return out;
  }

  static StunMessage parse(ByteBuffer b) {
    try {
      return StunMessage.parse(b.duplicate());
    } catch (MalformedPacketException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void answersWithTheSourceAddressAsXorMappedAddress() {
    SimNetwork net = new SimNetwork(1);
    SimStunServer server = new SimStunServer(net, STUN);
    Peer p = new Peer();
    net.attach(p, addr("192.0.2.1", 5000));
    sendBinding(p, addr("192.0.2.1", 5000), STUN);
    net.runFor(10 * MS);
    assertThat(mappedAddresses(p)).containsExactly(addr("192.0.2.1", 5000));
    assertThat(server.answered()).isEqualTo(1);
  }

  @Test
  void behindANatTheMappedAddressIsTheNatsMapping() {
    SimNetwork net = new SimNetwork(2);
    new SimStunServer(net, STUN);
    Nat nat = net.addNat(ip("203.0.113.1"), NatBehavior.ENDPOINT_INDEPENDENT, NatBehavior.ADDRESS_AND_PORT_DEPENDENT);
    net.placeBehind(ip("10.0.0.2"), nat);
    Peer p = new Peer();
    net.attach(p, addr("10.0.0.2", 5000));
    sendBinding(p, addr("10.0.0.2", 5000), STUN);
    sendBinding(p, addr("10.0.0.2", 5000), STUN);
    net.runFor(10 * MS);
    assertThat(mappedAddresses(p)).containsExactly(addr("203.0.113.1", 40000), addr("203.0.113.1", 40000));
  }

  @Test
  void dropsWhatIsNotABindingRequestAndRejectsUnknownRequiredAttributes() {
    SimNetwork net = new SimNetwork(3);
    SimStunServer server = new SimStunServer(net, STUN);
    Peer p = new Peer();
    InetSocketAddress from = addr("192.0.2.1", 5000);
    net.attach(p, from);
    p.out.add(new Datagram(from, STUN, ByteBuffer.wrap(new byte[] {1, 2, 3})));
    p.out.add(new Datagram(from, STUN, StunMessage.of(StunMethod.BINDING, StunClass.INDICATION,
        TransactionId.random(RANDOM)).encode(null, true)));
    StunMessage withUnknown = StunMessage.of(StunMethod.BINDING, StunClass.REQUEST, TransactionId.random(RANDOM),
        new StunAttribute.Unknown(0x7777, Bytes.of(new byte[] {1, 2, 3, 4})));
    p.out.add(new Datagram(from, STUN, withUnknown.encode(null, true)));
    net.runFor(10 * MS);
    assertThat(server.dropped()).isEqualTo(2);
    assertThat(p.received).hasSize(1);
    StunMessage answer = parse(p.received.get(0).payload());
    assertThat(answer.messageClass()).isEqualTo(StunClass.ERROR_RESPONSE);
    assertThat(answer.errorCode().orElseThrow().code()).isEqualTo(420);
  }
}

package dev.webrtc4j.testkit.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webrtc4j.internal.util.Datagram;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimNetworkTest {
  private static final long MS = 1_000_000L;

  /** Records what it receives; sends what the test queues; optionally echoes. */
  static class Probe implements SimNode {
    final List<Datagram> received = new ArrayList<>();
    final List<Long> receivedAt = new ArrayList<>();
    final ArrayDeque<Datagram> outbox = new ArrayDeque<>();
    final boolean echo;
    long timeout = Long.MAX_VALUE;
    int timeouts;

    Probe(boolean echo) {
      this.echo = echo;
    }

    @Override
    public void handleDatagram(long now, Datagram d) {
      received.add(d);
      receivedAt.add(now);
      if (echo) {
        outbox.add(new Datagram(d.destination(), d.source(), d.payload().duplicate()));
      }
    }

    @Override
    public void handleTimeout(long now) {
      timeouts++;
      timeout = Long.MAX_VALUE;
    }

    @Override
    public Datagram pollTransmit() {
      return outbox.poll();
    }

    @Override
    public long pollTimeout() {
      return timeout;
    }

    void send(InetSocketAddress from, InetSocketAddress to, int payload) {
      outbox.add(new Datagram(from, to, ByteBuffer.allocate(4).putInt(0, payload)));
    }
  }

  static InetSocketAddress addr(String ip, int port) throws Exception {
    return new InetSocketAddress(InetAddress.getByName(ip), port);
  }

  static InetAddress ip(String ip) throws Exception {
    return InetAddress.getByName(ip);
  }

  @Test
  void deliversAfterTheLinkLatency() throws Exception {
    SimNetwork net = new SimNetwork(1);
    Probe a = new Probe(false);
    Probe b = new Probe(false);
    net.attach(a, addr("10.0.0.1", 1000));
    net.attach(b, addr("10.0.0.2", 2000));
    net.setDefaultLink(LinkConditions.delay(30 * MS));
    a.send(addr("10.0.0.1", 1000), addr("10.0.0.2", 2000), 7);
    net.runFor(29 * MS);
    assertThat(b.received).isEmpty();
    net.runFor(1 * MS);
    assertThat(b.received).hasSize(1);
    assertThat(b.receivedAt).containsExactly(30 * MS);
    assertThat(b.received.get(0).source()).isEqualTo(addr("10.0.0.1", 1000));
  }

  @Test
  void wakesNodesAtTheirDeadlines() throws Exception {
    SimNetwork net = new SimNetwork(2);
    Probe a = new Probe(false);
    net.attach(a, addr("10.0.0.1", 1000));
    a.timeout = 5 * MS;
    net.runFor(4 * MS);
    assertThat(a.timeouts).isZero();
    net.runFor(2 * MS);
    assertThat(a.timeouts).isEqualTo(1);
  }

  @Test
  void theSameSeedLosesTheSameDatagrams() throws Exception {
    assertThat(lossPattern(42)).isEqualTo(lossPattern(42));
    assertThat(lossPattern(42)).isNotEqualTo(lossPattern(43));
  }

  private static List<Integer> lossPattern(long seed) throws Exception {
    SimNetwork net = new SimNetwork(seed);
    Probe a = new Probe(false);
    Probe b = new Probe(false);
    net.attach(a, addr("10.0.0.1", 1000));
    net.attach(b, addr("10.0.0.2", 2000));
    net.setDefaultLink(LinkConditions.IDEAL.withLoss(0.3).withLatency(MS));
    for (int i = 0; i < 200; i++) {
      a.send(addr("10.0.0.1", 1000), addr("10.0.0.2", 2000), i);
    }
    net.runFor(10 * MS);
    List<Integer> got = new ArrayList<>();
    for (Datagram d : b.received) {
      got.add(d.payload().getInt(0));
    }
    assertThat(got.size()).isBetween(100, 180);
    assertThat(net.stats().lost).isEqualTo(200 - got.size());
    return got;
  }

  @Test
  void dropsDatagramsOverTheMtuAndDuplicates() throws Exception {
    SimNetwork net = new SimNetwork(3);
    Probe a = new Probe(false);
    Probe b = new Probe(false);
    net.attach(a, addr("10.0.0.1", 1000));
    net.attach(b, addr("10.0.0.2", 2000));
    net.setDefaultLink(LinkConditions.IDEAL.withMtu(100).withDuplication(1.0));
    a.outbox.add(new Datagram(addr("10.0.0.1", 1000), addr("10.0.0.2", 2000), ByteBuffer.allocate(101)));
    a.outbox.add(new Datagram(addr("10.0.0.1", 1000), addr("10.0.0.2", 2000), ByteBuffer.allocate(100)));
    net.runFor(MS);
    assertThat(b.received).hasSize(2);
    assertThat(net.stats().droppedByMtu).isEqualTo(1);
    assertThat(net.stats().duplicated).isEqualTo(1);
  }

  @Test
  void rateLimitSpacesDatagrams() throws Exception {
    SimNetwork net = new SimNetwork(4);
    Probe a = new Probe(false);
    Probe b = new Probe(false);
    net.attach(a, addr("10.0.0.1", 1000));
    net.attach(b, addr("10.0.0.2", 2000));
    net.setDefaultLink(LinkConditions.IDEAL.withRate(1000)); // 1000 B/s: 4 bytes take 4 ms
    for (int i = 0; i < 3; i++) {
      a.send(addr("10.0.0.1", 1000), addr("10.0.0.2", 2000), i);
    }
    net.runFor(100 * MS);
    assertThat(b.receivedAt).containsExactly(4 * MS, 8 * MS, 12 * MS);
  }

  @Test
  void reorderingHoldsSomeDatagramsBack() throws Exception {
    SimNetwork net = new SimNetwork(5);
    Probe a = new Probe(false);
    Probe b = new Probe(false);
    net.attach(a, addr("10.0.0.1", 1000));
    net.attach(b, addr("10.0.0.2", 2000));
    net.setDefaultLink(LinkConditions.delay(MS).withReordering(0.5, 10 * MS));
    for (int i = 0; i < 50; i++) {
      a.send(addr("10.0.0.1", 1000), addr("10.0.0.2", 2000), i);
    }
    net.runFor(100 * MS);
    List<Integer> order = b.received.stream().map(d -> d.payload().getInt(0)).toList();
    assertThat(order).hasSize(50).containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, 50).boxed().toList());
    assertThat(order).isNotEqualTo(java.util.stream.IntStream.range(0, 50).boxed().toList());
  }

  @Test
  void endpointIndependentNatKeepsOneMappingAndFiltersNothing() throws Exception {
    SimNetwork net = new SimNetwork(6);
    Nat nat = net.addNat(ip("203.0.113.1"), NatBehavior.ENDPOINT_INDEPENDENT, NatBehavior.ENDPOINT_INDEPENDENT);
    net.placeBehind(ip("192.168.1.2"), nat);
    Probe inside = new Probe(false);
    Probe s1 = new Probe(true);
    Probe s2 = new Probe(true);
    Probe stranger = new Probe(false);
    net.attach(inside, addr("192.168.1.2", 5000));
    net.attach(s1, addr("198.51.100.1", 3478));
    net.attach(s2, addr("198.51.100.2", 3478));
    net.attach(stranger, addr("198.51.100.3", 9999));
    inside.send(addr("192.168.1.2", 5000), addr("198.51.100.1", 3478), 1);
    inside.send(addr("192.168.1.2", 5000), addr("198.51.100.2", 3478), 2);
    net.runFor(MS);
    assertThat(s1.received.get(0).source()).isEqualTo(s2.received.get(0).source());
    assertThat(s1.received.get(0).source().getAddress()).isEqualTo(ip("203.0.113.1"));
    assertThat(inside.received).hasSize(2); // the echoes came back through the mapping
    InetSocketAddress mapped = s1.received.get(0).source();
    stranger.send(addr("198.51.100.3", 9999), mapped, 3);
    net.runFor(MS);
    assertThat(inside.received).hasSize(3);
    assertThat(inside.received.get(2).destination()).isEqualTo(addr("192.168.1.2", 5000));
  }

  @Test
  void symmetricNatMapsPerDestinationAndFiltersStrangers() throws Exception {
    SimNetwork net = new SimNetwork(7);
    Nat nat = net.addNat(ip("203.0.113.1"), NatBehavior.ADDRESS_AND_PORT_DEPENDENT, NatBehavior.ADDRESS_AND_PORT_DEPENDENT);
    net.placeBehind(ip("192.168.1.2"), nat);
    Probe inside = new Probe(false);
    Probe s1 = new Probe(false);
    Probe s2 = new Probe(false);
    net.attach(inside, addr("192.168.1.2", 5000));
    net.attach(s1, addr("198.51.100.1", 3478), addr("198.51.100.1", 3479));
    net.attach(s2, addr("198.51.100.2", 3478));
    inside.send(addr("192.168.1.2", 5000), addr("198.51.100.1", 3478), 1);
    inside.send(addr("192.168.1.2", 5000), addr("198.51.100.2", 3478), 2);
    net.runFor(MS);
    InetSocketAddress m1 = s1.received.get(0).source();
    assertThat(m1).isNotEqualTo(s2.received.get(0).source());
    assertThat(nat.mappingCount()).isEqualTo(2);
    // Same IP, other port: filtered by address-and-port-dependent filtering.
    s1.send(addr("198.51.100.1", 3479), m1, 9);
    net.runFor(MS);
    assertThat(inside.received).isEmpty();
    assertThat(net.stats().droppedByNat).isEqualTo(1);
    s1.send(addr("198.51.100.1", 3478), m1, 10);
    net.runFor(MS);
    assertThat(inside.received).hasSize(1);
  }

  @Test
  void addressDependentFilteringAdmitsOtherPortsOfAContactedHost() throws Exception {
    SimNetwork net = new SimNetwork(8);
    Nat nat = net.addNat(ip("203.0.113.1"), NatBehavior.ENDPOINT_INDEPENDENT, NatBehavior.ADDRESS_DEPENDENT);
    net.placeBehind(ip("192.168.1.2"), nat);
    Probe inside = new Probe(false);
    Probe s1 = new Probe(false);
    Probe s2 = new Probe(false);
    net.attach(inside, addr("192.168.1.2", 5000));
    net.attach(s1, addr("198.51.100.1", 3478), addr("198.51.100.1", 3479));
    net.attach(s2, addr("198.51.100.2", 3478));
    inside.send(addr("192.168.1.2", 5000), addr("198.51.100.1", 3478), 1);
    net.runFor(MS);
    InetSocketAddress mapped = s1.received.get(0).source();
    s1.send(addr("198.51.100.1", 3479), mapped, 2);
    s2.send(addr("198.51.100.2", 3478), mapped, 3);
    net.runFor(MS);
    assertThat(inside.received).hasSize(1);
    assertThat(inside.received.get(0).source()).isEqualTo(addr("198.51.100.1", 3479));
  }

  @Test
  void hostsBehindTheSameNatTalkDirectly() throws Exception {
    SimNetwork net = new SimNetwork(9);
    Nat nat = net.addNat(ip("203.0.113.1"), NatBehavior.ADDRESS_AND_PORT_DEPENDENT, NatBehavior.ADDRESS_AND_PORT_DEPENDENT);
    net.placeBehind(ip("192.168.1.2"), nat);
    net.placeBehind(ip("192.168.1.3"), nat);
    Probe a = new Probe(false);
    Probe b = new Probe(false);
    net.attach(a, addr("192.168.1.2", 5000));
    net.attach(b, addr("192.168.1.3", 5000));
    a.send(addr("192.168.1.2", 5000), addr("192.168.1.3", 5000), 1);
    net.runFor(MS);
    assertThat(b.received.get(0).source()).isEqualTo(addr("192.168.1.2", 5000));
  }

  @Test
  void gilbertElliottLosesInBursts() throws Exception {
    SimNetwork net = new SimNetwork(10);
    Probe a = new Probe(false);
    Probe b = new Probe(false);
    net.attach(a, addr("10.0.0.1", 1000));
    net.attach(b, addr("10.0.0.2", 2000));
    net.setDefaultLink(LinkConditions.IDEAL.withBurstLoss(new LinkConditions.GilbertElliott(0.05, 0.3, 0, 1)));
    for (int i = 0; i < 2000; i++) {
      a.send(addr("10.0.0.1", 1000), addr("10.0.0.2", 2000), i);
    }
    net.runFor(MS);
    List<Integer> got = b.received.stream().map(d -> d.payload().getInt(0)).toList();
    int runs = 0;
    int lost = 2000 - got.size();
    for (int i = 1; i < got.size(); i++) {
      if (got.get(i) != got.get(i - 1) + 1) {
        runs++;
      }
    }
    assertThat(lost).isGreaterThan(50);
    // Bursty: far fewer gaps than lost datagrams (independent loss would give roughly one gap each).
    assertThat(runs).isLessThan(lost / 2);
  }

  @Test
  void refusesSendsFromUnboundAddressesAndBusyNodes() throws Exception {
    SimNetwork net = new SimNetwork(11);
    Probe a = new Probe(false);
    net.attach(a, addr("10.0.0.1", 1000));
    a.send(addr("10.0.0.9", 1000), addr("10.0.0.2", 2000), 1);
    assertThatThrownBy(() -> net.runFor(MS)).isInstanceOf(IllegalStateException.class).hasMessageContaining("not bound");
    SimNetwork net2 = new SimNetwork(12);
    SimNode spinning = new Probe(false) {
      @Override
      public long pollTimeout() {
        return 0;
      }
    };
    net2.attach(spinning, addr("10.0.0.1", 1000));
    assertThatThrownBy(() -> net2.runFor(MS)).isInstanceOf(IllegalStateException.class).hasMessageContaining("no progress");
  }

  @Test
  void aPrivateAddressBehindANatIsUnreachableFromOutsideIt() throws Exception {
    SimNetwork net = new SimNetwork(21);
    Nat nat = net.addNat(ip("203.0.113.1"), NatBehavior.ENDPOINT_INDEPENDENT, NatBehavior.ENDPOINT_INDEPENDENT);
    net.placeBehind(ip("10.0.0.2"), nat);
    Probe inside = new Probe(false);
    Probe outside = new Probe(false);
    net.attach(inside, addr("10.0.0.2", 5000));
    net.attach(outside, addr("192.0.2.1", 5000));
    outside.send(addr("192.0.2.1", 5000), addr("10.0.0.2", 5000), 1);
    net.runFor(MS);
    assertThat(inside.received).isEmpty();
    assertThat(net.stats().unroutable).isEqualTo(1);
    // Through the NAT's mapping it works (endpoint-independent filtering).
    inside.send(addr("10.0.0.2", 5000), addr("192.0.2.1", 5000), 2);
    net.runFor(MS);
    outside.send(addr("192.0.2.1", 5000), outside.received.get(0).source(), 3);
    net.runFor(MS);
    assertThat(inside.received).hasSize(1);
  }

  @Test
  void hostLinksCutAHostOffBothWaysIncludingTrafficToItsNat() throws Exception {
    SimNetwork net = new SimNetwork(22);
    Nat nat = net.addNat(ip("203.0.113.1"), NatBehavior.ENDPOINT_INDEPENDENT, NatBehavior.ENDPOINT_INDEPENDENT);
    net.placeBehind(ip("10.0.0.2"), nat);
    Probe inside = new Probe(false);
    Probe outside = new Probe(false);
    net.attach(inside, addr("10.0.0.2", 5000));
    net.attach(outside, addr("192.0.2.1", 5000));
    inside.send(addr("10.0.0.2", 5000), addr("192.0.2.1", 5000), 1);
    net.runFor(MS);
    InetSocketAddress mapped = outside.received.get(0).source();
    net.setHostLinks(ip("10.0.0.2"), List.of(ip("192.0.2.1")), LinkConditions.IDEAL.withLoss(1.0));
    inside.send(addr("10.0.0.2", 5000), addr("192.0.2.1", 5000), 2);
    outside.send(addr("192.0.2.1", 5000), mapped, 3);
    net.runFor(MS);
    assertThat(outside.received).hasSize(1);
    assertThat(inside.received).isEmpty();
    net.setHostLinks(ip("10.0.0.2"), List.of(ip("192.0.2.1")), LinkConditions.IDEAL);
    outside.send(addr("192.0.2.1", 5000), mapped, 4);
    net.runFor(MS);
    assertThat(inside.received).hasSize(1);
  }
}

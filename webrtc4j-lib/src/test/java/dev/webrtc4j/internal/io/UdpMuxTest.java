package dev.webrtc4j.internal.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webrtc4j.internal.io.UdpMuxStunScannerTest.Msg;
import dev.webrtc4j.internal.util.Datagram;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real sockets, loopback only. */
class UdpMuxTest {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static final byte[] DTLS_LIKE = {22, (byte) 0xFE, (byte) 0xFD, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};

  private UdpIo io;
  private UdpMux mux;
  private final List<UdpSocket> peers = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    io = new UdpIo("test-udpmux");
    mux = UdpMux.open(io, new InetSocketAddress(LOOPBACK, 0));
  }

  @AfterEach
  void stop() {
    peers.forEach(UdpSocket::close);
    mux.close();
    io.close();
    assertThat(io.thread().isAlive()).as("reactor thread left running").isFalse();
    Thread writer = io.writerThread();
    assertThat(writer == null || !writer.isAlive()).as("send thread left running").isTrue();
  }

  private UdpSocket peer(LinkedBlockingQueue<Datagram> inbox) throws Exception {
    UdpSocket s = io.open(new InetSocketAddress(LOOPBACK, 0), (d, t) -> inbox.add(d));
    peers.add(s);
    return s;
  }

  private UdpSocket peer() throws Exception {
    return peer(new LinkedBlockingQueue<>());
  }

  private static byte[] binding(String localUfrag) {
    return Msg.bindingRequest().attr(0x0024, new byte[] {0, 0, 0, 1}).username(localUfrag + ":remote").bytes();
  }

  private void send(UdpSocket from, byte[] bytes) {
    assertThat(from.send(ByteBuffer.wrap(bytes), mux.localAddress())).isTrue();
  }

  /** Waits until {@code counter} reaches {@code expected}; drops are invisible otherwise. */
  private static void awaitCount(LongSupplier counter, long expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (counter.getAsLong() < expected && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(counter.getAsLong()).isEqualTo(expected);
  }

  private static Datagram take(LinkedBlockingQueue<Datagram> q) throws InterruptedException {
    Datagram d = q.poll(5, TimeUnit.SECONDS);
    assertThat(d).as("datagram delivered").isNotNull();
    return d;
  }

  private static byte[] bytes(Datagram d) {
    byte[] b = new byte[d.payload().remaining()];
    d.payload().duplicate().get(b);
    return b;
  }

  @Test
  void twoRegistrationsOnOnePortReceiveOnlyTheirOwnTraffic() throws Exception {
    LinkedBlockingQueue<Datagram> atA = new LinkedBlockingQueue<>();
    LinkedBlockingQueue<Datagram> atB = new LinkedBlockingQueue<>();
    UdpMux.Registration a = mux.register("ufragA", (d, t) -> atA.add(d));
    UdpMux.Registration b = mux.register("ufragB", (d, t) -> atB.add(d));
    assertThat(a.localAddress()).isEqualTo(b.localAddress()).isEqualTo(mux.localAddress());
    UdpSocket peerA = peer();
    UdpSocket peerB = peer();

    send(peerA, binding("ufragA"));
    send(peerB, binding("ufragB"));
    Datagram gotA = take(atA);
    Datagram gotB = take(atB);
    assertThat(gotA.source()).isEqualTo(peerA.localAddress());
    assertThat(gotA.destination()).isEqualTo(mux.localAddress());
    assertThat(gotB.source()).isEqualTo(peerB.localAddress());

    send(peerA, DTLS_LIKE);
    send(peerB, new byte[] {(byte) 0x80, 96, 0, 1});
    assertThat(bytes(take(atA))).isEqualTo(DTLS_LIKE);
    assertThat(bytes(take(atB))).isEqualTo(new byte[] {(byte) 0x80, 96, 0, 1});
    assertThat(atA).isEmpty();
    assertThat(atB).isEmpty();
    assertThat(a.remoteAddresses()).containsExactly(peerA.localAddress());
    assertThat(b.remoteAddresses()).containsExactly(peerB.localAddress());
    assertThat(a.datagramsReceived()).isEqualTo(2);
    assertThat(mux.dropped()).isZero();
  }

  @Test
  void registrationsSendFromTheSharedPort() throws Exception {
    LinkedBlockingQueue<Datagram> atPeer = new LinkedBlockingQueue<>();
    UdpSocket p = peer(atPeer);
    UdpMux.Registration a = mux.register("ufragA", (d, t) -> {});
    assertThat(a.send(ByteBuffer.wrap(new byte[] {1, 2}), p.localAddress())).isTrue();
    assertThat(take(atPeer).source()).isEqualTo(mux.localAddress());
    a.close();
    assertThat(a.send(ByteBuffer.wrap(new byte[] {1, 2}), p.localAddress())).isFalse();
  }

  @Test
  void registrationsHandOverToTheSendThreadInOrder() throws Exception {
    LinkedBlockingQueue<Datagram> atPeer = new LinkedBlockingQueue<>();
    UdpSocket p = peer(atPeer);
    UdpMux.Registration a = mux.register("ufragA", (d, t) -> {});
    for (int i = 0; i < 100; i++) {
      ByteBuffer b = ByteBuffer.allocate(4).putInt(0, i);
      assertThat(i % 10 == 0 ? a.send(b, p.localAddress()) : a.handOver(b, p.localAddress())).isTrue();
    }
    for (int i = 0; i < 100; i++) {
      Datagram d = take(atPeer);
      assertThat(d.source()).isEqualTo(mux.localAddress());
      assertThat(d.payload().getInt(0)).isEqualTo(i);
    }
    a.close();
    assertThat(a.handOver(ByteBuffer.wrap(new byte[] {1, 2}), p.localAddress())).isFalse();
  }

  @Test
  void dropsNonStunFromAnUnknownAddressAndBindingsForAnUnknownUfrag() throws Exception {
    LinkedBlockingQueue<Datagram> atA = new LinkedBlockingQueue<>();
    mux.register("ufragA", (d, t) -> atA.add(d));
    UdpSocket stranger = peer();
    send(stranger, DTLS_LIKE);
    awaitCount(mux::droppedUnknownSource, 1);
    send(stranger, binding("nobody"));
    awaitCount(mux::droppedUnknownUfrag, 1);
    // a success response is not a Binding request: it cannot create an association
    send(stranger, new Msg(0x0101).username("ufragA:remote").bytes());
    awaitCount(mux::droppedUnknownSource, 2);
    assertThat(atA).isEmpty();
    assertThat(mux.associations()).isZero();
  }

  @Test
  void afterAssociationNonStunFromThatAddressGoesToItsRegistration() throws Exception {
    LinkedBlockingQueue<Datagram> atA = new LinkedBlockingQueue<>();
    LinkedBlockingQueue<Datagram> atB = new LinkedBlockingQueue<>();
    mux.register("ufragA", (d, t) -> atA.add(d));
    mux.register("ufragB", (d, t) -> atB.add(d));
    UdpSocket p = peer();
    send(p, DTLS_LIKE); // before any Binding: unknown
    awaitCount(mux::droppedUnknownSource, 1);
    send(p, binding("ufragB"));
    take(atB);
    send(p, DTLS_LIKE);
    assertThat(bytes(take(atB))).isEqualTo(DTLS_LIKE);
    // a Binding request with an unregistered ufrag from an associated address follows the address
    send(p, binding("nobody"));
    take(atB);
    assertThat(atA).isEmpty();
  }

  @Test
  void oneRegistrationOwnsSeveralAddressesAndCloseRemovesThemAndStopsDelivery() throws Exception {
    LinkedBlockingQueue<Datagram> atA = new LinkedBlockingQueue<>();
    UdpMux.Registration a = mux.register("ufragA", (d, t) -> atA.add(d));
    UdpSocket p1 = peer();
    UdpSocket p2 = peer();
    send(p1, binding("ufragA"));
    send(p2, binding("ufragA"));
    take(atA);
    take(atA);
    assertThat(a.remoteAddresses()).containsExactlyInAnyOrder(p1.localAddress(), p2.localAddress());
    assertThat(mux.associations()).isEqualTo(2);

    a.close();
    assertThat(mux.associations()).isZero();
    send(p1, DTLS_LIKE);
    send(p2, binding("ufragA"));
    awaitCount(mux::droppedUnknownSource, 1);
    awaitCount(mux::droppedUnknownUfrag, 1);
    assertThat(atA).isEmpty();

    // the ufrag is free again
    LinkedBlockingQueue<Datagram> atA2 = new LinkedBlockingQueue<>();
    mux.register("ufragA", (d, t) -> atA2.add(d));
    send(p2, binding("ufragA"));
    take(atA2);
    assertThat(atA).isEmpty();
  }

  @Test
  void aLaterBindingWithAnotherUfragMovesTheAddress() throws Exception {
    LinkedBlockingQueue<Datagram> atA = new LinkedBlockingQueue<>();
    LinkedBlockingQueue<Datagram> atB = new LinkedBlockingQueue<>();
    UdpMux.Registration a = mux.register("ufragA", (d, t) -> atA.add(d));
    UdpMux.Registration b = mux.register("ufragB", (d, t) -> atB.add(d));
    UdpSocket p = peer();
    send(p, binding("ufragA"));
    take(atA);
    send(p, binding("ufragB"));
    take(atB);
    send(p, DTLS_LIKE);
    assertThat(bytes(take(atB))).isEqualTo(DTLS_LIKE);
    assertThat(atA).isEmpty();
    assertThat(a.remoteAddresses()).isEmpty();
    assertThat(b.remoteAddresses()).containsExactly(p.localAddress());
    assertThat(mux.reassociations()).isEqualTo(1);
    assertThat(mux.associations()).isEqualTo(1);
  }

  @Test
  void malformedStunNeverThrowsAndIsDropped() throws Exception {
    LinkedBlockingQueue<Datagram> atA = new LinkedBlockingQueue<>();
    mux.register("ufragA", (d, t) -> atA.add(d));
    UdpSocket p = peer();
    byte[] good = binding("ufragA");
    List<byte[]> bad = new ArrayList<>();
    byte[] lengthTooBig = good.clone();
    lengthTooBig[3] += 4;
    bad.add(lengthTooBig);
    byte[] oddLength = good.clone();
    oddLength[3] -= 1;
    bad.add(oddLength);
    byte[] attrOverrun = good.clone();
    attrOverrun[23] = 0x7F; // PRIORITY claims 127 bytes
    bad.add(attrOverrun);
    byte[] usernameOverrun = good.clone();
    usernameOverrun[31] = (byte) 0xFF;
    bad.add(usernameOverrun);
    bad.add(java.util.Arrays.copyOf(good, good.length - 4)); // truncated: header length lies
    bad.add(java.util.Arrays.copyOf(good, 20)); // header only, claims attributes
    bad.add(Msg.bindingRequest().username("ufragA").bytes()); // no colon
    bad.add(Msg.bindingRequest().bytes()); // no USERNAME
    for (byte[] m : bad) {
      send(p, m);
    }
    awaitCount(mux::droppedMalformedStun, bad.size());
    assertThat(atA).isEmpty();
    assertThat(mux.associations()).isZero();
    // the reactor is still alive and routing
    send(p, good);
    take(atA);
  }

  @Test
  void associationsAreBoundedPerRegistrationAndInTotalEvictingTheOldest() throws Exception {
    UdpMux small = UdpMux.open(io, new InetSocketAddress(LOOPBACK, 0), 2, 3);
    try {
      LinkedBlockingQueue<Datagram> atA = new LinkedBlockingQueue<>();
      LinkedBlockingQueue<Datagram> atB = new LinkedBlockingQueue<>();
      UdpMux.Registration a = small.register("ufragA", (d, t) -> atA.add(d));
      UdpMux.Registration b = small.register("ufragB", (d, t) -> atB.add(d));
      UdpSocket p1 = peer();
      UdpSocket p2 = peer();
      UdpSocket p3 = peer();
      UdpSocket p4 = peer();
      UdpSocket p5 = peer();
      for (UdpSocket p : List.of(p1, p2, p3)) {
        p.send(ByteBuffer.wrap(binding("ufragA")), small.localAddress());
        take(atA);
      }
      assertThat(a.remoteAddresses()).containsExactly(p2.localAddress(), p3.localAddress());
      assertThat(small.associationsEvicted()).isEqualTo(1);
      for (UdpSocket p : List.of(p4, p5)) {
        p.send(ByteBuffer.wrap(binding("ufragB")), small.localAddress());
        take(atB);
      }
      // total bound 3: the oldest overall (p2, of A) made room for p5
      assertThat(a.remoteAddresses()).containsExactly(p3.localAddress());
      assertThat(b.remoteAddresses()).containsExactly(p4.localAddress(), p5.localAddress());
      assertThat(small.associations()).isEqualTo(3);
      assertThat(small.associationsEvicted()).isEqualTo(2);
      p1.send(ByteBuffer.wrap(DTLS_LIKE), small.localAddress());
      awaitCount(small::droppedUnknownSource, 1);
      assertThat(atA).isEmpty();
    } finally {
      small.close();
    }
  }

  @Test
  void routesOverIpv6Loopback() throws Exception {
    InetSocketAddress v6 = new InetSocketAddress(InetAddress.getByName("::1"), 0);
    UdpMux mux6;
    try {
      mux6 = UdpMux.open(io, v6);
    } catch (java.io.IOException e) {
      org.junit.jupiter.api.Assumptions.abort("no IPv6 loopback here: " + e);
      return;
    }
    try {
      LinkedBlockingQueue<Datagram> atA = new LinkedBlockingQueue<>();
      mux6.register("ufragA", (d, t) -> atA.add(d));
      UdpSocket p = io.open(v6, (d, t) -> {});
      peers.add(p);
      p.send(ByteBuffer.wrap(binding("ufragA")), mux6.localAddress());
      assertThat(take(atA).source()).isEqualTo(p.localAddress());
      p.send(ByteBuffer.wrap(DTLS_LIKE), mux6.localAddress());
      assertThat(bytes(take(atA))).isEqualTo(DTLS_LIKE);
    } finally {
      mux6.close();
    }
  }

  @Test
  void registerAndCloseFromOtherThreadsWhileTrafficFlows() throws Exception {
    UdpSocket p = peer();
    java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
    Thread churn = Thread.ofPlatform().start(() -> {
      int i = 0;
      while (!stop.get()) {
        mux.register("churn" + (i++ % 4), (d, t) -> {}).close();
      }
    });
    try {
      for (int i = 0; i < 300; i++) {
        send(p, binding("churn" + (i % 4)));
        send(p, DTLS_LIKE);
      }
      awaitCount(() -> mux.socket().datagramsReceived(), 600);
    } finally {
      stop.set(true);
      churn.join(5_000);
    }
    // every registration was closed: nothing may stay associated
    assertThat(mux.associations()).isZero();
    LinkedBlockingQueue<Datagram> atA = new LinkedBlockingQueue<>();
    mux.register("churn0", (d, t) -> atA.add(d));
    send(p, DTLS_LIKE);
    send(p, binding("churn0"));
    assertThat(take(atA).source()).isEqualTo(p.localAddress());
    assertThat(atA).isEmpty();
  }

  @Test
  void registerRejectsDuplicatesBadUfragsAndAClosedMux() {
    mux.register("ufragA", (d, t) -> {});
    assertThatThrownBy(() -> mux.register("ufragA", (d, t) -> {})).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> mux.register("a:b", (d, t) -> {})).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> mux.register("", (d, t) -> {})).isInstanceOf(IllegalArgumentException.class);
    mux.close();
    assertThatThrownBy(() -> mux.register("ufragB", (d, t) -> {})).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void closingTheMuxClosesEveryRegistration() {
    UdpMux.Registration a = mux.register("ufragA", (d, t) -> {});
    mux.close();
    assertThat(a.isClosed()).isTrue();
    assertThat(mux.socket().isClosed()).isTrue();
  }
}

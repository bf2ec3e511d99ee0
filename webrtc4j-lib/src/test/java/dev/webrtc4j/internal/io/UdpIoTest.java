package dev.webrtc4j.internal.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webrtc4j.internal.util.Datagram;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real sockets, loopback only. */
class UdpIoTest {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private UdpIo io;

  @BeforeEach
  void start() {
    io = new UdpIo("test-udp");
  }

  @AfterEach
  void stop() {
    io.close();
    assertThat(io.thread().isAlive()).as("reactor thread left running").isFalse();
    Thread writer = io.writerThread();
    assertThat(writer == null || !writer.isAlive()).as("send thread left running").isTrue();
  }

  @Test
  void deliversDatagramsBothWaysWithAddresses() throws Exception {
    LinkedBlockingQueue<Datagram> atA = new LinkedBlockingQueue<>();
    LinkedBlockingQueue<Datagram> atB = new LinkedBlockingQueue<>();
    try (UdpSocket a = io.open(new InetSocketAddress(LOOPBACK, 0), (d, t) -> atA.add(d));
        UdpSocket b = io.open(new InetSocketAddress(LOOPBACK, 0), (d, t) -> atB.add(d))) {
      assertThat(a.send(ByteBuffer.wrap("ping".getBytes(StandardCharsets.UTF_8)), b.localAddress())).isTrue();
      Datagram got = atB.poll(5, TimeUnit.SECONDS);
      assertThat(got).isNotNull();
      assertThat(StandardCharsets.UTF_8.decode(got.payload()).toString()).isEqualTo("ping");
      assertThat(got.source()).isEqualTo(a.localAddress());
      assertThat(got.destination()).isEqualTo(b.localAddress());
      b.send(ByteBuffer.wrap(new byte[] {1, 2, 3}), got.source());
      Datagram back = atA.poll(5, TimeUnit.SECONDS);
      assertThat(back).isNotNull();
      assertThat(back.length()).isEqualTo(3);
      assertThat(b.datagramsReceived()).isEqualTo(1);
      assertThat(a.datagramsSent()).isEqualTo(1);
    }
  }

  @Test
  void keepsEveryDatagramOfABurstInOrderOnLoopback() throws Exception {
    LinkedBlockingQueue<Datagram> received = new LinkedBlockingQueue<>();
    try (UdpSocket a = io.open(new InetSocketAddress(LOOPBACK, 0), (d, t) -> {});
        UdpSocket b = io.open(new InetSocketAddress(LOOPBACK, 0), (d, t) -> received.add(d))) {
      for (int i = 0; i < 500; i++) {
        a.send(ByteBuffer.allocate(1200).putInt(0, i), b.localAddress());
      }
      for (int i = 0; i < 500; i++) {
        Datagram d = received.poll(5, TimeUnit.SECONDS);
        assertThat(d).as("datagram %d", i).isNotNull();
        assertThat(d.payload().getInt(0)).isEqualTo(i);
      }
    }
  }

  @Test
  void endsEachBurstAfterItsDatagrams() throws Exception {
    LinkedBlockingQueue<Integer> events = new LinkedBlockingQueue<>(); // datagram numbers; -1 = end of burst
    DatagramHandler handler = new DatagramHandler() {
      @Override public void onDatagram(Datagram d, long receivedNanos) {
        events.add(d.payload().getInt(0));
      }

      @Override public void endOfBurst() {
        events.add(-1);
      }
    };
    try (UdpSocket a = io.open(new InetSocketAddress(LOOPBACK, 0), (d, t) -> {});
        UdpSocket b = io.open(new InetSocketAddress(LOOPBACK, 0), handler)) {
      for (int i = 0; i < 200; i++) {
        a.send(ByteBuffer.allocate(100).putInt(0, i), b.localAddress());
      }
      int next = 0;
      int ends = 0;
      boolean endSinceDatagram = false;
      while (next < 200 || !endSinceDatagram) {
        Integer e = events.poll(5, TimeUnit.SECONDS);
        assertThat(e).as("event after datagram %d", next).isNotNull();
        if (e == -1) {
          assertThat(endSinceDatagram).as("an end of burst follows at least one datagram").isFalse();
          endSinceDatagram = true;
          ends++;
        } else {
          assertThat(e).isEqualTo(next++);
          endSinceDatagram = false;
        }
      }
      assertThat(ends).isBetween(1, 200);
    }
  }

  @Test
  void socketsClosedWhileReceivingDoNotStopTheReactor() throws Exception {
    // Sockets closed on another thread while datagrams arrive for them, and sockets closed before
    // the reactor registered them: the shared reactor must keep serving the others (a
    // CancelledKeyException from a key cancelled mid-check once ended the thread for the JVM).
    try (UdpSocket sender = io.open(new InetSocketAddress(LOOPBACK, 0), (d, t) -> {})) {
      for (int i = 0; i < 200; i++) {
        UdpSocket doomed = io.open(new InetSocketAddress(LOOPBACK, 0), (d, t) -> {});
        for (int j = 0; j < 4; j++) {
          sender.send(ByteBuffer.wrap(new byte[] {(byte) j}), doomed.localAddress());
        }
        doomed.close();
        io.open(new InetSocketAddress(LOOPBACK, 0), (d, t) -> {}).close();
      }
      LinkedBlockingQueue<Datagram> received = new LinkedBlockingQueue<>();
      try (UdpSocket survivor = io.open(new InetSocketAddress(LOOPBACK, 0), (d, t) -> received.add(d))) {
        assertThat(sender.send(ByteBuffer.wrap(new byte[] {42}), survivor.localAddress())).isTrue();
        assertThat(received.poll(5, TimeUnit.SECONDS)).as("reactor still receiving").isNotNull();
      }
      assertThat(io.thread().isAlive()).isTrue();
    }
  }

  @Test
  void handedOverAndDirectSendsLeaveInTheOrderGiven() throws Exception {
    LinkedBlockingQueue<Datagram> received = new LinkedBlockingQueue<>();
    try (UdpSocket a = io.open(new InetSocketAddress(LOOPBACK, 0), (d, t) -> {});
        UdpSocket b = io.open(new InetSocketAddress(LOOPBACK, 0), (d, t) -> received.add(d))) {
      // Runs of hand-overs with direct sends between them: a direct send behind datagrams the send
      // thread has not sent yet must wait for them.
      for (int i = 0; i < 600; i++) {
        ByteBuffer p = ByteBuffer.allocate(1200).putInt(0, i);
        boolean queued = i % 7 == 0 ? a.send(p, b.localAddress()) : a.handOver(p, b.localAddress());
        assertThat(queued).isTrue();
      }
      for (int i = 0; i < 600; i++) {
        Datagram d = received.poll(5, TimeUnit.SECONDS);
        assertThat(d).as("datagram %d", i).isNotNull();
        assertThat(d.payload().getInt(0)).isEqualTo(i);
      }
      // The send thread counts a datagram after its send call returns, which can be after the
      // receiver already has it: wait (bounded) for the counters to catch up.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while ((a.datagramsSent() != 600 || a.unsent() != 0) && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertThat(a.datagramsSent()).isEqualTo(600);
      assertThat(a.unsent()).isZero();
      assertThat(io.writerThread()).isNotNull();
    }
  }

  @Test
  void closeSendsWhatWasHandedOverFirst() throws Exception {
    LinkedBlockingQueue<Datagram> received = new LinkedBlockingQueue<>();
    try (UdpSocket b = io.open(new InetSocketAddress(LOOPBACK, 0), (d, t) -> received.add(d))) {
      UdpSocket a = io.open(new InetSocketAddress(LOOPBACK, 0), (d, t) -> {});
      for (int i = 0; i < 300; i++) {
        assertThat(a.handOver(ByteBuffer.allocate(1000).putInt(0, i), b.localAddress())).isTrue();
      }
      a.close(); // like a connection's close: its last datagrams (close_notify) were handed over
      for (int i = 0; i < 300; i++) {
        Datagram d = received.poll(5, TimeUnit.SECONDS);
        assertThat(d).as("datagram %d", i).isNotNull();
        assertThat(d.payload().getInt(0)).isEqualTo(i);
      }
      assertThat(a.unsent()).isZero();
      assertThat(a.handOver(ByteBuffer.allocate(1), b.localAddress())).isFalse();
      assertThat(a.send(ByteBuffer.allocate(1), b.localAddress())).isFalse();
    }
  }

  @Test
  void handOversAfterTheReactorClosedAreSentByTheCaller() throws Exception {
    LinkedBlockingQueue<Datagram> received = new LinkedBlockingQueue<>();
    try (UdpIo other = new UdpIo("test-udp-other");
        UdpSocket b = other.open(new InetSocketAddress(LOOPBACK, 0), (d, t) -> received.add(d))) {
      UdpSocket a = io.open(new InetSocketAddress(LOOPBACK, 0), (d, t) -> {});
      io.close();
      assertThat(a.handOver(ByteBuffer.allocate(8).putInt(0, 42), b.localAddress())).isTrue();
      assertThat(a.unsent()).isZero();
      Datagram d = received.poll(5, TimeUnit.SECONDS);
      assertThat(d).isNotNull();
      assertThat(d.payload().getInt(0)).isEqualTo(42);
      assertThat(io.writerThread()).as("no send thread for a closed reactor").isNull();
      a.close();
    }
  }

  @Test
  void closedSocketsDropSends() throws Exception {
    UdpSocket a = io.open(new InetSocketAddress(LOOPBACK, 0), (d, t) -> {});
    a.close();
    assertThat(a.send(ByteBuffer.allocate(1), new InetSocketAddress(LOOPBACK, 9))).isFalse();
    assertThat(a.sendsDropped()).isEqualTo(1);
  }

  @Test
  void bindsWithinAPortRangeAndReportsExhaustion() throws Exception {
    try (UdpSocket first = io.open(new InetSocketAddress(LOOPBACK, 0), (d, t) -> {})) {
      int port = first.localAddress().getPort();
      assertThatThrownBy(() -> io.openInRange(LOOPBACK, port, port, new SplittableRandom(1), (d, t) -> {}))
          .isInstanceOf(BindException.class)
          .hasMessageContaining(String.valueOf(port));
    }
    try (UdpSocket s = io.openInRange(LOOPBACK, 50000, 50100, new SplittableRandom(2), (d, t) -> {})) {
      assertThat(s.localAddress().getPort()).isBetween(50000, 50100);
    }
  }

  @Test
  void loopbackFilterListsOnlyLoopback() throws Exception {
    var list = LocalAddresses.list(LocalAddresses.Filter.LOOPBACK_ONLY);
    assertThat(list).isNotEmpty().allSatisfy(la -> assertThat(la.address().isLoopbackAddress()).isTrue());
    var browser = LocalAddresses.list(LocalAddresses.Filter.BROWSER_DEFAULT);
    assertThat(browser).noneSatisfy(la -> assertThat(la.address().isLoopbackAddress()).isTrue());
    assertThat(browser).noneSatisfy(la -> assertThat(la.address().isLinkLocalAddress()).isTrue());
  }

  @Test
  void filterRejectsWhatItShould() throws Exception {
    var f = new LocalAddresses.Filter(false, false, false, true, false, n -> !n.startsWith("docker"), a -> true);
    assertThat(f.accepts("eth0", InetAddress.getByName("10.1.2.3"))).isTrue();
    assertThat(f.accepts("docker0", InetAddress.getByName("10.1.2.3"))).isFalse();
    assertThat(f.accepts("eth0", InetAddress.getByName("2001:db8::1"))).isFalse();
    assertThat(f.accepts("eth0", InetAddress.getByName("169.254.1.1"))).isFalse();
    assertThat(f.accepts("lo", InetAddress.getByName("127.0.0.1"))).isFalse();
  }
}

package dev.webrtc4j.internal.sctp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class AssociationTest {
  private static final StreamId S1 = new StreamId(1);

  private static ByteBuffer payload(int n, int seed) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (i * 31 + seed);
    }
    return ByteBuffer.wrap(b);
  }

  @Test
  void simultaneousConnectFromBothSidesEstablishesOnce() {
    Peers p = new Peers(SctpOptions.defaults());
    p.connect();
    assertThat(p.a.isEstablished()).isTrue();
    assertThat(p.b.isEstablished()).isTrue();
    assertThat(p.events(p.eventsA, SctpEvent.Associated.class)).hasSize(1);
    assertThat(p.events(p.eventsB, SctpEvent.Associated.class)).hasSize(1);
  }

  @Test
  void oneSidedConnectEstablishesThePassiveSide() {
    Peers p = new Peers(SctpOptions.defaults());
    p.a.connect(p.now);
    p.flush();
    assertThat(p.a.isEstablished()).isTrue();
    assertThat(p.b.isEstablished()).isTrue();
  }

  @Test
  void messagesFlowBothWaysInOrder() {
    Peers p = new Peers(SctpOptions.defaults());
    p.connect();
    for (int i = 0; i < 100; i++) {
      assertThat(p.a.send(p.now, S1, 53, payload(100 + i, i), SendOptions.RELIABLE_ORDERED)).isEqualTo(SendResult.ACCEPTED);
      assertThat(p.b.send(p.now, S1, 51, payload(10 + i, i), SendOptions.RELIABLE_ORDERED)).isEqualTo(SendResult.ACCEPTED);
    }
    p.runUntil(p.now + Peers.ms(1000));
    List<SctpEvent.Message> atB = p.events(p.eventsB, SctpEvent.Message.class);
    List<SctpEvent.Message> atA = p.events(p.eventsA, SctpEvent.Message.class);
    assertThat(atB).hasSize(100);
    assertThat(atA).hasSize(100);
    for (int i = 0; i < 100; i++) {
      assertThat(Peers.bytes(atB.get(i).payload())).isEqualTo(payload(100 + i, i).array());
      assertThat(atB.get(i).ppid()).isEqualTo(53);
      assertThat(Peers.bytes(atA.get(i).payload())).isEqualTo(payload(10 + i, i).array());
    }
  }

  @Test
  void maxSizeMessageIsFragmentedAndReassembled() {
    SctpOptions o = SctpOptions.defaults().withMessageSizes(262_144, 262_144);
    Peers p = new Peers(o);
    p.connect();
    ByteBuffer big = payload(262_144, 7);
    assertThat(p.a.send(p.now, S1, 53, big, SendOptions.RELIABLE_ORDERED)).isEqualTo(SendResult.ACCEPTED);
    p.runUntil(p.now + Peers.ms(2000));
    List<SctpEvent.Message> got = p.events(p.eventsB, SctpEvent.Message.class);
    assertThat(got).hasSize(1);
    assertThat(Arrays.equals(Peers.bytes(got.get(0).payload()), big.array())).isTrue();
    assertThat(p.a.metrics().packetsSent()).isGreaterThan(262_144 / 1200);
  }

  @Test
  void tooLargeMessageIsRefused() {
    Peers p = new Peers(SctpOptions.defaults());
    p.connect();
    assertThat(p.a.send(p.now, S1, 53, payload(65_537, 0), SendOptions.RELIABLE_ORDERED)).isEqualTo(SendResult.TOO_LARGE);
  }

  @Test
  void sackIsDelayedForOnePacketAndImmediateForTheSecond() {
    Peers p = new Peers(SctpOptions.defaults());
    p.connect();
    p.a.send(p.now, S1, 53, payload(100, 0), SendOptions.RELIABLE_ORDERED);
    p.b.handleDatagram(p.now, p.a.pollTransmit());
    assertThat(p.b.pollTransmit()).as("no SACK for the first packet").isNull();
    assertThat(p.b.pollTimeout()).isEqualTo(p.now + Peers.ms(200));
    p.now += Peers.ms(200);
    p.b.handleTimeout(p.now);
    assertThat(Peers.parse(p.b.pollTransmit()).chunks().get(0)).isInstanceOf(SackChunk.class);
    p.a.send(p.now, S1, 53, payload(1172, 1), SendOptions.RELIABLE_ORDERED);
    p.a.send(p.now, S1, 53, payload(1172, 2), SendOptions.RELIABLE_ORDERED);
    p.b.handleDatagram(p.now, p.a.pollTransmit());
    assertThat(p.b.pollTransmit()).isNull();
    p.b.handleDatagram(p.now, p.a.pollTransmit());
    assertThat(Peers.parse(p.b.pollTransmit()).chunks().get(0)).as("SACK after the second packet").isInstanceOf(SackChunk.class);
  }

  @Test
  void rtoFollowsRfc6298AndIsClampedAndBackedOff() {
    RtoEstimator r = new RtoEstimator(Peers.ms(500), Peers.ms(400), Peers.ms(60_000));
    assertThat(r.rto()).isEqualTo(Peers.ms(500));
    r.observe(Peers.ms(200)); // SRTT 200, RTTVAR 100: 600
    assertThat(r.rto()).isEqualTo(Peers.ms(600));
    r.observe(Peers.ms(200)); // RTTVAR 75, SRTT 200: 500
    assertThat(r.rto()).isEqualTo(Peers.ms(500));
    for (int i = 0; i < 50; i++) {
      r.observe(Peers.ms(10));
    }
    assertThat(r.rto()).isEqualTo(Peers.ms(400));
    r.backoff();
    assertThat(r.rto()).isEqualTo(Peers.ms(800));
    for (int i = 0; i < 20; i++) {
      r.backoff();
    }
    assertThat(r.rto()).isEqualTo(Peers.ms(60_000));
  }

  @Test
  void messageOverOurMaxMessageSizeAbortsThePeer() {
    SctpOptions sender = SctpOptions.defaults().withMessageSizes(262_144, 262_144);
    SctpOptions receiver = SctpOptions.defaults().withMessageSizes(10_000, 262_144);
    Peers p = new Peers(sender, receiver);
    p.connect();
    p.a.send(p.now, S1, 53, payload(20_000, 0), SendOptions.RELIABLE_ORDERED);
    p.flush();
    assertThat(p.events(p.eventsB, SctpEvent.Message.class)).isEmpty();
    assertThat(p.events(p.eventsB, SctpEvent.Aborted.class)).hasSize(1);
    assertThat(p.events(p.eventsA, SctpEvent.Aborted.class)).singleElement()
        .satisfies(e -> assertThat(e.byPeer()).isTrue());
  }

  @Test
  void mtuSetBeforeTheStartSizesEveryPacketAndIsFixedOnceStarted() {
    // The stack learns the DTLS record limit only when the handshake is done, after the
    // association was made; 1163 is AES-GCM's limit in a 1200-byte datagram.
    Peers p = new Peers(SctpOptions.defaults().withMessageSizes(262_144, 262_144));
    p.a.setMtu(1163);
    p.b.setMtu(1163);
    assertThat(p.a.mtu()).isEqualTo(1163);
    int[] largest = {0};
    p.filter = (fromA, pkt) -> {
      largest[0] = Math.max(largest[0], pkt.remaining());
      return true;
    };
    p.a.send(p.now, S1, 53, payload(100_000, 5), SendOptions.RELIABLE_UNORDERED);
    p.connect();
    p.runUntil(p.now + Peers.ms(2000));
    assertThat(largest[0]).isEqualTo(1160); // packets are whole 4-byte words
    assertThat(Peers.bytes(p.events(p.eventsB, SctpEvent.Message.class).get(0).payload())).isEqualTo(payload(100_000, 5).array());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> p.a.setMtu(1200)).isInstanceOf(IllegalStateException.class);
    assertThat(p.a.mtu()).isEqualTo(1163);
  }

  @Test
  void packetsNeverExceedTheConfiguredMtu() {
    SctpOptions o = SctpOptions.defaults().withMtu(600).withMessageSizes(262_144, 262_144);
    Peers p = new Peers(o);
    p.connect();
    int[] largest = {0};
    p.filter = (fromA, pkt) -> {
      largest[0] = Math.max(largest[0], pkt.remaining());
      return true;
    };
    p.a.send(p.now, S1, 53, payload(100_000, 3), SendOptions.RELIABLE_UNORDERED);
    p.runUntil(p.now + Peers.ms(2000));
    assertThat(largest[0]).isEqualTo(600);
    assertThat(Peers.bytes(p.events(p.eventsB, SctpEvent.Message.class).get(0).payload())).isEqualTo(payload(100_000, 3).array());
  }

  @Test
  void fastRetransmitHalvesTheWindowOncePerRecovery() {
    Peers p = new Peers(SctpOptions.defaults());
    p.connect();
    // Grow cwnd first: bursts fill the window (a lock-step exchange never would, §7.2.1).
    for (int i = 0; i < 200; i++) {
      p.a.send(p.now, S1, 53, payload(1172, i), SendOptions.RELIABLE_ORDERED);
    }
    for (int round = 0; round < 50; round++) {
      for (ByteBuffer b; (b = p.a.pollTransmit()) != null; ) {
        p.b.handleDatagram(p.now, b);
      }
      for (ByteBuffer b; (b = p.b.pollTransmit()) != null; ) {
        p.a.handleDatagram(p.now, b);
      }
    }
    p.flush();
    Association.Tcb tcb = ((Association.Established) p.a.state()).tcb();
    long grown = tcb.out.cwnd;
    assertThat(grown).isGreaterThan(10L * 1200);
    int[] n = {0};
    p.filter = (fromA, pkt) -> !(fromA && Peers.hasChunk(pkt, DataChunk.class) && (++n[0] == 1 || n[0] == 3));
    for (int i = 0; i < 40; i++) {
      p.a.send(p.now, S1, 53, payload(1172, i), SendOptions.RELIABLE_ORDERED);
    }
    p.flush();
    assertThat(p.a.metrics().fastRetransmits()).isEqualTo(1);
    assertThat(tcb.out.ssthresh).isEqualTo(Math.max(grown / 2, 4 * 1200));
    assertThat(p.events(p.eventsB, SctpEvent.Message.class)).hasSize(240);
  }

  @Test
  void ownedBuffersAreSentAndReceivedWithoutDefensiveCopies() {
    Peers p = new Peers(SctpOptions.defaults());
    p.connect();
    ByteBuffer m = payload(5000, 9);
    assertThat(p.a.sendOwned(p.now, S1, 53, m.duplicate(), SendOptions.RELIABLE_ORDERED)).isEqualTo(SendResult.ACCEPTED);
    for (ByteBuffer b; (b = p.a.pollTransmit()) != null; ) {
      p.b.handleOwnedDatagram(p.now, b);
    }
    p.drainEvents();
    assertThat(Peers.bytes(p.events(p.eventsB, SctpEvent.Message.class).get(0).payload())).isEqualTo(m.array());
  }
}

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
}

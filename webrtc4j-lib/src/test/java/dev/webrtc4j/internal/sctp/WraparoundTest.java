package dev.webrtc4j.internal.sctp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** TSNs crossing 2^32 and SSNs crossing 2^16, with loss, must change nothing. */
class WraparoundTest {
  /** Every int it draws is {@code value}: tags and initial TSNs near the wrap. */
  private static RandomGenerator constant(int value) {
    return new RandomGenerator() {
      @Override
      public long nextLong() {
        return value;
      }

      @Override
      public int nextInt() {
        return value;
      }
    };
  }

  @Test
  void tsnsWrapAroundWithLossAndRetransmission() {
    Peers p = new Peers(SctpOptions.defaults());
    Association a = new Association(SctpOptions.defaults(), constant(-40), Peers.fixedSecure(1));
    Association b = new Association(SctpOptions.defaults(), constant(-7), Peers.fixedSecure(2));
    long now = p.now;
    a.connect(now);
    b.connect(now);
    AtomicInteger n = new AtomicInteger();
    StreamId s = new StreamId(0);
    for (int i = 0; i < 100; i++) {
      a.send(now, s, 53, ByteBuffer.allocate(1172).putInt(0, i), SendOptions.RELIABLE_ORDERED);
      b.send(now, s, 53, ByteBuffer.allocate(1172).putInt(0, i), SendOptions.RELIABLE_ORDERED);
    }
    int gotA = 0;
    int gotB = 0;
    int next = 0;
    for (int round = 0; round < 10_000 && (gotA < 100 || gotB < 100); round++) {
      for (ByteBuffer x; (x = a.pollTransmit()) != null; ) {
        if (n.incrementAndGet() % 7 != 0) {
          b.handleDatagram(now, x);
        }
      }
      for (ByteBuffer x; (x = b.pollTransmit()) != null; ) {
        if (n.incrementAndGet() % 11 != 0) {
          a.handleDatagram(now, x);
        }
      }
      for (SctpEvent e; (e = b.pollEvent()) != null; ) {
        if (e instanceof SctpEvent.Message m) {
          assertThat(m.payload().getInt(0)).isEqualTo(next++);
          gotB++;
        }
      }
      for (SctpEvent e; (e = a.pollEvent()) != null; ) {
        if (e instanceof SctpEvent.Message) {
          gotA++;
        }
      }
      now = Math.max(now, Math.min(a.pollTimeout(), b.pollTimeout()));
      a.handleTimeout(now);
      b.handleTimeout(now);
    }
    assertThat(gotB).isEqualTo(100);
    assertThat(gotA).isEqualTo(100);
    Association.Tcb ta = ((Association.Established) a.state()).tcb();
    assertThat(new Tsn((int) ta.out.nextTsn).isAfter(new Tsn(-40))).isTrue();
    assertThat(new Tsn((int) ta.out.nextTsn).value()).isBetween(60, 1000); // wrapped past 0 (100+ TSNs from -40)
  }

  @Test
  void ssnsWrapAroundOnALongOrderedStream() {
    Peers p = new Peers(SctpOptions.defaults());
    p.connect();
    StreamId s = new StreamId(4);
    int total = 70_000;
    int received = 0;
    int sent = 0;
    while (received < total) {
      while (sent < total && p.a.send(p.now, s, 51, ByteBuffer.allocate(4).putInt(0, sent), SendOptions.RELIABLE_ORDERED)
          == SendResult.ACCEPTED) {
        sent++;
        if (sent % 1000 == 0) {
          break;
        }
      }
      p.flush();
      List<SctpEvent.Message> got = p.events(p.eventsB, SctpEvent.Message.class);
      for (int i = received; i < got.size(); i++) {
        assertThat(got.get(i).payload().getInt(0)).isEqualTo(i);
      }
      received = got.size();
      if (received < sent) {
        p.runUntil(p.now + Peers.ms(300));
      }
    }
    assertThat(received).isEqualTo(total);
  }
}

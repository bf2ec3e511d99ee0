package dev.webrtc4j.internal.stun;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webrtc4j.internal.util.Datagram;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StunTransactionsTest {
  private static final long MS = 1_000_000L;
  private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 5000);
  private static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 3478);
  private final SplittableRandom random = new SplittableRandom(42);

  private Datagram request(TransactionId id) {
    StunMessage m = StunMessage.of(StunMethod.BINDING, StunClass.REQUEST, id);
    return new Datagram(LOCAL, SERVER, m.encode(null, true));
  }

  /** Runs the virtual clock from {@code start} by jumping to each pollTimeout; returns the send times in ms. */
  private static List<Long> run(StunTransactions<String> t, long start, List<StunTransactions.TimedOut<String>> timeouts) {
    List<Long> sends = new ArrayList<>();
    long now = start;
    while (true) {
      for (Datagram d; (d = t.pollTransmit()) != null; ) {
        sends.add((now - start) / MS);
      }
      for (StunTransactions.TimedOut<String> to; (to = t.pollTimedOut()) != null; ) {
        timeouts.add(to);
      }
      long next = t.pollTimeout();
      if (next == Long.MAX_VALUE) {
        return sends;
      }
      assertThat(next).isGreaterThan(now);
      now = next;
      t.handleTimeout(now);
    }
  }

  @Test
  void retransmitsOnTheRfcScheduleThenTimesOutAfterRmTimesRto() {
    StunTransactions<String> t = new StunTransactions<>(StunTransactions.Config.DEFAULT);
    long start = 1_000_000_000_000L;
    TransactionId id = TransactionId.random(random);
    t.start(start, id, request(id), "binding");
    List<StunTransactions.TimedOut<String>> timeouts = new ArrayList<>();
    List<Long> sends = run(t, start, timeouts);
    assertThat(sends).containsExactly(0L, 500L, 1500L, 3500L, 7500L, 15500L, 31500L);
    assertThat(timeouts).containsExactly(new StunTransactions.TimedOut<>(id, "binding", 7));
  }

  @Test
  void timeoutHappensExactlyAt39500Ms() {
    StunTransactions<String> t = new StunTransactions<>(StunTransactions.Config.DEFAULT);
    TransactionId id = TransactionId.random(random);
    t.start(0, id, request(id), "x");
    long now = 0;
    while (now < 39_500 * MS) {
      now = t.pollTimeout();
      t.handleTimeout(now);
      if (now < 39_500 * MS) {
        assertThat(t.pollTimedOut()).isNull();
      }
    }
    assertThat(now).isEqualTo(39_500 * MS);
    assertThat(t.pollTimedOut()).isNotNull();
    assertThat(t.pollTimeout()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void customRtoRcAndRmAreHonoured() {
    StunTransactions<String> t = new StunTransactions<>(StunTransactions.Config.DEFAULT);
    TransactionId id = TransactionId.random(random);
    StunTransactions.Config ice = StunTransactions.Config.DEFAULT.withRto(250 * MS).withRc(4).withRm(2);
    t.start(0, id, request(id), "check", ice);
    List<StunTransactions.TimedOut<String>> timeouts = new ArrayList<>();
    List<Long> sends = run(t, 0, timeouts);
    assertThat(sends).containsExactly(0L, 250L, 750L, 1750L);
    assertThat(timeouts).hasSize(1);
  }

  @Test
  void customScheduleFailsAtLastSendPlusRmTimesRto() {
    StunTransactions<String> t = new StunTransactions<>(StunTransactions.Config.DEFAULT);
    TransactionId id = TransactionId.random(random);
    t.start(0, id, request(id), "check", StunTransactions.Config.DEFAULT.withRto(250 * MS).withRc(4).withRm(2));
    long now = 0;
    while (t.size() > 0) {
      now = t.pollTimeout();
      t.handleTimeout(now);
    }
    assertThat(now).isEqualTo(1750 * MS + 2 * 250 * MS);
  }

  @Test
  void rtoCapLimitsTheDoubling() {
    StunTransactions<String> t = new StunTransactions<>(StunTransactions.Config.DEFAULT.withMaxRto(1000 * MS));
    TransactionId id = TransactionId.random(random);
    t.start(0, id, request(id), "x");
    List<Long> sends = run(t, 0, new ArrayList<>());
    assertThat(sends).containsExactly(0L, 500L, 1500L, 2500L, 3500L, 4500L, 5500L);
  }

  @Test
  void singleRequestWhenRcIsOne() {
    StunTransactions<String> t = new StunTransactions<>(StunTransactions.Config.DEFAULT.withRc(1));
    TransactionId id = TransactionId.random(random);
    t.start(0, id, request(id), "x");
    assertThat(t.pollTimeout()).isEqualTo(8000 * MS);
    List<Long> sends = run(t, 0, new ArrayList<>());
    assertThat(sends).containsExactly(0L);
  }

  @Test
  void reliableTransportSendsOnceAndFailsAfterTi() {
    StunTransactions<String> t = new StunTransactions<>(StunTransactions.Config.DEFAULT.withReliable(true));
    TransactionId id = TransactionId.random(random);
    t.start(0, id, request(id), "tcp");
    assertThat(t.pollTimeout()).isEqualTo(39_500 * MS);
    List<StunTransactions.TimedOut<String>> timeouts = new ArrayList<>();
    assertThat(run(t, 0, timeouts)).containsExactly(0L);
    assertThat(timeouts).hasSize(1);
  }

  @Test
  void responseStopsRetransmissionsAndLateResponseIsUnknown() {
    StunTransactions<String> t = new StunTransactions<>(StunTransactions.Config.DEFAULT);
    TransactionId id = TransactionId.random(random);
    t.start(0, id, request(id), "x");
    assertThat(t.pollTransmit()).isNotNull();
    t.handleTimeout(500 * MS);
    assertThat(t.pollTransmit()).isNotNull();
    StunTransactions.Completed<String> done = t.complete(id);
    assertThat(done).isEqualTo(new StunTransactions.Completed<>("x", 0L, 2));
    assertThat(t.complete(id)).isNull();
    assertThat(t.pollTimeout()).isEqualTo(Long.MAX_VALUE);
    t.handleTimeout(100_000 * MS);
    assertThat(t.pollTransmit()).isNull();
    assertThat(t.pollTimedOut()).isNull();
  }

  @Test
  void retransmissionsCarryTheSameBytes() {
    StunTransactions<String> t = new StunTransactions<>(StunTransactions.Config.DEFAULT);
    TransactionId id = TransactionId.random(random);
    Datagram req = request(id);
    byte[] expected = new byte[req.length()];
    req.payload().duplicate().get(expected);
    t.start(0, id, req, "x");
    req.payload().position(req.payload().limit()); // the caller's buffer is not shared
    Datagram first = t.pollTransmit();
    t.handleTimeout(500 * MS);
    Datagram second = t.pollTransmit();
    for (Datagram d : List.of(first, second)) {
      byte[] got = new byte[d.length()];
      d.payload().get(got);
      assertThat(got).isEqualTo(expected);
      assertThat(d.destination()).isEqualTo(SERVER);
    }
  }

  @Test
  void independentTransactionsInterleave() {
    StunTransactions<String> t = new StunTransactions<>(StunTransactions.Config.DEFAULT);
    TransactionId a = TransactionId.random(random);
    TransactionId b = TransactionId.random(random);
    t.start(0, a, request(a), "a");
    t.start(200 * MS, b, request(b), "b");
    assertThat(t.pollTimeout()).isEqualTo(500 * MS);
    t.handleTimeout(500 * MS);
    assertThat(t.pollTimeout()).isEqualTo(700 * MS);
    assertThat(t.cancel(a)).isTrue();
    assertThat(t.size()).isEqualTo(1);
    assertThat(t.peek(b)).isEqualTo("b");
  }
}

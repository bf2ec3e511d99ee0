package dev.webrtc4j.internal.sctp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two associations over an in-test link in virtual time: 10% loss, 2% duplication, reordering
 * by jitter, 100 ms one-way delay. Reliable ordered streams must deliver every message exactly
 * once in order; maxRetransmits=0 streams must lose exactly the messages the link lost a piece of.
 */
class LossyLinkTest {
  private static final StreamId RELIABLE = new StreamId(1);
  private static final StreamId REXMIT0_ORDERED = new StreamId(2);
  private static final StreamId REXMIT0_UNORDERED = new StreamId(3);
  private static final long MS = 1_000_000L;

  private record InFlight(long at, long seq, ByteBuffer packet) {}

  /** One direction of the link. */
  private static final class Link {
    final PriorityQueue<InFlight> queue =
        new PriorityQueue<>((x, y) -> x.at != y.at ? Long.compare(x.at, y.at) : Long.compare(x.seq, y.seq));
    final SplittableRandom rng;
    long seq;
    /** TSNs of DATA chunks that reached the receiver at least once, and fragments seen. */
    final Set<Long> deliveredTsns = new HashSet<>();
    final Map<Long, DataChunk> sentChunks = new HashMap<>();

    Link(SplittableRandom rng) {
      this.rng = rng;
    }

    void send(long now, ByteBuffer p) {
      boolean lost = rng.nextDouble() < 0.10;
      for (Chunk c : Peers.parse(p).chunks()) {
        if (c instanceof DataChunk d) {
          // Copy: the view shares the packet buffer.
          long tsn = d.tsn().unsigned();
          if (!sentChunks.containsKey(tsn)) {
            byte[] head = new byte[Math.min(4, d.payload().remaining())];
            d.payload().duplicate().get(head);
            sentChunks.put(tsn, d.withTsn(d.tsn()).equals(d) ? new DataChunk(d.tsn(), d.streamId(), d.ssn(), d.ppid(),
                ByteBuffer.wrap(head), false, d.unordered(), d.beginning(), d.end()) : d);
          }
          if (!lost) {
            deliveredTsns.add(tsn);
          }
        }
      }
      if (lost) {
        return;
      }
      queue.add(new InFlight(now + 100 * MS + rng.nextLong(20 * MS), seq++, p));
      if (rng.nextDouble() < 0.02) {
        queue.add(new InFlight(now + 100 * MS + rng.nextLong(40 * MS), seq++, p.duplicate()));
      }
    }

    long next() {
      InFlight f = queue.peek();
      return f == null ? Long.MAX_VALUE : f.at;
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void reliableStreamsDeliverExactlyOnceInOrderAndUnreliableOnesLoseOnlyWhatTheLinkLost(long seed) {
    System.out.println("LossyLinkTest seed " + seed);
    SplittableRandom rng = new SplittableRandom(seed);
    Peers p = new Peers(SctpOptions.defaults());
    Link ab = new Link(rng.split());
    Link ba = new Link(rng.split());
    long now = p.now;
    p.a.connect(now);
    p.b.connect(now);
    int n = 600;
    List<byte[]> sent = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] m = new byte[4 + rng.nextInt(3000)];
      rng.nextBytes(m);
      ByteBuffer.wrap(m).putInt(0, i);
      sent.add(m);
      assertThat(p.a.send(now, RELIABLE, 53, ByteBuffer.wrap(m), SendOptions.RELIABLE_ORDERED)).isEqualTo(SendResult.ACCEPTED);
      ByteBuffer u = ByteBuffer.allocate(4 + rng.nextInt(2000)).putInt(0, i);
      p.a.send(now, REXMIT0_ORDERED, 53, u, SendOptions.maxRetransmits(true, 0));
      p.a.send(now, REXMIT0_UNORDERED, 53, u.duplicate(), SendOptions.maxRetransmits(false, 0));
    }
    List<SctpEvent.Message> got = new ArrayList<>();
    long limit = now + 600_000 * MS;
    while (now < limit) {
      for (ByteBuffer b; (b = p.a.pollTransmit()) != null; ) {
        ab.send(now, b);
      }
      for (ByteBuffer b; (b = p.b.pollTransmit()) != null; ) {
        ba.send(now, b);
      }
      for (SctpEvent e; (e = p.b.pollEvent()) != null; ) {
        if (e instanceof SctpEvent.Message m) {
          got.add(m);
        }
      }
      while (p.a.pollEvent() != null) {}
      long reliableCount = got.stream().filter(m -> m.streamId().equals(RELIABLE)).count();
      Association.State st = p.a.state();
      if (reliableCount == n && st instanceof Association.Established e && e.tcb().out.isEmpty() && p.a.totalBufferedAmount() == 0) {
        break;
      }
      long next = Math.min(Math.min(ab.next(), ba.next()), Math.min(p.a.pollTimeout(), p.b.pollTimeout()));
      assertThat(next).isNotEqualTo(Long.MAX_VALUE);
      now = Math.max(now, next);
      while (ab.next() <= now) {
        p.b.handleDatagram(now, ab.queue.poll().packet());
      }
      while (ba.next() <= now) {
        p.a.handleDatagram(now, ba.queue.poll().packet());
      }
      if (p.a.pollTimeout() <= now) {
        p.a.handleTimeout(now);
      }
      if (p.b.pollTimeout() <= now) {
        p.b.handleTimeout(now);
      }
    }
    assertThat(p.a.isEstablished()).as("still established").isTrue();
    // Reliable ordered: exactly once, in order, byte for byte.
    List<SctpEvent.Message> reliable = got.stream().filter(m -> m.streamId().equals(RELIABLE)).toList();
    assertThat(reliable).hasSize(n);
    for (int i = 0; i < n; i++) {
      assertThat(Peers.bytes(reliable.get(i).payload())).isEqualTo(sent.get(i));
    }
    // maxRetransmits 0: delivered iff every fragment crossed the link at least once.
    for (StreamId s : List.of(REXMIT0_ORDERED, REXMIT0_UNORDERED)) {
      Set<Integer> expected = new HashSet<>();
      Set<Integer> all = new HashSet<>();
      for (Map.Entry<Long, DataChunk> e : ab.sentChunks.entrySet()) {
        DataChunk d = e.getValue();
        if (!d.streamId().equals(s) || !d.beginning()) {
          continue;
        }
        int id = d.payload().getInt(0);
        all.add(id);
        boolean complete = true;
        for (long t = e.getKey(); ; t++) {
          DataChunk f = ab.sentChunks.get(t);
          // A message abandoned mid-way never had its last fragment sent.
          boolean foreign = f != null && t != e.getKey() && (f.beginning() || !f.streamId().equals(s));
          if (f == null || foreign || !ab.deliveredTsns.contains(t)) {
            complete = false;
            break;
          }
          if (f.end()) {
            break;
          }
        }
        if (complete) {
          expected.add(id);
        }
      }
      List<Integer> ids = got.stream().filter(m -> m.streamId().equals(s)).map(m -> m.payload().getInt(0)).toList();
      Set<Integer> missing = new HashSet<>(expected);
      missing.removeAll(ids);
      Set<Integer> extra = new HashSet<>(ids);
      extra.removeAll(expected);
      assertThat(missing).as("stream %s: complete on the link but not delivered", s).isEmpty();
      assertThat(extra).as("stream %s: delivered but not complete on the link", s).isEmpty();
      assertThat(ids).as("no duplicates on %s", s).doesNotHaveDuplicates();
      assertThat(expected.size()).as("the link lost some of stream %s", s).isLessThan(all.size());
      if (s.equals(REXMIT0_ORDERED)) {
        assertThat(ids).isSorted();
      }
    }
    System.out.printf("seed %d: %d ms virtual, %s%n", seed, (now - 1_000_000_000L) / MS, p.a.metrics());
  }
}

package dev.webrtc4j.internal.sctp;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The receiver: which TSNs arrived (for the SACK), reassembly of fragments, and ordered
 * delivery per stream (RFC 9260 §6.2, §6.5, §6.6, §6.9; RFC 3758 §3.6; RFC 6525 §5.2.2).
 *
 * <p>Memory is bounded by the receive buffer: fragments and complete messages waiting for an
 * earlier SSN count against it, and the advertised window is what is left. Chunks beyond the
 * bound are dropped, never stored; TSNs once accepted are never reneged.
 *
 * <p>Costs: an in-order single-chunk message is delivered without being stored; a fragment is
 * O(log n) to store, and a message is assembled once, when its last missing fragment arrives.
 */
final class ReceiveQueue {
  /** Most duplicate TSNs reported in one SACK. */
  static final int MAX_DUPLICATES = 16;
  /** Most gap blocks reported in one SACK (fits a 1200-byte packet with room to spare). */
  static final int MAX_GAP_BLOCKS = 64;
  /** Furthest a DATA chunk's TSN may be above the cumulative TSN. */
  static final int MAX_AHEAD = 0xFFFF;

  enum Verdict {
    ACCEPTED,
    DUPLICATE,
    DROPPED_FULL,
    TOO_FAR
  }

  /** Ordered delivery state of one incoming stream; SSNs unwrapped to a monotonic counter. */
  private final class InStream {
    long nextAbs;
    final TreeMap<Long, SctpEvent.Message> waiting = new TreeMap<>();

    long unwrap(Ssn ssn) {
      return nextAbs + (short) (ssn.value() - (int) (nextAbs & 0xFFFF));
    }

    void reset() {
      resetBuffered(this);
      waiting.clear();
      nextAbs = (nextAbs & ~0xFFFFL) + 0x10000;
    }
  }

  private long cumTsn;
  private long highestTsn;
  /** Received TSN runs above cumTsn: start to end, inclusive. */
  private final TreeMap<Long, Long> runs = new TreeMap<>();
  private final List<Tsn> duplicates = new ArrayList<>();
  private final FragmentRing fragments = new FragmentRing();
  private final Map<Integer, InStream> streams = new HashMap<>();
  private final int limit;
  private final int maxMessageSize;
  private final Consumer<SctpEvent.Message> deliver;
  /**
   * Bytes held, each stored fragment or waiting message charged its payload plus
   * {@link #OVERHEAD}, so that a peer sending tiny fragments cannot make the heap grow far beyond
   * the window.
   */
  private long buffered;
  /** Approximate heap cost of one stored chunk or message besides its payload. */
  static final int OVERHEAD = 64;

  private static long cost(int payload) {
    return payload + (long) OVERHEAD;
  }
  /** Set when the peer sent a message larger than our max message size. */
  boolean oversizedMessage;

  ReceiveQueue(Tsn peerInitialTsn, int limit, int maxMessageSize, Consumer<SctpEvent.Message> deliver) {
    this.cumTsn = Integer.toUnsignedLong(peerInitialTsn.value()) - 1 + (1L << 32);
    this.highestTsn = cumTsn;
    this.limit = limit;
    this.maxMessageSize = maxMessageSize;
    this.deliver = deliver;
  }

  long unwrap(Tsn t) {
    return cumTsn + t.minus(new Tsn((int) cumTsn));
  }

  Tsn cumulativeTsn() {
    return new Tsn((int) cumTsn);
  }

  long bufferedBytes() {
    return buffered;
  }

  long advertisedWindow() {
    return Math.max(0, limit - buffered);
  }

  boolean hasGaps() {
    return !runs.isEmpty();
  }

  /** Whether every TSN up to and including {@code t} arrived (or was skipped). */
  boolean cumulativeReached(Tsn t) {
    return unwrap(t) <= cumTsn;
  }

  Verdict onData(DataChunk c) {
    long t = unwrap(c.tsn());
    if (t <= cumTsn || isReceived(t)) {
      if (duplicates.size() < MAX_DUPLICATES) {
        duplicates.add(c.tsn());
      }
      return Verdict.DUPLICATE;
    }
    // A SACK can only report TSNs up to 65535 above the cumulative ack (16-bit gap offsets),
    // and a sender respecting our window never gets that far ahead: refuse, do not store.
    if (t - cumTsn > MAX_AHEAD) {
      return Verdict.TOO_FAR;
    }
    int n = c.payload().remaining();
    boolean singleInOrder = c.beginning() && c.end();
    if (buffered + cost(n) > limit) {
      // §6.2: "When the receiver's advertised window is 0, the receiver MUST drop any new
      // incoming DATA chunk with a TSN larger than the largest TSN received so far." A chunk
      // that fills a hole is still taken, up to twice the window, so that a full buffer can drain.
      if (t > highestTsn || buffered + cost(n) > 2L * limit) {
        return Verdict.DROPPED_FULL;
      }
    }
    markReceived(t);
    if (singleInOrder) {
      // The packet is already the association's private copy: deliver a view of it.
      ByteBuffer copy = c.payload();
      if (copy.remaining() > maxMessageSize) {
        oversizedMessage = true;
        return Verdict.ACCEPTED;
      }
      offerMessage(c.streamId(), c.ssn(), c.ppid(), copy, c.unordered());
      return Verdict.ACCEPTED;
    }
    fragments.put(t, c);
    buffered += cost(n);
    if (c.end() || fragments.contains(t + 1)) {
      tryAssemble(t);
    }
    return Verdict.ACCEPTED;
  }

  /**
   * Acknowledges a chunk without keeping its data (§6.8, an invalid stream identifier). Returns
   * false for a duplicate or a TSN outside the window.
   */
  boolean acknowledgeOnly(Tsn tsn) {
    long t = unwrap(tsn);
    if (t <= cumTsn || isReceived(t) || t - cumTsn > MAX_AHEAD) {
      return false;
    }
    markReceived(t);
    return true;
  }

  private boolean isReceived(long t) {
    if (runs.isEmpty()) {
      return false; // the common in-order case: no lookup, no boxing
    }
    Map.Entry<Long, Long> e = runs.floorEntry(t);
    return e != null && e.getValue() >= t;
  }

  private void markReceived(long t) {
    if (t > highestTsn) {
      highestTsn = t;
    }
    if (t == cumTsn + 1) {
      cumTsn = t;
      Map.Entry<Long, Long> first = runs.firstEntry();
      if (first != null && first.getKey() == cumTsn + 1) {
        runs.pollFirstEntry();
        cumTsn = first.getValue();
      }
      return;
    }
    Map.Entry<Long, Long> below = runs.floorEntry(t);
    Long aboveEnd = runs.get(t + 1);
    if (below != null && below.getValue() == t - 1) {
      long end = aboveEnd != null ? aboveEnd : t;
      if (aboveEnd != null) {
        runs.remove(t + 1);
      }
      runs.put(below.getKey(), end);
    } else if (aboveEnd != null) {
      runs.remove(t + 1);
      runs.put(t, aboveEnd);
    } else {
      runs.put(t, t);
    }
  }

  /** Assembles the message around {@code t} if all its fragments are present. */
  private void tryAssemble(long t) {
    long start = t;
    DataChunk c = fragments.get(start);
    while (!c.beginning()) {
      DataChunk prev = fragments.get(start - 1);
      if (prev == null || prev.end()) {
        return;
      }
      start--;
      c = prev;
    }
    long end = t;
    DataChunk e = fragments.get(end);
    while (!e.end()) {
      DataChunk next = fragments.get(end + 1);
      if (next == null || next.beginning()) {
        return;
      }
      end++;
      e = next;
    }
    long total = 0;
    for (long i = start; i <= end; i++) {
      total += fragments.get(i).payload().remaining();
    }
    if (total > maxMessageSize) {
      oversizedMessage = true;
      removeFragments(start, end);
      return;
    }
    byte[] out = new byte[(int) total];
    int pos = 0;
    for (long i = start; i <= end; i++) {
      DataChunk f = fragments.remove(i);
      int n = f.payload().remaining();
      f.payload().duplicate().get(out, pos, n);
      pos += n;
      buffered -= cost(n);
    }
    offerMessage(c.streamId(), c.ssn(), c.ppid(), ByteBuffer.wrap(out).asReadOnlyBuffer(), c.unordered());
  }

  private void removeFragments(long start, long end) {
    for (long i = start; i <= end; i++) {
      DataChunk f = fragments.remove(i);
      if (f != null) {
        buffered -= cost(f.payload().remaining());
      }
    }
  }

  private InStream stream(StreamId id) {
    InStream s = streams.get(id.value());
    if (s == null) {
      s = new InStream();
      streams.put(id.value(), s);
    }
    return s;
  }

  private void offerMessage(StreamId sid, Ssn ssn, int ppid, ByteBuffer payload, boolean unordered) {
    SctpEvent.Message m = new SctpEvent.Message(sid, ppid, payload, unordered);
    if (unordered) {
      deliver.accept(m);
      return;
    }
    InStream s = stream(sid);
    long abs = s.unwrap(ssn);
    if (abs == s.nextAbs) {
      deliver.accept(m);
      s.nextAbs++;
      drainInOrder(s);
    } else if (abs > s.nextAbs) {
      if (s.waiting.putIfAbsent(abs, m) == null) {
        buffered += cost(payload.remaining());
      }
    }
    // abs < next: an SSN already delivered or skipped: a duplicate message, dropped.
  }

  private void drainInOrder(InStream s) {
    while (!s.waiting.isEmpty() && s.waiting.firstKey() == s.nextAbs) {
      SctpEvent.Message m = s.waiting.pollFirstEntry().getValue();
      buffered -= cost(m.payload().remaining());
      deliver.accept(m);
      s.nextAbs++;
    }
  }

  /**
   * RFC 3758 §3.6: the peer abandoned everything up to {@code chunk.newCumulativeTsn()}. Moves
   * the cumulative TSN, drops fragments it passes, and skips the named SSNs. Returns false when
   * it did not advance anything (an old FORWARD TSN).
   */
  boolean onForwardTsn(ForwardTsnChunk chunk) {
    long newCum = unwrap(chunk.newCumulativeTsn());
    if (newCum <= cumTsn) {
      return false;
    }
    if (newCum - cumTsn > 1L << 24) {
      return false;
    }
    // "...the receiver MUST update its cumulative TSN point to the value carried in the FORWARD
    // TSN chunk ... and MUST discard any partially received messages with TSNs up to it".
    cumTsn = newCum;
    if (highestTsn < cumTsn) {
      highestTsn = cumTsn;
    }
    while (!runs.isEmpty()) {
      Map.Entry<Long, Long> first = runs.firstEntry();
      if (first.getKey() > cumTsn + 1) {
        break;
      }
      runs.pollFirstEntry();
      if (first.getValue() > cumTsn) {
        cumTsn = first.getValue();
      }
    }
    if (fragments.size() > 0) {
      for (long t = fragments.low(), end = Math.min(newCum, fragments.high()); t <= end && fragments.size() > 0; t++) {
        DataChunk f = fragments.remove(t);
        if (f != null) {
          buffered -= cost(f.payload().remaining());
        }
      }
    }
    for (ForwardTsnChunk.SkippedStream sk : chunk.skipped()) {
      InStream s = stream(sk.streamId());
      long abs = s.unwrap(sk.ssn());
      if (abs < s.nextAbs) {
        continue;
      }
      // Complete messages up to the skipped SSN are delivered in order; the skipped ones are gone.
      while (!s.waiting.isEmpty() && s.waiting.firstKey() <= abs) {
        SctpEvent.Message m = s.waiting.pollFirstEntry().getValue();
        buffered -= cost(m.payload().remaining());
        deliver.accept(m);
      }
      s.nextAbs = abs + 1;
      drainInOrder(s);
    }
    // A fragment right after the new cumulative point may now complete a message.
    if (fragments.contains(cumTsn + 1)) {
      tryAssemble(cumTsn + 1);
    }
    return true;
  }

  /** RFC 6525 §5.2.2: the peer reset its outgoing streams; their next SSN is 0 again. */
  void resetIncoming(List<StreamId> ids) {
    if (ids.isEmpty()) {
      for (InStream s : streams.values()) {
        s.reset();
      }
    }
    for (StreamId id : ids) {
      InStream s = streams.get(id.value());
      if (s != null) {
        s.reset();
      }
    }
  }

  private void resetBuffered(InStream s) {
    for (SctpEvent.Message m : s.waiting.values()) {
      buffered -= cost(m.payload().remaining());
    }
  }

  /** The SACK describing what arrived; clears the duplicate list. */
  SackChunk buildSack() {
    List<SackChunk.GapBlock> gaps = new ArrayList<>();
    for (Map.Entry<Long, Long> e : runs.entrySet()) {
      long start = e.getKey() - cumTsn;
      long end = e.getValue() - cumTsn;
      if (start > 0xFFFF || gaps.size() == MAX_GAP_BLOCKS) {
        break;
      }
      gaps.add(new SackChunk.GapBlock((int) start, (int) Math.min(end, 0xFFFF)));
    }
    List<Tsn> dups = List.copyOf(duplicates);
    duplicates.clear();
    return new SackChunk(new Tsn((int) cumTsn), advertisedWindow(), gaps, dups);
  }
}

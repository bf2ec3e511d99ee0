package dev.webrtc4j.internal.sctp;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Messages accepted by {@code send()} and not yet fragmented into DATA chunks, per stream, with
 * a round-robin scheduler between streams at message boundaries (without I-DATA the fragments
 * of one message take consecutive TSNs, RFC 9260 §6.9).
 *
 * <p>Bounded: {@link #add} refuses a message that would take the total above the limit. The
 * buffered amount of a stream counts the bytes of its messages not yet handed to the network, as
 * the W3C {@code bufferedAmount} does; crossing the low threshold downwards records an event.
 * All operations are O(1) amortized per chunk.
 */
final class SendQueue {
  /** One message being sent. Fragment TSNs are recorded so that PR-SCTP can abandon it. */
  static final class Message {
    final StreamId streamId;
    final int ppid;
    final ByteBuffer payload; // position = next unsent byte
    final int length;
    final boolean ordered;
    final int maxRetransmits;
    final long expiresAt;
    Ssn ssn = new Ssn(0);
    boolean started;
    boolean abandoned;
    long firstTsn = -1;
    long lastTsn = -1;

    Message(StreamId streamId, int ppid, ByteBuffer payload, boolean ordered, int maxRetransmits, long expiresAt) {
      this.streamId = streamId;
      this.ppid = ppid;
      this.payload = payload;
      this.length = payload.remaining();
      this.ordered = ordered;
      this.maxRetransmits = maxRetransmits;
      this.expiresAt = expiresAt;
    }

    boolean fullyFragmented() {
      return !payload.hasRemaining();
    }
  }

  static final class Stream {
    final StreamId id;
    final ArrayDeque<Message> queue = new ArrayDeque<>();
    long buffered;
    long lowThreshold;
    int nextSsn;
    boolean resetting;
    boolean active;

    Stream(StreamId id) {
      this.id = id;
    }
  }

  private final Map<Integer, Stream> streams = new HashMap<>();
  private final ArrayDeque<Stream> roundRobin = new ArrayDeque<>();
  private final List<StreamId> lowEvents = new ArrayList<>();
  private final long limit;
  private long total;
  private Message current; // partly fragmented message, continued before anything else
  /** The message of the chunk {@link #next} returned last. */
  Message lastMessage;

  SendQueue(long limit) {
    this.limit = limit;
  }

  Stream stream(StreamId id) {
    // get first: computeIfAbsent would allocate its capturing lambda on every call (hot path).
    Stream s = streams.get(id.value());
    if (s == null) {
      s = new Stream(id);
      streams.put(id.value(), s);
    }
    return s;
  }

  long totalBuffered() {
    return total;
  }

  long bufferedAmount(StreamId id) {
    Stream s = streams.get(id.value());
    return s == null ? 0 : s.buffered;
  }

  void setLowThreshold(StreamId id, long threshold) {
    stream(id).lowThreshold = threshold;
  }

  boolean isEmpty() {
    return total == 0 && current == null;
  }

  boolean hasQueued(StreamId id) {
    Stream s = streams.get(id.value());
    return s != null && (!s.queue.isEmpty() || (current != null && current.streamId.equals(id)));
  }

  /** Takes ownership of {@code payload} (already a private copy). */
  boolean add(StreamId id, int ppid, ByteBuffer payload, boolean ordered, int maxRetransmits, long expiresAt) {
    int n = payload.remaining();
    if (total + n > limit) {
      return false;
    }
    Stream s = stream(id);
    s.queue.add(new Message(id, ppid, payload, ordered, maxRetransmits, expiresAt));
    s.buffered += n;
    total += n;
    if (!s.active) {
      s.active = true;
      roundRobin.add(s);
    }
    return true;
  }

  /**
   * The next fragment of at most {@code maxPayload} bytes, or null when nothing is queued. A
   * message whose lifetime ran out before its first fragment is dropped here (RFC 3758 §3.5 A1).
   * The returned chunk's TSN is the low 32 bits of {@code unwrappedTsn}; the owner records it in
   * the outstanding queue. (The TSN object is made only for a chunk: the owner asks once more
   * after its last chunk of every packet, and that answer is usually null.)
   */
  DataChunk next(long now, int maxPayload, long unwrappedTsn) {
    Message m = current;
    while (m == null) {
      Stream s = roundRobin.peekFirst();
      if (s == null) {
        return null;
      }
      Message head = s.queue.peekFirst();
      if (head == null) {
        roundRobin.pollFirst();
        s.active = false;
        continue;
      }
      if (head.expiresAt != Long.MAX_VALUE && now >= head.expiresAt) {
        s.queue.pollFirst();
        release(s, head.payload.remaining());
        continue;
      }
      m = head;
      s.queue.pollFirst();
      // Round robin between streams at message boundaries.
      roundRobin.pollFirst();
      if (!s.queue.isEmpty()) {
        roundRobin.addLast(s);
      } else {
        s.active = false;
      }
      if (m.ordered) {
        m.ssn = new Ssn(s.nextSsn);
        s.nextSsn = (s.nextSsn + 1) & 0xFFFF;
      }
      m.started = true;
      current = m;
    }
    int n = Math.min(maxPayload, m.payload.remaining());
    boolean begin = m.payload.remaining() == m.length;
    ByteBuffer frag = m.payload.slice(m.payload.position(), n);
    if (!frag.isReadOnly()) {
      frag = frag.asReadOnlyBuffer(); // the association queues read-only payloads: normally no second view
    }
    m.payload.position(m.payload.position() + n);
    boolean end = !m.payload.hasRemaining();
    if (m.firstTsn < 0) {
      m.firstTsn = unwrappedTsn;
    }
    m.lastTsn = unwrappedTsn;
    lastMessage = m;
    if (end) {
      current = null;
    }
    release(stream(m.streamId), n);
    return new DataChunk(new Tsn((int) unwrappedTsn), m.streamId, m.ssn, m.ppid, frag, false, !m.ordered, begin, end);
  }

  /**
   * The partly fragmented message if its lifetime is over, else null. {@link #next} only checks
   * the lifetime of a message before its first fragment; the owner abandons this one instead of
   * sending the rest (W3C maxPacketLifeTime: no transmission after the lifetime).
   */
  Message expiredPartial(long now) {
    Message m = current;
    return m != null && m.expiresAt != Long.MAX_VALUE && now >= m.expiresAt ? m : null;
  }

  /** PR-SCTP abandoned {@code m} mid-way: drop its unsent rest. */
  void discardRest(Message m) {
    if (current == m) {
      current = null;
      int rest = m.payload.remaining();
      m.payload.position(m.payload.limit());
      release(stream(m.streamId), rest);
    }
  }

  /** Resets the SSN counters of the streams (RFC 6525 after a successful outgoing reset). */
  void resetSsns(List<StreamId> ids) {
    for (StreamId id : ids) {
      Stream s = stream(id);
      s.nextSsn = 0;
      s.resetting = false;
    }
  }

  private void release(Stream s, long n) {
    long before = s.buffered;
    s.buffered -= n;
    total -= n;
    if (before > s.lowThreshold && s.buffered <= s.lowThreshold) {
      lowEvents.add(s.id);
    }
  }

  boolean hasLowEvents() {
    return !lowEvents.isEmpty();
  }

  /** Streams whose buffered amount fell to or below the threshold since the last call. */
  List<StreamId> drainLowEvents() {
    if (lowEvents.isEmpty()) {
      return List.of();
    }
    List<StreamId> out = List.copyOf(lowEvents);
    lowEvents.clear();
    return out;
  }
}

package dev.webrtc4j.internal.sctp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sender's DATA chunks from the cumulative TSN ack point up to the last TSN sent, with the
 * congestion state of the single path (RFC 9260 §6, §7; RFC 3758 for abandonment).
 *
 * <p>Storage is a ring indexed by {@code tsn - (cumAck + 1)}: cumulative acks pop from the head
 * in O(1) per chunk, gap blocks and retransmission marks index directly. A SACK costs O(chunks
 * newly acked + chunks named by its gap blocks), never a scan of the whole window when there is
 * no loss. TSNs are unwrapped to {@code long}.
 */
final class OutstandingQueue {
  static final byte IN_FLIGHT = 0;
  static final byte ACKED = 1;
  static final byte TO_RETRANSMIT = 2;
  static final byte ABANDONED = 3;
  private static final java.nio.ByteBuffer EMPTY = java.nio.ByteBuffer.allocate(0).asReadOnlyBuffer();

  static final class Item {
    final long tsn;
    final DataChunk chunk;
    final int size; // payload bytes, the unit of flight size and rwnd accounting
    final SendQueue.Message message;
    long sentAt;
    int transmissions = 1;
    int nacks;
    byte state = IN_FLIGHT;
    boolean fastRetransmitted;

    Item(long tsn, DataChunk chunk, SendQueue.Message message, long sentAt) {
      this.tsn = tsn;
      this.chunk = chunk;
      this.size = chunk.payload().remaining();
      this.message = message;
      this.sentAt = sentAt;
    }
  }

  private Item[] ring = new Item[256];
  private int head;
  private int size;

  long cumAck; // unwrapped last TSN acked cumulatively
  long nextTsn; // unwrapped next TSN to assign
  long flightBytes;
  long cwnd;
  long ssthresh;
  long partialBytesAcked;
  long peerRwnd;
  boolean inFastRecovery;
  long fastRecoveryExit;
  /** A fast retransmit may send one packet whatever cwnd says (§7.2.4 step 3). */
  boolean fastRetransmitNow;
  int toRetransmit;
  /** No chunk below this TSN is marked for retransmission: scans start here (O(1) amortized). */
  private long retransmitHint = Long.MAX_VALUE;
  long advancedPeerAck;
  final int mtu;
  /** Fast retransmit events (entries into fast recovery). */
  long fastRetransmitEvents;

  OutstandingQueue(long initialTsn, int mtu, int initialCwndMtus, long peerRwnd) {
    this.cumAck = initialTsn - 1;
    this.nextTsn = initialTsn;
    this.advancedPeerAck = cumAck;
    this.mtu = mtu;
    this.cwnd = (long) initialCwndMtus * mtu;
    this.ssthresh = peerRwnd; // §7.2.1: "MAY be arbitrarily high ... e.g. the advertised window"
    this.peerRwnd = peerRwnd;
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  Item get(int index) {
    return ring[(head + index) & (ring.length - 1)];
  }

  long unwrap(Tsn t) {
    return cumAck + t.minus(new Tsn((int) cumAck));
  }

  void add(Item it) {
    if (size == ring.length) {
      Item[] n = new Item[ring.length * 2];
      for (int i = 0; i < size; i++) {
        n[i] = get(i);
      }
      ring = n;
      head = 0;
    }
    ring[(head + size) & (ring.length - 1)] = it;
    size++;
    flightBytes += it.size;
    peerRwnd = Math.max(0, peerRwnd - it.size);
  }

  private Item pollFirst() {
    Item it = ring[head];
    ring[head] = null;
    head = (head + 1) & (ring.length - 1);
    size--;
    return it;
  }

  /** What a SACK did, for the association's timers and RTT. */
  static final class SackResult {
    boolean cumAdvanced;
    long bytesAcked;
    Item rttSample;
    boolean lowestAcked;
    final List<SendQueue.Message> abandonedMessages = new ArrayList<>();
  }

  /**
   * Processes a SACK (RFC 9260 §6.2.1, §7.2). Returns null when it is stale (its cumulative
   * ack is behind ours) or impossible (it acks a TSN never sent).
   */
  SackResult onSack(long now, SackChunk sack) {
    long cum = unwrap(sack.cumulativeTsnAck());
    // §6.2.1 D(i): "If Cumulative TSN Ack is less than the Cumulative TSN Ack Point, drop the SACK chunk."
    if (cum < cumAck || cum >= nextTsn) {
      return null;
    }
    SackResult r = new SackResult();
    long flightBefore = flightBytes;
    long highestNewlyAcked = -1;
    r.lowestAcked = cum > cumAck;
    while (cumAck < cum) {
      Item it = pollFirst();
      cumAck++;
      if (it.state == IN_FLIGHT || it.state == TO_RETRANSMIT) {
        r.bytesAcked += it.size;
        highestNewlyAcked = it.tsn;
        if (it.transmissions == 1) {
          r.rttSample = it;
        }
      }
      if (it.state == IN_FLIGHT) {
        flightBytes -= it.size;
      } else if (it.state == TO_RETRANSMIT) {
        toRetransmit--;
      }
    }
    if (advancedPeerAck < cumAck) {
      advancedPeerAck = cumAck;
    }
    r.cumAdvanced = r.lowestAcked;
    for (SackChunk.GapBlock g : sack.gapBlocks()) {
      if (g.start() > g.end() || g.start() == 0) {
        continue;
      }
      int from = g.start() - 1;
      int to = Math.min(g.end() - 1, size - 1);
      for (int i = from; i <= to; i++) {
        Item it = get(i);
        if (it.state == IN_FLIGHT || it.state == TO_RETRANSMIT) {
          r.bytesAcked += it.size;
          if (it.state == IN_FLIGHT) {
            flightBytes -= it.size;
          } else {
            toRetransmit--;
          }
          it.state = ACKED;
          if (it.tsn > highestNewlyAcked) {
            highestNewlyAcked = it.tsn;
          }
          if (it.transmissions == 1 && r.rttSample == null) {
            r.rttSample = it;
          }
        }
      }
    }
    // §7.2.4 (HTNA): "...increment the miss indications for each TSN reported missing that is
    // lower than the highest TSN newly acknowledged." Only the holes between blocks qualify.
    if (highestNewlyAcked > cumAck && !sack.gapBlocks().isEmpty()) {
      int limit = (int) Math.min(size, highestNewlyAcked - cumAck - 1);
      int prevEnd = 0; // offsets relative to cumAck
      boolean newlyMarked = false;
      for (SackChunk.GapBlock g : sack.gapBlocks()) {
        for (int off = prevEnd + 1; off < g.start() && off - 1 < limit; off++) {
          newlyMarked |= missIndication(now, get(off - 1), r);
        }
        prevEnd = Math.max(prevEnd, g.end());
      }
      if (newlyMarked && !inFastRecovery) {
        // §7.2.4 step 2 and 6: adjust once per recovery, mark the exit point.
        ssthresh = Math.max(cwnd / 2, 4L * mtu);
        cwnd = ssthresh;
        partialBytesAcked = 0;
        inFastRecovery = true;
        fastRecoveryExit = nextTsn - 1;
        fastRetransmitNow = true;
        fastRetransmitEvents++;
      }
    }
    if (inFastRecovery && cumAck >= fastRecoveryExit) {
      inFastRecovery = false;
    }
    // §6.2.1 D(iv)/E: rwnd = a_rwnd minus the bytes still outstanding.
    peerRwnd = Math.max(0, sack.advertisedWindow() - flightBytes);
    if (r.cumAdvanced && !inFastRecovery) {
      growCwnd(flightBefore, r.bytesAcked);
    }
    if (flightBytes == 0) {
      partialBytesAcked = 0;
    }
    return r;
  }

  private boolean missIndication(long now, Item it, SackResult r) {
    if (it.state != IN_FLIGHT || it.fastRetransmitted) {
      return false;
    }
    it.nacks++;
    // §7.2.4: "...three miss indications ... mark for retransmission".
    if (it.nacks >= 3) {
      it.fastRetransmitted = true;
      markForRetransmit(now, it, r.abandonedMessages);
      return true;
    }
    return false;
  }

  private void growCwnd(long flightBefore, long bytesAcked) {
    boolean fullyUsed = flightBefore + mtu >= cwnd;
    if (cwnd <= ssthresh) {
      // §7.2.1: "...cwnd MUST NOT be increased by more than the lesser of the total size of the
      // previously outstanding DATA chunk(s) acknowledged and the destination's path MTU."
      if (fullyUsed) {
        cwnd += Math.min(bytesAcked, mtu);
      }
    } else {
      // §7.2.2: partial_bytes_acked grows with acked bytes; one MTU per cwnd worth.
      partialBytesAcked += bytesAcked;
      if (partialBytesAcked >= cwnd && fullyUsed) {
        partialBytesAcked -= cwnd;
        cwnd += mtu;
      }
    }
  }

  /** Marks a chunk for retransmission, or abandons its message when PR-SCTP says so. */
  void markForRetransmit(long now, Item it, List<SendQueue.Message> abandoned) {
    if (it.state != IN_FLIGHT) {
      return;
    }
    flightBytes -= it.size;
    SendQueue.Message m = it.message;
    boolean exhausted = m.maxRetransmits >= 0 && it.transmissions > m.maxRetransmits;
    boolean expired = m.expiresAt != Long.MAX_VALUE && now >= m.expiresAt;
    if (exhausted || expired) {
      it.state = TO_RETRANSMIT; // counted so abandon() can account uniformly
      toRetransmit++;
      abandon(m, abandoned);
      return;
    }
    it.state = TO_RETRANSMIT;
    toRetransmit++;
    retransmitHint = Math.min(retransmitHint, it.tsn);
  }

  /** RFC 3758 §3.5 A3: abandon every chunk of the message (all fragments). */
  void abandon(SendQueue.Message m, List<SendQueue.Message> abandoned) {
    if (m.abandoned) {
      return;
    }
    m.abandoned = true;
    abandoned.add(m);
    if (m.started && !m.fullyFragmented() && m.lastTsn >= 0) {
      // The rest of the message will never be sent. Without an end fragment the receiver could
      // have all sent fragments cumulatively and no FORWARD TSN would ever tell it to give up the
      // SSN (dcSCTP does the same): reserve one TSN for a never-sent, abandoned end fragment.
      DataChunk end = new DataChunk(new Tsn((int) nextTsn), m.streamId, m.ssn, m.ppid, EMPTY, false, !m.ordered, false, true);
      Item placeholder = new Item(nextTsn, end, m, 0);
      add(placeholder);
      placeholder.state = ABANDONED;
      m.lastTsn = nextTsn;
      nextTsn++;
    }
    long from = Math.max(m.firstTsn, cumAck + 1);
    for (long t = from; t <= m.lastTsn && t < nextTsn; t++) {
      Item it = get((int) (t - cumAck - 1));
      if (it.state == IN_FLIGHT) {
        flightBytes -= it.size;
      } else if (it.state == TO_RETRANSMIT) {
        toRetransmit--;
      }
      // Gap-acked fragments of an abandoned message are skipped too: the receiver discards
      // the incomplete message when the FORWARD TSN passes it.
      it.state = ABANDONED;
    }
  }

  /** §6.3.3 E1 and E3: T3-rtx expired. Returns messages abandoned as a consequence. */
  List<SendQueue.Message> onT3Expiry(long now) {
    ssthresh = Math.max(cwnd / 2, 4L * mtu);
    cwnd = mtu;
    partialBytesAcked = 0;
    inFastRecovery = false;
    List<SendQueue.Message> abandoned = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      Item it = get(i);
      if (it.state == IN_FLIGHT) {
        it.nacks = 0;
        it.fastRetransmitted = false;
        markForRetransmit(now, it, abandoned);
      }
    }
    return abandoned;
  }

  /** Lifetime expiry of messages in flight, checked when they would be retransmitted. */
  Item nextRetransmission(long now, List<SendQueue.Message> abandoned) {
    if (toRetransmit == 0) {
      return null;
    }
    long from = Math.max(retransmitHint, cumAck + 1);
    for (int i = (int) (from - cumAck - 1); i < size; i++) {
      Item it = get(i);
      if (it.state == TO_RETRANSMIT) {
        SendQueue.Message m = it.message;
        if (m.expiresAt != Long.MAX_VALUE && now >= m.expiresAt) {
          abandon(m, abandoned);
          continue;
        }
        retransmitHint = it.tsn;
        return it;
      }
    }
    retransmitHint = Long.MAX_VALUE;
    return null;
  }

  void retransmitted(Item it, long now) {
    it.state = IN_FLIGHT;
    toRetransmit--;
    it.transmissions++;
    it.sentAt = now;
    it.nacks = 0;
    flightBytes += it.size;
    peerRwnd = Math.max(0, peerRwnd - it.size);
  }

  /**
   * RFC 3758 §3.5 C1: moves the Advanced.Peer.Ack.Point over abandoned chunks that follow it.
   * Returns the FORWARD TSN to send, or null when the point did not pass the cumulative ack.
   */
  ForwardTsnChunk forwardTsn() {
    if (advancedPeerAck < cumAck) {
      advancedPeerAck = cumAck;
    }
    while (advancedPeerAck + 1 < nextTsn) {
      Item it = get((int) (advancedPeerAck - cumAck));
      if (it.state != ABANDONED) {
        break;
      }
      advancedPeerAck++;
    }
    if (advancedPeerAck <= cumAck) {
      return null;
    }
    Map<Integer, Integer> ssns = new HashMap<>();
    for (long t = cumAck + 1; t <= advancedPeerAck; t++) {
      Item it = get((int) (t - cumAck - 1));
      if (!it.chunk.unordered()) {
        // Serially later SSNs replace earlier ones: the chunks are in TSN order.
        ssns.put(it.chunk.streamId().value(), it.chunk.ssn().value());
      }
    }
    List<ForwardTsnChunk.SkippedStream> skipped = new ArrayList<>();
    ssns.forEach((s, n) -> skipped.add(new ForwardTsnChunk.SkippedStream(new StreamId(s), new Ssn(n))));
    skipped.sort((a, b) -> Integer.compare(a.streamId().value(), b.streamId().value()));
    return new ForwardTsnChunk(new Tsn((int) advancedPeerAck), skipped);
  }

  /** Bytes in flight (sent, not acked, not marked for retransmission). */
  long outstandingBytes() {
    return flightBytes;
  }
}

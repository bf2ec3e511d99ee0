package dev.webrtc4j.testkit.stack;

import dev.webrtc4j.internal.sctp.StreamId;
import dev.webrtc4j.internal.sctp.Tsn;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which messages of a partially reliable stream the receiver must deliver, derived from what the
 * sender put on the wire and what reached the receiver ({@link SctpTap}s at both ends), without
 * any knowledge of the stack's internals.
 *
 * <p>The rule, from RFC 9260 §6.5/§6.9 and RFC 3758 §3.6: a message is complete once all its
 * fragments (consecutive TSNs from a B chunk to an E chunk, no I-DATA interleaving) are held. An
 * unordered one is delivered then; an ordered one waits for the SSNs before it, each of which
 * either arrives or, abandoned by the sender, is skipped by a FORWARD TSN that releases the
 * complete messages behind it. A FORWARD TSN whose new cumulative TSN reaches a message's first
 * TSN makes the receiver discard the fragments it holds and treat later copies as duplicates. So,
 * ordered or not, a message must be delivered exactly when every fragment was transmitted and some
 * copy of each reached the receiver before the first FORWARD TSN covering the message's first
 * TSN (ordering is then the caller's separate check). Otherwise it is lost, for the first reason
 * that applies: a fragment was never transmitted (the sender abandoned the message before
 * fragmenting it all), every transmission of a fragment was dropped by the network, or a FORWARD
 * TSN overtook a fragment. The messages must carry their index in their first four bytes.
 *
 * <p>TSNs are unwrapped around the first DATA TSN the sender transmitted, which is exact for runs
 * of fewer than 2^31 TSNs.
 */
public final class PartialReliabilityModel {
  public enum Fate {
    /** The receiver must deliver it. */
    DELIVERABLE,
    /** A fragment was never put on the wire. */
    FRAGMENT_NEVER_SENT,
    /** Every transmission of some fragment was dropped by the network. */
    FRAGMENT_LOST_ON_WIRE,
    /** A FORWARD TSN covering the message arrived before its last missing fragment. */
    OVERTAKEN_BY_FORWARD_TSN
  }

  /**
   * One message as the wire saw it.
   *
   * @param firstTsn unwrapped TSN of the B fragment
   * @param fragments fragments transmitted (at least once)
   * @param transmissions transmissions of its fragments, retransmissions included
   * @param lastTransmissionAt virtual time of the last transmission of any fragment
   * @param copiesReceived datagram copies of its fragments that reached the receiver (duplicates included)
   */
  public record OnWire(int index, long firstTsn, int fragments, int transmissions, long lastTransmissionAt,
      int copiesReceived, Fate fate) {}

  private record Tx(SctpTap.Data first, int count, long lastAt) {}

  private PartialReliabilityModel() {}

  /** Every message of {@code stream} whose first fragment {@code sender} transmitted, by index, in TSN order. */
  public static Map<Integer, OnWire> analyze(SctpTap sender, SctpTap receiver, StreamId stream) {
    List<SctpTap.Data> sentData = sender.sent(SctpTap.Data.class);
    Map<Integer, OnWire> out = new LinkedHashMap<>();
    if (sentData.isEmpty()) {
      return out;
    }
    Tsn ref = sentData.getFirst().tsn();
    long base = 1L << 40;
    Map<Long, Tx> tx = new HashMap<>();
    for (SctpTap.Data d : sentData) {
      long t = base + d.tsn().minus(ref);
      Tx prev = tx.get(t);
      tx.put(t, prev == null ? new Tx(d, 1, d.at()) : new Tx(prev.first(), prev.count() + 1, d.at()));
    }
    // First arrival (and arrival count) of each TSN at the receiver, and FORWARD TSNs in order.
    Map<Long, Long> firstArrival = new HashMap<>();
    Map<Long, Integer> arrivals = new HashMap<>();
    List<long[]> forwards = new ArrayList<>(); // {order, running max of the new cumulative TSN}
    long maxCum = Long.MIN_VALUE;
    for (SctpTap.Seen s : receiver.received()) {
      switch (s) {
        case SctpTap.Data d -> {
          long t = base + d.tsn().minus(ref);
          firstArrival.putIfAbsent(t, d.order());
          arrivals.merge(t, 1, Integer::sum);
        }
        case SctpTap.ForwardTsn f -> {
          maxCum = Math.max(maxCum, base + f.newCumulativeTsn().minus(ref));
          forwards.add(new long[] {f.order(), maxCum});
        }
        case SctpTap.Sack k -> {}
      }
    }
    List<Long> starts = new ArrayList<>();
    for (Map.Entry<Long, Tx> e : tx.entrySet()) {
      SctpTap.Data d = e.getValue().first();
      if (d.stream() == stream.value() && d.beginning()) {
        starts.add(e.getKey());
      }
    }
    Collections.sort(starts);
    for (long t0 : starts) {
      SctpTap.Data head = tx.get(t0).first();
      long coveredAt = firstCovering(forwards, t0);
      int fragments = 0;
      int transmissions = 0;
      int copies = 0;
      long lastAt = Long.MIN_VALUE;
      boolean neverSent = false;
      boolean lostOnWire = false;
      boolean overtaken = false;
      for (long t = t0; ; t++) {
        Tx x = tx.get(t);
        if (x == null || (t != t0 && (x.first().beginning() || x.first().stream() != stream.value()))) {
          neverSent = true;
          break;
        }
        fragments++;
        transmissions += x.count();
        lastAt = Math.max(lastAt, x.lastAt());
        Long arrived = firstArrival.get(t);
        if (arrived == null) {
          lostOnWire = true;
        } else {
          copies += arrivals.get(t);
          if (arrived > coveredAt) {
            overtaken = true;
          }
        }
        if (x.first().end()) {
          break;
        }
      }
      Fate fate = neverSent ? Fate.FRAGMENT_NEVER_SENT : lostOnWire ? Fate.FRAGMENT_LOST_ON_WIRE
          : overtaken ? Fate.OVERTAKEN_BY_FORWARD_TSN : Fate.DELIVERABLE;
      out.put(head.head(), new OnWire(head.head(), t0, fragments, transmissions, lastAt, copies, fate));
    }
    return out;
  }

  /** Receiver-side order of the first FORWARD TSN whose cumulative TSN reaches {@code tsn}, or MAX_VALUE. */
  private static long firstCovering(List<long[]> forwards, long tsn) {
    int lo = 0;
    int hi = forwards.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (forwards.get(mid)[1] >= tsn) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo == forwards.size() ? Long.MAX_VALUE : forwards.get(lo)[0];
  }
}

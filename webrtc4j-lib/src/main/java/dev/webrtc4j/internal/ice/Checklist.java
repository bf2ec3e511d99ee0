package dev.webrtc4j.internal.ice;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One checklist (RFC 8445 §6.1.2): WebRTC bundles everything on one data stream with one component,
 * so an agent has exactly one per generation. Holds the pairs by descending priority and the
 * triggered-check queue (§6.1.4.1), and picks the next pair to check (§6.1.4.2).
 */
final class Checklist {
  private static final Comparator<Pair> BY_PRIORITY = Comparator.comparingLong((Pair p) -> p.priority).reversed();

  private final List<Pair> pairs = new ArrayList<>();
  private final ArrayDeque<Pair> triggered = new ArrayDeque<>();
  private final int maxPairs;

  Checklist(int maxPairs) {
    this.maxPairs = maxPairs;
  }

  List<Pair> pairs() {
    return pairs;
  }

  @Nullable Pair find(InetSocketAddress base, InetSocketAddress remote) {
    for (Pair p : pairs) {
      if (p.matches(base, remote)) {
        return p;
      }
    }
    return null;
  }

  /**
   * Adds a pair unless it is redundant (RFC 8445 §6.1.2.4: same local base and same remote
   * candidate address: the higher priority one stays). Its initial state follows RFC 8838 §10 for
   * trickled pairs: Waiting unless a pair with the same foundation is already Waiting or
   * In-Progress, else Frozen. Returns the pair in the list, or null when it was dropped.
   */
  @Nullable Pair add(Pair pair) {
    Pair existing = find(pair.local.base(), pair.remote.address());
    if (existing != null) {
      if (pair.priority > existing.priority && PairState.isPending(existing.state)
          && !(existing.state instanceof PairState.InProgress)) {
        pairs.remove(existing);
        triggered.remove(existing);
      } else {
        return existing;
      }
    }
    String foundation = pair.foundation();
    boolean foundationActive = false;
    for (Pair p : pairs) {
      if (p.foundation().equals(foundation)
          && (p.state instanceof PairState.Waiting || p.state instanceof PairState.InProgress)) {
        foundationActive = true;
        break;
      }
    }
    pair.state = foundationActive ? PairState.FROZEN : PairState.WAITING;
    pairs.add(pair);
    pairs.sort(BY_PRIORITY);
    if (pairs.size() > maxPairs) {
      // RFC 8445 §6.1.2.5: discard the lowest-priority pairs that have not started, those with a
      // peer-reflexive remote first: a storm of learned candidates (a peer behind a NAT that maps
      // every destination anew) must not push out the signalled (e.g. relay) pairs.
      evictUnstarted(true);
      evictUnstarted(false);
    }
    return pairs.contains(pair) ? pair : null;
  }

  private void evictUnstarted(boolean prflxOnly) {
    for (int i = pairs.size() - 1; i >= 0 && pairs.size() > maxPairs; i--) {
      Pair p = pairs.get(i);
      if ((p.state instanceof PairState.Frozen || p.state instanceof PairState.Waiting)
          && (!prflxOnly || p.remote.type() == CandidateType.PRFLX)) {
        pairs.remove(i);
        triggered.remove(p);
      }
    }
  }

  void remove(Pair pair) {
    pairs.remove(pair);
    triggered.remove(pair);
  }

  /** Puts the pair on the triggered-check queue (RFC 8445 §7.3.1.4) and sets it Waiting. */
  void trigger(Pair pair) {
    pair.state = PairState.WAITING;
    if (!triggered.contains(pair)) {
      triggered.addLast(pair);
    }
  }

  /** RFC 8445 §7.2.5.3.3: a success unfreezes the Frozen pairs with the same foundation. */
  void unfreeze(String foundation) {
    for (Pair p : pairs) {
      if (p.state instanceof PairState.Frozen && p.foundation().equals(foundation)) {
        p.state = PairState.WAITING;
      }
    }
  }

  /**
   * The next pair to check (RFC 8445 §6.1.4.2): the head of the triggered queue; else the
   * highest-priority Waiting pair; else the highest-priority Frozen pair whose foundation has no
   * pair Waiting or In-Progress, unfrozen. Null when nothing is left to check.
   *
   * @param ordinary false once the checklist is completed: only triggered checks run then
   */
  @Nullable Pair next(boolean ordinary) {
    while (!triggered.isEmpty()) {
      Pair p = triggered.pollFirst();
      if (p.state instanceof PairState.Waiting && pairs.contains(p)) {
        return p;
      }
    }
    if (!ordinary) {
      return null;
    }
    for (Pair p : pairs) {
      if (p.state instanceof PairState.Waiting) {
        return p;
      }
    }
    for (Pair p : pairs) {
      if (p.state instanceof PairState.Frozen) {
        p.state = PairState.WAITING;
        return p;
      }
    }
    return null;
  }

  /** True while a check may still be sent or answered. */
  boolean hasPending() {
    for (Pair p : pairs) {
      if (PairState.isPending(p.state)) {
        return true;
      }
    }
    return false;
  }

  boolean hasPendingAbove(long priority) {
    for (Pair p : pairs) {
      if (p.priority > priority && PairState.isPending(p.state)) {
        return true;
      }
    }
    return false;
  }

  /** RFC 8445 §8.1.2: once a pair is nominated, Frozen and Waiting pairs are removed. */
  void removeUnstarted() {
    pairs.removeIf(p -> p.state instanceof PairState.Frozen || p.state instanceof PairState.Waiting);
    triggered.clear();
  }

  /** After a role change the pair priorities change (§7.2.5.1); the order follows. */
  void recomputePriorities(IceRole role) {
    for (Pair p : pairs) {
      p.updatePriority(role);
    }
    pairs.sort(BY_PRIORITY);
  }
}

package dev.webrtc4j.internal.sctp;

/**
 * Stored DATA fragments keyed by unwrapped TSN: a power-of-two ring where a TSN's slot is its
 * low bits, so get, put and remove are O(1) with no boxing. The ring grows to cover the span
 * between the lowest and highest stored TSN; that span is bounded by the receive window (TSNs at
 * most 65535 above the cumulative TSN, and fragments below it only while their message is
 * incomplete, which the receive buffer bounds).
 */
final class FragmentRing {
  private DataChunk[] slots = new DataChunk[64];
  private long[] keys = new long[64];
  private int count;
  /** Every stored key is within [low, high] (low is exact, high may be loose). */
  private long low;
  private long high;

  int size() {
    return count;
  }

  long low() {
    return low;
  }

  long high() {
    return high;
  }

  DataChunk get(long t) {
    if (count == 0 || t < low || t > high) {
      return null;
    }
    int i = (int) t & (slots.length - 1);
    DataChunk c = slots[i];
    return c != null && keys[i] == t ? c : null;
  }

  boolean contains(long t) {
    return get(t) != null;
  }

  void put(long t, DataChunk c) {
    long nl = count == 0 ? t : Math.min(low, t);
    long nh = count == 0 ? t : Math.max(high, t);
    if (nh - nl + 1 > slots.length) {
      grow(nh - nl + 1);
    }
    int i = (int) t & (slots.length - 1);
    if (slots[i] == null) {
      count++;
    }
    slots[i] = c;
    keys[i] = t;
    low = nl;
    high = nh;
  }

  DataChunk remove(long t) {
    DataChunk c = get(t);
    if (c == null) {
      return null;
    }
    slots[(int) t & (slots.length - 1)] = null;
    count--;
    if (count > 0 && t == low) {
      while (get(low) == null) {
        low++;
      }
    }
    return c;
  }

  private void grow(long span) {
    int n = slots.length;
    while (n < span) {
      n *= 2;
    }
    DataChunk[] ns = new DataChunk[n];
    long[] nk = new long[n];
    for (int i = 0; i < slots.length; i++) {
      if (slots[i] != null) {
        int j = (int) keys[i] & (n - 1);
        ns[j] = slots[i];
        nk[j] = keys[i];
      }
    }
    slots = ns;
    keys = nk;
  }
}

package dev.webrtc4j.cli.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * When each step of one pair's setup happened, in ms from just before creating the two connections (the
 * setup figure's start), for the offerer (A) and the answerer (B): what {@code bench datachannel
 * --timeline} prints. Two sources:
 *
 * <ul>
 *   <li>API steps, stamped by {@link LoopbackPair} where the application sees them (a future
 *       resolving, an event firing on the dispatch thread);
 *   <li>the library's milestones (first check sent and received, nomination, selected pair, DTLS
 *       started and connected, SCTP started), which it logs on the connection's loop thread at the
 *       moment they happen, at DEBUG on the logger {@code dev.webrtc4j.milestones} as
 *       {@code "<ufrag hash> <milestone>"}. A handler stamps them; the hash of each side's ufrag
 *       (read from its description) tells whose they are.
 * </ul>
 *
 * Thread-safe: the steps come from the bench thread, the dispatch threads and the loops.
 */
final class SetupTimeline {
  /** The library's milestone logger (see {@code dev.webrtc4j.internal.ice.Milestones}). */
  static final String MILESTONE_LOGGER = "dev.webrtc4j.milestones";

  private static final Pattern UFRAG = Pattern.compile("(?m)^a=ice-ufrag:(\\S+)");
  /** Held so the logger's level and handler are not lost when the JUL logger is collected. */
  private static @Nullable Logger julLogger;
  private static volatile @Nullable SetupTimeline current;

  private final long t0;
  /** "A createOffer" etc. to ms; the first time of each step only. */
  private final Map<String, Double> steps = new LinkedHashMap<>();
  /** Milestones not yet attributed: ufrag hash, name, ms. */
  private final List<String[]> raw = new ArrayList<>();
  private final Map<String, String> peerOfHash = new LinkedHashMap<>();
  private final java.util.Set<String> watched = new java.util.HashSet<>();
  private boolean stopped;

  private SetupTimeline(long t0) {
    this.t0 = t0;
  }

  /**
   * Starts recording at {@code t0} (System.nanoTime): from now on the library's milestones go to
   * this timeline.
   */
  static SetupTimeline start(long t0) {
    installHandler();
    SetupTimeline t = new SetupTimeline(t0);
    current = t;
    return t;
  }

  /** Stops taking steps and milestones (later ones, such as the pair's close, belong to no setup). */
  void stop() {
    synchronized (this) {
      stopped = true;
    }
    if (current == this) {
      current = null;
    }
  }

  /** Records {@code step} of {@code peer} ("A" or "B") now, unless it was recorded before. */
  void mark(String peer, String step) {
    double ms = (System.nanoTime() - t0) / 1e6;
    synchronized (this) {
      if (!stopped) {
        steps.putIfAbsent(peer + " " + step, ms);
      }
    }
  }

  /** True the first time for {@code peer}: its transports' listeners are registered once. */
  synchronized boolean firstWatch(String peer) {
    return watched.add(peer);
  }

  /** Names the peer whose description is {@code sdp}: its ufrag's hash identifies its milestones. */
  void description(String peer, String sdp) {
    Matcher m = UFRAG.matcher(sdp);
    if (m.find()) {
      synchronized (this) {
        peerOfHash.put("#" + Integer.toHexString(m.group(1).hashCode() & 0xffff), peer);
      }
    }
  }

  private void milestone(String hash, String name, long nanos) {
    double ms = (nanos - t0) / 1e6;
    synchronized (this) {
      raw.add(new String[] {hash, name, Double.toString(ms)});
    }
  }

  /** The steps in ms, milestones attributed (a ufrag-hash collision drops them), in time order. */
  synchronized Map<String, Double> steps() {
    Map<String, Double> all = new LinkedHashMap<>(steps);
    boolean collision = peerOfHash.size() < 2;
    for (String[] r : raw) {
      String peer = peerOfHash.get(r[0]);
      if (peer != null && !collision) {
        all.putIfAbsent(peer + " " + r[1], Double.parseDouble(r[2]));
      }
    }
    List<Map.Entry<String, Double>> sorted = new ArrayList<>(all.entrySet());
    sorted.sort(Map.Entry.comparingByValue());
    Map<String, Double> out = new LinkedHashMap<>();
    sorted.forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  /** One line: every step with its time, in time order. */
  String line() {
    StringBuilder b = new StringBuilder();
    steps().forEach((k, v) -> b.append(String.format(Locale.ROOT, "%.2f %s; ", v, k)));
    return b.toString();
  }

  /**
   * Medians over several timelines of the same mode, one row per step in order of its median:
   * step, median ms, min, max, and in how many timelines it occurred.
   */
  static List<String> medianTable(List<SetupTimeline> timelines) {
    Map<String, List<Double>> byStep = new LinkedHashMap<>();
    for (SetupTimeline t : timelines) {
      t.steps().forEach((k, v) -> byStep.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
    }
    List<Object[]> rows = new ArrayList<>();
    byStep.forEach((k, v) -> {
      double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      rows.add(new Object[] {k, Stats.median(a), a[0], a[a.length - 1], a.length});
    });
    rows.sort((x, y) -> Double.compare((double) x[1], (double) y[1]));
    List<String> out = new ArrayList<>();
    out.add(String.format(Locale.ROOT, "  %-28s %8s %8s %8s %4s", "step", "median", "min", "max", "n"));
    for (Object[] r : rows) {
      out.add(String.format(Locale.ROOT, "  %-28s %8.2f %8.2f %8.2f %4d", r[0], r[1], r[2], r[3], r[4]));
    }
    return out;
  }

  private static synchronized void installHandler() {
    if (julLogger != null) {
      return;
    }
    Logger l = Logger.getLogger(MILESTONE_LOGGER);
    l.setUseParentHandlers(false);
    l.setLevel(Level.FINE);
    Handler h = new Handler() {
      @Override public void publish(LogRecord r) {
        long now = System.nanoTime();
        SetupTimeline t = current;
        String msg = r.getMessage();
        int space = msg == null ? -1 : msg.indexOf(' ');
        if (t != null && space > 0) {
          t.milestone(msg.substring(0, space), msg.substring(space + 1), now);
        }
      }

      @Override public void flush() {}

      @Override public void close() {}
    };
    h.setLevel(Level.ALL);
    l.addHandler(h);
    julLogger = l;
  }
}

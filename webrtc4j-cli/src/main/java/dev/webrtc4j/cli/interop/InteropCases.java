package dev.webrtc4j.cli.interop;

import dev.webrtc4j.MessageEvent;
import dev.webrtc4j.RTCDataChannel;
import dev.webrtc4j.RTCDataChannelInit;
import dev.webrtc4j.RTCException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The interop cases as an offerer runs them against an echo server: the Java twin of
 * interop/suite/common/cases.mjs (same names, messages, sizes and checks). {@link #run} returns
 * the one-line detail of a pass and throws {@link CaseFailure} with the reason of a failure.
 */
public final class InteropCases {
  public static final List<String> CASES =
      List.of("text", "binary", "unordered-unreliable", "channels-32", "throughput-64MiB", "close-reconnect");
  /** Not a case: connect, one round trip, then {@code onReady} and wait to be killed. */
  public static final String HOLD = "hold";

  static final Duration ECHO_TIMEOUT = Duration.ofSeconds(10);

  static final List<String> TEXT_MESSAGES = List.of(
      "hello",
      "",
      "héllo wörld — 日本語 — Ελληνικά — 🎉🧊 — ẞ",
      "x".repeat(16 * 1024),
      "€".repeat(5000)); // 15000 UTF-8 bytes
  static final int[] BINARY_SIZES = {1, 2, 255, 1024, 16383, 16384, 65535, 65536, 65537, 131072, 262144};

  private final HttpClient http;
  private final URI url;

  public InteropCases(HttpClient http, URI url) {
    this.http = http;
    this.url = url;
  }

  /** Runs {@code name}; for {@link #HOLD}, calls {@code onReady} once connected and never returns. */
  public String run(String name, Runnable onReady) throws CaseFailure, InterruptedException {
    return switch (name) {
      case "text" -> text();
      case "binary" -> binary();
      case "unordered-unreliable" -> unordered();
      case "channels-32" -> channels();
      case "throughput-64MiB" -> throughput();
      case "close-reconnect" -> closeReconnect();
      case HOLD -> hold(onReady);
      default -> throw new CaseFailure("unknown case '" + name + "' (known: " + String.join(", ", CASES) + ")");
    };
  }

  /** Deterministic bytes (xorshift32), identical to pattern() in cases.mjs. */
  static byte[] pattern(int size, int seed) {
    byte[] out = new byte[size];
    int x = (int) ((seed * 2654435761L) & 0xFFFF_FFFFL);
    if (x == 0) {
      x = 1;
    }
    for (int i = 0; i < size; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      out[i] = (byte) x;
    }
    return out;
  }

  private String text() throws CaseFailure, InterruptedException {
    try (OfferSession s = OfferSession.connect(http, url, List.of(OfferSession.Spec.of("text")))) {
      OfferSession.Entry e = s.channel("text");
      for (int i = 0; i < TEXT_MESSAGES.size(); i++) {
        String m = TEXT_MESSAGES.get(i);
        e.channel().send(m);
        expectSame(new MessageEvent.Text(m), e.inbox().take(ECHO_TIMEOUT, "echo of text message " + i),
            "text message " + i + " (" + m.length() + " chars)");
      }
      return TEXT_MESSAGES.size() + " messages echoed exactly, incl. empty and non-ASCII";
    }
  }

  private String binary() throws CaseFailure, InterruptedException {
    try (OfferSession s = OfferSession.connect(http, url, List.of(OfferSession.Spec.of("binary")))) {
      OfferSession.Entry e = s.channel("binary");
      for (int size : BINARY_SIZES) {
        byte[] m = pattern(size, size);
        try {
          e.channel().send(m);
        } catch (RTCException | IllegalArgumentException err) {
          throw new CaseFailure("sending " + size + " bytes: " + err.getMessage()
              + s.pc.sctp().map(t -> " (sctp.maxMessageSize " + t.maxMessageSize() + ")").orElse(""));
        }
        expectSame(MessageEvent.Binary.copyOf(m), e.inbox().take(ECHO_TIMEOUT, "echo of " + size + " bytes"),
            size + "-byte message");
      }
      return BINARY_SIZES.length + " messages, 1 B to 256 KiB, byte-exact";
    }
  }

  private static final int UNORDERED_COUNT = 200;
  private static final int UNORDERED_BURST = 20;
  private static final int UNORDERED_SIZE = 1024;

  private static byte[] unorderedMessage(int i) {
    byte[] m = pattern(UNORDERED_SIZE, 1000 + i);
    m[0] = (byte) (i >> 8);
    m[1] = (byte) i;
    return m;
  }

  private String unordered() throws CaseFailure, InterruptedException {
    RTCDataChannelInit init = RTCDataChannelInit.builder().ordered(false).maxRetransmits(0).build();
    try (OfferSession s = OfferSession.connect(http, url, List.of(new OfferSession.Spec("unordered", init)))) {
      OfferSession.Entry e = s.channel("unordered");
      RTCDataChannel ch = e.channel();
      if (ch.ordered()) {
        throw new CaseFailure("channel.ordered is true, expected false");
      }
      if (ch.maxRetransmits().orElse(-1) != 0) {
        throw new CaseFailure("channel.maxRetransmits is " + ch.maxRetransmits() + ", expected 0");
      }
      Set<Integer> seen = new HashSet<>();
      int reordered = 0;
      int last = -1;
      // Bursts, each waited for, so that loopback never overflows a socket buffer: with
      // maxRetransmits 0 a message lost that way would not come back, and this case requires all.
      for (int b = 0; b < UNORDERED_COUNT; b += UNORDERED_BURST) {
        for (int i = b; i < b + UNORDERED_BURST; i++) {
          ch.send(unorderedMessage(i));
        }
        for (int k = 0; k < UNORDERED_BURST; k++) {
          MessageEvent.Data got = e.inbox().take(ECHO_TIMEOUT,
              "echo " + (seen.size() + 1) + " of " + UNORDERED_COUNT + " (unordered, maxRetransmits 0)");
          if (!(got instanceof MessageEvent.Binary bin) || bin.length() != UNORDERED_SIZE) {
            throw new CaseFailure("unexpected echo: " + describe(got));
          }
          byte[] bytes = bin.toArray();
          int i = (bytes[0] & 0xff) << 8 | bytes[1] & 0xff;
          if (i >= UNORDERED_COUNT) {
            throw new CaseFailure("echo carries unknown sequence number " + i);
          }
          if (!seen.add(i)) {
            throw new CaseFailure("message " + i + " echoed twice");
          }
          expectSame(MessageEvent.Binary.copyOf(unorderedMessage(i)), got, "unordered message " + i);
          if (i < last) {
            reordered++;
          }
          last = i;
        }
      }
      return UNORDERED_COUNT + " x " + UNORDERED_SIZE + " B on ordered=false maxRetransmits=0: all echoed once, byte-exact, "
          + reordered + " arrived out of order";
    }
  }

  private static final int CHANNEL_COUNT = 32;

  private String channels() throws CaseFailure, InterruptedException {
    List<OfferSession.Spec> specs = new ArrayList<>();
    for (int i = 0; i < CHANNEL_COUNT; i++) {
      specs.add(OfferSession.Spec.of(String.format("ch-%02d", i)));
    }
    try (OfferSession s = OfferSession.connect(http, url, specs)) {
      Set<Integer> ids = new HashSet<>();
      for (OfferSession.Entry e : s.channels.values()) {
        e.channel().id().ifPresent(ids::add);
      }
      if (ids.size() != CHANNEL_COUNT) {
        throw new CaseFailure(CHANNEL_COUNT + " channels open but only " + ids.size() + " distinct stream ids");
      }
      // All channels at once: three messages on each before any echo is awaited.
      for (OfferSession.Spec spec : specs) {
        for (int k = 0; k < 3; k++) {
          s.channel(spec.label()).channel().send(spec.label() + " #" + k);
        }
      }
      for (OfferSession.Spec spec : specs) {
        for (int k = 0; k < 3; k++) {
          MessageEvent.Data got = s.channel(spec.label()).inbox().take(ECHO_TIMEOUT, "echo " + k + " on " + spec.label());
          expectSame(new MessageEvent.Text(spec.label() + " #" + k), got, "message " + k + " on " + spec.label());
        }
      }
      return CHANNEL_COUNT + " channels open at once, 3 messages each echoed on the right channel in order";
    }
  }

  static final long BULK_BYTES = 64L * 1024 * 1024;
  static final int BULK_CHUNK = 32 * 1024;
  private static final long BULK_HIGH_WATER = 4L * 1024 * 1024; // pause sending above this bufferedAmount
  private static final long BULK_LOW_WATER = 1024 * 1024; // bufferedamountlow threshold
  private static final long BULK_WINDOW = 8L * 1024 * 1024; // at most this many bytes sent but not yet echoed
  private static final Duration BULK_STALL = Duration.ofSeconds(20);

  private String throughput() throws CaseFailure, InterruptedException {
    try (OfferSession s = OfferSession.connect(http, url, List.of(OfferSession.Spec.of("bulk")))) {
      return new Bulk(s.channel("bulk").channel()).run();
    }
  }

  /** The throughput case: send 64 MiB in sequence-numbered chunks within a window, check every echo. */
  private static final class Bulk {
    private final RTCDataChannel ch;
    private final byte[] template = pattern(BULK_CHUNK, 7);
    private final long chunks = BULK_BYTES / BULK_CHUNK;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition progress = lock.newCondition();
    private long received; // guarded by lock
    private CaseFailure failure; // guarded by lock

    Bulk(RTCDataChannel ch) {
      this.ch = ch;
    }

    String run() throws CaseFailure, InterruptedException {
      ch.setBufferedAmountLowThreshold(BULK_LOW_WATER);
      ch.addEventListener(RTCDataChannel.MESSAGE, m -> onEcho(m.data()));
      ch.addEventListener(RTCDataChannel.BUFFEREDAMOUNTLOW, e -> poke(null));
      ch.addEventListener(RTCDataChannel.CLOSE, e -> poke(new CaseFailure("channel closed during the transfer")));
      long start = System.nanoTime();
      long sent = 0;
      lock.lock();
      try {
        while (sent < chunks) {
          if (failure != null) {
            throw failure;
          }
          if (ch.bufferedAmount() > BULK_HIGH_WATER || (sent - received) * BULK_CHUNK >= BULK_WINDOW) {
            waitProgress("sending", sent);
            continue;
          }
          byte[] buf = template.clone();
          buf[0] = (byte) (sent >>> 24);
          buf[1] = (byte) (sent >>> 16);
          buf[2] = (byte) (sent >>> 8);
          buf[3] = (byte) sent;
          try {
            ch.send(buf);
          } catch (RTCException e) {
            throw new CaseFailure("send of chunk " + sent + " failed: " + e.name() + ": " + e.getMessage());
          }
          sent++;
        }
        while (received < chunks) {
          if (failure != null) {
            throw failure;
          }
          waitProgress("draining", sent);
        }
        if (failure != null) {
          throw failure;
        }
      } finally {
        lock.unlock();
      }
      double secs = (System.nanoTime() - start) / 1e9;
      return String.format(java.util.Locale.ROOT, "64 MiB in %d KiB messages echoed byte-exact in %.2f s: %.1f MB/s each way",
          BULK_CHUNK / 1024, secs, BULK_BYTES / 1e6 / secs);
    }

    private void waitProgress(String what, long sent) throws CaseFailure, InterruptedException {
      long before = received;
      if (!progress.await(BULK_STALL.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS) && received == before) {
        throw new CaseFailure("stalled for " + BULK_STALL.toMillis() + " ms " + what + " (sent " + sent + ", echoed "
            + received + " of " + chunks + " chunks, bufferedAmount " + ch.bufferedAmount() + ")");
      }
    }

    private void onEcho(MessageEvent.Data data) {
      lock.lock();
      try {
        if (failure == null) {
          if (!(data instanceof MessageEvent.Binary b) || b.length() != BULK_CHUNK) {
            failure = new CaseFailure("echo " + received + ": " + describe(data));
          } else {
            byte[] got = b.toArray();
            long seq = ((got[0] & 0xffL) << 24) | ((got[1] & 0xff) << 16) | ((got[2] & 0xff) << 8) | (got[3] & 0xff);
            if (seq != received) {
              failure = new CaseFailure("echo " + received + " carries sequence number " + seq + " (reliable ordered channel)");
            } else {
              for (int i = 4; i < BULK_CHUNK; i++) {
                if (got[i] != template[i]) {
                  failure = new CaseFailure("echo of chunk " + seq + " differs at byte " + i);
                  break;
                }
              }
              received++;
            }
          }
        }
        progress.signalAll();
      } finally {
        lock.unlock();
      }
    }

    private void poke(CaseFailure f) {
      lock.lock();
      try {
        if (f != null && failure == null) {
          failure = f;
        }
        progress.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  private static final int RECONNECT_ROUNDS = 3;

  private String closeReconnect() throws CaseFailure, InterruptedException {
    Set<URI> locations = new HashSet<>();
    for (int round = 0; round < RECONNECT_ROUNDS; round++) {
      try (OfferSession s = OfferSession.connect(http, url, List.of(OfferSession.Spec.of("again")))) {
        OfferSession.Entry e = s.channel("again");
        String m = "round " + round;
        e.channel().send(m);
        expectSame(new MessageEvent.Text(m), e.inbox().take(ECHO_TIMEOUT, "echo of " + m), m);
        locations.add(s.location());
        // Close the channel first and see it close, then the connection and the session.
        java.util.concurrent.CompletableFuture<Void> closed = new java.util.concurrent.CompletableFuture<>();
        e.channel().addEventListener(RTCDataChannel.CLOSE, ev -> closed.complete(null));
        e.channel().close();
        OfferSession.await(closed, ECHO_TIMEOUT, "channel close in " + m);
      }
    }
    if (locations.size() != RECONNECT_ROUNDS) {
      throw new CaseFailure("sessions reused a Location: " + locations);
    }
    return RECONNECT_ROUNDS + " sessions opened, echoed, channel closed, DELETEd (" + locations.size() + " distinct Locations)";
  }

  private String hold(Runnable onReady) throws CaseFailure, InterruptedException {
    OfferSession s = OfferSession.connect(http, url, List.of(OfferSession.Spec.of("hold")));
    OfferSession.Entry e = s.channel("hold");
    e.channel().send("hold");
    expectSame(new MessageEvent.Text("hold"), e.inbox().take(ECHO_TIMEOUT, "echo of hold"), "hold");
    onReady.run();
    new java.util.concurrent.CountDownLatch(1).await(); // until the runner kills the process
    throw new AssertionError("unreachable");
  }

  static void expectSame(MessageEvent.Data sent, MessageEvent.Data got, String what) throws CaseFailure {
    switch (sent) {
      case MessageEvent.Text t -> {
        if (!(got instanceof MessageEvent.Text g)) {
          throw new CaseFailure(what + ": sent text, echo is " + describe(got));
        }
        if (!g.text().equals(t.text())) {
          throw new CaseFailure(what + ": echo differs (sent " + t.text().length() + " chars, got " + g.text().length()
              + "; first difference at " + firstDifference(t.text(), g.text()) + ")");
        }
      }
      case MessageEvent.Binary b -> {
        if (!(got instanceof MessageEvent.Binary g)) {
          throw new CaseFailure(what + ": sent " + describe(sent) + ", echo is text");
        }
        if (g.length() != b.length()) {
          throw new CaseFailure(what + ": sent " + b.length() + " bytes, echo has " + g.length());
        }
        byte[] x = b.toArray();
        byte[] y = g.toArray();
        int d = java.util.Arrays.mismatch(x, y);
        if (d >= 0) {
          throw new CaseFailure(what + ": echo differs at byte " + d);
        }
      }
    }
  }

  private static int firstDifference(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      if (a.charAt(i) != b.charAt(i)) {
        return i;
      }
    }
    return a.length() == b.length() ? -1 : n;
  }

  static String describe(MessageEvent.Data d) {
    return switch (d) {
      case MessageEvent.Text t -> "text of " + t.text().length() + " chars";
      case MessageEvent.Binary b -> "binary of " + b.length() + " bytes";
    };
  }
}

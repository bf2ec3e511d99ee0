package dev.webrtc4j.cli.bench;

import dev.webrtc4j.MessageEvent;
import dev.webrtc4j.RTCDataChannel;
import dev.webrtc4j.RTCDataChannelInit;
import dev.webrtc4j.RTCException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The data-channel workloads of issues 4 and 6 on two webrtc4j connections in one JVM. Each has a
 * twin in {@code bench-reference/lib/workloads.mjs} with the same sizes and definitions; figure
 * names are shared so {@code bench compare} can pair them.
 */
final class DataChannelWorkloads {
  static final String IMPL = "webrtc4j";
  /** Bound on one step of connection setup. */
  static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);
  /** An unreliable transfer is over when nothing arrived for this long after the last send. */
  static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
  /** At most this long the setup workload waits for the JIT's queue before measuring ({@link JitQuiet}). */
  static final long JIT_QUEUE_MAX_MILLIS = 3_000;
  /** Uncounted round trips between the counters' snapshot and the measured ones (in ping_warmup). */
  static final int LEAD_IN = 10;
  /** A setup this slow waited for a retransmission (counted in the warm-up's log line). */
  static final double STALL_MILLIS = 500;

  private final WorkloadConfig config;
  private final Consumer<String> log;
  /** Where the setup timelines go ({@code --timeline}), or null for none. */
  private final @Nullable Consumer<String> timelineOut;

  DataChannelWorkloads(WorkloadConfig config, Consumer<String> log) {
    this(config, log, null);
  }

  /** {@code timelineOut}: print each measured setup's timeline and the medians per step there. */
  DataChannelWorkloads(WorkloadConfig config, Consumer<String> log, @Nullable Consumer<String> timelineOut) {
    this.config = config;
    this.log = log;
    this.timelineOut = timelineOut;
  }

  /** Runs every configured workload, handing each figure to {@code out} as soon as it is known. */
  void runAll(Consumer<Figure> out) throws Exception {
    primeNumberFormatting();
    if (config.runs(Workload.SETUP)) {
      log.accept("setup, trickled and gathering complete alternately: " + config.setupWarmup()
          + (config.setupWarmupMax() > config.setupWarmup() ? " to " + config.setupWarmupMax() + " (until the JIT settled)" : "")
          + " warm-up + " + config.setupRuns() + " runs each");
      setups().forEach(out);
    }
    if (config.runs(Workload.THROUGHPUT)) {
      log.accept("reliable throughput: " + config.throughputWarmup() + " warm-up + " + config.throughputRuns() + " x " + config.bytes() + " B in " + config.messageSize() + " B messages");
      out.accept(throughput());
    }
    if (config.runs(Workload.PINGPONG)) {
      log.accept("ping-pong: " + config.pingWarmup()
          + (config.pingWarmupMax() > config.pingWarmup() ? " to " + config.pingWarmupMax() + " (until the JIT settled)" : "")
          + " warm-up + " + config.pings() + " x " + config.pingSize() + " B");
      pingPong().forEach(out);
    }
    if (config.runs(Workload.UNRELIABLE)) {
      log.accept("unreliable throughput: " + config.unreliableBytes() + " B in " + config.messageSize() + " B messages");
      unreliable().forEach(out);
    }
  }

  /**
   * Setup time (ms) over fresh pairs, trickled and gathering-complete alternately so that both
   * modes see the same JVM warmth (run one after the other, the first mode measured a colder JIT:
   * 78 ms against 35 ms for the same trickled setup after 3 or 30 warm-ups), after uncounted
   * warm-up pairs of each mode: {@code setupWarmup}, then rounds until the JIT settled
   * ({@link SetupWarmup}). The last figure, {@code setup_warmup}, says how many that was.
   */
  List<Figure> setups() throws Exception {
    primeNumberFormatting();
    SetupWarmup warm = SetupWarmup.of(config.setupWarmup(), config.setupWarmupMax());
    int stalled = 0;
    double slowest = 0;
    for (int n; (n = warm.nextBatch()) > 0; ) {
      // As in the ping warm-up: every batch starts with the counters' snapshot the measured
      // window starts with, so the snapshot's JDK code is no news to the JIT there.
      RoundStart.now();
      for (int i = 0; i < n; i++) {
        for (boolean trickle : new boolean[] {true, false}) {
          // Warm-ups record the timeline too, so the measured setups run the same code.
          try (LoopbackPair pair = LoopbackPair.connect(trickle, RTCDataChannelInit.DEFAULT, STEP_TIMEOUT, timelineOut != null)) {
            slowest = Math.max(slowest, pair.setupMillis());
            stalled += pair.setupMillis() >= STALL_MILLIS ? 1 : 0;
          }
        }
      }
      warm.batchDone(n);
    }
    JitQuiet.Result jit = JitQuiet.await(JIT_QUEUE_MAX_MILLIS);
    // The measured setups run nothing the warm-up did not: the warm-up's lines and the timelines
    // are formatted and printed after them (see primeNumberFormatting for why it matters). This
    // line (text and integers, as the first one) marks where they start, e.g. in a JIT log.
    log.accept("setup warm-up done after " + warm.perMode() + " per mode; measuring " + config.setupRuns() + " of each");
    double[] trickled = new double[config.setupRuns()];
    double[] gathered = new double[config.setupRuns()];
    List<SetupTimeline> trickledLines = new ArrayList<>();
    List<SetupTimeline> gatheredLines = new ArrayList<>();
    Consumer<String> tOut = timelineOut;
    RoundStart start = RoundStart.now();
    for (int i = 0; i < config.setupRuns(); i++) {
      for (boolean trickle : new boolean[] {true, false}) {
        try (LoopbackPair pair = LoopbackPair.connect(trickle, RTCDataChannelInit.DEFAULT, STEP_TIMEOUT, tOut != null)) {
          (trickle ? trickled : gathered)[i] = pair.setupMillis();
          SetupTimeline t = pair.timeline();
          if (t != null && tOut != null) {
            (trickle ? trickledLines : gatheredLines).add(t);
          }
        }
      }
    }
    long to = ManagementFactory.getRuntimeMXBean().getUptime();
    ProcessCounters after = ProcessCounters.now();
    log.accept(warm.summary());
    log.accept(jit.describe());
    log.accept("measured setups, " + ProcessCounters.perSetupPair(start.counters(), after, 2 * config.setupRuns())
        + "; measured from " + start.uptimeMillis() + " to " + to + " ms of JVM uptime");
    // A lost handshake packet waits for a retransmission (DTLS: 1 s): rare, and hidden by a median.
    log.accept(String.format(java.util.Locale.ROOT, "warm-up setups of %.0f ms or more: %d; slowest %.1f ms", STALL_MILLIS,
        stalled, slowest));
    if (tOut != null) {
      for (int i = 0; i < trickledLines.size() || i < gatheredLines.size(); i++) {
        if (i < trickledLines.size()) {
          tOut.accept(timelineLine("trickled", i + 1, trickled[i], trickledLines.get(i)));
        }
        if (i < gatheredLines.size()) {
          tOut.accept(timelineLine("gathered", i + 1, gathered[i], gatheredLines.get(i)));
        }
      }
      tOut.accept("trickled setups: ms from just before creating the connections, median of " + trickledLines.size());
      SetupTimeline.medianTable(trickledLines).forEach(tOut);
      tOut.accept("gathering-complete setups: ms from just before creating the connections, median of " + gatheredLines.size());
      SetupTimeline.medianTable(gatheredLines).forEach(tOut);
    }
    return List.of(setupFigure("setup_trickled", trickled), setupFigure("setup_gathered", gathered),
        warmupFigure(warm.perMode()));
  }

  private static String timelineLine(String mode, int n, double setupMillis, SetupTimeline t) {
    return String.format(java.util.Locale.ROOT, "%s %d (%.2f ms): %s", mode, n, setupMillis, t.line());
  }

  /**
   * Formats a floating-point number once before any warm-up. The first such format in the JVM
   * loads the locale's number symbols, and with them {@code java.lang.CharacterData00} (they hold
   * characters beyond Latin-1). Loading that class invalidates every C2 method that inlined
   * {@code Character.digit} on the assumption that Latin-1 was the only {@code CharacterData}:
   * {@code Integer.parseInt}, {@code Long.parseLong} and through them the SDP, candidate and
   * fingerprint parsers of the setup path. Formatted first at the end of the warm-up (its log
   * line), 14 such methods were deoptimized just before the measured setups, which then ran them
   * interpreted or in C1 while C2 compiled them again (seen with {@code -XX:+PrintCompilation}).
   */
  static String primeNumberFormatting() {
    return String.format(java.util.Locale.ROOT, "%.1f", 1.5);
  }

  /** How many uncounted setups of each mode ran first: what this side got, not a result. */
  static Figure warmupFigure(int perMode) {
    return new Figure(IMPL, "setup_warmup", "count", perMode, "setup", Figure.Better.NONE, 1, List.of());
  }

  private static Figure setupFigure(String name, double[] samples) {
    return new Figure(IMPL, name, "median", Stats.median(samples), "ms", Figure.Better.LOWER, samples.length, boxed(samples));
  }

  /**
   * Reliable ordered throughput (MB/s, 10^6 bytes per second), median over fresh pairs, after
   * {@code throughputWarmup} uncounted transfers.
   */
  Figure throughput() throws Exception {
    for (int i = 0; i < config.throughputWarmup(); i++) {
      log.accept(String.format("  warm-up %d: %.1f MB/s (not counted)", i + 1, reliableTransfer()));
    }
    double[] samples = new double[config.throughputRuns()];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = reliableTransfer();
      log.accept(String.format("  run %d: %.1f MB/s", i + 1, samples[i]));
    }
    return new Figure(IMPL, "throughput_reliable", "median", Stats.median(samples), "MB/s", Figure.Better.HIGHER,
        samples.length, boxed(samples));
  }

  /** One reliable transfer of {@code bytes} on a fresh pair: MB/s. */
  private double reliableTransfer() throws Exception {
    try (LoopbackPair pair = LoopbackPair.connect(true, RTCDataChannelInit.DEFAULT, STEP_TIMEOUT)) {
      Transfer.Result r = new Transfer(pair.dcA(), pair.dcB(), config.bytes(), config.messageSize(),
          config.lowThreshold(), config.highWater(), true).run(transferTimeout(config.bytes()));
      log.accept("    " + r.counters() + "; " + r.refills() + " refills, " + r.dryRefills() + " found bufferedAmount 0");
      return r.megabytesPerSecond();
    }
  }

  /** Unordered, maxRetransmits 0: throughput of what arrived (MB/s) and message loss (%). */
  List<Figure> unreliable() throws Exception {
    RTCDataChannelInit init = RTCDataChannelInit.builder().ordered(false).maxRetransmits(0).build();
    try (LoopbackPair pair = LoopbackPair.connect(true, init, STEP_TIMEOUT)) {
      Transfer.Result r = new Transfer(pair.dcA(), pair.dcB(), config.unreliableBytes(), config.messageSize(),
          config.lowThreshold(), config.highWater(), false).run(transferTimeout(config.unreliableBytes()));
      double mbps = r.megabytesPerSecond();
      double loss = 100.0 * (r.sentMessages() - r.receivedMessages()) / r.sentMessages();
      return List.of(
          new Figure(IMPL, "throughput_unreliable", "single", mbps, "MB/s", Figure.Better.HIGHER, 1, List.of(mbps)),
          new Figure(IMPL, "loss_unreliable", "single", loss, "%", Figure.Better.LOWER, 1, List.of(loss)));
    }
  }

  /**
   * Round trips of small messages on a reliable ordered channel: B echoes, A times them (µs), the
   * next ping leaving from A's message listener ({@link PingRounds}).
   * Uncounted round trips first: {@code pingWarmup}, then rounds until the JIT settled ({@link
   * SetupWarmup#forPings}), then exactly {@code pings} measured ones on the same channel. The last
   * figure, {@code ping_warmup}, says how many uncounted round trips ran.
   */
  List<Figure> pingPong() throws Exception {
    try (LoopbackPair pair = LoopbackPair.connect(true, RTCDataChannelInit.DEFAULT, STEP_TIMEOUT)) {
      RTCDataChannel b = pair.dcB();
      b.setOnMessage(e -> {
        if (e.data() instanceof MessageEvent.Binary bin) {
          b.send(bin.data());
        }
      });
      PingRounds pings = new PingRounds(pair.dcA(), config.pingSize(), STEP_TIMEOUT);
      SetupWarmup warm = SetupWarmup.forPings(config.pingWarmup(), config.pingWarmupMax());
      // Every warm-up round starts the way the measured one does, with the counters' snapshot:
      // its /proc parsing shares JDK methods with the ping path (Buffer.limit, String.charAt), and
      // run only before the measured round it deoptimized them there ("uncommon trap") and C2
      // recompiled the ping path inside the measured window (PrintCompilation, session 5).
      for (int n; (n = warm.nextBatch()) > 0; ) {
        RoundStart.now();
        pings.run(n);
        warm.batchDone(n);
      }
      // Nothing else between the last round and the measured one: the warm-up's summary is
      // formatted after it (String.format right before the window deoptimized JDK string methods).
      RoundStart start = RoundStart.now();
      // The first round trip after the snapshot's pause was often among the slowest of the window
      // (0.3-61 ms, index 0 in most runs' slowest list): a few uncounted ones take that pause, so
      // the measured ones follow round trips as every measured one but the first did. The counters
      // cover them too (divided by the round trips they saw).
      pings.run(LEAD_IN);
      double[] samples = pings.run(config.pings());
      long to = ManagementFactory.getRuntimeMXBean().getUptime();
      ProcessCounters after = ProcessCounters.now();
      log.accept("    " + warm.summary());
      // The window in JVM uptime, to find what -Xlog (gc, safepoint, jit) and -XX:+PrintCompilation
      // saw inside it: their default decorations count from the same start.
      log.accept("    " + ProcessCounters.perRoundTrip(start.counters(), after, LEAD_IN + samples.length) + "; slowest µs: "
          + Stats.slowest(samples, 12) + "; measured from " + start.uptimeMillis() + " to " + to + " ms of JVM uptime");
      return List.of(
          new Figure(IMPL, "rtt_p50", "p50", Stats.percentile(samples, 50), "us", Figure.Better.LOWER, samples.length, List.of()),
          new Figure(IMPL, "rtt_p99", "p99", Stats.percentile(samples, 99), "us", Figure.Better.LOWER, samples.length, List.of()),
          pingWarmupFigure(warm.perMode() + LEAD_IN));
    }
  }

  /** What a ping round starts with: the process counters and the JVM's uptime (ms). */
  private record RoundStart(ProcessCounters counters, long uptimeMillis) {
    static RoundStart now() {
      ProcessCounters c = ProcessCounters.now();
      return new RoundStart(c, ManagementFactory.getRuntimeMXBean().getUptime());
    }
  }

  /** How many uncounted round trips ran before the measured ones: what this side got, not a result. */
  static Figure pingWarmupFigure(int roundTrips) {
    return new Figure(IMPL, "ping_warmup", "count", roundTrips, "round trip", Figure.Better.NONE, 1, List.of());
  }

  /** Generous: a transfer slower than 1 MB/s (plus 30 s) is a failure, not a result. */
  private static Duration transferTimeout(long bytes) {
    return Duration.ofSeconds(30 + bytes / 1_000_000);
  }

  private static List<Double> boxed(double[] a) {
    List<Double> l = new ArrayList<>(a.length);
    for (double d : a) {
      l.add(d);
    }
    return l;
  }

  /**
   * One bulk transfer from {@code tx} to {@code rx} with the usual flow control: send while
   * bufferedAmount is at or under the high-water mark, then wait for bufferedamountlow
   * (bufferedAmountLowThreshold = lowThreshold) to send more.
   */
  static final class Transfer {
    /**
     * {@code counters}: {@link ProcessCounters#perGib} over the transfer; {@code refills}: calls of
     * the sender's refill from bufferedamountlow, {@code dryRefills}: those that found nothing
     * buffered (the sender's pipe had run dry before the event reached it).
     */
    record Result(double seconds, long sentMessages, long receivedMessages, long receivedBytes, String counters,
        long refills, long dryRefills) {
      double megabytesPerSecond() {
        return receivedBytes / 1e6 / seconds;
      }
    }

    private final RTCDataChannel tx;
    private final RTCDataChannel rx;
    private final long bytes;
    private final int messageSize;
    private final long lowThreshold;
    private final long highWater;
    private final boolean reliable;
    private final long total;
    private final byte[] template;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    // sender state, guarded by this
    private long sent;
    private long refills;
    private long dryRefills;
    // receiver state, written only on rx's dispatch executor (serial), read after done / with volatile
    private volatile long received;
    private volatile long receivedBytes;
    private volatile long lastArrivalNanos;
    private long nextSeq;

    Transfer(RTCDataChannel tx, RTCDataChannel rx, long bytes, int messageSize, long lowThreshold, long highWater, boolean reliable) {
      this.tx = tx;
      this.rx = rx;
      this.bytes = bytes;
      this.messageSize = messageSize;
      this.lowThreshold = lowThreshold;
      this.highWater = highWater;
      this.reliable = reliable;
      this.total = (bytes + messageSize - 1) / messageSize;
      this.template = new byte[messageSize];
      for (int i = 4; i < messageSize; i++) {
        template[i] = (byte) i;
      }
    }

    Result run(Duration timeout) throws Exception {
      rx.setOnMessage(this::onMessage);
      tx.setBufferedAmountLowThreshold(lowThreshold);
      tx.setOnBufferedAmountLow(e -> refill());
      ProcessCounters before = ProcessCounters.now();
      long t0 = System.nanoTime();
      long deadline = t0 + timeout.toNanos();
      pump();
      try {
        if (reliable) {
          LoopbackPair.await(done, timeout, "reliable transfer of " + bytes + " B");
        } else {
          awaitQuiet(deadline);
        }
      } finally {
        tx.setOnBufferedAmountLow(null);
        rx.setOnMessage(null);
      }
      long end = lastArrivalNanos == 0 ? System.nanoTime() : lastArrivalNanos;
      ProcessCounters after = ProcessCounters.now();
      long sentNow;
      synchronized (this) {
        sentNow = sent;
      }
      double seconds = (end - t0) / 1e9;
      String counters = ProcessCounters.perGib(before, after, receivedBytes, (System.nanoTime() - t0) / 1e9);
      synchronized (this) {
        return new Result(seconds, sentNow, received, receivedBytes, counters, refills, dryRefills);
      }
    }

    /** Unreliable: over when all arrived, or everything left the sender and nothing arrived for a while. */
    private void awaitQuiet(long deadline) throws Exception {
      long allSentAt = 0;
      while (!done.isDone()) {
        long now = System.nanoTime();
        if (now > deadline) {
          throw new TimeoutException("unreliable transfer did not finish: sent " + sentSoFar() + " of " + total + ", received " + received);
        }
        if (allSentAt == 0 && sentSoFar() == total && tx.bufferedAmount() == 0) {
          allSentAt = now;
        }
        // Quiet: nothing arrived since everything left the sender (or since the last arrival).
        if (allSentAt != 0 && now - Math.max(allSentAt, lastArrivalNanos) > QUIET_NANOS) {
          return;
        }
        // A benchmark driver, not a test: polling at 50 ms costs nothing measurable.
        try {
          done.get(50, TimeUnit.MILLISECONDS);
        } catch (TimeoutException notYet) {
          // check again
        }
      }
    }

    private synchronized long sentSoFar() {
      return sent;
    }

    /** bufferedamountlow: count whether the pipe ran dry meanwhile, then send more. */
    private synchronized void refill() {
      refills++;
      if (tx.bufferedAmount() == 0 && sent < total) {
        dryRefills++;
      }
      pump();
    }

    private synchronized void pump() {
      try {
        while (sent < total && tx.bufferedAmount() <= highWater) {
          int size = (int) Math.min(messageSize, bytes - sent * messageSize);
          ByteBuffer.wrap(template).putInt(0, (int) sent);
          tx.send(size == messageSize ? ByteBuffer.wrap(template) : ByteBuffer.wrap(template, 0, size));
          sent++;
        }
      } catch (RTCException e) {
        if (e.errorName() != RTCException.Name.OPERATION_ERROR) {
          done.completeExceptionally(e);
        }
        // OperationError: the send buffer is full; bufferedamountlow will call again.
      } catch (RuntimeException e) {
        done.completeExceptionally(e);
      }
    }

    private void onMessage(MessageEvent e) {
      if (!(e.data() instanceof MessageEvent.Binary bin)) {
        done.completeExceptionally(new IllegalStateException("unexpected text message"));
        return;
      }
      ByteBuffer d = bin.data();
      long seq = Integer.toUnsignedLong(d.getInt(d.position()));
      if (reliable && seq != nextSeq) {
        done.completeExceptionally(new IllegalStateException("reliable ordered channel delivered message " + seq + ", expected " + nextSeq));
        return;
      }
      nextSeq = seq + 1;
      receivedBytes += d.remaining();
      lastArrivalNanos = System.nanoTime();
      if (++received == total) {
        done.complete(null);
      }
    }
  }
}

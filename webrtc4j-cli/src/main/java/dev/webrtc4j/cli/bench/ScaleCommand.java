package dev.webrtc4j.cli.bench;

import dev.webrtc4j.MessageEvent;
import dev.webrtc4j.RTCDataChannel;
import dev.webrtc4j.RTCDataChannelInit;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code webrtc4j bench scale} (issue 6): N connection pairs in this JVM at once, each with an
 * open channel on which both sides send one message a second for D seconds. Reports whether all
 * connected, messages lost, the heap retained per idle connection and the platform thread count
 * as pairs are added.
 */
@Command(
    name = "scale",
    mixinStandardHelpOptions = true,
    description = {
      "N concurrent webrtc4j connection pairs in this JVM (loopback only), each with an open data",
      "channel on which both sides send one message per second for D seconds. Reports: all",
      "connected?, messages lost, retained heap per idle connection (after GC), platform threads vs N.",
      "Run it with the heap the issue names: WEBRTC4J_JAVA_OPTS=-Xmx2g ./webrtc4j bench scale"
    })
public final class ScaleCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--pairs", paramLabel = "N", description = "connection pairs (default ${DEFAULT-VALUE})")
  int pairs = 1000;

  @Option(names = "--duration", paramLabel = "SECONDS", description = "how long the messages flow (default ${DEFAULT-VALUE})")
  int durationSeconds = 60;

  @Option(names = "--concurrency", paramLabel = "C", description = "pairs being set up at once (default ${DEFAULT-VALUE})")
  int concurrency = 8;

  /** Messages still in flight when sending stops get this long to arrive. */
  static final Duration DRAIN = Duration.ofSeconds(3);

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (pairs < 1 || durationSeconds < 1 || concurrency < 1) {
      err.println("webrtc4j bench scale: --pairs, --duration and --concurrency must be at least 1");
      err.flush();
      return 2;
    }
    out.printf(Locale.ROOT, "max heap: %d MiB, processors: %d%n", Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
    long heapBefore = HeapWatcher.usedAfterGc();
    int threadsBefore = platformThreads();
    out.printf(Locale.ROOT, "before: heap after GC %.1f MiB, platform threads %d%n", heapBefore / 1048576.0, threadsBefore);
    out.flush();

    List<LoopbackPair> connected = Collections.synchronizedList(new ArrayList<>());
    List<String> failures = Collections.synchronizedList(new ArrayList<>());
    List<int[]> threadCurve = connect(connected, failures, err);
    int n = connected.size();
    boolean allConnected = n == pairs;
    out.printf(Locale.ROOT, "connected: %d of %d pairs (%s)%n", n, pairs, allConnected ? "all" : "NOT all");
    failures.stream().limit(5).forEach(f -> out.println("  failure: " + f));
    out.println("platform threads vs pairs connected:");
    for (int[] p : threadCurve) {
      out.printf(Locale.ROOT, "  %6d pairs (%6d connections): %d threads%n", p[0], 2 * p[0], p[1]);
    }
    int code = 0;
    try {
      if (n == 0) {
        out.println("no pair connected: nothing to measure");
        return 1;
      }
      long heapIdle = HeapWatcher.usedAfterGc();
      double perConnectionKiB = (heapIdle - heapBefore) / 1024.0 / (2.0 * n);
      out.printf(Locale.ROOT, "idle: heap after GC %.1f MiB; retained per idle connection %.1f KiB; platform threads %d (+%d)%n",
          heapIdle / 1048576.0, perConnectionKiB, platformThreads(), platformThreads() - threadsBefore);
      out.flush();

      long[] counts = exchange(connected, err);
      long lost = counts[0] - counts[1];
      out.printf(Locale.ROOT, "messages: sent %d, received %d, lost %d over %d s%n", counts[0], counts[1], lost, durationSeconds);
      out.printf(Locale.ROOT, "after messages: platform threads %d, heap after GC %.1f MiB%n",
          platformThreads(), HeapWatcher.usedAfterGc() / 1048576.0);
      code = allConnected && lost == 0 ? 0 : 1;
    } finally {
      for (LoopbackPair p : connected) {
        p.close();
      }
    }
    out.printf(Locale.ROOT, "closed: platform threads %d%n", platformThreads());
    out.flush();
    return code;
  }

  /** Connects the pairs, {@code concurrency} at a time; returns (pairs connected, threads) samples. */
  private List<int[]> connect(List<LoopbackPair> connected, List<String> failures, PrintWriter err) throws InterruptedException {
    List<int[]> curve = new ArrayList<>();
    Semaphore slots = new Semaphore(concurrency);
    int step = Math.max(1, pairs / 10);
    try (ExecutorService setups = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < pairs; i++) {
        slots.acquire();
        futures.add(setups.submit(() -> {
          try {
            connected.add(LoopbackPair.connect(true, RTCDataChannelInit.DEFAULT, DataChannelWorkloads.STEP_TIMEOUT));
          } catch (Exception e) {
            failures.add(e.toString());
          } finally {
            slots.release();
          }
          return null;
        }));
        if ((i + 1) % step == 0) {
          err.printf(Locale.ROOT, "[scale] %d of %d pairs started, %d connected, %d failed%n", i + 1, pairs, connected.size(), failures.size());
          err.flush();
          curve.add(new int[] {connected.size(), platformThreads()});
        }
      }
    }
    curve.add(new int[] {connected.size(), platformThreads()});
    return curve;
  }

  /** Both sides of every pair send one 16-byte message a second; returns {sent, received}. */
  private long[] exchange(List<LoopbackPair> connected, PrintWriter err) throws InterruptedException {
    AtomicLong sent = new AtomicLong();
    AtomicLong received = new AtomicLong();
    AtomicLong sendErrors = new AtomicLong();
    for (LoopbackPair p : connected) {
      p.dcA().setOnMessage(e -> count(e, received));
      p.dcB().setOnMessage(e -> count(e, received));
    }
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    try {
      int n = connected.size();
      for (int i = 0; i < n; i++) {
        LoopbackPair p = connected.get(i);
        // Spread the pairs over the second so the sends do not all land at once.
        long offsetMicros = 1_000_000L * i / n;
        ticker.scheduleAtFixedRate(() -> {
          send(p.dcA(), sent, sendErrors);
          send(p.dcB(), sent, sendErrors);
        }, offsetMicros, 1_000_000L, TimeUnit.MICROSECONDS);
      }
      err.printf(Locale.ROOT, "[scale] %d pairs exchanging for %d s%n", n, durationSeconds);
      err.flush();
      TimeUnit.SECONDS.sleep(durationSeconds); // the workload's duration, not synchronisation
    } finally {
      ticker.shutdownNow();
      ticker.awaitTermination(10, TimeUnit.SECONDS);
    }
    long deadline = System.nanoTime() + DRAIN.toNanos();
    while (received.get() < sent.get() && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(50); // in-flight messages get DRAIN to arrive
    }
    if (sendErrors.get() > 0) {
      err.printf(Locale.ROOT, "[scale] %d sends threw%n", sendErrors.get());
    }
    return new long[] {sent.get(), received.get()};
  }

  private static void send(RTCDataChannel dc, AtomicLong sent, AtomicLong errors) {
    try {
      dc.send(ByteBuffer.allocate(16).putLong(0, sent.get()));
      sent.incrementAndGet();
    } catch (RuntimeException e) {
      errors.incrementAndGet();
    }
  }

  private static void count(MessageEvent e, AtomicLong received) {
    received.incrementAndGet();
  }

  /** Live platform threads (virtual threads are not counted by the thread MXBean). */
  static int platformThreads() {
    return ManagementFactory.getThreadMXBean().getThreadCount();
  }
}

package dev.webrtc4j.bench;

import dev.webrtc4j.RTCConfiguration;
import dev.webrtc4j.RTCIceConnectionState;
import dev.webrtc4j.RTCPeerConnection;
import dev.webrtc4j.RTCSessionDescription;
import dev.webrtc4j.spi.Settings;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * ICE setup time between two RTCPeerConnections in one JVM on loopback: from the offerer's
 * setLocalDescription call to its iceConnectionState "connected", with trickled candidates and a
 * data channel (so the offer has an m=application section). Not a JMH benchmark: one setup is one
 * sample, measured with {@link System#nanoTime()}; it prints the median, p10 and p90 over the
 * measured runs that follow the warm-up runs.
 *
 * <pre>
 * java -cp webrtc4j-bench/target/benchmarks.jar dev.webrtc4j.bench.IceSetupMain [warmup=10] [runs=20]
 * </pre>
 */
public final class IceSetupMain {
  private static final long TIMEOUT_SECONDS = 30;

  private IceSetupMain() {}

  public static void main(String[] args) throws Exception {
    int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    Settings settings = Settings.builder().loopbackOnly().build();
    for (int i = 0; i < warmup; i++) {
      setupNanos(settings);
    }
    long[] samples = new long[runs];
    for (int i = 0; i < runs; i++) {
      samples[i] = setupNanos(settings);
    }
    long[] sorted = samples.clone();
    Arrays.sort(sorted);
    System.out.printf(Locale.ROOT, "ICE setup, setLocalDescription(offer) -> iceConnectionState connected, loopback,"
        + " %d runs after %d warm-up runs:%n", runs, warmup);
    System.out.printf(Locale.ROOT, "  median %.2f ms   p10 %.2f ms   p90 %.2f ms   min %.2f ms   max %.2f ms%n",
        ms(percentile(sorted, 50)), ms(percentile(sorted, 10)), ms(percentile(sorted, 90)), ms(sorted[0]),
        ms(sorted[sorted.length - 1]));
    StringBuilder all = new StringBuilder("  samples (ms, in run order):");
    for (long s : samples) {
      all.append(String.format(Locale.ROOT, " %.2f", ms(s)));
    }
    System.out.println(all);
  }

  /** Nearest-rank percentile of sorted samples. */
  static long percentile(long[] sorted, int p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  /** One setup: a fresh pair, trickle signalling in memory; both closed afterwards. */
  static long setupNanos(Settings settings) throws Exception {
    RTCPeerConnection a = new RTCPeerConnection(RTCConfiguration.DEFAULT, settings);
    RTCPeerConnection b = new RTCPeerConnection(RTCConfiguration.DEFAULT, settings);
    try {
      CompletableFuture<Void> aHasRemote = new CompletableFuture<>();
      CompletableFuture<Void> bHasRemote = new CompletableFuture<>();
      a.setOnIceCandidate(e -> e.candidate().ifPresent(c -> bHasRemote.thenRun(() -> b.addIceCandidate(c))));
      b.setOnIceCandidate(e -> e.candidate().ifPresent(c -> aHasRemote.thenRun(() -> a.addIceCandidate(c))));
      CompletableFuture<Long> connectedAt = new CompletableFuture<>();
      a.setOnIceConnectionStateChange(e -> {
        RTCIceConnectionState s = a.iceConnectionState();
        if (s == RTCIceConnectionState.CONNECTED || s == RTCIceConnectionState.COMPLETED) {
          connectedAt.complete(System.nanoTime());
        }
      });
      a.createDataChannel("bench");
      RTCSessionDescription offer = get(a.createOffer());
      long start = System.nanoTime();
      CompletableFuture<Void> applied = a.setLocalDescription(offer);
      get(applied);
      get(b.setRemoteDescription(offer));
      bHasRemote.complete(null);
      RTCSessionDescription answer = get(b.createAnswer());
      get(b.setLocalDescription(answer));
      get(a.setRemoteDescription(answer));
      aHasRemote.complete(null);
      return get(connectedAt) - start;
    } finally {
      a.close();
      b.close();
      a.awaitTermination(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      b.awaitTermination(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
  }

  private static <T> T get(CompletableFuture<T> f) throws Exception {
    return f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }
}

package dev.webrtc4j.cli.bench;

import dev.webrtc4j.MessageEvent;
import dev.webrtc4j.RTCDataChannel;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Runs round trips of one ping on a channel whose peer echoes every message: the first ping of a
 * batch leaves from the caller, every next one from the offerer's message listener as soon as the
 * echo arrived, one at a time. That is what the libwebrtc reference does: its loop awaits the echo
 * on Node's event thread, which fires {@code onmessage}, and sends the next ping from there. (Before
 * session 5 the next ping left from the bench's main thread, which the listener first had to wake
 * through a queue: one more thread hand-off each way per round trip than the reference.)
 *
 * <p>Each sample is the µs from just before {@code send} to the start of the listener that got the
 * echo. Pings are numbered; an echo of the wrong size or number fails the batch.
 *
 * <p>Threads: {@link #run} on one thread at a time; the listener on the channel's dispatch executor
 * (serial). The state a batch shares is handed over by the send (a task queued on the loop, then a
 * dispatch task) and back by the batch's future.
 */
final class PingRounds {
  private final RTCDataChannel channel;
  private final byte[] ping;
  private final Duration stallTimeout;
  // The running batch: set by run() before its first send, then used by the listener only.
  private double @Nullable [] samples;
  private int next;
  private int seq;
  private long sentAt;
  private @Nullable CompletableFuture<Void> done;
  /** Round trips finished so far, for the stall check of {@link #run}. */
  private volatile long finished;

  /**
   * @param channel the offerer's channel; its message listener is replaced
   * @param pingSize bytes per ping (at least 4: the number)
   * @param stallTimeout a batch fails when no echo arrived for this long
   */
  PingRounds(RTCDataChannel channel, int pingSize, Duration stallTimeout) {
    this.channel = channel;
    this.ping = new byte[pingSize];
    this.stallTimeout = stallTimeout;
    channel.setOnMessage(this::onMessage);
  }

  /** Runs {@code n} round trips; returns each one's µs, in order. */
  double[] run(int n) throws Exception {
    double[] out = new double[n];
    if (n == 0) {
      return out;
    }
    CompletableFuture<Void> batch = new CompletableFuture<>();
    samples = out;
    next = 0;
    done = batch;
    sendPing();
    long seen = finished;
    while (true) {
      try {
        batch.get(stallTimeout.toMillis(), TimeUnit.MILLISECONDS);
        return out;
      } catch (TimeoutException slow) {
        if (finished == seen) {
          throw new TimeoutException("ping " + seq + ": no echo within " + stallTimeout.toMillis() + " ms");
        }
        seen = finished;
      }
    }
  }

  private void sendPing() {
    ByteBuffer.wrap(ping).putInt(0, seq);
    sentAt = System.nanoTime();
    channel.send(ping);
  }

  private void onMessage(MessageEvent e) {
    long now = System.nanoTime();
    double[] s = samples;
    CompletableFuture<Void> batch = done;
    if (s == null || batch == null || batch.isDone()) {
      return; // nothing sent is waiting for an echo
    }
    ByteBuffer echo = e.data() instanceof MessageEvent.Binary bin ? bin.data() : null;
    if (echo == null || echo.remaining() != ping.length || echo.getInt(echo.position()) != seq) {
      batch.completeExceptionally(new IllegalStateException("ping " + seq + ": wrong echo"));
      return;
    }
    s[next++] = (now - sentAt) / 1e3;
    seq++;
    finished++;
    if (next == s.length) {
      batch.complete(null);
      return;
    }
    try {
      sendPing();
    } catch (RuntimeException failed) {
      batch.completeExceptionally(failed);
    }
  }
}

package dev.webrtc4j.internal.io;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * The deadline wake-up of one {@link EventLoop}: the loop parks without a timeout and this unparks
 * it when its earliest deadline is due. One armed wake-up is kept across parks as long as it fires
 * no later than the deadline the loop needs, so a loop whose deadline only moves later (SCTP's T3
 * timer restarted by every SACK) arms a timer about once per timer period, not once per park.
 *
 * <p>Why not {@code LockSupport.parkNanos}: on a virtual thread every timed park registers a task
 * with the JDK's delay scheduler, and every early wake (the normal case under traffic: a datagram
 * arrives before the retransmission timer) cancels it; profiling the throughput workload showed
 * the scheduler thread woken for each of them (about 1.5% of CPU, and a context switch per park).
 *
 * <p>Loop-confined except the shared timer thread, which only unparks.
 */
final class LoopWakeups {
  /** One daemon platform thread for every loop of the JVM; it only calls {@code unpark}. */
  private static final ScheduledThreadPoolExecutor TIMER = timer();

  private final Runnable unpark;
  private @Nullable ScheduledFuture<?> armed;
  /** Monotonic nanos ({@code nanos} of the loop) at which {@link #armed} fires. */
  private long armedAt;

  LoopWakeups(Thread loop) {
    this.unpark = () -> LockSupport.unpark(loop);
  }

  /**
   * Makes sure the loop is unparked at or before {@code deadline}. A wake-up that fires earlier is
   * kept (the loop then finds its deadline not yet due and parks again, arming a new one).
   */
  void armBy(long now, long deadline) {
    ScheduledFuture<?> a = armed;
    if (a != null && armedAt <= deadline && !a.isDone()) {
      return;
    }
    if (a != null) {
      a.cancel(false);
    }
    armedAt = deadline;
    armed = TIMER.schedule(unpark, Math.max(0, deadline - now), TimeUnit.NANOSECONDS);
  }

  /** The loop ends: no wake-up is left behind. */
  void cancel() {
    ScheduledFuture<?> a = armed;
    if (a != null) {
      a.cancel(false);
      armed = null;
    }
  }

  private static ScheduledThreadPoolExecutor timer() {
    ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1,
        Thread.ofPlatform().name("webrtc4j-loop-timer").daemon().factory());
    // Cancelled wake-ups leave the queue at once: a loop re-arming earlier must not leave garbage.
    t.setRemoveOnCancelPolicy(true);
    return t;
  }
}

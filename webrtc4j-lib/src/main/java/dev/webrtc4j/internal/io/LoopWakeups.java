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

  private final Thread loop;
  private @Nullable Wakeup armed;
  /** Monotonic nanos ({@code nanos} of the loop) at which {@link #armed} fires. */
  private long armedAt;

  LoopWakeups(Thread loop) {
    this.loop = loop;
  }

  /**
   * Makes sure the loop is unparked at or before {@code deadline}. A wake-up that fires earlier is
   * kept (the loop then finds its deadline not yet due and parks again, arming a new one).
   */
  void armBy(long now, long deadline) {
    Wakeup a = armed;
    if (a != null && !a.fired && armedAt <= deadline) {
      return;
    }
    if (a != null) {
      a.cancel();
    }
    Wakeup w = new Wakeup();
    w.future = TIMER.schedule(w, Math.max(0, deadline - now), TimeUnit.NANOSECONDS);
    armed = w;
    armedAt = deadline;
  }

  /** The loop ends: no wake-up is left behind. */
  void cancel() {
    Wakeup a = armed;
    if (a != null) {
      a.cancel();
      armed = null;
    }
  }

  /**
   * One armed wake-up. {@link #fired} is set before the unpark, so the loop, once woken, never
   * keeps a wake-up that has already fired (a {@code ScheduledFuture} is done only after its task
   * returns, which can be after the loop looked).
   */
  private final class Wakeup implements Runnable {
    volatile boolean fired;
    @Nullable ScheduledFuture<?> future;

    @Override public void run() {
      fired = true;
      LockSupport.unpark(loop);
    }

    void cancel() {
      ScheduledFuture<?> f = future;
      if (f != null && !fired) {
        f.cancel(false);
      }
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

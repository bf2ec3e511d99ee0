package dev.webrtc4j.internal.io;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The serial event loop of one peer connection. All protocol state of that connection lives on it:
 * it takes one input (an API task, a batch of received datagrams from a {@link DatagramInbox}, or
 * a due deadline), applies it, lets its {@link Driver} drain every core, then waits for the next
 * input or the driver's earliest deadline (parked without a timeout; {@link LoopWakeups} unparks
 * it when the deadline is due).
 *
 * <p>Each loop runs on its own <em>virtual</em> thread, so thousands of connections share the JVM's
 * small carrier pool (one platform thread per core) instead of each holding a platform thread; an
 * idle loop is a parked virtual thread and costs a few hundred bytes. The thread ends when the loop
 * is {@linkplain #close() closed}.
 *
 * <p>Thread-safe: {@link #execute} and {@link #call} may be used from any thread. Submitting takes
 * no lock: tasks go into a lock-free queue, and a submitter unparks the loop's thread only when the
 * loop has announced that it is about to park (its {@code parked} flag). A loop that is busy, or that finds
 * work when it re-checks its queue before parking, costs a submitter one CAS and one volatile read
 * (the reactor and the dispatch threads hand work to busy loops all the time).
 */
public final class EventLoop implements AutoCloseable {
  private static final Logger LOG = System.getLogger(EventLoop.class.getName());
  private static final AtomicInteger OPEN = new AtomicInteger();
  private static final AtomicInteger IDS = new AtomicInteger();

  /** What the loop drives: the connection's cores. Called on the loop thread only. */
  public interface Driver {
    /** Absolute monotonic nanos of the earliest deadline; {@link Long#MAX_VALUE} when idle. */
    long pollTimeout();

    /** A deadline passed. */
    void handleTimeout(long nowNanos);

    /** After each input: drain every core and publish what changed. */
    void afterInput(long nowNanos);

    /** A task or the driver threw: a broken invariant. The loop keeps running for other tasks. */
    default void onFailure(Throwable t) {
      LOG.log(Level.ERROR, "event loop task failed", t);
    }
  }

  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final LongSupplier nanos;
  private final Thread thread;
  private final CompletableFuture<Void> terminated = new CompletableFuture<>();
  private @Nullable Driver driver;
  private volatile boolean closing;
  /**
   * Set by the loop just before it re-checks its queue and parks, cleared when it wakes. Dekker
   * style: the loop writes {@code parked} then reads the queue, a submitter writes the queue then
   * reads {@code parked} (both volatile), so at least one of them sees the other and no task is
   * left waiting while the loop sleeps.
   */
  private volatile boolean parked;
  private final LoopWakeups wakeups;

  /**
   * Starts a loop.
   *
   * @param name for the thread name and logs
   * @param nanos the monotonic clock (the connection's {@code Ticker})
   */
  public EventLoop(String name, LongSupplier nanos) {
    this.nanos = Objects.requireNonNull(nanos, "nanos");
    OPEN.incrementAndGet();
    this.thread = Thread.ofVirtual().name("webrtc4j-loop-" + name + "-" + IDS.incrementAndGet()).unstarted(this::run);
    this.wakeups = new LoopWakeups(thread);
    thread.start();
  }

  /** Loops that are started and not yet terminated, in this JVM (for leak checks in tests). */
  public static int openLoops() {
    return OPEN.get();
  }

  /** Sets the driver; done once, before the first task that needs it. */
  public void setDriver(Driver driver) {
    execute(() -> this.driver = driver);
  }

  /** True on this loop's thread. */
  public boolean inEventLoop() {
    return Thread.currentThread() == thread;
  }

  /**
   * Enqueues a task. Returns false (and drops it) when the loop is closing or closed.
   */
  public boolean execute(Runnable task) {
    Objects.requireNonNull(task, "task");
    tasks.add(task);
    if (closing) {
      // close() raced with us. If the loop already took the task it runs it (the loop runs every
      // task it polls, closing or not); otherwise take it back and refuse it.
      if (tasks.remove(task)) {
        return false;
      }
      return true;
    }
    if (parked) {
      LockSupport.unpark(thread);
    }
    return true;
  }

  /**
   * Runs {@code task} on the loop and waits for its result: for the W3C API's synchronous
   * methods. On the loop thread itself it runs inline. Exceptions the task throws are rethrown
   * as they are (runtime exceptions) to the caller.
   *
   * @throws IllegalStateException when the loop is closed
   */
  public <T> T call(Callable<T> task) {
    if (inEventLoop()) {
      try {
        return task.call();
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    CompletableFuture<T> result = new CompletableFuture<>();
    boolean queued = execute(() -> {
      try {
        result.complete(task.call());
      } catch (Throwable t) {
        result.completeExceptionally(t);
      }
    });
    if (!queued) {
      throw new IllegalStateException("event loop closed");
    }
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return result.get();
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException re) {
            throw re;
          }
          if (cause instanceof Error err) {
            throw err;
          }
          throw new IllegalStateException(cause);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Asks the loop to re-read the driver's deadline (after a task changed it, it does so anyway). */
  public void wakeup() {
    execute(() -> {});
  }

  /**
   * Stops taking tasks; the tasks already queued still run, then the thread ends. Idempotent;
   * does not wait (see {@link #terminated()}).
   */
  @Override
  public void close() {
    closing = true;
    LockSupport.unpark(thread);
  }

  /** Completes when the loop's thread has run its last task. */
  public CompletableFuture<Void> terminated() {
    return terminated;
  }

  /** Waits up to {@code timeout} for the loop's thread to end. */
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    return thread.join(java.time.Duration.ofNanos(unit.toNanos(timeout)));
  }

  private void run() {
    try {
      while (true) {
        Runnable task = tasks.poll();
        if (task == null) {
          if (closing) {
            // close() is visible, so every task submitted before it is in the queue: none left.
            if ((task = tasks.poll()) == null) {
              return;
            }
          } else if (!awaitInput()) {
            continue; // woken (a task, close, or a spurious unpark): look again
          }
        }
        long now = nanos.getAsLong();
        try {
          if (task != null) {
            task.run();
          } else if (driver != null) {
            driver.handleTimeout(now);
          }
          if (driver != null) {
            driver.afterInput(nanos.getAsLong());
          }
        } catch (Throwable t) {
          Driver d = driver;
          if (d != null) {
            d.onFailure(t);
          } else {
            LOG.log(Level.ERROR, "event loop task failed", t);
          }
        }
      }
    } finally {
      wakeups.cancel();
      OPEN.decrementAndGet();
      terminated.complete(null);
    }
  }

  /**
   * The queue was empty: parks until a task arrives or the driver's deadline. Returns true when the
   * deadline is due (run the timeout), false to look at the queue again.
   */
  private boolean awaitInput() {
    long deadline = driver == null ? Long.MAX_VALUE : safeDeadline();
    long now = nanos.getAsLong();
    if (deadline != Long.MAX_VALUE) {
      if (deadline - now <= 0) {
        return true;
      }
      wakeups.armBy(now, deadline);
    }
    parked = true;
    try {
      if (!tasks.isEmpty() || closing) {
        return false;
      }
      LockSupport.park(this);
    } finally {
      parked = false;
    }
    if (Thread.interrupted()) {
      // Nobody interrupts a loop; if someone does, end it as close() would rather than spin.
      LOG.log(Level.WARNING, "event loop thread interrupted; closing the loop");
      closing = true;
    }
    return false; // a due deadline is seen on the next pass (wait <= 0)
  }

  private long safeDeadline() {
    try {
      return driver.pollTimeout();
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "pollTimeout failed", e);
      return Long.MAX_VALUE;
    }
  }
}

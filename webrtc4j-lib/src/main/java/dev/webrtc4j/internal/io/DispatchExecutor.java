package dev.webrtc4j.internal.io;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The serial dispatch executor of one connection: listener calls and future completions run here,
 * one at a time and in submission order, after the event loop's drain. User code that blocks here
 * stalls only this connection's later events, never its event loop.
 *
 * <p>Tasks run on a {@linkplain Executor backing executor} (by default a fresh virtual thread per
 * burst of work), so an idle connection holds no thread at all. A task that throws is logged and
 * the next task still runs.
 */
public final class DispatchExecutor implements Executor {
  private static final Logger LOG = System.getLogger(DispatchExecutor.class.getName());
  private static final AtomicInteger ACTIVE = new AtomicInteger();
  /** Made once: a builder per burst was one more object per event burst. */
  private static final ThreadFactory VIRTUAL_THREADS = Thread.ofVirtual().name("webrtc4j-dispatch").factory();
  private static final Executor VIRTUAL = r -> VIRTUAL_THREADS.newThread(r).start();

  private final ReentrantLock lock = new ReentrantLock();
  private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
  private final Executor backing;
  private final Runnable drainTask = this::drain;
  private boolean running;
  private volatile @Nullable Thread current;

  /** A dispatch executor on virtual threads. */
  public DispatchExecutor() {
    this(VIRTUAL);
  }

  /** A dispatch executor over {@code backing} (e.g. one from {@code Settings}). */
  public DispatchExecutor(Executor backing) {
    this.backing = Objects.requireNonNull(backing, "backing");
  }

  /** Bursts of work that are running or about to run, in this JVM (for leak checks in tests). */
  public static int activeBursts() {
    return ACTIVE.get();
  }

  /** True while the calling thread runs one of this executor's tasks. */
  public boolean inDispatch() {
    return current == Thread.currentThread();
  }

  @Override
  public void execute(Runnable task) {
    Objects.requireNonNull(task, "task");
    boolean start;
    lock.lock();
    try {
      tasks.add(task);
      start = !running;
      running = true;
    } finally {
      lock.unlock();
    }
    if (start) {
      ACTIVE.incrementAndGet();
      try {
        backing.execute(drainTask);
      } catch (RuntimeException e) {
        lock.lock();
        try {
          running = false;
          tasks.clear();
        } finally {
          lock.unlock();
        }
        ACTIVE.decrementAndGet();
        throw e;
      }
    }
  }

  private void drain() {
    current = Thread.currentThread();
    try {
      while (true) {
        Runnable task;
        lock.lock();
        try {
          task = tasks.poll();
          if (task == null) {
            current = null;
            running = false;
            ACTIVE.decrementAndGet();
            return;
          }
        } finally {
          lock.unlock();
        }
        try {
          task.run();
        } catch (Throwable t) {
          LOG.log(Level.WARNING, "listener threw", t);
        }
      }
    } catch (Throwable t) {
      current = null;
      ACTIVE.decrementAndGet();
      throw t;
    }
  }
}

package dev.webrtc4j;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/** A dispatch executor for tests: queues tasks and runs them only when the test says so. */
final class ManualExecutor implements Executor {
  private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

  @Override
  public synchronized void execute(Runnable task) {
    tasks.add(task);
  }

  /** Runs queued tasks, including ones they queue, until none is left; returns how many ran. */
  int runAll() {
    int n = 0;
    while (true) {
      Runnable next;
      synchronized (this) {
        next = tasks.poll();
      }
      if (next == null) {
        return n;
      }
      next.run();
      n++;
    }
  }

  synchronized int pending() {
    return tasks.size();
  }
}

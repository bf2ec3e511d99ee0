package dev.webrtc4j.internal.pc;

import java.util.ArrayDeque;
import java.util.function.BooleanSupplier;

/**
 * The W3C operations chain (§4.4.1.2 "chain an operation"): operations run one at a time, in the
 * order they were chained; the next one starts only when the one before has settled. An
 * operation waits at the head while it is not ready (createOffer waits for the connection's
 * certificate). Confined to the event loop.
 */
final class OperationsChain {
  /** One chained operation: runs to completion (settling its promise) once ready. */
  interface Operation {
    boolean ready();

    void run();

    /** The chain is being torn down (close): settle the promise with a failure. */
    void abort();
  }

  private final ArrayDeque<Operation> queue = new ArrayDeque<>();
  private boolean running;
  private final Runnable onEmpty;

  /** @param onEmpty called each time the chain becomes empty after running operations */
  OperationsChain(Runnable onEmpty) {
    this.onEmpty = onEmpty;
  }

  static Operation of(BooleanSupplier ready, Runnable run, Runnable abort) {
    return new Operation() {
      @Override public boolean ready() { return ready.getAsBoolean(); }
      @Override public void run() { run.run(); }
      @Override public void abort() { abort.run(); }
    };
  }

  void chain(Operation op) {
    queue.add(op);
    pump();
  }

  boolean isEmpty() {
    return queue.isEmpty();
  }

  int size() {
    return queue.size();
  }

  /** Runs the operations at the head that are ready. Re-entrant calls (from an operation) are ignored. */
  void pump() {
    if (running) {
      return;
    }
    running = true;
    boolean ran = false;
    try {
      while (!queue.isEmpty() && queue.peek().ready()) {
        Operation op = queue.peek();
        try {
          op.run();
        } finally {
          queue.poll();
          ran = true;
        }
      }
    } finally {
      running = false;
    }
    if (ran && queue.isEmpty()) {
      onEmpty.run();
    }
  }

  /** Aborts every pending operation, in order. */
  void abortAll() {
    while (!queue.isEmpty()) {
      queue.poll().abort();
    }
  }
}

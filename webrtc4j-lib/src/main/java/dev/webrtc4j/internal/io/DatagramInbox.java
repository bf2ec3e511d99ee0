package dev.webrtc4j.internal.io;

import dev.webrtc4j.internal.util.Datagram;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A connection's datagram inbox: the reactor appends what it reads, and at the end of its burst
 * schedules <em>one</em> loop task, only if none is pending, that hands every queued datagram to
 * the sink; the loop then drains its cores once for the whole batch. Before this, each datagram was
 * its own loop task, followed by its own drain of every core (and, when the loop was parked, its
 * own wakeup of the loop's virtual thread).
 *
 * <p>Datagrams are transport input, so handling several before one drain keeps the W3C event
 * order: API tasks still run one per step, in submission order, and a batch never overtakes one
 * (it is a task in the same queue). A batch is capped at {@link #MAX_BATCH} datagrams; the rest
 * goes in the next task, behind any API task queued meanwhile, so outgoing data (SACKs, the
 * user's sends) and timers get their turn under a flood.
 *
 * <p>Thread-safe: {@link #onDatagram} and {@link #endOfBurst} on the reactor (or any) thread,
 * the sink on the loop.
 */
public final class DatagramInbox implements DatagramHandler {
  /** Datagrams handed to the sink in one loop step (one drain of the cores). */
  static final int MAX_BATCH = 128;

  private final EventLoop loop;
  private final Consumer<Datagram> sink;
  private final ConcurrentLinkedQueue<Datagram> queue = new ConcurrentLinkedQueue<>();
  /** A batch task is queued on the loop and has not started yet. */
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final Runnable batch = this::runBatch;
  /** The loop refused a batch (it is closed): later datagrams are dropped, not queued forever. */
  private volatile boolean dead;

  /**
   * @param loop where the sink runs
   * @param sink takes one datagram on the loop; the loop's driver drains after the batch
   */
  public DatagramInbox(EventLoop loop, Consumer<Datagram> sink) {
    this.loop = Objects.requireNonNull(loop, "loop");
    this.sink = Objects.requireNonNull(sink, "sink");
  }

  @Override
  public void onDatagram(Datagram datagram, long receivedNanos) {
    if (!dead) {
      queue.add(datagram);
    }
  }

  @Override
  public void endOfBurst() {
    schedule();
  }

  private void schedule() {
    if (!queue.isEmpty() && scheduled.compareAndSet(false, true) && !loop.execute(batch)) {
      // The loop is closed: nothing will run the sink again.
      dead = true;
      queue.clear();
    }
  }

  private void runBatch() {
    // Cleared before polling: a datagram added from now on is either polled below or schedules
    // the next batch (at worst that batch finds the queue empty).
    scheduled.set(false);
    try {
      for (int i = 0; i < MAX_BATCH; i++) {
        Datagram d = queue.poll();
        if (d == null) {
          return;
        }
        sink.accept(d);
      }
    } finally {
      schedule(); // what is left over (a full batch, or a sink that threw)
    }
  }

  /** Datagrams waiting for the loop (for tests). */
  int pending() {
    return queue.size();
  }
}

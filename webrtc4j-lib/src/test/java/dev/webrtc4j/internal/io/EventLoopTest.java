package dev.webrtc4j.internal.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EventLoopTest {

  @Test
  void runsTasksInSubmissionOrderOnItsOwnThread() throws Exception {
    try (EventLoop loop = new EventLoop("t", System::nanoTime)) {
      List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
      CompletableFuture<Boolean> onLoop = new CompletableFuture<>();
      for (int i = 0; i < 100; i++) {
        int n = i;
        loop.execute(() -> seen.add(n));
      }
      loop.execute(() -> onLoop.complete(loop.inEventLoop()));
      assertThat(onLoop.get(5, TimeUnit.SECONDS)).isTrue();
      assertThat(seen).hasSize(100).isSorted();
      assertThat(loop.inEventLoop()).isFalse();
    }
  }

  @Test
  void callReturnsTheResultAndRethrowsTheTasksException() {
    try (EventLoop loop = new EventLoop("t", System::nanoTime)) {
      assertThat(loop.call(() -> 42)).isEqualTo(42);
      assertThatThrownBy(() -> loop.call(() -> { throw new IllegalArgumentException("bad"); }))
          .isInstanceOf(IllegalArgumentException.class).hasMessage("bad");
      assertThat(loop.call(() -> loop.call(() -> "inline"))).isEqualTo("inline");
    }
  }

  @Test
  void firesTheDriversDeadlineAndDrainsAfterEveryInput() throws Exception {
    try (EventLoop loop = new EventLoop("t", System::nanoTime)) {
      AtomicLong deadline = new AtomicLong(Long.MAX_VALUE);
      AtomicInteger drains = new AtomicInteger();
      CountDownLatch fired = new CountDownLatch(1);
      loop.setDriver(new EventLoop.Driver() {
        @Override public long pollTimeout() { return deadline.get(); }
        @Override public void handleTimeout(long now) {
          deadline.set(Long.MAX_VALUE);
          fired.countDown();
        }
        @Override public void afterInput(long now) { drains.incrementAndGet(); }
      });
      loop.execute(() -> deadline.set(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20)));
      assertThat(fired.await(5, TimeUnit.SECONDS)).isTrue();
      loop.call(() -> null);
      // setDriver task, the deadline task, the timeout, the call.
      assertThat(drains.get()).isGreaterThanOrEqualTo(3);
    }
  }

  @Test
  void aDeadlineMovedEarlierOrLaterWhileIdleStillFires() throws Exception {
    try (EventLoop loop = new EventLoop("t", System::nanoTime)) {
      AtomicLong deadline = new AtomicLong(Long.MAX_VALUE);
      AtomicInteger timeouts = new AtomicInteger();
      CountDownLatch first = new CountDownLatch(1);
      CountDownLatch second = new CountDownLatch(1);
      loop.setDriver(new EventLoop.Driver() {
        @Override public long pollTimeout() { return deadline.get(); }
        @Override public void handleTimeout(long now) {
          if (deadline.get() <= now) {
            deadline.set(Long.MAX_VALUE);
            (timeouts.incrementAndGet() == 1 ? first : second).countDown();
          }
        }
        @Override public void afterInput(long now) {}
      });
      // Far away: the loop arms a wake-up for it and parks.
      loop.execute(() -> deadline.set(System.nanoTime() + TimeUnit.HOURS.toNanos(1)));
      loop.call(() -> null);
      // Earlier: the armed wake-up is too late, a new one must be armed.
      loop.execute(() -> deadline.set(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20)));
      assertThat(first.await(5, TimeUnit.SECONDS)).isTrue();
      // Near, then later: the near wake-up is kept, fires early, and the loop re-arms for the later one.
      loop.execute(() -> deadline.set(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10)));
      loop.execute(() -> deadline.set(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(60)));
      assertThat(second.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(timeouts.get()).isEqualTo(2);
    }
  }

  @Test
  void tasksSubmittedFromManyThreadsAllRunOrAreRefusedAcrossClose() throws Exception {
    for (int round = 0; round < 20; round++) {
      EventLoop loop = new EventLoop("t", System::nanoTime);
      AtomicInteger accepted = new AtomicInteger();
      AtomicInteger ran = new AtomicInteger();
      CountDownLatch go = new CountDownLatch(1);
      List<Thread> submitters = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        submitters.add(Thread.ofPlatform().start(() -> {
          try {
            go.await();
          } catch (InterruptedException e) {
            return;
          }
          for (int i = 0; i < 500; i++) {
            if (loop.execute(ran::incrementAndGet)) {
              accepted.incrementAndGet();
            }
          }
        }));
      }
      go.countDown();
      loop.close();
      for (Thread t : submitters) {
        t.join(5_000);
      }
      assertThat(loop.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
      // Every task execute() accepted ran; none that it refused did.
      assertThat(ran.get()).isEqualTo(accepted.get());
    }
  }

  @Test
  void aThrowingTaskDoesNotStopTheLoop() {
    try (EventLoop loop = new EventLoop("t", System::nanoTime)) {
      loop.execute(() -> { throw new IllegalStateException("broken invariant (expected in this test)"); });
      assertThat(loop.call(() -> "alive")).isEqualTo("alive");
    }
  }

  @Test
  void closeRunsQueuedTasksThenEndsTheThreadAndRefusesNewTasks() throws Exception {
    int before = EventLoop.openLoops();
    EventLoop loop = new EventLoop("t", System::nanoTime);
    AtomicInteger ran = new AtomicInteger();
    loop.execute(ran::incrementAndGet);
    loop.close();
    assertThat(loop.execute(ran::incrementAndGet)).isFalse();
    assertThat(loop.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    loop.terminated().get(5, TimeUnit.SECONDS);
    assertThat(ran.get()).isEqualTo(1);
    assertThat(EventLoop.openLoops()).isLessThanOrEqualTo(before);
    assertThatThrownBy(() -> loop.call(() -> 1)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void thousandsOfLoopsDoNotNeedThousandsOfPlatformThreads() throws Exception {
    int platformBefore = Thread.activeCount();
    List<EventLoop> loops = new ArrayList<>();
    try {
      for (int i = 0; i < 2000; i++) {
        loops.add(new EventLoop("many", System::nanoTime));
      }
      for (EventLoop l : loops) {
        assertThat(l.call(() -> 1)).isEqualTo(1);
      }
      // Thread.activeCount counts platform threads only; virtual loops add at most the carriers.
      assertThat(Thread.activeCount() - platformBefore).isLessThan(64);
    } finally {
      loops.forEach(EventLoop::close);
      for (EventLoop l : loops) {
        assertThat(l.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
      }
    }
  }
}

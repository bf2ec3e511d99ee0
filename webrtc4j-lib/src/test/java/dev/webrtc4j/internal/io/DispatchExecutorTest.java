package dev.webrtc4j.internal.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DispatchExecutorTest {

  @Test
  void runsTasksOneAtATimeInSubmissionOrder() throws Exception {
    DispatchExecutor d = new DispatchExecutor();
    List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger concurrent = new AtomicInteger();
    AtomicInteger maxConcurrent = new AtomicInteger();
    CompletableFuture<Void> done = new CompletableFuture<>();
    for (int i = 0; i < 500; i++) {
      int n = i;
      d.execute(() -> {
        maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
        seen.add(n);
        concurrent.decrementAndGet();
      });
    }
    d.execute(() -> done.complete(null));
    done.get(5, TimeUnit.SECONDS);
    assertThat(seen).hasSize(500).isSorted();
    assertThat(maxConcurrent.get()).isEqualTo(1);
  }

  @Test
  void aThrowingListenerDoesNotStopLaterOnes() throws Exception {
    DispatchExecutor d = new DispatchExecutor();
    CompletableFuture<String> later = new CompletableFuture<>();
    d.execute(() -> { throw new RuntimeException("listener bug (expected in this test)"); });
    d.execute(() -> later.complete("ran"));
    assertThat(later.get(5, TimeUnit.SECONDS)).isEqualTo("ran");
  }

  @Test
  void aBlockedListenerDoesNotBlockTheSubmitterOrOtherConnections() throws Exception {
    DispatchExecutor a = new DispatchExecutor();
    DispatchExecutor b = new DispatchExecutor();
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Boolean> inDispatch = new CompletableFuture<>();
    a.execute(() -> {
      inDispatch.complete(a.inDispatch());
      try {
        release.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    CompletableFuture<String> other = new CompletableFuture<>();
    b.execute(() -> other.complete("b ran"));
    assertThat(other.get(5, TimeUnit.SECONDS)).isEqualTo("b ran");
    assertThat(inDispatch.get(5, TimeUnit.SECONDS)).isTrue();
    assertThat(a.inDispatch()).isFalse();
    CompletableFuture<Void> after = new CompletableFuture<>();
    a.execute(() -> after.complete(null));
    assertThat(after).isNotDone();
    release.countDown();
    after.get(5, TimeUnit.SECONDS);
  }

  /**
   * The burst's thread ends once the queue is empty. Checked on this executor's own thread: the
   * JVM-wide {@link DispatchExecutor#activeBursts()} also counts other test classes' connections
   * still closing in this JVM, which made an earlier version of this test fail under load.
   */
  @Test
  void holdsNoThreadWhenIdle() throws Exception {
    java.util.List<Thread> started = new java.util.concurrent.CopyOnWriteArrayList<>();
    DispatchExecutor d = new DispatchExecutor(r -> {
      Thread t = Thread.ofVirtual().name("dispatch-test").unstarted(r);
      started.add(t);
      t.start();
    });
    CompletableFuture<Void> done = new CompletableFuture<>();
    d.execute(() -> done.complete(null));
    done.get(5, TimeUnit.SECONDS);
    assertThat(started).hasSize(1);
    assertThat(started.getFirst().join(java.time.Duration.ofSeconds(5))).as("burst thread ended").isTrue();
    // A later task starts a new burst on a new thread, which ends too.
    CompletableFuture<Void> again = new CompletableFuture<>();
    d.execute(() -> again.complete(null));
    again.get(5, TimeUnit.SECONDS);
    assertThat(started).hasSize(2);
    assertThat(started.get(1).join(java.time.Duration.ofSeconds(5))).isTrue();
  }
}

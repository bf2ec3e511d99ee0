package dev.webrtc4j.internal.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PreparedTest {
  @Test
  void theValueIsHandedOutOnceThenNull() {
    AtomicInteger made = new AtomicInteger();
    Prepared<Integer> p = new Prepared<>(made::incrementAndGet);
    assertThat(p.take()).isEqualTo(1);
    assertThat(p.take()).isNull();
    assertThat(p.take()).isNull();
    assertThat(made).hasValue(1);
  }

  @Test
  void theExecutorMakesItAheadAndTakeGetsThatValue() throws Exception {
    AtomicInteger made = new AtomicInteger();
    List<String> threads = new ArrayList<>();
    Prepared<Integer> a = new Prepared<>(() -> {
      threads.add(Thread.currentThread().getName());
      return made.incrementAndGet();
    });
    Prepared<Integer> b = new Prepared<>(made::incrementAndGet);
    ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "maker"));
    try {
      Prepared.makeAhead(executor, a, b);
      executor.shutdown();
      assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    } finally {
      executor.shutdownNow();
    }
    assertThat(made).hasValue(2);
    assertThat(a.take()).isEqualTo(1);
    assertThat(b.take()).isEqualTo(2);
    assertThat(threads).containsExactly("maker");
    assertThat(made).hasValue(2);
  }

  /** An executor that has not run the task yet never makes take wait: take makes it, and the task then does nothing. */
  @Test
  void takeMakesItWhenTheExecutorHasNotStarted() {
    List<Runnable> queued = new ArrayList<>();
    AtomicInteger made = new AtomicInteger();
    Prepared<Integer> p = new Prepared<>(made::incrementAndGet);
    Prepared.makeAhead(queued::add, p);
    assertThat(p.take()).isEqualTo(1);
    queued.forEach(Runnable::run);
    assertThat(made).hasValue(1);
    assertThat(p.take()).isNull();
  }

  /** take while the executor is making it waits for that value rather than making a second one. */
  @Test
  void takeWaitsForAValueBeingMade() throws Exception {
    CountDownLatch making = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger made = new AtomicInteger();
    Prepared<Integer> p = new Prepared<>(() -> {
      making.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      return made.incrementAndGet();
    });
    ExecutorService executor = Executors.newFixedThreadPool(2);
    try {
      Prepared.makeAhead(executor, p);
      assertThat(making.await(10, TimeUnit.SECONDS)).isTrue();
      Future<Integer> taken = executor.submit(p::take);
      release.countDown();
      assertThat(taken.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    } finally {
      executor.shutdownNow();
    }
    assertThat(made).hasValue(1);
  }

  @Test
  void aFailureReachesTheTaker() {
    Prepared<Integer> p = new Prepared<>(() -> {
      throw new IllegalStateException("no entropy");
    });
    p.make();
    assertThatThrownBy(p::take).isInstanceOf(CompletionException.class).hasRootCauseMessage("no entropy");
    assertThat(p.take()).isNull();
  }
}

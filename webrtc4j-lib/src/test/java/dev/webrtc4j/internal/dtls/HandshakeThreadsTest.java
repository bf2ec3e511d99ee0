package dev.webrtc4j.internal.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HandshakeThreadsTest {
  /** By default handshakes run on virtual threads; the platform pool is opt-in (see the class comment). */
  @Test
  void handshakesRunOnVirtualThreadsUnlessThePlatformPoolIsChosen() throws Exception {
    assertThat(HandshakeThreads.EXECUTOR)
        .isSameAs(Boolean.getBoolean(HandshakeThreads.PLATFORM_PROPERTY) ? HandshakeThreads.PLATFORM_POOL : HandshakeThreads.VIRTUAL);
    CountDownLatch done = new CountDownLatch(1);
    Thread[] ran = new Thread[1];
    HandshakeThreads.VIRTUAL.execute(() -> {
      ran[0] = Thread.currentThread();
      done.countDown();
    });
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(ran[0].isVirtual()).isTrue();
  }

  /**
   * A handshake blocks its thread until the peer answers, so handshakes beyond the pool must not
   * queue behind it: with more blocked tasks than pool threads, every task still starts, the
   * extra ones on virtual threads.
   */
  @Test
  void moreBlockedHandshakesThanPoolThreadsAllRunAtOnce() throws Exception {
    int n = HandshakeThreads.POOL_SIZE + 3;
    CountDownLatch started = new CountDownLatch(n);
    CountDownLatch release = new CountDownLatch(1);
    List<Thread> threads = new CopyOnWriteArrayList<>();
    for (int i = 0; i < n; i++) {
      HandshakeThreads.PLATFORM_POOL.execute(() -> {
        threads.add(Thread.currentThread());
        started.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
    }
    try {
      assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(threads.stream().filter(Thread::isVirtual).count()).isGreaterThanOrEqualTo(3);
      assertThat(threads.stream().filter(t -> !t.isVirtual()).count()).isLessThanOrEqualTo(HandshakeThreads.POOL_SIZE);
      assertThat(HandshakeThreads.poolThreads()).isLessThanOrEqualTo(HandshakeThreads.POOL_SIZE);
    } finally {
      release.countDown();
    }
  }

  /**
   * While the pool has room, a task gets a platform thread (the OS preempts it; the JDK does not
   * preempt a virtual one). Pool threads that another test just released take a moment to be
   * idle again (until then a task goes to a virtual thread, by design), so this submits one task
   * at a time, each after the previous ended, until one runs on a pool thread, for up to 10 s.
   */
  @Test
  void aHandshakeRunsOnAPlatformThreadWhenThePoolHasRoom() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    Thread ran;
    do {
      CountDownLatch done = new CountDownLatch(1);
      Thread[] t = new Thread[1];
      HandshakeThreads.PLATFORM_POOL.execute(() -> {
        t[0] = Thread.currentThread();
        done.countDown();
      });
      assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
      ran = t[0];
    } while (ran.isVirtual() && System.nanoTime() < deadline);
    assertThat(ran.isVirtual()).isFalse();
    assertThat(ran.isDaemon()).isTrue();
  }
}

package dev.webrtc4j.internal.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webrtc4j.internal.util.Datagram;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DatagramInboxTest {
  private static final InetSocketAddress A = new InetSocketAddress(InetAddress.getLoopbackAddress(), 1000);
  private static final InetSocketAddress B = new InetSocketAddress(InetAddress.getLoopbackAddress(), 2000);

  private static Datagram datagram(int n) {
    return new Datagram(A, B, ByteBuffer.allocate(4).putInt(0, n));
  }

  /** A driver that counts the loop's drains (afterInput), to see how many steps a burst took. */
  private static final class CountingDriver implements EventLoop.Driver {
    final AtomicInteger drains = new AtomicInteger();

    @Override public long pollTimeout() { return Long.MAX_VALUE; }
    @Override public void handleTimeout(long now) {}
    @Override public void afterInput(long now) { drains.incrementAndGet(); }
  }

  @Test
  void aBurstIsOneLoopStepWithEveryDatagramInOrder() throws Exception {
    try (EventLoop loop = new EventLoop("t", System::nanoTime)) {
      CountingDriver driver = new CountingDriver();
      loop.setDriver(driver);
      List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
      CountDownLatch hold = new CountDownLatch(1);
      DatagramInbox inbox = new DatagramInbox(loop, d -> seen.add(d.payload().getInt(0)));
      // Read on the loop: a call's future completes before that step's drain, so a count read by
      // this thread could miss it.
      int before = loop.call(driver.drains::get);
      // Keep the loop busy so the whole burst is queued before the batch task can run.
      loop.execute(() -> {
        try {
          hold.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      for (int i = 0; i < 50; i++) {
        inbox.onDatagram(datagram(i), 0);
      }
      inbox.endOfBurst();
      inbox.endOfBurst(); // a second end of burst with nothing new schedules nothing more
      hold.countDown();
      int after = loop.call(driver.drains::get);
      assertThat(seen).hasSize(50).isSorted();
      // the step that read `before`, the hold task, one batch (one task per datagram would be 52)
      assertThat(after - before).isEqualTo(3);
      assertThat(inbox.pending()).isZero();
    }
  }

  @Test
  void moreThanABatchGoesInFurtherSteps() throws Exception {
    try (EventLoop loop = new EventLoop("t", System::nanoTime)) {
      CountingDriver driver = new CountingDriver();
      loop.setDriver(driver);
      List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
      CountDownLatch hold = new CountDownLatch(1);
      DatagramInbox inbox = new DatagramInbox(loop, d -> seen.add(d.payload().getInt(0)));
      loop.call(() -> null);
      loop.execute(() -> {
        try {
          hold.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      int total = DatagramInbox.MAX_BATCH * 2 + 1;
      for (int i = 0; i < total; i++) {
        inbox.onDatagram(datagram(i), 0);
      }
      inbox.endOfBurst();
      int before = driver.drains.get();
      hold.countDown();
      // The batches reschedule themselves behind this task; wait until all arrived.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (seen.size() < total && System.nanoTime() < deadline) {
        loop.call(() -> null);
      }
      assertThat(seen).hasSize(total).isSorted();
      // at least the hold task and three batches, each its own step
      assertThat(driver.drains.get() - before).isGreaterThanOrEqualTo(4);
    }
  }

  @Test
  void aSinkThatThrowsDoesNotStrandTheRest() throws Exception {
    try (EventLoop loop = new EventLoop("t", System::nanoTime)) {
      List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
      DatagramInbox inbox = new DatagramInbox(loop, d -> {
        int n = d.payload().getInt(0);
        if (n == 1) {
          throw new IllegalStateException("broken sink (expected in this test)");
        }
        seen.add(n);
      });
      CountDownLatch hold = new CountDownLatch(1);
      loop.execute(() -> {
        try {
          hold.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      for (int i = 0; i < 4; i++) {
        inbox.onDatagram(datagram(i), 0);
      }
      inbox.endOfBurst();
      hold.countDown();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (seen.size() < 3 && System.nanoTime() < deadline) {
        loop.call(() -> null);
      }
      assertThat(seen).containsExactly(0, 2, 3);
    }
  }

  @Test
  void aClosedLoopDropsTheInbox() throws Exception {
    EventLoop loop = new EventLoop("t", System::nanoTime);
    loop.close();
    assertThat(loop.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    DatagramInbox inbox = new DatagramInbox(loop, d -> {});
    inbox.onDatagram(datagram(0), 0);
    inbox.endOfBurst();
    assertThat(inbox.pending()).isZero();
    inbox.onDatagram(datagram(1), 0); // the socket may still deliver until it is closed
    assertThat(inbox.pending()).isZero();
  }
}

package dev.webrtc4j.internal.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlert;
import org.junit.jupiter.api.Test;

class DeferredChecksTest {
  /** Runs nothing until told to: shows that submit does not run the check itself. */
  static final class HeldExecutor implements Executor {
    final List<Runnable> held = new ArrayList<>();

    @Override
    public void execute(Runnable r) {
      held.add(r);
    }

    void runAll() {
      held.forEach(Runnable::run);
      held.clear();
    }
  }

  @Test
  void checksRunOnTheExecutorAndPassingOnesLetTheGateOpen() throws Exception {
    HeldExecutor ex = new HeldExecutor();
    DeferredChecks checks = new DeferredChecks(ex);
    assertThat(checks.pending()).isFalse();
    checks.awaitAll(); // nothing submitted: passes at once
    checks.submit(() -> true);
    checks.submit(() -> true);
    assertThat(checks.pending()).isTrue();
    assertThat(ex.held).hasSize(2);
    ex.runAll();
    checks.awaitAll();
    assertThat(checks.pending()).isFalse();
  }

  @Test
  void aFailedCheckClosesTheGateWithDecryptError() {
    HeldExecutor ex = new HeldExecutor();
    DeferredChecks checks = new DeferredChecks(ex);
    checks.submit(() -> true);
    checks.submit(() -> false);
    ex.runAll();
    assertThatThrownBy(checks::awaitAll)
        .isInstanceOf(TlsFatalAlert.class)
        .satisfies(e -> assertThat(((TlsFatalAlert) e).getAlertDescription()).isEqualTo(AlertDescription.decrypt_error));
    assertThat(checks.pending()).isFalse();
  }

  @Test
  void aCheckThatThrowsCountsAsFailed() {
    HeldExecutor ex = new HeldExecutor();
    DeferredChecks checks = new DeferredChecks(ex);
    checks.submit(() -> {
      throw new IllegalStateException("broken verifier");
    });
    ex.runAll();
    assertThatThrownBy(checks::awaitAll)
        .isInstanceOf(TlsFatalAlert.class)
        .satisfies(e -> assertThat(((TlsFatalAlert) e).getAlertDescription()).isEqualTo(AlertDescription.decrypt_error))
        .hasRootCauseInstanceOf(IllegalStateException.class);
  }

  @Test
  void awaitReturnsOnlyAfterARunningCheckFinished() throws Exception {
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.atomic.AtomicBoolean checkFinished = new java.util.concurrent.atomic.AtomicBoolean();
    DeferredChecks checks = new DeferredChecks(r -> Thread.ofPlatform().start(r));
    checks.submit(() -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      checkFinished.set(true);
      return true;
    });
    java.util.concurrent.CompletableFuture<Boolean> finishedWhenGateOpened = new java.util.concurrent.CompletableFuture<>();
    Thread gate = Thread.ofPlatform().start(() -> {
      try {
        checks.awaitAll();
        finishedWhenGateOpened.complete(checkFinished.get());
      } catch (TlsFatalAlert e) {
        finishedWhenGateOpened.completeExceptionally(e);
      }
    });
    release.countDown();
    assertThat(finishedWhenGateOpened.get(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    gate.join();
  }
}

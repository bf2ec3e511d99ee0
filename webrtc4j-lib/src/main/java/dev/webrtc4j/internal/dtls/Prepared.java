package dev.webrtc4j.internal.dtls;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A value made ahead of its use on another thread, and handed out at most once.
 *
 * <p>For the handshake's one-time secrets (the ECDHE key pair, the ECDSA nonce): they do not
 * depend on anything the peer sends, so they can be made while the engine waits for the
 * handshake to start or for the peer's flight, instead of on the handshake's critical path.
 * Whoever needs the value first makes it: the executor's task, or {@link #take} on the calling
 * thread if the task has not started yet (a busy executor never delays the handshake by more
 * than the work itself). {@link #take} returns the value once and null afterwards, so a secret
 * cannot be used twice.
 */
final class Prepared<T> {
  private final Supplier<T> maker;
  private final AtomicBoolean making = new AtomicBoolean();
  private final AtomicBoolean taken = new AtomicBoolean();
  private final CompletableFuture<T> value = new CompletableFuture<>();

  Prepared(Supplier<T> maker) {
    this.maker = maker;
  }

  /** Makes each of {@code values} on one task of {@code executor}, in order. */
  static void makeAhead(Executor executor, Prepared<?>... values) {
    executor.execute(() -> {
      for (Prepared<?> p : values) {
        p.make();
      }
    });
  }

  /** Makes the value unless another thread already does (or did). */
  void make() {
    if (!making.compareAndSet(false, true)) {
      return;
    }
    try {
      value.complete(maker.get());
    } catch (RuntimeException | Error e) {
      value.completeExceptionally(e);
    }
  }

  /**
   * The value, made here if nobody started making it, else waited for; null when it was taken
   * before.
   *
   * @throws java.util.concurrent.CompletionException when making it threw
   */
  @Nullable T take() {
    if (!taken.compareAndSet(false, true)) {
      return null;
    }
    make();
    return value.join();
  }
}

package dev.webrtc4j.internal.dtls;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlert;

/**
 * Signature verifications of one handshake that run beside it, and the gate its output waits at.
 *
 * <p>The DTLS client receives the server's flight, verifies the ServerKeyExchange signature (about
 * 0.2-0.45 ms, RFC 5246 §7.4.3) and only then computes its own flight: ECDHE key pair and
 * agreement, the CertificateVerify signature, the Finished (another 0.5 ms). Nothing of that
 * needs the verification's result except the decision to send it. So the verification runs on
 * another thread while BouncyCastle goes on, and {@link #awaitAll} is called before the first
 * record that must not leave unless every signature verified: the ChangeCipherSpec (the transport
 * calls it there; records queued before it, Certificate, ClientKeyExchange, CertificateVerify,
 * wait in the transport's pending datagram and are dropped on failure). Failure then raises the
 * same {@code decrypt_error} alert BC raises itself for a bad signature, still in epoch 0, so the
 * peer can read it.
 *
 * <p>Used by the handshake thread only (submit, await); the verifications complete elsewhere.
 */
final class DeferredChecks {
  private final Executor executor;
  private final List<CompletableFuture<Boolean>> checks = new ArrayList<>();

  DeferredChecks(Executor executor) {
    this.executor = executor;
  }

  /** Starts {@code check} on the executor; its result counts at the next {@link #awaitAll}. */
  void submit(BooleanSupplier check) {
    checks.add(CompletableFuture.supplyAsync(check::getAsBoolean, executor));
  }

  /** True when a submitted check has not been awaited yet. */
  boolean pending() {
    return !checks.isEmpty();
  }

  /**
   * Waits for every submitted check.
   *
   * @throws TlsFatalAlert {@code decrypt_error} when one failed or threw
   */
  void awaitAll() throws TlsFatalAlert {
    boolean ok = true;
    Throwable cause = null;
    for (CompletableFuture<Boolean> c : checks) {
      try {
        ok &= c.join();
      } catch (RuntimeException e) {
        ok = false;
        cause = e.getCause() != null ? e.getCause() : e;
      }
    }
    checks.clear();
    if (!ok) {
      throw new TlsFatalAlert(AlertDescription.decrypt_error, "peer's signature did not verify", cause);
    }
  }
}

package dev.webrtc4j.internal.dtls;

import java.io.IOException;
import org.bouncycastle.tls.DigitallySigned;
import org.bouncycastle.tls.crypto.TlsStreamVerifier;
import org.bouncycastle.tls.crypto.TlsVerifier;
import org.jspecify.annotations.Nullable;

/**
 * A verifier that answers "verified" at once and leaves the real answer to {@link DeferredChecks}:
 * the handshake goes on while the signature is checked, and its output waits at the gate. Only
 * for verifiers that verify raw hashes (no stream verifier), such as {@link P256EcdsaVerifier}.
 */
final class DeferredVerifier implements TlsVerifier {
  private final TlsVerifier delegate;
  private final DeferredChecks checks;

  DeferredVerifier(TlsVerifier delegate, DeferredChecks checks) {
    this.delegate = delegate;
    this.checks = checks;
  }

  @Override
  public @Nullable TlsStreamVerifier getStreamVerifier(DigitallySigned signature) {
    return null; // BC hashes the signed data and calls verifyRawSignature
  }

  @Override
  public boolean verifyRawSignature(DigitallySigned signed, byte[] hash) {
    // Private copies: the check runs on another thread after BC has moved on.
    DigitallySigned copy = new DigitallySigned(signed.getAlgorithm(), signed.getSignature().clone());
    byte[] hashCopy = hash.clone();
    checks.submit(() -> {
      try {
        return delegate.verifyRawSignature(copy, hashCopy);
      } catch (IOException | RuntimeException e) {
        return false;
      }
    });
    return true;
  }
}

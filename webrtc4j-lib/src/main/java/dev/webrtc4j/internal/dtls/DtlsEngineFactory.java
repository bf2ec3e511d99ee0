package dev.webrtc4j.internal.dtls;

/**
 * Makes a {@link DtlsEngine} for a configuration, so the layer above can run on the real engine
 * or on the test kit's {@code FakeDtlsEngine::new} for simulations.
 */
@FunctionalInterface
public interface DtlsEngineFactory {
  /** BouncyCastle's DTLS 1.2. */
  DtlsEngineFactory BOUNCY_CASTLE = BcDtlsEngine::new;

  DtlsEngine create(DtlsConfig config);
}

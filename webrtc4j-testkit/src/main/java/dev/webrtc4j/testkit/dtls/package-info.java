/**
 * DTLS test support: {@link dev.webrtc4j.testkit.dtls.FakeDtlsEngine}, the crypto-free
 * {@code DtlsEngine} for deterministic simulations on virtual time. Single-threaded: confined to
 * the caller's (simulated) event loop.
 */
@NullMarked
package dev.webrtc4j.testkit.dtls;

import org.jspecify.annotations.NullMarked;

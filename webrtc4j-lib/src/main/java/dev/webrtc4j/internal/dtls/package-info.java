/**
 * The sans-I/O {@code DtlsEngine} seam (RFC 6347, 5764, 8122, 8827), the BouncyCastle adapter,
 * certificates and fingerprints, SRTP keying material export. See {@code docs/design/dtls.md}.
 *
 * <p>Threading: an engine is confined to its owner's event loop and never blocks it. The one
 * exception to "no threads" is {@link dev.webrtc4j.internal.dtls.BcDtlsEngine}'s handshake, which
 * runs on its own virtual thread because BouncyCastle's DTLS protocol blocks on receive; after the
 * handshake, records are protected and unprotected on the loop thread. Certificates and
 * fingerprints are immutable and thread-safe.
 */
@NullMarked
package dev.webrtc4j.internal.dtls;

import org.jspecify.annotations.NullMarked;

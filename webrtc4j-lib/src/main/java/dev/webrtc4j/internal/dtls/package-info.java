/**
 * The sans-I/O {@code DtlsEngine} seam (RFC 6347, 5764, 8122), the BouncyCastle adapter,
 * certificates and fingerprints, SRTP keying material export.
 */
@NullMarked
package dev.webrtc4j.internal.dtls;

import org.jspecify.annotations.NullMarked;

/**
 * RFC 7983 demultiplexing of one datagram flow into STUN, DTLS and SRTP by first byte. Pure.
 */
@NullMarked
package dev.webrtc4j.internal.mux;

import org.jspecify.annotations.NullMarked;

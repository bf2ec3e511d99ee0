/**
 * SDP (RFC 8866) model, parser and serializer, plus typed views of the WebRTC attributes.
 *
 * <p>Syntax only: what a description means for a connection (JSEP) lives in {@code internal.pc}.
 * Pure values; no threads, no I/O.
 */
@NullMarked
package dev.webrtc4j.sdp;

import org.jspecify.annotations.NullMarked;

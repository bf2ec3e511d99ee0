/**
 * The sans-I/O peer-connection core: the operations chain, JSEP (RFC 9429) offer/answer rules,
 * transceivers and the signaling state machine. Confined to the connection's event loop.
 */
@NullMarked
package dev.webrtc4j.internal.pc;

import org.jspecify.annotations.NullMarked;

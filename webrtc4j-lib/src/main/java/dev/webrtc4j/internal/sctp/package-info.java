/**
 * The sans-I/O SCTP association (RFC 9260 over DTLS per RFC 8261, with RFC 3758 and 6525):
 * chunk codecs, send and receive queues, timers. Confined to the connection's event loop.
 */
@NullMarked
package dev.webrtc4j.internal.sctp;

import org.jspecify.annotations.NullMarked;

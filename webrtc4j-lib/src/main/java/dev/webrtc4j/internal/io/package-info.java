/**
 * The only code that touches sockets, threads and the system clock: UDP sockets, event loops,
 * the dispatch executors and the carrier pool. {@link dev.webrtc4j.internal.io.UdpMux} shares one
 * UDP port among many connections, routing by ICE ufrag and then by remote address.
 *
 * {@link dev.webrtc4j.internal.io.StreamConnector} opens the TCP and TLS client streams that TURN
 * over TCP/TLS runs on (RFC 8656 §3.1).
 *
 * <p>Threads: datagram handlers run on the {@link dev.webrtc4j.internal.io.UdpIo} reactor thread
 * and only enqueue (a connection's {@link dev.webrtc4j.internal.io.DatagramInbox} queues and, at the
 * end of the reactor's pass, schedules one loop task per batch); the shared loop timer thread only
 * unparks loops whose deadline is due; the reactor's send thread ({@link
 * dev.webrtc4j.internal.io.UdpWriter}) only writes datagrams a loop handed over to their socket; a {@link dev.webrtc4j.internal.io.StreamHandler} runs on its connection's
 * reader (virtual) thread and only enqueues; sockets, streams, muxes and registrations may be
 * opened and closed from any thread.
 */
@NullMarked
package dev.webrtc4j.internal.io;

import org.jspecify.annotations.NullMarked;

/**
 * The only code that touches sockets, threads and the system clock: UDP sockets, event loops,
 * the dispatch executors and the carrier pool. {@link dev.webrtc4j.internal.io.UdpMux} shares one
 * UDP port among many connections, routing by ICE ufrag and then by remote address.
 *
 * <p>Threads: datagram handlers run on the {@link dev.webrtc4j.internal.io.UdpIo} reactor thread
 * and only enqueue; sockets, muxes and registrations may be opened and closed from any thread.
 */
@NullMarked
package dev.webrtc4j.internal.io;

import org.jspecify.annotations.NullMarked;

/**
 * The only code that touches sockets, threads and the system clock: UDP sockets, event loops,
 * the dispatch executors and the carrier pool.
 */
@NullMarked
package dev.webrtc4j.internal.io;

import org.jspecify.annotations.NullMarked;

/**
 * The multicast DNS wire format (RFC 6762 over RFC 1035 §4): a one-message query for the A and
 * AAAA records of a {@code .local} name, and a bounds-checked response parser with name
 * compression. Pure: no sockets, no clock. It sits under {@code internal.io} because its only user
 * is {@link dev.webrtc4j.internal.io.MulticastDnsResolver}; {@code internal.util} is kept for
 * generic byte tools, and a protocol core ({@code internal.ice}) has no use for the wire format.
 *
 * <p>Threading: immutable values and static functions, safe from any thread.
 */
@NullMarked
package dev.webrtc4j.internal.io.mdns;

import org.jspecify.annotations.NullMarked;

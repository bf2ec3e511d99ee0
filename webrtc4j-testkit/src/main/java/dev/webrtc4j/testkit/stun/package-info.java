/**
 * Simulated STUN (RFC 8489) and TURN (RFC 8656, UDP) servers that run as nodes of a {@link
 * dev.webrtc4j.testkit.net.SimNetwork}, built on the library's STUN codec and integrity code.
 *
 * <p>Single-threaded: the network drives them on virtual time.
 */
@NullMarked
package dev.webrtc4j.testkit.stun;

import org.jspecify.annotations.NullMarked;

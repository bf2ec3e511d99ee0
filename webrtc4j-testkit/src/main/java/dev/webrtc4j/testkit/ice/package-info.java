/**
 * ICE agents on the simulated network: {@link dev.webrtc4j.testkit.ice.SimIceAgent} runs an
 * {@code IceAgent} as a network node with a delayed signaling channel (offer/answer and trickle,
 * RFC 8838), and {@link dev.webrtc4j.testkit.ice.IceScenario} sets up two agents behind NATs of
 * chosen RFC 4787 behaviours with STUN and TURN servers.
 *
 * <p>Single-threaded: the network drives them on virtual time.
 */
@NullMarked
package dev.webrtc4j.testkit.ice;

import org.jspecify.annotations.NullMarked;

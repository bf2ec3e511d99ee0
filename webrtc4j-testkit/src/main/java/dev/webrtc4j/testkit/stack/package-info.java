/**
 * Whole transport stacks on the simulated network: {@link dev.webrtc4j.testkit.stack.SimStack}
 * runs an {@code internal.pc.TransportStack} (ICE, DTLS, SCTP, data channels) as a network node,
 * {@link dev.webrtc4j.testkit.stack.SimStackPair} connects two of them over impaired links with the
 * fake DTLS engine, {@link dev.webrtc4j.testkit.stack.SctpTap} records the SCTP chunks each node
 * put on or took off the wire, and {@link dev.webrtc4j.testkit.stack.PartialReliabilityModel}
 * derives from those records exactly which messages of a partially reliable channel the receiver
 * must deliver.
 *
 * <p>Single-threaded: the network drives everything on virtual time.
 */
@NullMarked
package dev.webrtc4j.testkit.stack;

import org.jspecify.annotations.NullMarked;

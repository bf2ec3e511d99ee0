/**
 * The sans-I/O ICE agent: RFC 8445 (full ICE, regular nomination, one component), RFC 8838
 * (trickle), RFC 7675 (consent freshness); candidates, priorities, foundations, pairs, the
 * checklist, nomination, consent, ICE restart, relay candidates over TURN.
 *
 * <p>Entry point: {@link dev.webrtc4j.internal.ice.IceAgent}, configured by {@link
 * dev.webrtc4j.internal.ice.IceConfig}, reporting {@link dev.webrtc4j.internal.ice.IceEvent}s.
 * STUN messages go through the codec of {@code internal.stun} ({@code StunCodecBridge}), TURN
 * through its {@code TurnClient} ({@code TurnRelay}) over UDP, or over TCP/TLS streams the I/O
 * layer opens on the agent's {@link dev.webrtc4j.internal.ice.StreamCommand}s. Design notes and numbers:
 * {@code docs/design/ice.md}.
 *
 * <p>Threading: confined to the owning connection's event loop; no sockets, threads, clock reads
 * or ambient randomness: time is passed in, randomness injected.
 */
@NullMarked
package dev.webrtc4j.internal.ice;

import org.jspecify.annotations.NullMarked;

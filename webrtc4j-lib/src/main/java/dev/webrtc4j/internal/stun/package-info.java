/**
 * STUN (RFC 8489) messages and attributes, MESSAGE-INTEGRITY(-SHA256) and FINGERPRINT, client
 * transactions with the RFC retransmission schedule, ChannelData and the TCP/TLS stream
 * deframer, and the TURN (RFC 8656) client core. RFC 5769 vectors are the tests' ground truth.
 *
 * <p>Sans-I/O: no sockets, threads, sleeps or clock reads; time is passed in as monotonic nanos
 * and randomness is injected. Cores ({@link dev.webrtc4j.internal.stun.TurnClient}, {@link
 * dev.webrtc4j.internal.stun.StunTransactions}) are confined to their owner's event loop; codecs
 * are immutable records. Bad network input never throws to a core's caller. See
 * docs/design/stun-turn.md.
 */
@NullMarked
package dev.webrtc4j.internal.stun;

import org.jspecify.annotations.NullMarked;

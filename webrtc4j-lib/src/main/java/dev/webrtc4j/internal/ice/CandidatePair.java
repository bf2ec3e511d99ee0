package dev.webrtc4j.internal.ice;

import java.net.InetSocketAddress;

/**
 * An immutable view of a candidate pair for events and the selected pair: what the W3C
 * {@code RTCIceCandidatePair} shows, plus the local base a datagram on this pair leaves from.
 *
 * @param local the local candidate (peer-reflexive when the peer saw another address)
 * @param remote the remote candidate
 * @param localBase the local socket address datagrams on this pair are sent from
 */
public record CandidatePair(IceCandidate local, IceCandidate remote, InetSocketAddress localBase) {}

package dev.webrtc4j.internal.stun;

import dev.webrtc4j.internal.util.Bytes;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** What a {@link TurnClient} reports through {@link TurnClient#pollEvent()}. */
public sealed interface TurnEvent {
  /** W3C {@code icecandidateerror} code for "the server never answered" (outside the STUN range). */
  int SERVER_UNREACHABLE = 701;

  /** The allocation exists: the relayed address to offer as a relay candidate, and the client's server-reflexive address. */
  record Allocated(InetSocketAddress relayedAddress, InetSocketAddress mappedAddress, long lifetimeSeconds) implements TurnEvent {}

  /**
   * The allocation failed or was lost: the STUN error code and reason the server gave (401 for
   * rejected credentials), or {@link #SERVER_UNREACHABLE} (701) when the retransmissions ran out.
   * Named after the W3C {@code RTCPeerConnectionIceErrorEvent} members.
   */
  record Error(int errorCode, String errorText) implements TurnEvent {}

  /** A CreatePermission (or a ChannelBind) installed a permission for this peer IP. */
  record PermissionCreated(InetAddress peer) implements TurnEvent {}

  /** A CreatePermission failed; data queued for that peer was dropped. */
  record PermissionFailed(InetAddress peer, int errorCode, String errorText) implements TurnEvent {}

  /** A ChannelBind succeeded: data to and from the peer now uses ChannelData. */
  record ChannelBound(InetSocketAddress peer, int channelNumber) implements TurnEvent {}

  /** A ChannelBind failed; data to the peer goes on in Send indications. */
  record ChannelBindFailed(InetSocketAddress peer, int errorCode, String errorText) implements TurnEvent {}

  /** Data relayed from a peer (from a Data indication or ChannelData). */
  record PeerData(InetSocketAddress peer, Bytes data) implements TurnEvent {}

  /** The allocation is released (or was never made); the client sends nothing more. */
  record Closed() implements TurnEvent {}
}

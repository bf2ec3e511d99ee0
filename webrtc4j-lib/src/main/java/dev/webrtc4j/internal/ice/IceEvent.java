package dev.webrtc4j.internal.ice;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/** What the agent reports through {@link IceAgent#pollEvent()}. */
public sealed interface IceEvent {

  /**
   * A local candidate to signal (RFC 8838 §8; W3C {@code icecandidate}).
   *
   * @param url the STUN/TURN server's url for srflx and relay candidates (W3C {@code
   *     RTCIceCandidate.url}), else null
   * @param relayProtocol for relay candidates, how the TURN server is reached (W3C {@code
   *     RTCIceCandidate.relayProtocol}), else null
   */
  record LocalCandidate(IceCandidate candidate, String ufrag, @Nullable String url, @Nullable RelayProtocol relayProtocol)
      implements IceEvent {
    /** A candidate gathered without a server (host). */
    public LocalCandidate(IceCandidate candidate, String ufrag) {
      this(candidate, ufrag, null, null);
    }
  }

  /**
   * Gathering of this generation finished (RFC 8838 end-of-candidates; W3C {@code icecandidate}
   * with a null candidate). Always followed by {@link GatheringStateChanged} to COMPLETE.
   */
  record EndOfCandidates(String ufrag) implements IceEvent {}

  record GatheringStateChanged(IceGatheringState state) implements IceEvent {}

  record ConnectionStateChanged(IceConnectionState state) implements IceEvent {}

  /** The pair application data goes to changed; null when there is none any more. */
  record SelectedPairChanged(@Nullable CandidatePair pair) implements IceEvent {}

  /** The role changed after a role conflict (RFC 8445 §7.3.1.1, §7.2.5.1). */
  record RoleChanged(IceRole role) implements IceEvent {}

  /**
   * A non-STUN datagram that arrived on a known pair. The payload is a private read-only copy.
   */
  record AppData(CandidatePair pair, ByteBuffer payload) implements IceEvent {}

  /**
   * A STUN or TURN server failed (W3C {@code RTCPeerConnectionIceErrorEvent}).
   *
   * @param localAddress the local socket the request left from
   * @param url the server's configured url
   * @param errorCode the server's STUN error code, or 701 when it never answered
   * @param errorText the reason phrase
   */
  record CandidateError(InetSocketAddress localAddress, String url, int errorCode, String errorText) implements IceEvent {}
}

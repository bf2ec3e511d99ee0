package dev.webrtc4j.internal.pc;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** What the core tells the API layer, in the order the spec fires events and settles promises. */
public sealed interface CoreEvent {
  /** signalingstatechange. */
  record SignalingStateChange(SignalingState state) implements CoreEvent {}

  /** negotiationneeded. */
  record NegotiationNeeded() implements CoreEvent {}

  /** A track event: the transceiver's receiver track now receives, in these remote streams. */
  record Track(int transceiverId, List<String> streamIds) implements CoreEvent {}

  /** The remote track of a transceiver stopped being received (W3C "process the removal of a remote track"). */
  record TrackRemoved(int transceiverId, List<String> streamIds) implements CoreEvent {}

  /** SCTP was negotiated: pc.sctp becomes non-null. */
  record SctpNegotiated(int maxMessageSize) implements CoreEvent {}

  /**
   * A local description was applied: the transport gathers with these credentials (new ones after
   * an ICE restart). {@code offer}: it was an offer, which makes us ICE controlling in the first
   * negotiation (RFC 8445 §6.1.1). The transport's m-section (the BUNDLE tag) names the sdpMid and
   * sdpMLineIndex of local candidates.
   */
  record LocalDescriptionApplied(String ufrag, String pwd, boolean offer, String transportMid, int transportMLineIndex)
      implements CoreEvent {}

  /** An answer made both descriptions current: the transport's parameters (possibly unchanged). */
  record TransportNegotiated(TransportParameters parameters) implements CoreEvent {}

  /** addIceCandidate added this remote candidate (the a=candidate value, without "candidate:"). */
  record RemoteCandidate(String candidate, String ufrag) implements CoreEvent {}

  /** addIceCandidate signalled end-of-candidates. */
  record RemoteEndOfCandidates() implements CoreEvent {}

  /** A chained operation settled: exactly one of result (may be null for void) or error. */
  record OperationDone(long token, @Nullable Object result, @Nullable PcException error) implements CoreEvent {}
}

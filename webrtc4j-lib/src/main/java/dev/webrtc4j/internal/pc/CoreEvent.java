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

  /** A chained operation settled: exactly one of result (may be null for void) or error. */
  record OperationDone(long token, @Nullable Object result, @Nullable PcException error) implements CoreEvent {}
}

package dev.webrtc4j.internal.sctp;

/** Outcome of {@link Association#send}. */
public enum SendResult {
  /** Queued; the association owns a copy. */
  ACCEPTED,
  /** The send buffer bound would be exceeded (the API reports OperationError). */
  QUEUE_FULL,
  /** Larger than the peer's max message size. */
  TOO_LARGE,
  /** The association is closing or closed, or the stream is being reset. */
  CLOSED,
  /** The stream id is not below the number of streams the peer accepts. */
  INVALID_STREAM
}

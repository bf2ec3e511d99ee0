package dev.webrtc4j.internal.sctp;

import java.nio.ByteBuffer;
import java.util.List;

/** What an {@link Association} tells its owner, drained with {@link Association#pollEvent()}. */
public sealed interface SctpEvent {
  /** The association reached ESTABLISHED. */
  record Associated() implements SctpEvent {}

  /**
   * A complete message. {@code payload} is a read-only buffer the receiver owns (no other
   * reference to its bytes is kept).
   */
  record Message(StreamId streamId, int ppid, ByteBuffer payload, boolean unordered) implements SctpEvent {}

  /** The stream's buffered amount fell from above its low threshold to or below it. */
  record BufferedAmountLow(StreamId streamId) implements SctpEvent {}

  /**
   * Streams were reset. {@code byPeer}: the peer reset its outgoing streams (our incoming); else
   * our own outgoing reset request succeeded.
   */
  record StreamsReset(List<StreamId> streams, boolean byPeer) implements SctpEvent {
    public StreamsReset {
      streams = List.copyOf(streams);
    }
  }

  /** Our outgoing reset request was denied or failed; the streams stay as they were. */
  record StreamResetFailed(List<StreamId> streams, String reason) implements SctpEvent {
    public StreamResetFailed {
      streams = List.copyOf(streams);
    }
  }

  /** The association closed gracefully (SHUTDOWN sequence). */
  record Closed() implements SctpEvent {}

  /**
   * The association was aborted: by the peer (an ABORT chunk), by us ({@code abort()}), or
   * because of timer exhaustion or a protocol violation.
   */
  record Aborted(String reason, boolean byPeer) implements SctpEvent {}
}

package dev.webrtc4j.internal.pc;

import org.jspecify.annotations.Nullable;

/**
 * The W3C {@code RTCSignalingState}, core side, with its legal transitions in one pure function.
 *
 * @see <a href="https://w3c.github.io/webrtc-pc/#rtcsignalingstate-enum">W3C WebRTC §4.3.1</a>
 */
public enum SignalingState {
  STABLE,
  HAVE_LOCAL_OFFER,
  HAVE_REMOTE_OFFER,
  HAVE_LOCAL_PRANSWER,
  HAVE_REMOTE_PRANSWER,
  CLOSED;

  /**
   * The state after applying a description of {@code type}, locally ({@code remote == false}) or
   * remotely, in state {@code from}; {@code null} when the spec forbids it (an {@code
   * InvalidStateError}). Rollback returns to {@code stable}. This is the W3C state diagram of
   * §4.3.1 and the checks of "set the session description" (§4.4.1.6): a local answer or
   * pranswer needs a remote offer, a remote one a local offer, an offer needs {@code stable} or a
   * pending offer from the same side, rollback needs a pending offer.
   */
  public static @Nullable SignalingState next(SignalingState from, boolean remote, SdpType type) {
    return switch (type) {
      case ROLLBACK -> (from == HAVE_LOCAL_OFFER || from == HAVE_REMOTE_OFFER) ? STABLE : null;
      case OFFER -> {
        if (remote) {
          yield (from == STABLE || from == HAVE_REMOTE_OFFER) ? HAVE_REMOTE_OFFER : null;
        }
        yield (from == STABLE || from == HAVE_LOCAL_OFFER) ? HAVE_LOCAL_OFFER : null;
      }
      case PRANSWER -> {
        if (remote) {
          yield (from == HAVE_LOCAL_OFFER || from == HAVE_REMOTE_PRANSWER) ? HAVE_REMOTE_PRANSWER : null;
        }
        yield (from == HAVE_REMOTE_OFFER || from == HAVE_LOCAL_PRANSWER) ? HAVE_LOCAL_PRANSWER : null;
      }
      case ANSWER -> {
        if (remote) {
          yield (from == HAVE_LOCAL_OFFER || from == HAVE_REMOTE_PRANSWER) ? STABLE : null;
        }
        yield (from == HAVE_REMOTE_OFFER || from == HAVE_LOCAL_PRANSWER) ? STABLE : null;
      }
    };
  }
}

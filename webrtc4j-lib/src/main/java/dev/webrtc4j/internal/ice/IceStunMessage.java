package dev.webrtc4j.internal.ice;

import dev.webrtc4j.internal.util.Bytes;
import java.net.InetSocketAddress;
import org.jspecify.annotations.Nullable;

/**
 * The part of a STUN Binding message (RFC 8489, ICE attributes RFC 8445 §16.1) the agent reads and
 * writes. The wire format is the STUN codec's business ({@link IceStunCodec}); this view keeps the
 * agent's logic independent of it.
 *
 * @param kind request, indication, success or error response
 * @param binding true for the Binding method; other methods are not ICE's
 * @param transactionId 12 bytes
 * @param username USERNAME, or null
 * @param priority PRIORITY, or 0 when absent
 * @param useCandidate USE-CANDIDATE present
 * @param iceControlling ICE-CONTROLLING tie-breaker, or null
 * @param iceControlled ICE-CONTROLLED tie-breaker, or null
 * @param mappedAddress XOR-MAPPED-ADDRESS (or MAPPED-ADDRESS), or null
 * @param errorCode ERROR-CODE number, or 0
 * @param errorReason ERROR-CODE reason phrase, or ""
 */
record IceStunMessage(
    Kind kind,
    boolean binding,
    Bytes transactionId,
    @Nullable String username,
    long priority,
    boolean useCandidate,
    @Nullable Long iceControlling,
    @Nullable Long iceControlled,
    @Nullable InetSocketAddress mappedAddress,
    int errorCode,
    String errorReason) {

  enum Kind {
    REQUEST,
    INDICATION,
    SUCCESS,
    ERROR
  }

  static IceStunMessage bindingRequest(Bytes tid, @Nullable String username, long priority, boolean useCandidate,
      @Nullable Long controlling, @Nullable Long controlled) {
    return new IceStunMessage(Kind.REQUEST, true, tid, username, priority, useCandidate, controlling, controlled, null, 0, "");
  }

  static IceStunMessage bindingSuccess(Bytes tid, InetSocketAddress mapped) {
    return new IceStunMessage(Kind.SUCCESS, true, tid, null, 0, false, null, null, mapped, 0, "");
  }

  static IceStunMessage bindingError(Bytes tid, int code, String reason) {
    return new IceStunMessage(Kind.ERROR, true, tid, null, 0, false, null, null, null, code, reason);
  }
}

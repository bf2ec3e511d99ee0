package dev.webrtc4j.internal.pc;

/**
 * A failed peer-connection operation, named as the W3C spec names the failure. The API layer maps
 * {@link Kind} to the DOMException ({@code RTCException}) or to the WebIDL TypeError.
 */
public final class PcException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The W3C failure names; TYPE is WebIDL's TypeError, SDP_SYNTAX an RTCError sdp-syntax-error. */
  public enum Kind {
    INVALID_STATE,
    INVALID_ACCESS,
    INVALID_MODIFICATION,
    OPERATION,
    SYNTAX,
    NOT_SUPPORTED,
    TYPE,
    RANGE,
    SDP_SYNTAX
  }

  private final Kind kind;
  private final int lineNumber;

  public PcException(Kind kind, String message) {
    this(kind, message, -1);
  }

  public PcException(Kind kind, String message, int lineNumber) {
    super(message);
    this.kind = kind;
    this.lineNumber = lineNumber;
  }

  public Kind kind() {
    return kind;
  }

  /** The SDP line number for {@link Kind#SDP_SYNTAX}, else -1. */
  public int lineNumber() {
    return lineNumber;
  }

  static PcException invalidState(String message) {
    return new PcException(Kind.INVALID_STATE, message);
  }

  static PcException invalidAccess(String message) {
    return new PcException(Kind.INVALID_ACCESS, message);
  }

  static PcException operation(String message) {
    return new PcException(Kind.OPERATION, message);
  }
}

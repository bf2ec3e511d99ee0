package dev.webrtc4j.sdp;

/**
 * A session description that does not parse: names the 1-based line number, the line as it was
 * given (without its line terminator) and the reason.
 *
 * <p>The message reads {@code line 7: "a=rtpmap:xx opus/48000/2": payload type is not a number}.
 * Unchecked, and an {@link IllegalArgumentException}, because a description handed in by the
 * application is bad application input (the W3C API turns it into an {@code RTCError} carrying
 * {@link #lineNumber()} as {@code sdpLineNumber}).
 */
public final class SdpParseException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final int lineNumber;
  private final String line;
  private final String reason;

  public SdpParseException(int lineNumber, String line, String reason) {
    super("line " + lineNumber + ": \"" + line + "\": " + reason);
    this.lineNumber = lineNumber;
    this.line = line;
    this.reason = reason;
  }

  /** The 1-based number of the offending line. */
  public int lineNumber() {
    return lineNumber;
  }

  /** The offending line, without its CR/LF. */
  public String line() {
    return line;
  }

  /** Why the line was rejected, e.g. {@code payload type is not a number}. */
  public String reason() {
    return reason;
  }
}

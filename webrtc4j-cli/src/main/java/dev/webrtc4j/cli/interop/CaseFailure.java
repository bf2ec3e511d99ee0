package dev.webrtc4j.cli.interop;

/** A case failed; the message is the one-line reason the runner prints after {@code FAIL NAME:}. */
public final class CaseFailure extends Exception {
  public CaseFailure(String message) {
    super(message, null, false, false);
  }
}

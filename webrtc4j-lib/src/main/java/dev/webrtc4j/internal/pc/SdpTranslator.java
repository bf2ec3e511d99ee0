package dev.webrtc4j.internal.pc;

/**
 * Between SDP text and the JSEP model, through the {@code dev.webrtc4j.sdp} parser and
 * serializer. The core never handles SDP syntax itself.
 */
public interface SdpTranslator {
  /** The SDP text of a description we built (its {@code sdp} component is ignored). */
  String write(JsepDescription description);

  /**
   * Reads a peer's (or the application's) SDP.
   *
   * @throws PcException {@link PcException.Kind#SDP_SYNTAX} with the line number when it does not
   *     parse
   */
  JsepDescription read(SdpType type, String sdp);

  /**
   * Checks an ICE candidate attribute value (RFC 8839 §5.1) and returns it without a leading
   * "candidate:" prefix, the way {@code a=candidate:} carries it.
   *
   * @throws PcException {@link PcException.Kind#OPERATION} when it is not a candidate
   */
  String checkCandidate(String candidate);
}

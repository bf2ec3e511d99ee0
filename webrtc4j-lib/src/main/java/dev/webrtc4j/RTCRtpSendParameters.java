package dev.webrtc4j;

import java.util.List;
import java.util.Objects;

/**
 * The W3C {@code RTCRtpSendParameters} dictionary: what {@code RTCRtpSender.getParameters()}
 * returns and {@code setParameters} takes back, modified by {@link #withEncodings(List)}.
 *
 * @param transactionId identifies the {@code getParameters} call these came from; {@code
 *     setParameters} rejects stale ones
 * @param encodings the encodings, one per simulcast layer
 * @param headerExtensions the negotiated header extensions (read-only for {@code setParameters})
 * @param rtcp the RTCP parameters (read-only for {@code setParameters})
 * @param codecs the negotiated codecs (read-only for {@code setParameters})
 * @see <a href="https://w3c.github.io/webrtc-pc/#dom-rtcrtpsendparameters">W3C §5.2 RTCRtpSendParameters</a>
 */
public record RTCRtpSendParameters(
    String transactionId,
    List<RTCRtpEncodingParameters> encodings,
    List<RTCRtpHeaderExtensionParameters> headerExtensions,
    RTCRtcpParameters rtcp,
    List<RTCRtpCodecParameters> codecs) {
  public RTCRtpSendParameters {
    Objects.requireNonNull(transactionId, "transactionId");
    encodings = List.copyOf(Objects.requireNonNull(encodings, "encodings"));
    headerExtensions = List.copyOf(Objects.requireNonNull(headerExtensions, "headerExtensions"));
    Objects.requireNonNull(rtcp, "rtcp");
    codecs = List.copyOf(Objects.requireNonNull(codecs, "codecs"));
  }

  /** These parameters with other encodings (the usual change before {@code setParameters}). */
  public RTCRtpSendParameters withEncodings(List<RTCRtpEncodingParameters> encodings) {
    return new RTCRtpSendParameters(transactionId, encodings, headerExtensions, rtcp, codecs);
  }

  /**
   * The "validate parameters" steps of W3C {@code setParameters} (§5.2), with {@code this} the
   * parameters passed in and {@code last} what {@code getParameters()} last returned. ({@code
   * InvalidStateError} for a stopped sender or a missing {@code getParameters()} is the sender's to
   * check.)
   *
   * @param kind {@code "audio"} or {@code "video"}: the range checks apply to video only
   * @throws RTCException {@code InvalidModificationError} if the number or order of encodings
   *     changed, or a read-only member (transactionId, rid, headerExtensions, rtcp, codecs) differs
   * @throws IllegalArgumentException (RangeError) for a video {@code scaleResolutionDownBy} below
   *     1.0 or a {@code maxFramerate} below 0.0
   */
  public void checkModification(RTCRtpSendParameters last, String kind) {
    Objects.requireNonNull(last, "last");
    Objects.requireNonNull(kind, "kind");
    // "encodings.length is different from N" / "encodings has been re-ordered" / "Any parameter
    // in parameters is marked as a Read-only parameter (such as RID) and has a value that is
    // different from the corresponding parameter value in sender.[[LastReturnedParameters]].
    // Note that this also applies to transactionId."
    if (!transactionId.equals(last.transactionId)) {
      throw modification("transactionId: does not match the last getParameters()");
    }
    if (encodings.size() != last.encodings.size()) {
      throw modification("encodings: " + encodings.size() + " instead of " + last.encodings.size());
    }
    for (int i = 0; i < encodings.size(); i++) {
      if (!encodings.get(i).rid().equals(last.encodings.get(i).rid())) {
        throw modification("encodings[" + i + "].rid: changed or re-ordered");
      }
    }
    if (!headerExtensions.equals(last.headerExtensions)) {
      throw modification("headerExtensions: read-only");
    }
    if (!rtcp.equals(last.rtcp)) {
      throw modification("rtcp: read-only");
    }
    if (!codecs.equals(last.codecs)) {
      throw modification("codecs: read-only");
    }
    if (kind.equals("video")) {
      for (int i = 0; i < encodings.size(); i++) {
        RTCRtpEncodingParameters e = encodings.get(i);
        // "If any RTCRtpEncodingParameters dictionary contains a scaleResolutionDownBy member
        // whose value is less than 1.0, ... RangeError"
        if (e.scaleResolutionDownBy().isPresent() && e.scaleResolutionDownBy().getAsDouble() < 1.0) {
          throw new IllegalArgumentException("encodings[" + i + "].scaleResolutionDownBy: less than 1.0");
        }
        // "Verify that the value of each maxFramerate member ... is greater than or equal to 0.0"
        if (e.maxFramerate().isPresent() && e.maxFramerate().getAsDouble() < 0.0) {
          throw new IllegalArgumentException("encodings[" + i + "].maxFramerate: less than 0.0");
        }
      }
    }
  }

  private static RTCException modification(String message) {
    return new RTCException(RTCException.Name.INVALID_MODIFICATION_ERROR, "setParameters: " + message);
  }

  /** The members shared with receivers, as {@link RTCRtpParameters}. */
  public RTCRtpParameters asRtpParameters() {
    return new RTCRtpParameters(headerExtensions, rtcp, codecs);
  }
}

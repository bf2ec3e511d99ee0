package dev.webrtc4j;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The W3C {@code RTCRtpCodecParameters} dictionary: a negotiated codec with its payload type, as
 * {@code getParameters()} reports it.
 *
 * @param payloadType the RTP payload type, 0..127
 * @param mimeType the MIME type, e.g. {@code "video/VP8"}
 * @param clockRate the RTP clock rate in Hz
 * @param channels the number of channels (audio only); absent for video
 * @param sdpFmtpLine the {@code a=fmtp} parameters; absent when there are none
 * @see <a href="https://w3c.github.io/webrtc-pc/#dom-rtcrtpcodecparameters">W3C §5.2 RTCRtpCodecParameters</a>
 */
public record RTCRtpCodecParameters(
    int payloadType, String mimeType, long clockRate, OptionalInt channels, Optional<String> sdpFmtpLine) {
  public RTCRtpCodecParameters {
    if (payloadType < 0 || payloadType > 127) {
      throw new IllegalArgumentException("payloadType: " + payloadType + " is outside 0..127");
    }
    // The RTCRtpCodec checks apply to the same members.
    new RTCRtpCodec(mimeType, clockRate, channels, sdpFmtpLine);
  }

  /** {@code codec} with payload type {@code payloadType}. */
  public static RTCRtpCodecParameters of(int payloadType, RTCRtpCodec codec) {
    return new RTCRtpCodecParameters(
        payloadType, codec.mimeType(), codec.clockRate(), codec.channels(), codec.sdpFmtpLine());
  }

  /** The codec without its payload type. */
  public RTCRtpCodec codec() {
    return new RTCRtpCodec(mimeType, clockRate, channels, sdpFmtpLine);
  }
}

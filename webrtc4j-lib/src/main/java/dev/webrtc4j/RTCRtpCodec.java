package dev.webrtc4j;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The W3C {@code RTCRtpCodec} dictionary: a codec as {@code getCapabilities} lists it and {@code
 * setCodecPreferences} takes it.
 *
 * @param mimeType the MIME type, {@code "audio/opus"}, {@code "video/VP8"} ...
 * @param clockRate the RTP clock rate in Hz
 * @param channels the number of channels (audio only); absent for video
 * @param sdpFmtpLine the {@code a=fmtp} parameters, e.g. {@code "minptime=10;useinbandfec=1"};
 *     absent when there are none
 * @see <a href="https://w3c.github.io/webrtc-pc/#dom-rtcrtpcodec">W3C §5.2 RTCRtpCodec</a>
 */
public record RTCRtpCodec(String mimeType, long clockRate, OptionalInt channels, Optional<String> sdpFmtpLine) {
  public RTCRtpCodec {
    Objects.requireNonNull(mimeType, "mimeType");
    Objects.requireNonNull(channels, "channels");
    Objects.requireNonNull(sdpFmtpLine, "sdpFmtpLine");
    if (mimeType.indexOf('/') <= 0) {
      throw new IllegalArgumentException("mimeType: '" + mimeType + "' is not type/subtype");
    }
    if (clockRate < 0 || clockRate > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("clockRate: " + clockRate + " is outside the unsigned long range");
    }
    if (channels.isPresent() && (channels.getAsInt() < 0 || channels.getAsInt() > 65535)) {
      throw new IllegalArgumentException("channels: " + channels.getAsInt() + " is outside 0..65535");
    }
  }

  /** A video codec (no channels) with no fmtp line. */
  public static RTCRtpCodec video(String mimeType, long clockRate) {
    return new RTCRtpCodec(mimeType, clockRate, OptionalInt.empty(), Optional.empty());
  }

  /** An audio codec with no fmtp line. */
  public static RTCRtpCodec audio(String mimeType, long clockRate, int channels) {
    return new RTCRtpCodec(mimeType, clockRate, OptionalInt.of(channels), Optional.empty());
  }

  /** This codec with the given fmtp line. */
  public RTCRtpCodec withSdpFmtpLine(String line) {
    return new RTCRtpCodec(mimeType, clockRate, channels, Optional.of(line));
  }

  /**
   * The W3C "codec dictionary match" (§5.2): mimeType equal ignoring ASCII case, clockRate equal,
   * channels both absent or equal, sdpFmtpLine both absent or equal. What {@code
   * setCodecPreferences} compares preferences with capabilities by.
   */
  public boolean matches(RTCRtpCodec other) {
    Objects.requireNonNull(other, "other");
    return mimeType.equalsIgnoreCase(other.mimeType)
        && clockRate == other.clockRate
        && channels.equals(other.channels)
        && sdpFmtpLine.equals(other.sdpFmtpLine);
  }

  /** {@code "audio"} or {@code "video"} (the MIME top-level type). */
  public String kind() {
    return mimeType.substring(0, mimeType.indexOf('/')).toLowerCase(java.util.Locale.ROOT);
  }
}

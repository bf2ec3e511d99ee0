package dev.webrtc4j;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The W3C {@code RTCRtpContributingSource} dictionary (and, with {@link #isSynchronizationSource()},
 * {@code RTCRtpSynchronizationSource}, which adds no members): a CSRC or SSRC a receiver heard
 * from in the last 10 seconds, as {@code getContributingSources()} and {@code
 * getSynchronizationSources()} report it.
 *
 * @param timestamp when the last packet from the source was delivered, in ms since the Unix epoch
 *     (a {@code DOMHighResTimeStamp} relative to the epoch, from the connection's wall clock)
 * @param source the CSRC or SSRC, 0..2^32-1
 * @param audioLevel for audio, the level of the last packet, 0.0 (silence) to 1.0 (0 dBov), from
 *     RFC 6464/6465 header extensions; absent when not known
 * @param rtpTimestamp the RTP timestamp of the last packet
 * @param isSynchronizationSource whether {@link #source()} is an SSRC (else a CSRC)
 * @param captureTimestamp absent unless the abs-capture-time extension is negotiated
 * @see <a href="https://w3c.github.io/webrtc-pc/#dom-rtcrtpcontributingsource">W3C §5.4 RTCRtpContributingSource</a>
 */
public record RTCRtpContributingSource(
    double timestamp,
    long source,
    OptionalDouble audioLevel,
    long rtpTimestamp,
    boolean isSynchronizationSource,
    Optional<Double> captureTimestamp) {
  public RTCRtpContributingSource {
    java.util.Objects.requireNonNull(audioLevel, "audioLevel");
    java.util.Objects.requireNonNull(captureTimestamp, "captureTimestamp");
    if (source < 0 || source > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("source: " + source + " is outside the unsigned long range");
    }
    if (rtpTimestamp < 0 || rtpTimestamp > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("rtpTimestamp: " + rtpTimestamp + " is outside the unsigned long range");
    }
    if (audioLevel.isPresent() && !(audioLevel.getAsDouble() >= 0.0 && audioLevel.getAsDouble() <= 1.0)) {
      throw new IllegalArgumentException("audioLevel: " + audioLevel.getAsDouble() + " is outside 0.0..1.0");
    }
  }

  /**
   * The W3C conversion of an RFC 6464 level (0..127, in -dBov) to {@code audioLevel}: "10^(-rfc_level/20)",
   * with 127 meaning silence (0.0).
   */
  public static double audioLevelFromRfc6464(int level) {
    if (level < 0 || level > 127) {
      throw new IllegalArgumentException("level: " + level + " is outside 0..127");
    }
    return level == 127 ? 0.0 : Math.pow(10, -level / 20.0);
  }
}

package dev.webrtc4j;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The W3C {@code RTCRtpEncodingParameters} dictionary: one encoding (simulcast layer) of a sender.
 *
 * <p>The canonical constructor checks WebIDL types only; the {@code addTransceiver} rules (rid
 * grammar, ranges) are applied by {@link RTCRtpTransceiverInit#validate(String, int)}.
 *
 * @param rid the RTP stream id (RFC 8851); default absent
 * @param active whether the encoding is sent; default true
 * @param maxBitrate the maximum bitrate in bits per second; default absent (no limit)
 * @param maxFramerate the maximum frame rate in frames per second (video); default absent
 * @param scaleResolutionDownBy the factor the resolution is divided by, at least 1.0 (video);
 *     default absent
 * @param priority the encoding's priority (RFC 8835 §4.9); default {@link RTCPriorityType#LOW}
 * @param networkPriority the DSCP priority (RFC 8837); default {@link RTCPriorityType#LOW}
 * @see <a href="https://w3c.github.io/webrtc-pc/#dom-rtcrtpencodingparameters">W3C §5.2 RTCRtpEncodingParameters</a>
 */
public record RTCRtpEncodingParameters(
    Optional<String> rid,
    boolean active,
    OptionalLong maxBitrate,
    OptionalDouble maxFramerate,
    OptionalDouble scaleResolutionDownBy,
    RTCPriorityType priority,
    RTCPriorityType networkPriority) {

  public RTCRtpEncodingParameters {
    Objects.requireNonNull(rid, "rid");
    Objects.requireNonNull(maxBitrate, "maxBitrate");
    Objects.requireNonNull(maxFramerate, "maxFramerate");
    Objects.requireNonNull(scaleResolutionDownBy, "scaleResolutionDownBy");
    Objects.requireNonNull(priority, "priority");
    Objects.requireNonNull(networkPriority, "networkPriority");
    if (maxBitrate.isPresent() && (maxBitrate.getAsLong() < 0 || maxBitrate.getAsLong() > 0xFFFF_FFFFL)) {
      throw new IllegalArgumentException("maxBitrate: " + maxBitrate.getAsLong() + " is outside the unsigned long range");
    }
    if (maxFramerate.isPresent() && !Double.isFinite(maxFramerate.getAsDouble())) {
      throw new IllegalArgumentException("maxFramerate: must be finite");
    }
    if (scaleResolutionDownBy.isPresent() && !Double.isFinite(scaleResolutionDownBy.getAsDouble())) {
      throw new IllegalArgumentException("scaleResolutionDownBy: must be finite");
    }
  }

  /** An active encoding with every other member at its default. */
  public static final RTCRtpEncodingParameters DEFAULT = builder().build();

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these members, to change some of them. */
  public Builder toBuilder() {
    Builder b = new Builder().active(active).priority(priority).networkPriority(networkPriority);
    b.rid = rid;
    b.maxBitrate = maxBitrate;
    b.maxFramerate = maxFramerate;
    b.scaleResolutionDownBy = scaleResolutionDownBy;
    return b;
  }

  /** This encoding without {@code maxFramerate} and {@code scaleResolutionDownBy} (for audio). */
  RTCRtpEncodingParameters withoutVideoMembers() {
    return new RTCRtpEncodingParameters(
        rid, active, maxBitrate, OptionalDouble.empty(), OptionalDouble.empty(), priority, networkPriority);
  }

  /** This encoding with {@code scaleResolutionDownBy} set. */
  public RTCRtpEncodingParameters withScaleResolutionDownBy(double scale) {
    return new RTCRtpEncodingParameters(
        rid, active, maxBitrate, maxFramerate, OptionalDouble.of(scale), priority, networkPriority);
  }

  /** This encoding, active or not. */
  public RTCRtpEncodingParameters withActive(boolean active) {
    return new RTCRtpEncodingParameters(
        rid, active, maxBitrate, maxFramerate, scaleResolutionDownBy, priority, networkPriority);
  }

  /** Builds {@link RTCRtpEncodingParameters}; every member starts at its W3C default. */
  public static final class Builder {
    private Optional<String> rid = Optional.empty();
    private boolean active = true;
    private OptionalLong maxBitrate = OptionalLong.empty();
    private OptionalDouble maxFramerate = OptionalDouble.empty();
    private OptionalDouble scaleResolutionDownBy = OptionalDouble.empty();
    private RTCPriorityType priority = RTCPriorityType.LOW;
    private RTCPriorityType networkPriority = RTCPriorityType.LOW;

    private Builder() {}

    /** The RTP stream id; default absent. */
    public Builder rid(String rid) {
      this.rid = Optional.of(rid);
      return this;
    }

    /** Whether the encoding is sent; default true. */
    public Builder active(boolean active) {
      this.active = active;
      return this;
    }

    /** Maximum bitrate in bps; default absent. */
    public Builder maxBitrate(long maxBitrate) {
      this.maxBitrate = OptionalLong.of(maxBitrate);
      return this;
    }

    /** Maximum frame rate; default absent. */
    public Builder maxFramerate(double maxFramerate) {
      this.maxFramerate = OptionalDouble.of(maxFramerate);
      return this;
    }

    /** Resolution divisor, at least 1.0; default absent. */
    public Builder scaleResolutionDownBy(double scaleResolutionDownBy) {
      this.scaleResolutionDownBy = OptionalDouble.of(scaleResolutionDownBy);
      return this;
    }

    /** Priority; default {@link RTCPriorityType#LOW}. */
    public Builder priority(RTCPriorityType priority) {
      this.priority = Objects.requireNonNull(priority, "priority");
      return this;
    }

    /** Network (DSCP) priority; default {@link RTCPriorityType#LOW}. */
    public Builder networkPriority(RTCPriorityType networkPriority) {
      this.networkPriority = Objects.requireNonNull(networkPriority, "networkPriority");
      return this;
    }

    public RTCRtpEncodingParameters build() {
      return new RTCRtpEncodingParameters(
          rid, active, maxBitrate, maxFramerate, scaleResolutionDownBy, priority, networkPriority);
    }
  }
}

package dev.webrtc4j;

import java.util.Optional;

/**
 * The W3C {@code RTCOfferOptions} dictionary, with the legacy {@code offerToReceiveAudio} and
 * {@code offerToReceiveVideo} members of §11.2 (still honoured by browsers).
 *
 * @param iceRestart whether the offer restarts ICE (new ufrag and password); default false
 * @param offerToReceiveAudio legacy: true adds a recvonly audio transceiver if none receives audio,
 *     false makes existing audio transceivers stop receiving; default absent (no effect)
 * @param offerToReceiveVideo the same for video; default absent
 * @see <a href="https://w3c.github.io/webrtc-pc/#dom-rtcofferoptions">W3C §4.2.6 RTCOfferOptions</a>
 * @see <a href="https://w3c.github.io/webrtc-pc/#legacy-configuration-extensions">W3C §11.2 legacy options</a>
 */
public record RTCOfferOptions(
    boolean iceRestart, Optional<Boolean> offerToReceiveAudio, Optional<Boolean> offerToReceiveVideo) {

  /** All members at their defaults. */
  public static final RTCOfferOptions DEFAULT = new RTCOfferOptions(false, Optional.empty(), Optional.empty());

  public RTCOfferOptions {
    java.util.Objects.requireNonNull(offerToReceiveAudio, "offerToReceiveAudio");
    java.util.Objects.requireNonNull(offerToReceiveVideo, "offerToReceiveVideo");
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link RTCOfferOptions}. */
  public static final class Builder {
    private boolean iceRestart;
    private Optional<Boolean> offerToReceiveAudio = Optional.empty();
    private Optional<Boolean> offerToReceiveVideo = Optional.empty();

    private Builder() {}

    /** Whether to restart ICE; default false. */
    public Builder iceRestart(boolean iceRestart) {
      this.iceRestart = iceRestart;
      return this;
    }

    /** Legacy offerToReceiveAudio; default absent. */
    public Builder offerToReceiveAudio(boolean offerToReceiveAudio) {
      this.offerToReceiveAudio = Optional.of(offerToReceiveAudio);
      return this;
    }

    /** Legacy offerToReceiveVideo; default absent. */
    public Builder offerToReceiveVideo(boolean offerToReceiveVideo) {
      this.offerToReceiveVideo = Optional.of(offerToReceiveVideo);
      return this;
    }

    public RTCOfferOptions build() {
      return new RTCOfferOptions(iceRestart, offerToReceiveAudio, offerToReceiveVideo);
    }
  }
}

package dev.webrtc4j;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The W3C {@code RTCRtpTransceiverInit} dictionary: the options of {@code addTransceiver}.
 *
 * @param direction the transceiver's direction; default {@link RTCRtpTransceiverDirection#SENDRECV}
 * @param streams the streams the sender's track is announced in (a=msid); default none
 * @param sendEncodings the encodings (simulcast layers) to send; default none (one encoding)
 * @see <a href="https://w3c.github.io/webrtc-pc/#dom-rtcrtptransceiverinit">W3C §5.1 RTCRtpTransceiverInit</a>
 */
public record RTCRtpTransceiverInit(
    RTCRtpTransceiverDirection direction, List<MediaStream> streams, List<RTCRtpEncodingParameters> sendEncodings) {

  /** Every member at its default. */
  public static final RTCRtpTransceiverInit DEFAULT =
      new RTCRtpTransceiverInit(RTCRtpTransceiverDirection.SENDRECV, List.of(), List.of());

  public RTCRtpTransceiverInit {
    Objects.requireNonNull(direction, "direction");
    streams = List.copyOf(Objects.requireNonNull(streams, "streams"));
    sendEncodings = List.copyOf(Objects.requireNonNull(sendEncodings, "sendEncodings"));
  }

  /** The default options with another direction. */
  public static RTCRtpTransceiverInit of(RTCRtpTransceiverDirection direction) {
    return new RTCRtpTransceiverInit(direction, List.of(), List.of());
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The checks and normalisation {@code addTransceiver} applies to {@code sendEncodings} (W3C
   * §5.1 "addTransceiver", the sendEncodings steps).
   *
   * @param kind {@code "audio"} or {@code "video"}
   * @param maxEncodings how many simulcast encodings the implementation supports (at least 1);
   *     extra encodings are dropped
   * @return the encodings to use: for audio without the video-only members; for video with
   *     {@code scaleResolutionDownBy} filled in as 2^(n - index - 1) when none was given
   * @throws IllegalArgumentException (TypeError or RangeError) for a rid that breaks the RFC 8851
   *     grammar, rids on some encodings only, a repeated rid, {@code scaleResolutionDownBy} below
   *     1.0 or a {@code maxFramerate} not above 0.0
   */
  public List<RTCRtpEncodingParameters> validate(String kind, int maxEncodings) {
    Objects.requireNonNull(kind, "kind");
    if (!kind.equals("audio") && !kind.equals("video")) {
      throw new IllegalArgumentException("kind: '" + kind + "' is neither audio nor video");
    }
    if (maxEncodings < 1) {
      throw new IllegalArgumentException("maxEncodings: " + maxEncodings + " < 1");
    }
    int withRid = 0;
    Set<String> rids = new HashSet<>();
    for (RTCRtpEncodingParameters e : sendEncodings) {
      if (e.rid().isPresent()) {
        withRid++;
        String rid = e.rid().get();
        // "If any RTCRtpEncodingParameters dictionary in sendEncodings contains a rid member
        // whose value does not conform to the grammar requirements specified in Section 10 of
        // [RFC8851], throw a TypeError." rid-id = 1*(alpha-numeric / "-" / "_")
        if (rid.isEmpty() || !rid.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
            || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
          throw new IllegalArgumentException("sendEncodings: rid '" + rid + "' breaks the RFC 8851 rid-id grammar");
        }
        // "If any of the encodings contains a rid member whose value is the same as that of a
        // rid contained in another encoding in sendEncodings, throw a TypeError."
        if (!rids.add(rid)) {
          throw new IllegalArgumentException("sendEncodings: rid '" + rid + "' is repeated");
        }
      }
    }
    // "If some but not all of the RTCRtpEncodingParameters dictionaries in sendEncodings contain
    // a rid member, throw a TypeError."
    if (withRid != 0 && withRid != sendEncodings.size()) {
      throw new IllegalArgumentException("sendEncodings: some but not all encodings have a rid");
    }
    List<RTCRtpEncodingParameters> out = new ArrayList<>(sendEncodings);
    if (kind.equals("audio")) {
      // "If kind is "audio", remove the scaleResolutionDownBy and maxFramerate members from all
      // encodings that contain any of them."
      out.replaceAll(RTCRtpEncodingParameters::withoutVideoMembers);
    }
    for (RTCRtpEncodingParameters e : out) {
      // "If any encoding contains a scaleResolutionDownBy member whose value is less than 1.0,
      // throw a RangeError."
      if (e.scaleResolutionDownBy().isPresent() && e.scaleResolutionDownBy().getAsDouble() < 1.0) {
        throw new IllegalArgumentException(
            "sendEncodings: scaleResolutionDownBy " + e.scaleResolutionDownBy().getAsDouble() + " is less than 1.0");
      }
      // "Verify that the value of each maxFramerate member in sendEncodings that is defined is
      // greater than 0.0. If one of the maxFramerate values does not meet this requirement,
      // throw a RangeError."
      if (e.maxFramerate().isPresent() && !(e.maxFramerate().getAsDouble() > 0.0)) {
        throw new IllegalArgumentException(
            "sendEncodings: maxFramerate " + e.maxFramerate().getAsDouble() + " is not greater than 0.0");
      }
    }
    // "Let maxN be the maximum number of total simultaneous encodings the user agent may support
    // for this kind, at minimum 1. ... If the number of encodings stored in sendEncodings
    // exceeds maxN, then trim sendEncodings from the tail until its length is maxN."
    if (out.size() > maxEncodings) {
      out = new ArrayList<>(out.subList(0, maxEncodings));
    }
    // "If kind is "video" and none of the encodings contain a scaleResolutionDownBy member,
    // then for each encoding, add a scaleResolutionDownBy member whose value is
    // 2^(length of sendEncodings - encoding index - 1)."
    if (kind.equals("video") && out.stream().allMatch(e -> e.scaleResolutionDownBy().isEmpty())) {
      int n = out.size();
      for (int i = 0; i < n; i++) {
        out.set(i, out.get(i).withScaleResolutionDownBy(Math.scalb(1.0, n - i - 1)));
      }
    }
    return List.copyOf(out);
  }

  /** Builds {@link RTCRtpTransceiverInit}; every member starts at its W3C default. */
  public static final class Builder {
    private RTCRtpTransceiverDirection direction = RTCRtpTransceiverDirection.SENDRECV;
    private List<MediaStream> streams = List.of();
    private List<RTCRtpEncodingParameters> sendEncodings = List.of();

    private Builder() {}

    /** Direction; default {@link RTCRtpTransceiverDirection#SENDRECV}. */
    public Builder direction(RTCRtpTransceiverDirection direction) {
      this.direction = Objects.requireNonNull(direction, "direction");
      return this;
    }

    /** Streams; default none. */
    public Builder streams(MediaStream... streams) {
      this.streams = List.of(streams);
      return this;
    }

    /** Streams; default none. */
    public Builder streams(List<MediaStream> streams) {
      this.streams = List.copyOf(streams);
      return this;
    }

    /** Send encodings; default none. */
    public Builder sendEncodings(RTCRtpEncodingParameters... sendEncodings) {
      this.sendEncodings = List.of(sendEncodings);
      return this;
    }

    /** Send encodings; default none. */
    public Builder sendEncodings(List<RTCRtpEncodingParameters> sendEncodings) {
      this.sendEncodings = List.copyOf(sendEncodings);
      return this;
    }

    public RTCRtpTransceiverInit build() {
      return new RTCRtpTransceiverInit(direction, streams, sendEncodings);
    }
  }
}

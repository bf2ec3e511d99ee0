package dev.webrtc4j.sdp;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Property attributes (no value) of WebRTC SDP that carry no direction meaning. */
public enum Flag implements TypedAttribute {
  /** RFC 8839 §5.3: the agent is an ICE lite implementation (session level). */
  ICE_LITE("ice-lite"),
  /** RFC 8840 §8.2 / RFC 8839 §5.5 (W3C trickle): no more candidates for this section. */
  END_OF_CANDIDATES("end-of-candidates"),
  /** RFC 5761 §5.1.3: RTP and RTCP share one port. */
  RTCP_MUX("rtcp-mux"),
  /** RFC 8858 §3: RTP/RTCP multiplexing is required. */
  RTCP_MUX_ONLY("rtcp-mux-only"),
  /** RFC 5506 §5: reduced-size RTCP. */
  RTCP_RSIZE("rtcp-rsize"),
  /** RFC 8285 §6: one-byte and two-byte header extensions may be mixed. */
  EXTMAP_ALLOW_MIXED("extmap-allow-mixed"),
  /** RFC 8843 §6: the section is only usable inside a BUNDLE group. */
  BUNDLE_ONLY("bundle-only");

  private final String attributeName;

  Flag(String attributeName) {
    this.attributeName = attributeName;
  }

  @Override
  public String attributeName() {
    return attributeName;
  }

  @Override
  public @Nullable String value() {
    return null;
  }

  /** The flag with this attribute name. */
  public static Optional<Flag> fromAttributeName(String name) {
    for (Flag f : values()) {
      if (f.attributeName.equals(name)) return Optional.of(f);
    }
    return Optional.empty();
  }
}

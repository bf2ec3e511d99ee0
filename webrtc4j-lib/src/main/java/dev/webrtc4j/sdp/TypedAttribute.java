package dev.webrtc4j.sdp;

import org.jspecify.annotations.Nullable;

/**
 * A typed view of a known attribute. Each implementation has a static {@code parse(String value)}
 * that validates the attribute value (surrounding whitespace is ignored) and throws
 * {@link IllegalArgumentException} naming the problem, and {@link #value()} that formats it back.
 */
public sealed interface TypedAttribute
    permits Candidate, Direction, Extmap, Fingerprint, Flag, Fmtp, Group, IceOptions, IcePwd, IceUfrag,
        Identity, MaxMessageSize, Mid, Msid, MsidSemantic, Rid, Rtcp, RtcpFb, Rtpmap, SctpPort, Sctpmap, Setup,
        Simulcast, Ssrc, SsrcGroup {
  /** The attribute name, e.g. {@code rtpmap}. */
  String attributeName();

  /** The formatted attribute value; null for a property attribute. */
  @Nullable String value();

  /** The attribute line for this value. */
  default Attribute toAttribute() {
    return new Attribute(attributeName(), value());
  }
}

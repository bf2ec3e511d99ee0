package dev.webrtc4j.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A media section, <a href="https://www.rfc-editor.org/rfc/rfc8866#section-5.14">RFC 8866
 * §5.14</a>: the media line
 *
 * <pre>
 * m=&lt;media&gt; &lt;port&gt;[/&lt;number of ports&gt;] &lt;proto&gt; &lt;fmt&gt; ...
 * </pre>
 *
 * and every line after it up to the next {@code m=}, in order, unknown ones included.
 *
 * <p>Immutable; edits return copies, so "copying a section" is just keeping the value and editing
 * it ({@code offer.withMid("1").withPort(9)}).
 *
 * @param media {@code audio}, {@code video}, {@code application}, or another token
 * @param port 0 to 65535; 0 rejects the section (RFC 3264 §6), or marks a bundled one (RFC 8843)
 * @param portCount the number of ports after {@code /}, or empty
 * @param proto e.g. {@code UDP/TLS/RTP/SAVPF} or {@code UDP/DTLS/SCTP}
 * @param formats at least one: payload types for RTP, {@code webrtc-datachannel} for SCTP
 * @param lines the lines after the media line
 */
public record MediaDescription(
    String media, int port, OptionalInt portCount, String proto, List<String> formats, List<SdpLine> lines)
    implements SdpSection<MediaDescription> {
  public static final String AUDIO = "audio";
  public static final String VIDEO = "video";
  public static final String APPLICATION = "application";
  /** RFC 8829 §5.1.2: the profile of WebRTC media. */
  public static final String PROTO_RTP = "UDP/TLS/RTP/SAVPF";
  /** RFC 8841 §4.1: SCTP over DTLS over UDP. */
  public static final String PROTO_SCTP = "UDP/DTLS/SCTP";

  public MediaDescription {
    Tokens.requireToken(Objects.requireNonNull(media, "media"), "media type");
    Tokens.check(port >= 0 && port <= 65535, "port is out of range [0, 65535]: " + port);
    Objects.requireNonNull(portCount, "portCount");
    portCount.ifPresent(n -> Tokens.check(n > 0, "number of ports is not positive: " + n));
    Objects.requireNonNull(proto, "proto");
    for (String part : proto.split("/", -1)) Tokens.requireToken(part, "proto");
    formats = Tokens.copy(formats, "formats");
    Tokens.check(!formats.isEmpty(), "media line has no format");
    for (String f : formats) Tokens.requireToken(f, "format");
    lines = Lines.copy(lines);
  }

  /** A section with no lines yet. */
  public static MediaDescription of(String media, int port, String proto, List<String> formats) {
    return new MediaDescription(media, port, OptionalInt.empty(), proto, formats, List.of());
  }

  /** Parses the text after {@code m=}; the section has no lines yet. */
  public static MediaDescription parseMediaLine(String text) {
    var f = Tokens.fields(text);
    Tokens.check(f.size() >= 4, "media line needs <media> <port> <proto> <fmt> ...");
    String portText = f.get(1);
    int slash = portText.indexOf('/');
    int port = Tokens.intNumber(slash < 0 ? portText : portText.substring(0, slash), 0, 65535, "port");
    OptionalInt count = slash < 0
        ? OptionalInt.empty()
        : OptionalInt.of(Tokens.intNumber(portText.substring(slash + 1), 1, 65535, "number of ports"));
    return new MediaDescription(f.get(0), port, count, f.get(2), f.subList(3, f.size()), List.of());
  }

  @Override
  public MediaDescription withLines(List<SdpLine> lines) {
    return new MediaDescription(media, port, portCount, proto, formats, lines);
  }

  public MediaDescription withPort(int port) {
    return new MediaDescription(media, port, portCount, proto, formats, lines);
  }

  public MediaDescription withProto(String proto) {
    return new MediaDescription(media, port, portCount, proto, formats, lines);
  }

  public MediaDescription withFormats(List<String> formats) {
    return new MediaDescription(media, port, portCount, proto, formats, lines);
  }

  /** A copy with the RTP payload types as formats. */
  public MediaDescription withPayloadTypes(List<Integer> payloadTypes) {
    return withFormats(payloadTypes.stream().map(String::valueOf).toList());
  }

  /**
   * A copy whose formats are {@code payloadTypes}, in that order, and without the {@code rtpmap},
   * {@code fmtp} and {@code rtcp-fb} lines of any other payload type ({@code rtcp-fb:*} stays).
   * This is how an answer keeps only the codecs it accepts (RFC 8829 §5.3.1).
   */
  public MediaDescription retainPayloadTypes(List<Integer> payloadTypes) {
    java.util.Set<String> keep = new java.util.HashSet<>();
    for (int pt : payloadTypes) keep.add(Integer.toString(pt));
    List<SdpLine> kept = new ArrayList<>();
    for (SdpLine l : lines) {
      if (l instanceof Attribute a && a.value() != null
          && (a.name().equals("rtpmap") || a.name().equals("fmtp") || a.name().equals("rtcp-fb"))) {
        String v = a.value().strip();
        int sp = v.indexOf(' ');
        String format = sp < 0 ? v : v.substring(0, sp);
        if (!format.equals("*") && !keep.contains(format)) continue;
      }
      kept.add(l);
    }
    return withPayloadTypes(payloadTypes).withLines(kept);
  }

  /**
   * A rejected copy: port 0 (RFC 3264 §6, RFC 8829 §5.3.1). Its lines stay; JSEP decides which to
   * drop.
   */
  public MediaDescription reject() {
    return withPort(0);
  }

  /** A copy with {@code a=mid} set (RFC 5888 §4). */
  public MediaDescription withMid(String mid) {
    return replaceAttribute(new Mid(mid));
  }

  /** Port 0 (RFC 3264 §6); note that a bundle-only section also has port 0 (RFC 8843 §6). */
  public boolean isRejected() {
    return port == 0;
  }

  /** Whether the proto carries RTP (e.g. {@code UDP/TLS/RTP/SAVPF}, {@code RTP/AVP}). */
  public boolean isRtp() {
    return proto.contains("RTP/");
  }

  /** The formats as RTP payload types; throws if a format is not a number. */
  public List<Integer> payloadTypes() {
    List<Integer> out = new ArrayList<>();
    for (String f : formats) out.add(Tokens.intNumber(f, 0, 127, "payload type"));
    return List.copyOf(out);
  }

  /** The text after {@code m=}. */
  public String mediaLine() {
    StringBuilder sb = new StringBuilder(media).append(' ').append(port);
    portCount.ifPresent(n -> sb.append('/').append(n));
    sb.append(' ').append(proto);
    for (String f : formats) sb.append(' ').append(f);
    return sb.toString();
  }

  // ---- typed views of media-level attributes ----

  /** {@code a=mid} (RFC 5888 §4). */
  public Optional<String> mid() {
    return attribute("mid").map(a -> Mid.parse(a.value()).id());
  }

  /** {@code a=rtpmap} lines (RFC 8866 §6.6); in a non-RTP section only those that parse. */
  public List<Rtpmap> rtpmaps() {
    return rtpTyped("rtpmap", Rtpmap::parse);
  }

  /** The {@code a=rtpmap} of this payload type. */
  public Optional<Rtpmap> rtpmap(int payloadType) {
    return rtpmaps().stream().filter(r -> r.payloadType() == payloadType).findFirst();
  }

  /** {@code a=fmtp} lines (RFC 8866 §6.15); in a non-RTP section only those that parse. */
  public List<Fmtp> fmtps() {
    return rtpTyped("fmtp", Fmtp::parse);
  }

  /** The {@code a=fmtp} of this payload type. */
  public Optional<Fmtp> fmtp(int payloadType) {
    return fmtps().stream().filter(f -> f.payloadType() == payloadType).findFirst();
  }

  /** {@code a=rtcp-fb} lines (RFC 4585 §4.2); in a non-RTP section only those that parse. */
  public List<RtcpFb> rtcpFbs() {
    return rtpTyped("rtcp-fb", RtcpFb::parse);
  }

  /** The {@code a=rtcp-fb} lines that apply to this payload type, wildcards included. */
  public List<RtcpFb> rtcpFbs(int payloadType) {
    String pt = Integer.toString(payloadType);
    return rtcpFbs().stream().filter(f -> f.isWildcard() || f.payloadType().equals(pt)).toList();
  }

  /**
   * The RTP attributes are validated only in RTP sections (see {@link SessionDescription#parse});
   * elsewhere (e.g. a legacy {@code a=fmtp:5000} of SCTP) the ones that do not parse are left out.
   */
  private <T> List<T> rtpTyped(String name, java.util.function.Function<String, T> parser) {
    return isRtp() ? Lines.typed(lines, name, parser) : Lines.typedParseable(lines, name, parser);
  }

  /** {@code a=ssrc} lines (RFC 5576 §4.1). */
  public List<Ssrc> ssrcs() {
    return Lines.typed(lines, "ssrc", Ssrc::parse);
  }

  /** {@code a=ssrc-group} lines (RFC 5576 §4.2). */
  public List<SsrcGroup> ssrcGroups() {
    return Lines.typed(lines, "ssrc-group", SsrcGroup::parse);
  }

  /** {@code a=rid} lines (RFC 8851 §10). */
  public List<Rid> rids() {
    return Lines.typed(lines, "rid", Rid::parse);
  }

  /** {@code a=simulcast} (RFC 8853 §5.1). */
  public Optional<Simulcast> simulcast() {
    return attribute("simulcast").map(a -> Simulcast.parse(a.value()));
  }

  /** {@code a=msid} lines (RFC 8830 §2). */
  public List<Msid> msids() {
    return Lines.typed(lines, "msid", Msid::parse);
  }

  /** {@code a=rtcp} (RFC 3605). */
  public Optional<Rtcp> rtcp() {
    return attribute("rtcp").map(a -> Rtcp.parse(a.value()));
  }

  /** {@code a=rtcp-mux} (RFC 5761 §5.1.3). */
  public boolean rtcpMux() {
    return has(Flag.RTCP_MUX);
  }

  /** {@code a=rtcp-mux-only} (RFC 8858). */
  public boolean rtcpMuxOnly() {
    return has(Flag.RTCP_MUX_ONLY);
  }

  /** {@code a=rtcp-rsize} (RFC 5506). */
  public boolean rtcpRsize() {
    return has(Flag.RTCP_RSIZE);
  }

  /** {@code a=bundle-only} (RFC 8843 §6). */
  public boolean bundleOnly() {
    return has(Flag.BUNDLE_ONLY);
  }

  /** {@code a=sctp-port} (RFC 8841 §5.2). */
  public OptionalInt sctpPort() {
    return attribute("sctp-port").map(a -> OptionalInt.of(SctpPort.parse(a.value()).port())).orElse(OptionalInt.empty());
  }

  /** The legacy {@code a=sctpmap} (draft-ietf-mmusic-sctp-sdp-05). */
  public Optional<Sctpmap> sctpmap() {
    return attribute("sctpmap").map(a -> Sctpmap.parse(a.value()));
  }

  /** {@code a=max-message-size} (RFC 8841 §6). */
  public OptionalLong maxMessageSize() {
    return attribute("max-message-size")
        .map(a -> OptionalLong.of(MaxMessageSize.parse(a.value()).size()))
        .orElse(OptionalLong.empty());
  }
}

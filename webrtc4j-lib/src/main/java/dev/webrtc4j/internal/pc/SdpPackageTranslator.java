package dev.webrtc4j.internal.pc;

import dev.webrtc4j.sdp.Attribute;
import dev.webrtc4j.sdp.Candidate;
import dev.webrtc4j.sdp.Connection;
import dev.webrtc4j.sdp.Extmap;
import dev.webrtc4j.sdp.Field;
import dev.webrtc4j.sdp.Flag;
import dev.webrtc4j.sdp.Fmtp;
import dev.webrtc4j.sdp.Group;
import dev.webrtc4j.sdp.MediaDescription;
import dev.webrtc4j.sdp.Origin;
import dev.webrtc4j.sdp.Rtpmap;
import dev.webrtc4j.sdp.RtcpFb;
import dev.webrtc4j.sdp.SdpParseException;
import dev.webrtc4j.sdp.SessionDescription;
import dev.webrtc4j.sdp.Ssrc;
import dev.webrtc4j.sdp.SsrcGroup;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@link SdpTranslator} over the {@code dev.webrtc4j.sdp} model: writes descriptions as Chrome
 * lays them out (session: BUNDLE group, extmap-allow-mixed, msid-semantic; media: c=IN IP4
 * 0.0.0.0 and port 9 before gathering, a=rtcp:9, ICE, DTLS, mid, extensions, direction, msid,
 * rtcp-mux, codecs, SSRCs), and reads any peer's SDP, resolving session-level ICE, DTLS and
 * direction attributes (Firefox) into each m-section.
 */
public final class SdpPackageTranslator implements SdpTranslator {
  public static final SdpPackageTranslator INSTANCE = new SdpPackageTranslator();

  private SdpPackageTranslator() {}

  @Override
  public String write(JsepDescription d) {
    SessionDescription s = SessionDescription.of(Origin.of(d.sessionId(), d.sessionVersion()));
    for (List<String> g : d.bundleGroups()) {
      s = s.addAttribute(Group.bundle(g));
    }
    s = s.addFlag("extmap-allow-mixed");
    s = s.addAttribute("msid-semantic", " WMS");
    List<MediaDescription> media = new ArrayList<>();
    for (MediaSection m : d.media()) {
      media.add(writeMedia(m));
    }
    return s.withMedia(media).serialize();
  }

  private static MediaDescription writeMedia(MediaSection m) {
    List<String> formats = m.formats().isEmpty() ? List.of("0") : m.formats();
    MediaDescription md = MediaDescription.of(m.kind(), m.port(), m.protocol(), formats);
    md = md.addLine(Field.of(Connection.PLACEHOLDER_IP4));
    if (!m.isApplication()) {
      md = md.addAttribute("rtcp", "9 IN IP4 0.0.0.0");
    }
    for (String c : m.candidates()) {
      md = md.addAttribute("candidate", c);
    }
    if (m.endOfCandidates()) {
      md = md.addFlag("end-of-candidates");
    }
    if (m.bundleOnly()) {
      md = md.addFlag("bundle-only");
    }
    if (m.iceUfrag() != null) {
      md = md.addAttribute("ice-ufrag", m.iceUfrag());
    }
    if (m.icePwd() != null) {
      md = md.addAttribute("ice-pwd", m.icePwd());
    }
    if (!m.iceOptions().isEmpty()) {
      md = md.addAttribute("ice-options", String.join(" ", m.iceOptions()));
    }
    for (Fingerprint f : m.fingerprints()) {
      md = md.addAttribute("fingerprint", f.algorithm() + " " + f.value());
    }
    if (m.setup() != null) {
      md = md.addAttribute("setup", m.setup());
    }
    if (m.mid() != null) {
      md = md.addAttribute("mid", m.mid());
    }
    if (m.isApplication()) {
      boolean legacy = !m.formats().contains("webrtc-datachannel");
      if (m.sctpPort() >= 0 && legacy) {
        // Answering the draft-ietf-mmusic-sctp-sdp-05 form (aiortc 1.4, old Firefox) in kind, as
        // Chrome does: the port is the m= line's format, described by a=sctpmap.
        md = md.addAttribute("sctpmap", m.sctpPort() + " webrtc-datachannel 1024");
      } else if (m.sctpPort() >= 0) {
        md = md.addAttribute("sctp-port", Integer.toString(m.sctpPort()));
      }
      if (m.maxMessageSize() >= 0) {
        md = md.addAttribute("max-message-size", Long.toString(m.maxMessageSize()));
      }
      return md;
    }
    for (HeaderExtension e : m.extensions()) {
      md = md.addAttribute("extmap", e.id() + " " + e.uri());
    }
    md = md.addFlag(m.direction().sdpName());
    for (Msid msid : m.msids()) {
      md = md.addAttribute("msid", msid.streamId() + " " + msid.trackId());
    }
    if (m.rtcpMux()) {
      md = md.addFlag("rtcp-mux");
    }
    if (m.rtcpRsize()) {
      md = md.addFlag("rtcp-rsize");
    }
    for (RtpCodec c : m.codecs()) {
      md = md.addAttribute("rtpmap", c.payloadType() + " " + c.rtpmap());
      for (String fb : c.rtcpFeedback()) {
        md = md.addAttribute("rtcp-fb", c.payloadType() + " " + fb);
      }
      if (!c.fmtp().isEmpty()) {
        md = md.addAttribute("fmtp", c.payloadType() + " " + c.fmtp());
      }
    }
    if (!m.ssrcs().isEmpty()) {
      if (m.ssrcs().size() > 1) {
        StringBuilder g = new StringBuilder("FID");
        for (long ssrc : m.ssrcs()) {
          g.append(' ').append(ssrc);
        }
        md = md.addAttribute("ssrc-group", g.toString());
      }
      for (long ssrc : m.ssrcs()) {
        md = md.addAttribute("ssrc", ssrc + " cname:" + m.cname());
        for (Msid msid : m.msids()) {
          md = md.addAttribute("ssrc", ssrc + " msid:" + msid.streamId() + " " + msid.trackId());
        }
      }
    }
    return md;
  }

  @Override
  public JsepDescription read(SdpType type, String sdp) {
    SessionDescription s;
    try {
      s = SessionDescription.parse(sdp);
    } catch (SdpParseException e) {
      throw new PcException(PcException.Kind.SDP_SYNTAX, e.getMessage(), e.lineNumber());
    }
    try {
      return translate(type, sdp, s);
    } catch (IllegalArgumentException e) {
      throw new PcException(PcException.Kind.SDP_SYNTAX, "invalid SDP: " + e.getMessage());
    }
  }

  private static JsepDescription translate(SdpType type, String sdp, SessionDescription s) {
    List<List<String>> bundles = new ArrayList<>();
    for (Group g : s.bundleGroups()) {
      bundles.add(g.mids());
    }
    List<MediaSection> media = new ArrayList<>();
    for (MediaDescription md : s.media()) {
      media.add(readMedia(s, md));
    }
    long sessionId = parseLong(s.origin().sessionId());
    long version = parseLong(s.origin().sessionVersion());
    return new JsepDescription(type, sessionId, version, bundles, media, sdp);
  }

  private static long parseLong(String digits) {
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  private static MediaSection readMedia(SessionDescription s, MediaDescription md) {
    MediaSection.Builder b = MediaSection.builder(md.media(), md.proto());
    b.port = md.port();
    b.formats = new ArrayList<>(md.formats());
    b.mid = md.mid().orElse(null);
    b.direction = Direction.fromSdpName(md.direction().or(s::direction).map(d -> d.attributeName()).orElse("sendrecv"));
    if (b.direction == null) {
      b.direction = Direction.SENDRECV;
    }
    b.iceUfrag = md.iceUfrag().or(s::iceUfrag).orElse(null);
    b.icePwd = md.icePwd().or(s::icePwd).orElse(null);
    b.iceOptions = new ArrayList<>(md.iceOptions().or(s::iceOptions).map(o -> o.options()).orElse(List.of()));
    var fps = md.fingerprints().isEmpty() ? s.fingerprints() : md.fingerprints();
    for (var f : fps) {
      b.fingerprints.add(new Fingerprint(f.hashFunction(), f.fingerprint()));
    }
    b.setup = md.setup().or(s::setup).map(x -> x.value()).orElse(null);
    b.rtcpMux = md.has(Flag.RTCP_MUX);
    b.rtcpRsize = md.has(Flag.RTCP_RSIZE);
    for (var msid : md.msids()) {
      b.msids.add(new Msid(msid.streamId(), msid.trackId() == null ? "" : msid.trackId()));
    }
    if (b.msids.isEmpty()) {
      // Plan B style (and older Firefox): msid only on a=ssrc lines.
      for (Ssrc ssrc : md.ssrcs()) {
        if (ssrc.attribute().equals("msid") && ssrc.attributeValue() != null) {
          String[] parts = ssrc.attributeValue().trim().split("\\s+");
          Msid m = new Msid(parts[0], parts.length > 1 ? parts[1] : "");
          if (!b.msids.contains(m)) {
            b.msids.add(m);
          }
        }
      }
    }
    Set<Long> ssrcs = new LinkedHashSet<>();
    for (SsrcGroup g : md.ssrcGroups()) {
      if (g.semantics().equals("FID")) {
        ssrcs.addAll(g.ssrcs());
      }
    }
    for (Ssrc ssrc : md.ssrcs()) {
      ssrcs.add(ssrc.ssrc());
      if (ssrc.attribute().equals("cname") && ssrc.attributeValue() != null && b.cname.isEmpty()) {
        b.cname = ssrc.attributeValue();
      }
    }
    b.ssrcs = new ArrayList<>(ssrcs);
    for (Candidate c : md.candidates()) {
      b.candidates.add(c.value());
    }
    b.endOfCandidates = md.endOfCandidates() || s.endOfCandidates();
    b.bundleOnly = md.has(Flag.BUNDLE_ONLY);
    if (md.isRtp()) {
      for (Extmap e : md.extmaps()) {
        b.extensions.add(new HeaderExtension(e.id(), e.uri()));
      }
      List<RtpCodec> codecs = new ArrayList<>();
      for (String f : md.formats()) {
        int pt;
        try {
          pt = Integer.parseInt(f);
        } catch (NumberFormatException e) {
          continue;
        }
        if (pt < 0 || pt > 127) {
          continue;
        }
        Optional<Rtpmap> map = md.rtpmap(pt);
        RtpCodec c;
        if (map.isPresent()) {
          Rtpmap r = map.get();
          c = new RtpCodec(pt, r.encodingName(), (int) r.clockRate(), r.encodingParameters().orElse(1), "", List.of());
        } else if (Codecs.STATIC.containsKey(pt)) {
          c = Codecs.STATIC.get(pt);
        } else {
          continue;
        }
        Optional<Fmtp> fmtp = md.fmtp(pt);
        if (fmtp.isPresent()) {
          String v = fmtp.get().value();
          int sp = v.indexOf(' ');
          c = c.withFmtp(sp < 0 ? "" : v.substring(sp + 1));
        }
        List<String> fb = new ArrayList<>();
        for (RtcpFb r : md.rtcpFbs(pt)) {
          fb.add(r.parameters() == null ? r.feedbackType() : r.feedbackType() + " " + r.parameters());
        }
        codecs.add(c.withRtcpFeedback(fb));
      }
      b.codecs = codecs;
    }
    if (md.media().equals("application")) {
      md.attributeValue("sctp-port").ifPresent(v -> b.sctpPort = Integer.parseInt(v.trim()));
      md.attributeValue("max-message-size").ifPresent(v -> b.maxMessageSize = Long.parseLong(v.trim()));
      if (b.sctpPort < 0) {
        // draft-ietf-mmusic-sctp-sdp-05 (old Firefox): a=sctpmap:5000 webrtc-datachannel 1024
        for (Attribute a : md.attributes("sctpmap")) {
          String v = a.value() == null ? "" : a.value().trim();
          String[] parts = v.split("\\s+");
          try {
            b.sctpPort = Integer.parseInt(parts[0]);
          } catch (NumberFormatException e) {
            // not a port: leave it absent
          }
        }
        if (b.sctpPort < 0 && md.formats().size() == 1 && !md.formats().get(0).equals("webrtc-datachannel")) {
          try {
            b.sctpPort = Integer.parseInt(md.formats().get(0));
          } catch (NumberFormatException e) {
            // keep absent
          }
        }
      }
    }
    MediaSection m = b.build();
    if (!md.isRtp()) {
      return m;
    }
    // Keep the m-line's formats even for payload types we could not map.
    return new MediaSection(m.kind(), m.port(), m.protocol(), md.formats(), m.mid(), m.direction(), m.codecs(),
        m.extensions(), m.iceUfrag(), m.icePwd(), m.iceOptions(), m.fingerprints(), m.setup(), m.rtcpMux(),
        m.rtcpRsize(), m.msids(), m.ssrcs(), m.cname(), m.sctpPort(), m.maxMessageSize(), m.candidates(),
        m.endOfCandidates(), m.bundleOnly());
  }

  @Override
  public String checkCandidate(String candidate) {
    try {
      return Candidate.parse(candidate).value();
    } catch (IllegalArgumentException e) {
      throw PcException.operation("not an ICE candidate: " + e.getMessage());
    }
  }
}

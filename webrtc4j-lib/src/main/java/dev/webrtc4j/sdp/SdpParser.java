package dev.webrtc4j.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The parser behind {@link SessionDescription#parse(String)}. */
final class SdpParser {
  private SdpParser() {}

  /** Validators of the known value attributes, by name. */
  private static final Map<String, Function<String, ?>> VALUE_ATTRIBUTES = Map.ofEntries(
      Map.entry("candidate", Candidate::parse),
      Map.entry("fingerprint", Fingerprint::parse),
      Map.entry("setup", Setup::parse),
      Map.entry("extmap", Extmap::parse),
      Map.entry("ssrc", Ssrc::parse),
      Map.entry("ssrc-group", SsrcGroup::parse),
      Map.entry("rid", Rid::parse),
      Map.entry("simulcast", Simulcast::parse),
      Map.entry("group", Group::parse),
      Map.entry("msid", Msid::parse),
      Map.entry("msid-semantic", MsidSemantic::parse),
      Map.entry("ice-options", IceOptions::parse),
      Map.entry("ice-ufrag", IceUfrag::parse),
      Map.entry("ice-pwd", IcePwd::parse),
      Map.entry("mid", Mid::parse),
      Map.entry("sctp-port", SctpPort::parse),
      Map.entry("sctpmap", Sctpmap::parse),
      Map.entry("max-message-size", MaxMessageSize::parse),
      Map.entry("rtcp", Rtcp::parse),
      Map.entry("identity", Identity::parse));

  /** Validated only inside RTP media sections: elsewhere their format need not be a payload type. */
  private static final Map<String, Function<String, ?>> RTP_ATTRIBUTES = Map.of(
      "rtpmap", Rtpmap::parse,
      "fmtp", Fmtp::parse,
      "rtcp-fb", RtcpFb::parse);

  private record Line(int number, String raw) {
    char type() {
      return raw.charAt(0);
    }

    String text() {
      return raw.substring(2);
    }

    SdpParseException error(String reason) {
      return new SdpParseException(number, raw, reason);
    }
  }

  static SessionDescription parse(String sdp) {
    List<Line> lines = split(sdp);
    if (lines.isEmpty()) throw new SdpParseException(1, "", "session description is empty");
    for (Line l : lines) checkSyntax(l);

    int i = 0;
    Line v = lines.get(i++);
    if (v.type() != 'v') throw v.error("expected v= as the first line");
    if (!v.text().equals("0")) throw v.error("unsupported version (only v=0 exists)");
    Line o = next(lines, i++, 'o', v);
    Origin origin;
    try {
      origin = Origin.parse(o.text());
    } catch (IllegalArgumentException e) {
      throw o.error(reason(e));
    }
    Line s = next(lines, i++, 's', o);
    String sessionName = s.text();

    List<SdpLine> sessionLines = new ArrayList<>();
    boolean timing = false;
    while (i < lines.size() && lines.get(i).type() != 'm') {
      Line l = lines.get(i++);
      if (l.type() == 't') timing = true;
      sessionLines.add(toSdpLine(l, false));
    }
    if (!timing) {
      Line at = i < lines.size() ? lines.get(i) : lines.get(lines.size() - 1);
      throw at.error("no t= line before the media sections (RFC 8866 §5.9 requires one)");
    }

    List<MediaDescription> media = new ArrayList<>();
    while (i < lines.size()) {
      Line m = lines.get(i++);
      MediaDescription section;
      try {
        section = MediaDescription.parseMediaLine(m.text());
        if (section.isRtp()) section.payloadTypes();
      } catch (IllegalArgumentException e) {
        throw m.error(reason(e));
      }
      List<SdpLine> mediaLines = new ArrayList<>();
      while (i < lines.size() && lines.get(i).type() != 'm') {
        mediaLines.add(toSdpLine(lines.get(i++), section.isRtp()));
      }
      media.add(section.withLines(mediaLines));
    }
    return new SessionDescription(origin, sessionName, sessionLines, media);
  }

  private static Line next(List<Line> lines, int i, char type, Line previous) {
    if (i >= lines.size()) throw previous.error("expected a " + type + "= line after this one");
    Line l = lines.get(i);
    if (l.type() != type) throw l.error("expected " + type + "= here (RFC 8866 §5 order: v, o, s)");
    return l;
  }

  private static SdpLine toSdpLine(Line l, boolean rtpSection) {
    try {
      return switch (l.type()) {
        case 'v', 'o', 's' -> throw new IllegalArgumentException(l.type() + "= may appear only once, at the start");
        case 'a' -> attribute(l.text(), rtpSection);
        case 'c' -> {
          Connection.parse(l.text());
          yield new Field('c', l.text());
        }
        case 'b' -> {
          Bandwidth.parse(l.text());
          yield new Field('b', l.text());
        }
        case 't' -> {
          Timing.parse(l.text());
          yield new Field('t', l.text());
        }
        default -> new Field(l.type(), l.text());
      };
    } catch (IllegalArgumentException e) {
      throw l.error(reason(e));
    }
  }

  private static Attribute attribute(String text, boolean rtpSection) {
    Attribute a = Attribute.parse(text);
    Function<String, ?> validator = VALUE_ATTRIBUTES.get(a.name());
    if (validator == null && rtpSection) validator = RTP_ATTRIBUTES.get(a.name());
    if (validator != null) {
      if (a.value() == null) throw new IllegalArgumentException("a=" + a.name() + " needs a value");
      validator.apply(a.value());
    }
    return a;
  }

  /** Chrome's line rule: {@code <lowercase letter>=<value>}, value not starting with a space (except s=). */
  private static void checkSyntax(Line l) {
    String raw = l.raw();
    if (raw.length() < 2 || raw.charAt(1) != '=') throw l.error("not a <type>=<value> line");
    char t = raw.charAt(0);
    if (t < 'a' || t > 'z') throw l.error("line type is not a lowercase letter");
    if (raw.length() == 2) throw l.error("line has no value");
    if (t != 's' && raw.charAt(2) == ' ') throw l.error("value starts with a space");
    if (raw.indexOf('\r') >= 0) throw l.error("line contains a CR that does not end it");
    if (raw.indexOf('\0') >= 0) throw l.error("line contains a NUL character");
  }

  /** Splits at LF, dropping a CR before it; trailing empty lines are ignored, inner ones are errors. */
  private static List<Line> split(String sdp) {
    List<Line> out = new ArrayList<>();
    int start = 0;
    int number = 1;
    while (start < sdp.length()) {
      int lf = sdp.indexOf('\n', start);
      int end = lf < 0 ? sdp.length() : lf;
      int contentEnd = end > start && sdp.charAt(end - 1) == '\r' ? end - 1 : end;
      out.add(new Line(number++, sdp.substring(start, contentEnd)));
      start = lf < 0 ? sdp.length() : lf + 1;
    }
    int last = out.size();
    while (last > 0 && out.get(last - 1).raw().isEmpty()) last--;
    List<Line> lines = out.subList(0, last);
    for (Line l : lines) {
      if (l.raw().isEmpty()) throw l.error("empty line");
    }
    return lines;
  }

  private static String reason(IllegalArgumentException e) {
    String m = e.getMessage();
    return m == null || m.isEmpty() ? "malformed" : m;
  }
}

package dev.webrtc4j.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A session description, <a href="https://www.rfc-editor.org/rfc/rfc8866#section-5">RFC 8866
 * §5</a>, at the syntax level:
 *
 * <pre>
 * v=0
 * o=&lt;origin&gt;
 * s=&lt;session name&gt;
 * ...session-level lines in order (i u e p c b t r z k a, and unknown ones)...
 * m=... media sections, each with its lines in order
 * </pre>
 *
 * <p>{@link #parse(String)} keeps every line, so {@code parse(sdp).serialize()} gives back a
 * canonical {@code sdp} byte for byte. Output lines end with CRLF. Input accepts CRLF, LF alone,
 * or a mix, as Chrome does; see {@link #parse(String)} for the other leniencies.
 *
 * @param origin the {@code o=} line
 * @param sessionName the {@code s=} text ({@code -} in WebRTC)
 * @param lines the session-level lines after {@code s=}, in order; at least one {@code t=}
 * @param media the media sections, in order
 */
public record SessionDescription(Origin origin, String sessionName, List<SdpLine> lines, List<MediaDescription> media)
    implements SdpSection<SessionDescription> {
  public SessionDescription {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(sessionName, "sessionName");
    Tokens.check(!sessionName.isEmpty(), "session name is empty (write \"-\" for none)");
    Tokens.check(sessionName.indexOf('\r') < 0 && sessionName.indexOf('\n') < 0 && sessionName.indexOf('\0') < 0,
        "session name contains CR, LF or NUL");
    lines = Lines.copy(lines);
    media = Tokens.copy(media, "media");
    Tokens.check(lines.stream().anyMatch(l -> l.type() == 't'),
        "session has no t= line (RFC 8866 §5.9 requires one; WebRTC writes t=0 0)");
  }

  /** {@code v=0}, this origin, {@code s=-}, {@code t=0 0}, nothing else (RFC 8829 §5.2.1). */
  public static SessionDescription of(Origin origin) {
    return new SessionDescription(origin, "-", List.of(Field.of(Timing.UNBOUNDED)), List.of());
  }

  /**
   * Parses a session description.
   *
   * <p>Accepted beyond the strict grammar, as Chrome's parser accepts it: lines ending in LF
   * alone, or a mix of CRLF and LF; and, beyond Chrome, a last line without terminator and empty
   * lines at the very end (what editors and shells leave in files). Rejected: an empty line
   * anywhere else, a line that is not {@code <lowercase letter>=<value>}, a value that starts
   * with a space (except {@code s=}), a missing or misplaced {@code v=}, {@code o=}, {@code s=},
   * no session-level {@code t=}, and any malformed known line or attribute.
   *
   * @throws SdpParseException naming the line number and the line
   */
  public static SessionDescription parse(String sdp) {
    return SdpParser.parse(sdp);
  }

  /** Always 0 (RFC 8866 §5.1). */
  public int version() {
    return 0;
  }

  /** The description as text, every line ending with CRLF. */
  public String serialize() {
    StringBuilder sb = new StringBuilder(1024);
    sb.append("v=0\r\n");
    sb.append("o=").append(origin.text()).append("\r\n");
    sb.append("s=").append(sessionName).append("\r\n");
    for (SdpLine l : lines) sb.append(l.type()).append('=').append(l.text()).append("\r\n");
    for (MediaDescription m : media) {
      sb.append("m=").append(m.mediaLine()).append("\r\n");
      for (SdpLine l : m.lines()) sb.append(l.type()).append('=').append(l.text()).append("\r\n");
    }
    return sb.toString();
  }

  /** Same as {@link #serialize()}. */
  @Override
  public String toString() {
    return serialize();
  }

  @Override
  public SessionDescription withLines(List<SdpLine> lines) {
    return new SessionDescription(origin, sessionName, lines, media);
  }

  public SessionDescription withOrigin(Origin origin) {
    return new SessionDescription(origin, sessionName, lines, media);
  }

  public SessionDescription withSessionName(String sessionName) {
    return new SessionDescription(origin, sessionName, lines, media);
  }

  public SessionDescription withMedia(List<MediaDescription> media) {
    return new SessionDescription(origin, sessionName, lines, media);
  }

  /** A copy with section {@code index} replaced. */
  public SessionDescription withMedia(int index, MediaDescription section) {
    List<MediaDescription> m = new ArrayList<>(media);
    m.set(index, Objects.requireNonNull(section, "section"));
    return withMedia(m);
  }

  /** A copy with {@code section} appended. */
  public SessionDescription addMedia(MediaDescription section) {
    List<MediaDescription> m = new ArrayList<>(media);
    m.add(Objects.requireNonNull(section, "section"));
    return withMedia(m);
  }

  /** The section whose {@code a=mid} is {@code mid}. */
  public Optional<MediaDescription> mediaByMid(String mid) {
    for (MediaDescription m : media) {
      if (m.mid().filter(mid::equals).isPresent()) return Optional.of(m);
    }
    return Optional.empty();
  }

  /** The index of the section whose {@code a=mid} is {@code mid}, or -1. */
  public int indexOfMid(String mid) {
    for (int i = 0; i < media.size(); i++) {
      if (media.get(i).mid().filter(mid::equals).isPresent()) return i;
    }
    return -1;
  }

  /** The first {@code t=} line (RFC 8866 §5.9). */
  public Optional<Timing> timing() {
    return fields('t').stream().findFirst().map(f -> Timing.parse(f.text()));
  }

  /** {@code a=group} lines (RFC 5888 §5). */
  public List<Group> groups() {
    return Lines.typed(lines, "group", Group::parse);
  }

  /** The {@code a=group:BUNDLE} lines (RFC 8843). */
  public List<Group> bundleGroups() {
    return groups().stream().filter(Group::isBundle).toList();
  }

  /** {@code a=msid-semantic} lines. */
  public List<MsidSemantic> msidSemantics() {
    return Lines.typed(lines, "msid-semantic", MsidSemantic::parse);
  }

  /** {@code a=ice-lite} (RFC 8839 §5.3). */
  public boolean iceLite() {
    return has(Flag.ICE_LITE);
  }

  /** {@code a=identity} (RFC 8827 §5). */
  public Optional<Identity> identity() {
    return attribute("identity").map(a -> Identity.parse(a.value()));
  }
}

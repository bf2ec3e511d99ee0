package dev.webrtc4j.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the session level and a media section have in common: an ordered list of lines after
 * their first line(s), lookups by attribute name, typed views of the attributes that may appear at
 * either level, and copy-on-write edits.
 *
 * <p>Typed accessors parse on each call. A description from {@link SessionDescription#parse} has
 * been validated, so they do not fail on it; on lines built by hand from raw {@link Attribute}s
 * they throw {@link IllegalArgumentException} if a known attribute is malformed. Singular
 * accessors return the first matching attribute.
 *
 * @param <S> the section type, returned by the edits
 */
public sealed interface SdpSection<S extends SdpSection<S>> permits SessionDescription, MediaDescription {
  /** The lines in order (for a media section: after the {@code m=} line). */
  List<SdpLine> lines();

  /** A copy with these lines. */
  S withLines(List<SdpLine> lines);

  // ---- lookups ----

  /** Every attribute, in order. */
  default List<Attribute> attributes() {
    List<Attribute> out = new ArrayList<>();
    for (SdpLine l : lines()) {
      if (l instanceof Attribute a) out.add(a);
    }
    return List.copyOf(out);
  }

  /** The attributes named {@code name}, in order. */
  default List<Attribute> attributes(String name) {
    return Lines.attributes(lines(), name);
  }

  /** The first attribute named {@code name}. */
  default Optional<Attribute> attribute(String name) {
    for (SdpLine l : lines()) {
      if (l instanceof Attribute a && a.name().equals(name)) return Optional.of(a);
    }
    return Optional.empty();
  }

  /** The value of the first attribute named {@code name} (empty also for a property attribute). */
  default Optional<String> attributeValue(String name) {
    return attribute(name).map(Attribute::value);
  }

  default boolean hasAttribute(String name) {
    return attribute(name).isPresent();
  }

  /** Whether this property attribute is present. */
  default boolean has(Flag flag) {
    return hasAttribute(flag.attributeName());
  }

  /** The non-attribute lines of this type letter, in order. */
  default List<Field> fields(char type) {
    List<Field> out = new ArrayList<>();
    for (SdpLine l : lines()) {
      if (l instanceof Field f && f.type() == type) out.add(f);
    }
    return List.copyOf(out);
  }

  /** The {@code c=} line (RFC 8866 §5.7). */
  default Optional<Connection> connection() {
    return fields('c').stream().findFirst().map(f -> Connection.parse(f.text()));
  }

  /** The {@code b=} lines (RFC 8866 §5.8). */
  default List<Bandwidth> bandwidths() {
    return fields('b').stream().map(f -> Bandwidth.parse(f.text())).toList();
  }

  // ---- attributes allowed at both levels ----

  /** {@code a=ice-ufrag} (RFC 8839 §5.4). */
  default Optional<String> iceUfrag() {
    return attribute("ice-ufrag").map(a -> IceUfrag.parse(a.value()).ufrag());
  }

  /** {@code a=ice-pwd} (RFC 8839 §5.4). */
  default Optional<String> icePwd() {
    return attribute("ice-pwd").map(a -> IcePwd.parse(a.value()).password());
  }

  /** {@code a=ice-options} (RFC 8839 §5.6). */
  default Optional<IceOptions> iceOptions() {
    return attribute("ice-options").map(a -> IceOptions.parse(a.value()));
  }

  /** {@code a=fingerprint} lines (RFC 8122 §5). */
  default List<Fingerprint> fingerprints() {
    return Lines.typed(lines(), "fingerprint", Fingerprint::parse);
  }

  /** {@code a=setup} (RFC 4145 §4). */
  default Optional<Setup> setup() {
    return attribute("setup").map(a -> Setup.parse(a.value()));
  }

  /** The first direction attribute (RFC 8866 §6.7); absent means sendrecv. */
  default Optional<Direction> direction() {
    for (SdpLine l : lines()) {
      if (l instanceof Attribute a) {
        Optional<Direction> d = Direction.fromAttributeName(a.name());
        if (d.isPresent()) return d;
      }
    }
    return Optional.empty();
  }

  /** {@code a=extmap} lines (RFC 8285 §8). */
  default List<Extmap> extmaps() {
    return Lines.typed(lines(), "extmap", Extmap::parse);
  }

  /** {@code a=extmap-allow-mixed} (RFC 8285 §6). */
  default boolean extmapAllowMixed() {
    return has(Flag.EXTMAP_ALLOW_MIXED);
  }

  /** {@code a=candidate} lines (RFC 8839 §5.1). */
  default List<Candidate> candidates() {
    return Lines.typed(lines(), "candidate", Candidate::parse);
  }

  /** {@code a=end-of-candidates} (RFC 8840 §8.2). */
  default boolean endOfCandidates() {
    return has(Flag.END_OF_CANDIDATES);
  }

  // ---- edits (copies) ----

  /** A copy with {@code line} added: attributes at the end, other lines in RFC 8866 order. */
  default S addLine(SdpLine line) {
    return withLines(Lines.add(lines(), line));
  }

  /** A copy with the attribute appended. */
  default S addAttribute(TypedAttribute attribute) {
    return addLine(attribute.toAttribute());
  }

  /** A copy with {@code a=name:value} appended. */
  default S addAttribute(String name, String value) {
    return addLine(Attribute.of(name, value));
  }

  /** A copy with the property attribute {@code a=name} appended. */
  default S addFlag(String name) {
    return addLine(Attribute.flag(name));
  }

  /** A copy without any attribute named {@code name}. */
  default S removeAttributes(String name) {
    return withLines(Lines.remove(lines(), Lines.attributeNamed(name)));
  }

  /** A copy without any {@code type=} line. */
  default S removeFields(char type) {
    return withLines(Lines.remove(lines(), Lines.fieldOfType(type)));
  }

  /**
   * A copy where every attribute of this name is replaced by this one, placed where the first of
   * them was (appended if there was none).
   */
  default S replaceAttribute(TypedAttribute attribute) {
    return replaceAttribute(attribute.toAttribute());
  }

  /** As {@link #replaceAttribute(TypedAttribute)}, for a raw attribute. */
  default S replaceAttribute(Attribute attribute) {
    return withLines(Lines.replace(lines(), Lines.attributeNamed(attribute.name()), attribute));
  }

  /** A copy with exactly one direction attribute, {@code direction}, where the first one was. */
  default S withDirection(Direction direction) {
    Set<String> names = Set.of("sendrecv", "sendonly", "recvonly", "inactive");
    return withLines(Lines.replace(lines(), Lines.attributeNamedAny(names), direction.toAttribute()));
  }

  /** A copy whose {@code c=} line is {@code connection}. */
  default S withConnection(Connection connection) {
    return withLines(Lines.replace(lines(), Lines.fieldOfType('c'), Field.of(connection)));
  }

  /** A copy with {@code a=ice-ufrag} and {@code a=ice-pwd} set (an ICE restart, RFC 8839 §4.4.1.1.1). */
  default S withIceCredentials(String ufrag, String password) {
    return replaceAttribute(new IceUfrag(ufrag)).replaceAttribute(new IcePwd(password));
  }
}

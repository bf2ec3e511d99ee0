package dev.webrtc4j.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/** List surgery on the lines of a section; every method returns a new list. */
final class Lines {
  private Lines() {}

  /** RFC 8866 §5 order of the non-attribute lines; unknown letters go just before the attributes. */
  private static final String ORDER = "iuepcbtrzk";

  static List<SdpLine> copy(List<SdpLine> lines) {
    return Tokens.copy(lines, "lines");
  }

  static int rank(char type) {
    if (type == 'a') return ORDER.length() + 1;
    int i = ORDER.indexOf(type);
    return i < 0 ? ORDER.length() : i;
  }

  /** Appends an attribute at the end; places a field after the last line of the same or an earlier kind. */
  static List<SdpLine> add(List<SdpLine> lines, SdpLine line) {
    List<SdpLine> out = new ArrayList<>(lines);
    if (line instanceof Attribute) {
      out.add(line);
      return out;
    }
    int r = rank(line.type());
    int at = 0;
    for (int i = 0; i < out.size(); i++) {
      if (rank(out.get(i).type()) <= r) at = i + 1;
    }
    out.add(at, line);
    return out;
  }

  static List<SdpLine> remove(List<SdpLine> lines, Predicate<SdpLine> which) {
    List<SdpLine> out = new ArrayList<>(lines);
    out.removeIf(which);
    return out;
  }

  /** Removes the lines {@code which} selects and puts {@code line} where the first of them was (else adds it). */
  static List<SdpLine> replace(List<SdpLine> lines, Predicate<SdpLine> which, SdpLine line) {
    List<SdpLine> out = new ArrayList<>();
    boolean placed = false;
    for (SdpLine l : lines) {
      if (which.test(l)) {
        if (!placed) {
          out.add(line);
          placed = true;
        }
      } else {
        out.add(l);
      }
    }
    return placed ? out : add(out, line);
  }

  static Predicate<SdpLine> attributeNamed(String name) {
    return l -> l instanceof Attribute a && a.name().equals(name);
  }

  static Predicate<SdpLine> attributeNamedAny(Set<String> names) {
    return l -> l instanceof Attribute a && names.contains(a.name());
  }

  static Predicate<SdpLine> fieldOfType(char type) {
    return l -> l instanceof Field f && f.type() == type;
  }

  static List<Attribute> attributes(List<SdpLine> lines, String name) {
    List<Attribute> out = new ArrayList<>();
    for (SdpLine l : lines) {
      if (l instanceof Attribute a && a.name().equals(name)) out.add(a);
    }
    return List.copyOf(out);
  }

  /** As {@link #typed}, leaving out the values that do not parse. */
  static <T> List<T> typedParseable(List<SdpLine> lines, String name, Function<String, T> parser) {
    List<T> out = new ArrayList<>();
    for (SdpLine l : lines) {
      if (l instanceof Attribute a && a.name().equals(name) && a.value() != null) {
        try {
          out.add(parser.apply(a.value()));
        } catch (IllegalArgumentException e) {
          // not an RTP-style value; the raw line is still in lines()
        }
      }
    }
    return List.copyOf(out);
  }

  static <T> List<T> typed(List<SdpLine> lines, String name, Function<String, T> parser) {
    List<T> out = new ArrayList<>();
    for (SdpLine l : lines) {
      if (l instanceof Attribute a && a.name().equals(name)) out.add(parser.apply(a.value()));
    }
    return List.copyOf(out);
  }
}

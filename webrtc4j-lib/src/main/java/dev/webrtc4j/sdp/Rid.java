package dev.webrtc4j.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * <a href="https://www.rfc-editor.org/rfc/rfc8851#section-10">RFC 8851 §10</a>:
 *
 * <pre>
 * a=rid:&lt;rid-id&gt; send|recv [pt=&lt;fmt&gt;[,&lt;fmt&gt;...]][;]&lt;param&gt;[=&lt;value&gt;];...
 * </pre>
 *
 * e.g. {@code h send}, {@code 1 send pt=96,97;max-width=1280;max-height=720}.
 *
 * @param id the RTP stream id, 1*(alpha-numeric / "-" / "_")
 * @param direction send or recv
 * @param payloadTypes the {@code pt=} list, empty if absent
 * @param restrictions the other parameters in order ({@code max-width}, {@code max-fps}, ...)
 */
public record Rid(String id, RidDirection direction, List<Integer> payloadTypes, List<Parameter> restrictions)
    implements TypedAttribute {
  public Rid {
    Objects.requireNonNull(id, "id");
    Tokens.check(isRidId(id), "rid id is not 1*(alpha-numeric / \"-\" / \"_\"): \"" + id + "\"");
    Objects.requireNonNull(direction, "direction");
    payloadTypes = Tokens.copy(payloadTypes, "payloadTypes");
    for (int pt : payloadTypes) Tokens.check(pt >= 0 && pt <= 127, "payload type is out of range [0, 127]: " + pt);
    restrictions = Tokens.copy(restrictions, "restrictions");
    for (Parameter p : restrictions) {
      Tokens.requireToken(p.name(), "rid parameter name");
      Tokens.check(!p.name().equals("pt"), "pt= must come first and once");
      if (p.value() != null) Tokens.requireVisible(p.value(), "rid parameter " + p.name());
    }
  }

  public static Rid of(String id, RidDirection direction) {
    return new Rid(id, direction, List.of(), List.of());
  }

  public static Rid parse(@Nullable String value) {
    var f = Tokens.fields(Tokens.valueOf(value, "rid"));
    Tokens.check(f.size() == 2 || f.size() == 3, "rid needs an id, a direction and at most one parameter list");
    RidDirection dir = RidDirection.parse(f.get(1));
    List<Integer> pts = new ArrayList<>();
    List<Parameter> params = new ArrayList<>();
    if (f.size() == 3) {
      String[] parts = f.get(2).split(";", -1);
      for (int i = 0; i < parts.length; i++) {
        Tokens.check(!parts[i].isEmpty(), "rid parameter is empty");
        Parameter p = Parameter.parseAssignment(parts[i]);
        if (i == 0 && p.name().equals("pt")) {
          Tokens.check(p.value() != null && !p.value().isEmpty(), "pt= has no payload type");
          for (String pt : Objects.requireNonNull(p.value()).split(",", -1)) {
            pts.add(Tokens.intNumber(pt, 0, 127, "payload type"));
          }
        } else {
          params.add(p);
        }
      }
    }
    return new Rid(f.get(0), dir, pts, params);
  }

  /** The value of the first restriction with this name, e.g. {@code max-width}. */
  public Optional<String> restriction(String name) {
    for (Parameter p : restrictions) {
      if (p.name().equals(name)) return Optional.ofNullable(p.value());
    }
    return Optional.empty();
  }

  @Override
  public String attributeName() {
    return "rid";
  }

  @Override
  public String value() {
    List<String> parts = new ArrayList<>();
    if (!payloadTypes.isEmpty()) {
      List<String> pts = new ArrayList<>();
      for (int pt : payloadTypes) pts.add(Integer.toString(pt));
      parts.add("pt=" + String.join(",", pts));
    }
    for (Parameter p : restrictions) parts.add(p.format());
    String base = id + " " + direction.token();
    return parts.isEmpty() ? base : base + " " + String.join(";", parts);
  }

  static boolean isRidId(String s) {
    if (s.isEmpty()) return false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
      if (!ok) return false;
    }
    return true;
  }
}

package dev.webrtc4j.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * <a href="https://www.rfc-editor.org/rfc/rfc5576#section-4.2">RFC 5576 §4.2</a>:
 * {@code a=ssrc-group:<semantics> <ssrc-id> ...}, e.g. {@code FID 1234 5678} (RTX) or {@code SIM 1 2 3}.
 *
 * @param semantics e.g. {@code FID}, {@code FEC-FR}, {@code SIM}
 * @param ssrcs at least one, each 0 to 2³²−1
 */
public record SsrcGroup(String semantics, List<Long> ssrcs) implements TypedAttribute {
  public SsrcGroup {
    Tokens.requireToken(Objects.requireNonNull(semantics, "semantics"), "semantics");
    ssrcs = Tokens.copy(ssrcs, "ssrcs");
    Tokens.check(!ssrcs.isEmpty(), "ssrc-group has no ssrc");
    for (long s : ssrcs) Tokens.check(s >= 0 && s <= 0xFFFF_FFFFL, "ssrc is out of range [0, 4294967295]: " + s);
  }

  public static SsrcGroup of(String semantics, Long... ssrcs) {
    return new SsrcGroup(semantics, List.of(ssrcs));
  }

  public static SsrcGroup parse(@Nullable String value) {
    var f = Tokens.fields(Tokens.valueOf(value, "ssrc-group"));
    Tokens.check(f.size() >= 2, "ssrc-group needs semantics and at least one ssrc");
    List<Long> ids = new ArrayList<>();
    for (String s : f.subList(1, f.size())) ids.add(Tokens.number(s, 0, 0xFFFF_FFFFL, "ssrc"));
    return new SsrcGroup(f.get(0), ids);
  }

  @Override
  public String attributeName() {
    return "ssrc-group";
  }

  @Override
  public String value() {
    StringBuilder sb = new StringBuilder(semantics);
    for (long s : ssrcs) sb.append(' ').append(s);
    return sb.toString();
  }
}

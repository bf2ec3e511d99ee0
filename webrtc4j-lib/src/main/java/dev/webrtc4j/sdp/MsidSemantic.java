package dev.webrtc4j.sdp;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * {@code a=msid-semantic:<semantic> [<identifier> ...]} (draft-ietf-mmusic-msid, still emitted by
 * browsers as {@code a=msid-semantic: WMS *} or {@code a=msid-semantic:WMS stream}). The space
 * Chrome writes after the colon is accepted; {@link #value()} writes none.
 *
 * @param semantic e.g. {@code WMS}
 * @param identifiers the stream ids, or {@code *}
 */
public record MsidSemantic(String semantic, List<String> identifiers) implements TypedAttribute {
  public MsidSemantic {
    Tokens.requireToken(Objects.requireNonNull(semantic, "semantic"), "msid semantic");
    identifiers = Tokens.copy(identifiers, "identifiers");
    for (String id : identifiers) Tokens.requireToken(id, "msid identifier");
  }

  public static MsidSemantic parse(@Nullable String value) {
    var f = Tokens.fields(Tokens.valueOf(value, "msid-semantic"));
    return new MsidSemantic(f.get(0), f.subList(1, f.size()));
  }

  @Override
  public String attributeName() {
    return "msid-semantic";
  }

  @Override
  public String value() {
    return identifiers.isEmpty() ? semantic : semantic + " " + String.join(" ", identifiers);
  }
}

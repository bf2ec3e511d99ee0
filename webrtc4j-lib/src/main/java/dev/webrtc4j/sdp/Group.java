package dev.webrtc4j.sdp;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * <a href="https://www.rfc-editor.org/rfc/rfc5888#section-5">RFC 5888 §5</a>:
 * {@code a=group:<semantics> *(SP <identification-tag>)}, e.g. {@code BUNDLE 0 1 2} (RFC 8843).
 *
 * @param semantics e.g. {@code BUNDLE}, {@code LS}
 * @param mids the media identification tags, in order (may be empty)
 */
public record Group(String semantics, List<String> mids) implements TypedAttribute {
  /** RFC 8843 §7.1. */
  public static final String BUNDLE = "BUNDLE";

  public Group {
    Tokens.requireToken(Objects.requireNonNull(semantics, "semantics"), "semantics");
    mids = Tokens.copy(mids, "mids");
    for (String m : mids) Tokens.requireToken(m, "identification tag");
  }

  /** {@code a=group:BUNDLE <mids>}. */
  public static Group bundle(List<String> mids) {
    return new Group(BUNDLE, mids);
  }

  public static Group parse(@Nullable String value) {
    var f = Tokens.fields(Tokens.valueOf(value, "group"));
    return new Group(f.get(0), f.subList(1, f.size()));
  }

  public boolean isBundle() {
    return semantics.equals(BUNDLE);
  }

  @Override
  public String attributeName() {
    return "group";
  }

  @Override
  public String value() {
    return mids.isEmpty() ? semantics : semantics + " " + String.join(" ", mids);
  }
}

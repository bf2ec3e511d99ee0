package dev.webrtc4j.sdp;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * <a href="https://www.rfc-editor.org/rfc/rfc8839#section-5.6">RFC 8839 §5.6</a>:
 * {@code a=ice-options:<tag> *(SP <tag>)}, e.g. {@code trickle} (RFC 8840) or {@code ice2}
 * (RFC 8445).
 *
 * <p>RFC 8839 allows only ice-chars in a tag; any token is accepted here, as Chrome does. Tags
 * separated by commas ({@code ice2,trickle}, as libjuice and libdatachannel write them) are read
 * as separate tags; {@link #value()} separates them with spaces, as the RFC does.
 *
 * @param options the option tags, in order, at least one
 */
public record IceOptions(List<String> options) implements TypedAttribute {
  public static final String TRICKLE = "trickle";
  public static final String ICE2 = "ice2";

  public IceOptions {
    options = Tokens.copy(options, "options");
    Tokens.check(!options.isEmpty(), "ice-options has no option");
    for (String o : options) Tokens.requireToken(o, "ice option");
  }

  public static IceOptions of(String... options) {
    return new IceOptions(List.of(options));
  }

  public static IceOptions parse(@Nullable String value) {
    List<String> tags = new java.util.ArrayList<>();
    for (String field : Tokens.fields(Tokens.valueOf(value, "ice-options"))) {
      for (String tag : field.split(",", -1)) {
        Tokens.check(!tag.isEmpty(), "ice option is empty: \"" + field + "\"");
        tags.add(tag);
      }
    }
    return new IceOptions(tags);
  }

  public boolean has(String option) {
    return options.contains(option);
  }

  public boolean trickle() {
    return has(TRICKLE);
  }

  public boolean ice2() {
    return has(ICE2);
  }

  @Override
  public String attributeName() {
    return "ice-options";
  }

  @Override
  public String value() {
    return String.join(" ", options);
  }
}

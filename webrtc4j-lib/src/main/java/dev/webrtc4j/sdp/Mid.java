package dev.webrtc4j.sdp;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * {@code a=mid:<id>}: <a href="https://www.rfc-editor.org/rfc/rfc5888#section-4">RFC 5888 §4, the media identification tag of a section, e.g. {@code 0}</a>.
 *
 * @param id the value, without spaces
 */
public record Mid(String id) implements TypedAttribute {
  public Mid {
    Tokens.requireToken(Objects.requireNonNull(id, "id"), "mid");
  }

  public static Mid parse(@Nullable String value) {
    return new Mid(Tokens.valueOf(value, "mid"));
  }

  @Override
  public String attributeName() {
    return "mid";
  }

  @Override
  public String value() {
    return id;
  }
}

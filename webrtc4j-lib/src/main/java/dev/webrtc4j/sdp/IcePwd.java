package dev.webrtc4j.sdp;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * {@code a=ice-pwd:<password>}: <a href="https://www.rfc-editor.org/rfc/rfc8839#section-5.4">RFC 8839 §5.4, the ICE password (22 to 256 ice-chars by the RFC; length is checked by JSEP, as in Chrome)</a>.
 *
 * @param password the value, without spaces
 */
public record IcePwd(String password) implements TypedAttribute {
  public IcePwd {
    Tokens.requireVisible(Objects.requireNonNull(password, "password"), "ice-pwd");
  }

  public static IcePwd parse(@Nullable String value) {
    return new IcePwd(Tokens.valueOf(value, "ice-pwd"));
  }

  @Override
  public String attributeName() {
    return "ice-pwd";
  }

  @Override
  public String value() {
    return password;
  }
}

package dev.webrtc4j.sdp;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * {@code a=ice-ufrag:<ufrag>}: <a href="https://www.rfc-editor.org/rfc/rfc8839#section-5.4">RFC 8839 §5.4, the ICE username fragment (4 to 256 ice-chars by the RFC; length is checked by JSEP, as in Chrome)</a>.
 *
 * @param ufrag the value, without spaces
 */
public record IceUfrag(String ufrag) implements TypedAttribute {
  public IceUfrag {
    Tokens.requireVisible(Objects.requireNonNull(ufrag, "ufrag"), "ice-ufrag");
  }

  public static IceUfrag parse(@Nullable String value) {
    return new IceUfrag(Tokens.valueOf(value, "ice-ufrag"));
  }

  @Override
  public String attributeName() {
    return "ice-ufrag";
  }

  @Override
  public String value() {
    return ufrag;
  }
}

package dev.webrtc4j.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * <a href="https://www.rfc-editor.org/rfc/rfc8827#section-5">RFC 8827 §5</a>:
 * {@code a=identity:<base64 assertion> [<extension>[=<value>] *(";" <extension>...)]}.
 *
 * @param assertion the base64 identity assertion
 * @param extensions the identity extensions in order
 */
public record Identity(String assertion, List<Parameter> extensions) implements TypedAttribute {
  public Identity {
    Objects.requireNonNull(assertion, "assertion");
    Tokens.check(!assertion.isEmpty(), "identity assertion is empty");
    for (int i = 0; i < assertion.length(); i++) {
      char c = assertion.charAt(i);
      boolean b64 = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '=';
      Tokens.check(b64, "identity assertion is not base64");
    }
    extensions = Tokens.copy(extensions, "extensions");
    for (Parameter p : extensions) Tokens.requireToken(p.name(), "identity extension name");
  }

  public static Identity parse(@Nullable String value) {
    String v = Tokens.valueOf(value, "identity");
    int sp = v.indexOf(' ');
    List<Parameter> ext = new ArrayList<>();
    if (sp >= 0) {
      for (String part : v.substring(sp + 1).split(";")) {
        String p = part.strip();
        Tokens.check(!p.isEmpty(), "identity extension is empty");
        ext.add(Parameter.parseAssignment(p));
      }
    }
    return new Identity(sp < 0 ? v : v.substring(0, sp), ext);
  }

  @Override
  public String attributeName() {
    return "identity";
  }

  @Override
  public String value() {
    if (extensions.isEmpty()) return assertion;
    List<String> parts = new ArrayList<>();
    for (Parameter p : extensions) parts.add(p.format());
    return assertion + " " + String.join(";", parts);
  }
}

package dev.webrtc4j.sdp;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * <a href="https://www.rfc-editor.org/rfc/rfc5576#section-4.1">RFC 5576 §4.1</a>:
 * {@code a=ssrc:<ssrc-id> <attribute>[:<value>]}, e.g. {@code 1234 cname:abc} or
 * {@code 1234 msid:stream track} (the value may hold spaces).
 *
 * @param ssrc 0 to 2³²−1
 * @param attribute the source attribute name, e.g. {@code cname}
 * @param attributeValue its value, or null
 */
public record Ssrc(long ssrc, String attribute, @Nullable String attributeValue) implements TypedAttribute {
  public Ssrc {
    Tokens.check(ssrc >= 0 && ssrc <= 0xFFFF_FFFFL, "ssrc is out of range [0, 4294967295]: " + ssrc);
    Objects.requireNonNull(attribute, "attribute");
    Tokens.check(!attribute.isEmpty() && attribute.indexOf(':') < 0 && Tokens.isVisible(attribute),
        "source attribute name is not valid: \"" + attribute + "\"");
    if (attributeValue != null) {
      Tokens.check(attributeValue.indexOf('\r') < 0 && attributeValue.indexOf('\n') < 0, "source attribute value contains a line break");
    }
  }

  /** {@code <ssrc> cname:<cname>}. */
  public static Ssrc cname(long ssrc, String cname) {
    return new Ssrc(ssrc, "cname", cname);
  }

  public static Ssrc parse(@Nullable String value) {
    String v = Tokens.valueOf(value, "ssrc");
    int sp = v.indexOf(' ');
    Tokens.check(sp > 0, "ssrc needs an ssrc id and a source attribute");
    long id = Tokens.number(v.substring(0, sp), 0, 0xFFFF_FFFFL, "ssrc");
    String attr = v.substring(sp + 1);
    int colon = attr.indexOf(':');
    return colon < 0 ? new Ssrc(id, attr, null) : new Ssrc(id, attr.substring(0, colon), attr.substring(colon + 1));
  }

  @Override
  public String attributeName() {
    return "ssrc";
  }

  @Override
  public String value() {
    return attributeValue == null ? ssrc + " " + attribute : ssrc + " " + attribute + ":" + attributeValue;
  }
}

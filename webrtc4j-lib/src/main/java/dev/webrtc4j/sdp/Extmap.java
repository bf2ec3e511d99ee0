package dev.webrtc4j.sdp;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * <a href="https://www.rfc-editor.org/rfc/rfc8285#section-8">RFC 8285 §8</a>:
 * {@code a=extmap:<id>[/<direction>] <URI> [<extension attributes>]}, e.g.
 * {@code 3 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time}.
 *
 * @param id 1 to 14 for one-byte headers, up to 255 for two-byte ones; 4096 to 4351 in offers
 * @param direction the optional direction ({@code sendrecv}, ...), empty if absent
 * @param uri the extension URI
 * @param extensionAttributes the rest of the line after the URI, or null
 */
public record Extmap(int id, Optional<Direction> direction, String uri, @Nullable String extensionAttributes)
    implements TypedAttribute {
  public Extmap {
    Tokens.check((id >= 1 && id <= 255) || (id >= 4096 && id <= 4351), "extension id is out of range [1, 255]: " + id);
    Objects.requireNonNull(direction, "direction");
    Tokens.requireVisible(Objects.requireNonNull(uri, "uri"), "extension URI");
    if (extensionAttributes != null) {
      Tokens.check(!extensionAttributes.isBlank() && extensionAttributes.strip().equals(extensionAttributes),
          "extension attributes are blank or padded");
      Tokens.check(extensionAttributes.indexOf('\r') < 0 && extensionAttributes.indexOf('\n') < 0,
          "extension attributes contain a line break");
    }
  }

  public static Extmap of(int id, String uri) {
    return new Extmap(id, Optional.empty(), uri, null);
  }

  public static Extmap parse(@Nullable String value) {
    String v = Tokens.valueOf(value, "extmap");
    var f = Tokens.fields(v);
    Tokens.check(f.size() >= 2, "extmap needs an id and a URI");
    String idPart = f.get(0);
    Optional<Direction> dir = Optional.empty();
    int slash = idPart.indexOf('/');
    if (slash >= 0) {
      String d = idPart.substring(slash + 1);
      dir = Optional.of(Direction.fromAttributeName(d)
          .orElseThrow(() -> new IllegalArgumentException("extmap direction is not valid: \"" + d + "\"")));
      idPart = idPart.substring(0, slash);
    }
    int id = Tokens.intNumber(idPart, 1, 4351, "extension id");
    String rest = f.size() == 2 ? null : v.substring(f.get(0).length() + f.get(1).length() + 2);
    return new Extmap(id, dir, f.get(1), rest);
  }

  @Override
  public String attributeName() {
    return "extmap";
  }

  @Override
  public String value() {
    StringBuilder sb = new StringBuilder().append(id);
    direction.ifPresent(d -> sb.append('/').append(d.attributeName()));
    sb.append(' ').append(uri);
    if (extensionAttributes != null) sb.append(' ').append(extensionAttributes);
    return sb.toString();
  }
}

package dev.webrtc4j.sdp;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * <a href="https://www.rfc-editor.org/rfc/rfc3605#section-2.1">RFC 3605 §2.1</a>:
 * {@code a=rtcp:<port> [<nettype> <addrtype> <connection-address>]}, e.g. {@code 9 IN IP4 0.0.0.0}.
 *
 * @param port 0 to 65535
 * @param connection the address, or empty
 */
public record Rtcp(int port, Optional<Connection> connection) implements TypedAttribute {
  public Rtcp {
    Tokens.check(port >= 0 && port <= 65535, "rtcp port is out of range [0, 65535]: " + port);
    java.util.Objects.requireNonNull(connection, "connection");
  }

  public static Rtcp of(int port, Connection connection) {
    return new Rtcp(port, Optional.of(connection));
  }

  public static Rtcp parse(@Nullable String value) {
    String v = Tokens.valueOf(value, "rtcp");
    int sp = v.indexOf(' ');
    int port = Tokens.intNumber(sp < 0 ? v : v.substring(0, sp), 0, 65535, "rtcp port");
    return new Rtcp(port, sp < 0 ? Optional.empty() : Optional.of(Connection.parse(v.substring(sp + 1))));
  }

  @Override
  public String attributeName() {
    return "rtcp";
  }

  @Override
  public String value() {
    return connection.map(c -> port + " " + c.text()).orElse(Integer.toString(port));
  }
}

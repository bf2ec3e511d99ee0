package dev.webrtc4j.sdp;

import org.jspecify.annotations.Nullable;

/**
 * <a href="https://www.rfc-editor.org/rfc/rfc8841#section-5.2">RFC 8841 §5.2</a>:
 * {@code a=sctp-port:<port>}, the SCTP port of the association (5000 by convention).
 *
 * @param port 0 to 65535
 */
public record SctpPort(int port) implements TypedAttribute {
  public SctpPort {
    Tokens.check(port >= 0 && port <= 65535, "sctp-port is out of range [0, 65535]: " + port);
  }

  public static SctpPort parse(@Nullable String value) {
    return new SctpPort(Tokens.intNumber(Tokens.valueOf(value, "sctp-port"), 0, 65535, "sctp-port"));
  }

  @Override
  public String attributeName() {
    return "sctp-port";
  }

  @Override
  public String value() {
    return Integer.toString(port);
  }
}

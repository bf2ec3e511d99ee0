package dev.webrtc4j.sdp;

import java.util.Objects;

/**
 * <a href="https://www.rfc-editor.org/rfc/rfc8866#section-5.7">RFC 8866 §5.7</a> connection data:
 * {@code c=<nettype> <addrtype> <connection-address>}, e.g. {@code IN IP4 0.0.0.0}. Also the
 * address part of {@code a=rtcp}.
 *
 * @param networkType {@code IN}
 * @param addressType {@code IP4} or {@code IP6} (or another token)
 * @param address the address as written (may carry {@code /ttl} or {@code /count})
 */
public record Connection(String networkType, String addressType, String address) {
  /** {@code IN IP4 0.0.0.0}, the placeholder JSEP uses (RFC 8829 §5.2.1). */
  public static final Connection PLACEHOLDER_IP4 = new Connection("IN", "IP4", "0.0.0.0");

  public Connection {
    Tokens.requireToken(Objects.requireNonNull(networkType, "networkType"), "network type");
    Tokens.requireToken(Objects.requireNonNull(addressType, "addressType"), "address type");
    Tokens.requireVisible(Objects.requireNonNull(address, "address"), "connection address");
  }

  /** Parses the text after {@code c=}. */
  public static Connection parse(String text) {
    var f = Tokens.fields(text.strip());
    Tokens.check(f.size() == 3, "connection data needs <nettype> <addrtype> <address>");
    return new Connection(f.get(0), f.get(1), f.get(2));
  }

  /** The text after {@code c=}. */
  public String text() {
    return networkType + " " + addressType + " " + address;
  }
}

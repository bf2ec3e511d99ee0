package dev.webrtc4j;

import java.util.Locale;
import java.util.Objects;

/**
 * One parsed {@code stun:}, {@code stuns:}, {@code turn:} or {@code turns:} URI of an {@link
 * RTCIceServer}, as the W3C "validate an ICE server" steps parse it.
 *
 * <pre>
 * RFC 7064 §3.1:  stunURI = scheme ":" host [ ":" port ]                 scheme = "stun" / "stuns"
 * RFC 7065 §3.1:  turnURI = scheme ":" host [ ":" port ] [ "?transport=" transport ]
 *                                                                        scheme = "turn" / "turns"
 * host, port:     RFC 3986 §3.2.2 / §3.2.3 (IP-literal in brackets, IPv4address or reg-name)
 * </pre>
 *
 * <p>{@link #port()} is the explicit port or the scheme's default (3478 for stun/turn, 5349 for
 * stuns/turns); {@link #transport()} is the {@code ?transport=} value or the default ({@code udp}
 * for turn, {@code tcp} for turns; stun is UDP and stuns TCP, RFC 7064 §3.2).
 *
 * @param scheme the scheme
 * @param host the host as written, without brackets for an IPv6 literal
 * @param port the port, explicit or default, 1..65535 (0 is accepted as written)
 * @param transport the transport to reach the server
 * @param explicitTransport whether the URI carried {@code ?transport=}
 * @see <a href="https://w3c.github.io/webrtc-pc/#dfn-validate-an-ice-server">W3C validate an ICE server</a>
 */
public record RTCIceServerUrl(
    Scheme scheme, String host, int port, RTCIceProtocol transport, boolean explicitTransport) {

  /** The four URI schemes of RFC 7064 and RFC 7065. */
  public enum Scheme {
    STUN("stun", 3478, false),
    STUNS("stuns", 5349, false),
    TURN("turn", 3478, true),
    TURNS("turns", 5349, true);

    private final String text;
    private final int defaultPort;
    private final boolean turn;

    Scheme(String text, int defaultPort, boolean turn) {
      this.text = text;
      this.defaultPort = defaultPort;
      this.turn = turn;
    }

    /** The scheme as written in a URI, e.g. {@code "turns"}. */
    public String text() {
      return text;
    }

    /** 3478, or 5349 for the TLS schemes. */
    public int defaultPort() {
      return defaultPort;
    }

    /** Whether this is {@code turn} or {@code turns}. */
    public boolean isTurn() {
      return turn;
    }

    /** Whether this is {@code stuns} or {@code turns} (TLS or DTLS to the server). */
    public boolean isSecure() {
      return this == STUNS || this == TURNS;
    }
  }

  public RTCIceServerUrl {
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(transport, "transport");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  /**
   * Parses one ICE server URL.
   *
   * @throws RTCException {@code SyntaxError} if {@code url} is not a URI, or not a valid RFC 7064 /
   *     RFC 7065 URI for its scheme; {@code NotSupportedError} if its scheme is not one of the four
   */
  public static RTCIceServerUrl parse(String url) {
    Objects.requireNonNull(url, "url");
    int colon = url.indexOf(':');
    if (colon <= 0 || !isScheme(url.substring(0, colon))) {
      // RFC 3986 §3: URI = scheme ":" hier-part ...; a relative reference has no scheme.
      throw syntax(url, "not an absolute URI");
    }
    String schemeText = url.substring(0, colon).toLowerCase(Locale.ROOT);
    Scheme scheme =
        switch (schemeText) {
          case "stun" -> Scheme.STUN;
          case "stuns" -> Scheme.STUNS;
          case "turn" -> Scheme.TURN;
          case "turns" -> Scheme.TURNS;
          default ->
              throw new RTCException(
                  RTCException.Name.NOT_SUPPORTED_ERROR,
                  "iceServers: unsupported URL scheme '" + schemeText + "' in '" + url + "'");
        };
    String rest = url.substring(colon + 1);
    if (rest.indexOf('#') >= 0) {
      throw syntax(url, "a fragment is not allowed");
    }
    String query = null;
    int q = rest.indexOf('?');
    if (q >= 0) {
      query = rest.substring(q + 1);
      rest = rest.substring(0, q);
    }
    if (rest.startsWith("//")) {
      throw syntax(url, "expected " + schemeText + ":host[:port], not an authority ('//')");
    }
    String host;
    String portText = null;
    if (rest.startsWith("[")) {
      int close = rest.indexOf(']');
      if (close < 0) {
        throw syntax(url, "unterminated IPv6 literal");
      }
      host = rest.substring(1, close);
      if (!isIpv6Literal(host)) {
        throw syntax(url, "bad IPv6 literal '" + host + "'");
      }
      String after = rest.substring(close + 1);
      if (!after.isEmpty()) {
        if (!after.startsWith(":")) {
          throw syntax(url, "unexpected '" + after + "' after the host");
        }
        portText = after.substring(1);
      }
    } else {
      int portColon = rest.lastIndexOf(':');
      if (portColon >= 0) {
        host = rest.substring(0, portColon);
        portText = rest.substring(portColon + 1);
      } else {
        host = rest;
      }
      if (!isRegNameOrIpv4(host)) {
        throw syntax(url, "bad host '" + host + "'");
      }
    }
    int port = scheme.defaultPort();
    // RFC 3986 §3.2.3: port = *DIGIT, so "host:" (empty: the default) and leading zeros are legal.
    if (portText != null && !portText.isEmpty()) {
      if (!portText.chars().allMatch(RTCIceServerUrl::isDigit)) {
        throw syntax(url, "bad port '" + portText + "'");
      }
      String digits = portText.replaceFirst("^0+(?=.)", "");
      if (digits.length() > 5 || Integer.parseInt(digits) > 65535) {
        throw syntax(url, "port " + portText + " out of range");
      }
      port = Integer.parseInt(digits);
    }
    RTCIceProtocol transport =
        scheme == Scheme.STUN || scheme == Scheme.TURN ? RTCIceProtocol.UDP : RTCIceProtocol.TCP;
    boolean explicitTransport = false;
    if (query != null) {
      if (!scheme.isTurn()) {
        throw syntax(url, "a query is not allowed in a " + schemeText + ": URI (RFC 7064)");
      }
      transport =
          switch (query) {
            case "transport=udp" -> RTCIceProtocol.UDP;
            case "transport=tcp" -> RTCIceProtocol.TCP;
            default -> throw syntax(url, "the query must be transport=udp or transport=tcp, not '" + query + "'");
          };
      explicitTransport = true;
    }
    return new RTCIceServerUrl(scheme, host, port, transport, explicitTransport);
  }

  /** This URL in canonical form, e.g. {@code turn:[::1]:3478?transport=tcp}. */
  @Override
  public String toString() {
    String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return scheme.text() + ":" + h + ":" + port + (explicitTransport ? "?transport=" + transport.w3cName() : "");
  }

  private static RTCException syntax(String url, String why) {
    return new RTCException(
        RTCException.Name.SYNTAX_ERROR, "iceServers: bad URL '" + url + "': " + why);
  }

  // RFC 3986 §3.1: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
  private static boolean isScheme(String s) {
    if (!isAlpha(s.charAt(0))) {
      return false;
    }
    return s.chars().allMatch(c -> isAlpha(c) || isDigit(c) || c == '+' || c == '-' || c == '.');
  }

  // RFC 3986 §3.2.2: reg-name = *( unreserved / pct-encoded / sub-delims ); IPv4address is a
  // subset. An empty host is legal for RFC 3986 but useless for STUN/TURN, so it is rejected.
  private static boolean isRegNameOrIpv4(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length() || !isHex(s.charAt(i + 1)) || !isHex(s.charAt(i + 2))) {
          return false;
        }
        i += 2;
      } else if (!(isAlpha(c) || isDigit(c) || "-._~!$&'()*+,;=".indexOf(c) >= 0)) {
        return false;
      }
    }
    return true;
  }

  // RFC 3986 §3.2.2 IPv6address, checked structurally: hex groups of at most 4 digits separated
  // by ':', at most one '::', optionally ending in a dotted IPv4 address.
  private static boolean isIpv6Literal(String s) {
    if (s.isEmpty() || !s.chars().allMatch(c -> isHex(c) || c == ':' || c == '.')) {
      return false;
    }
    int doubleColon = s.indexOf("::");
    if (doubleColon >= 0 && s.indexOf("::", doubleColon + 1) >= 0) {
      return false;
    }
    String[] groups = s.split(":", -1);
    int count = 0;
    for (int i = 0; i < groups.length; i++) {
      String g = groups[i];
      if (g.isEmpty()) {
        continue;
      }
      if (g.indexOf('.') >= 0) {
        if (i != groups.length - 1 || !isIpv4(g)) {
          return false;
        }
        count += 2;
      } else if (g.length() > 4) {
        return false;
      } else {
        count++;
      }
    }
    return doubleColon >= 0 ? count < 8 : count == 8;
  }

  private static boolean isIpv4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(RTCIceServerUrl::isDigit) || Integer.parseInt(p) > 255) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAlpha(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isHex(int c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}

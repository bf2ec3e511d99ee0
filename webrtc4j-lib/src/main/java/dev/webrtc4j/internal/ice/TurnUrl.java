package dev.webrtc4j.internal.ice;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What a TURN url says about the way to its server (RFC 7065 §3): {@code turn:host[:port]
 * [?transport=udp|tcp]} or {@code turns:...}. {@code turn} defaults to UDP, {@code turns} to TCP
 * under TLS; {@code turns:...?transport=udp} would be DTLS, which is not supported (null).
 */
final class TurnUrl {
  private TurnUrl() {}

  /** UDP, TCP or TLS; null for DTLS ({@code turns} with {@code transport=udp}). */
  static @Nullable RelayProtocol protocol(String url) {
    boolean secure = url.regionMatches(true, 0, "turns:", 0, 6);
    String transport = transport(url);
    boolean tcp = transport == null ? secure : transport.equals("tcp");
    if (secure) {
      return tcp ? RelayProtocol.TLS : null;
    }
    return tcp ? RelayProtocol.TCP : RelayProtocol.UDP;
  }

  /** The {@code transport} query parameter in lower case, or null when absent. */
  private static @Nullable String transport(String url) {
    int q = url.indexOf('?');
    if (q < 0) {
      return null;
    }
    for (String param : url.substring(q + 1).split("&")) {
      int eq = param.indexOf('=');
      if (eq > 0 && param.substring(0, eq).equalsIgnoreCase("transport")) {
        return param.substring(eq + 1).toLowerCase(Locale.ROOT);
      }
    }
    return null;
  }

  /** The host as written (an IPv6 literal without its brackets), for TLS name checks and SNI. */
  static String host(String url) {
    int colon = url.indexOf(':');
    String rest = url.substring(colon + 1);
    if (rest.startsWith("//")) {
      rest = rest.substring(2); // tolerated, though RFC 7065 has no authority part
    }
    int q = rest.indexOf('?');
    if (q >= 0) {
      rest = rest.substring(0, q);
    }
    if (rest.startsWith("[")) {
      int close = rest.indexOf(']');
      return close > 0 ? rest.substring(1, close) : rest.substring(1);
    }
    int port = rest.indexOf(':');
    return port >= 0 ? rest.substring(0, port) : rest;
  }
}

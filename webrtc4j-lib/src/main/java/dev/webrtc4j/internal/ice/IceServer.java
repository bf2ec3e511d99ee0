package dev.webrtc4j.internal.ice;

import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One STUN or TURN server, already resolved: the agent never does DNS. The caller (the peer
 * connection) resolves the W3C {@code RTCIceServer} url and passes the address.
 *
 * @param url the configured url ({@code stun:host:port}, {@code turn:host:port?transport=udp}),
 *     reported back in candidate errors
 * @param address where to send
 * @param username TURN long-term credential username, or null for STUN
 * @param credential TURN password, or null for STUN
 */
public record IceServer(String url, InetSocketAddress address, @Nullable String username, @Nullable String credential) {
  public IceServer {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(address, "address");
    if (address.isUnresolved()) {
      throw new IllegalArgumentException("server address must be resolved: " + url);
    }
    String scheme = scheme(url);
    if (!scheme.equals("stun") && !scheme.equals("stuns") && !scheme.equals("turn") && !scheme.equals("turns")) {
      throw new IllegalArgumentException("url scheme must be stun, stuns, turn or turns: " + url);
    }
    if (scheme.startsWith("turn") && (username == null || credential == null)) {
      throw new IllegalArgumentException("a TURN server needs a username and a credential: " + url);
    }
  }

  public static IceServer stun(String url, InetSocketAddress address) {
    return new IceServer(url, address, null, null);
  }

  private static String scheme(String url) {
    int colon = url.indexOf(':');
    return colon < 0 ? "" : url.substring(0, colon).toLowerCase(Locale.ROOT);
  }

  /** True for {@code turn:}/{@code turns:} urls. */
  public boolean isTurn() {
    return scheme(url).startsWith("turn");
  }
}

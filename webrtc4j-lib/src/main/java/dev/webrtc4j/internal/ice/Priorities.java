package dev.webrtc4j.internal.ice;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Candidate and pair priorities (RFC 8445 §5.1.2, §6.1.2.3).
 *
 * <p>The local preference follows Chrome's layout of the 16 bits RFC 8445 §5.1.2.1 leaves to the
 * implementation: the high byte is the network-interface preference (127 for the best interface,
 * one less for each further one), the low byte the address precedence of RFC 6724 as Chrome
 * applies it (IPv6 loopback 60, ULA 50, global IPv6 40, IPv4 30, 6to4 20, Teredo 10, deprecated
 * ranges 1), plus a relay preference for relayed candidates (UDP 2, TCP 1, TLS 0). So on one
 * interface IPv6 wins over IPv4, and the first interface wins over the second.
 */
public final class Priorities {
  /** The preference of the best network interface (Chrome's kHighestNetworkPreference). */
  public static final int HIGHEST_NETWORK_PREFERENCE = 127;

  private Priorities() {}

  /**
   * RFC 8445 §5.1.2.1: {@code priority = (2^24)*(type preference) + (2^8)*(local preference) +
   * (2^0)*(256 - component ID)}.
   */
  public static long candidatePriority(CandidateType type, int localPreference, int component) {
    if (localPreference < 0 || localPreference > 0xffff) {
      throw new IllegalArgumentException("local preference " + localPreference);
    }
    return ((long) type.typePreference() << 24) | ((long) localPreference << 8) | (256 - component);
  }

  /**
   * The local preference for an address on the interface with rank {@code interfaceRank} (0 = the
   * best interface).
   */
  public static int localPreference(int interfaceRank, InetAddress address, int relayPreference) {
    int networkPreference = Math.max(0, HIGHEST_NETWORK_PREFERENCE - interfaceRank);
    return ((networkPreference << 8) | addressPrecedence(address)) + relayPreference;
  }

  /** RFC 6724 precedence, as Chrome's {@code IPAddressPrecedence}. */
  public static int addressPrecedence(InetAddress address) {
    if (address instanceof Inet4Address) {
      return 30;
    }
    if (!(address instanceof Inet6Address)) {
      return 0;
    }
    byte[] b = address.getAddress();
    if (address.isLoopbackAddress()) {
      return 60;
    }
    if ((b[0] & 0xfe) == 0xfc) { // fc00::/7 unique local
      return 50;
    }
    if (isV4Mapped(b)) {
      return 30;
    }
    if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) { // 2002::/16 6to4
      return 20;
    }
    if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && b[2] == 0 && b[3] == 0) { // 2001::/32 Teredo
      return 10;
    }
    if (isV4Compatible(b) || address.isSiteLocalAddress() || ((b[0] & 0xff) == 0x3f && (b[1] & 0xff) == 0xfe)) {
      return 1;
    }
    return 40;
  }

  private static boolean isV4Mapped(byte[] b) {
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
  }

  private static boolean isV4Compatible(byte[] b) {
    for (int i = 0; i < 12; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * RFC 8445 §6.1.2.3: {@code pair priority = 2^32*MIN(G,D) + 2*MAX(G,D) + (G>D?1:0)}, G the
   * controlling agent's candidate priority, D the controlled agent's. Fits a signed long because
   * candidate priorities are below 2^31.
   */
  public static long pairPriority(long controlling, long controlled) {
    return (Math.min(controlling, controlled) << 32) + 2 * Math.max(controlling, controlled) + (controlling > controlled ? 1 : 0);
  }
}

package dev.webrtc4j.internal.ice;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One ICE candidate (RFC 8445 §5.1; SDP syntax RFC 8839 §5.1), as it is signalled.
 *
 * <pre>
 * candidate:{foundation} {component} {transport} {priority} {address} {port} typ {type}
 *           [raddr {related-address} rport {related-port}]
 * </pre>
 *
 * <p>A remote candidate's address may be an unresolved {@code .local} name (mDNS, RFC 8839 §5.1 and
 * draft-ietf-mmusic-mdns-ice-candidates); the agent resolves it through its {@link MdnsResolver}.
 * Nothing here ever performs a DNS lookup.
 *
 * @param foundation RFC 8445 §5.1.1.3, 1..32 ice-chars
 * @param component 1 (RTP; the stack always uses rtcp-mux)
 * @param protocol "udp"
 * @param priority RFC 8445 §5.1.2, 1..2^31-1
 * @param address the transport address; unresolved only for {@code .local} names
 * @param type host, srflx, prflx or relay
 * @param relatedAddress raddr/rport, or null
 */
public record IceCandidate(
    String foundation,
    int component,
    String protocol,
    long priority,
    InetSocketAddress address,
    CandidateType type,
    @Nullable InetSocketAddress relatedAddress) {

  // Compiled once: every candidate of every description and addIceCandidate goes through them.
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  private static final Pattern DOT = Pattern.compile("\\.");
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+(%[\\w.-]+)?");

  public IceCandidate {
    Objects.requireNonNull(foundation, "foundation");
    protocol = Objects.requireNonNull(protocol, "protocol").toLowerCase(Locale.ROOT);
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(type, "type");
    if (foundation.isEmpty() || foundation.length() > 32) {
      throw new IllegalArgumentException("foundation must be 1..32 chars: " + foundation);
    }
    if (component < 1 || component > 256) {
      throw new IllegalArgumentException("component must be 1..256: " + component);
    }
    if (priority < 1 || priority > 0x7fffffffL) {
      throw new IllegalArgumentException("priority must be 1..2^31-1: " + priority);
    }
  }

  /** True when the address is a name still to be resolved ({@code xxx.local}). */
  public boolean isMdns() {
    return address.isUnresolved();
  }

  /** The {@code candidate:...} attribute value (without {@code a=}). */
  public String toSdp() {
    StringBuilder sb = new StringBuilder("candidate:");
    sb.append(foundation).append(' ').append(component).append(' ').append(protocol.toLowerCase(Locale.ROOT))
        .append(' ').append(priority).append(' ').append(hostText(address)).append(' ').append(address.getPort())
        .append(" typ ").append(type.w3cName());
    if (relatedAddress != null) {
      sb.append(" raddr ").append(hostText(relatedAddress)).append(" rport ").append(relatedAddress.getPort());
    }
    return sb.toString();
  }

  private static String hostText(InetSocketAddress a) {
    if (a.isUnresolved()) {
      return a.getHostString();
    }
    InetAddress ip = a.getAddress();
    if (ip instanceof java.net.Inet6Address v6) {
      return compressedIpv6(v6.getAddress());
    }
    return ip.getHostAddress();
  }

  /**
   * Parses a {@code candidate:} attribute value (the {@code a=} and {@code candidate:} prefixes are
   * optional). Unknown extension attributes (generation, ufrag, network-id, ...) are skipped.
   *
   * @throws IllegalArgumentException naming the problem when the text is not a candidate
   */
  public static IceCandidate parse(String text) {
    String s = text.strip();
    if (s.startsWith("a=")) {
      s = s.substring(2);
    }
    if (s.startsWith("candidate:")) {
      s = s.substring("candidate:".length());
    }
    String[] f = WHITESPACE.split(s);
    if (f.length < 8 || !f[6].equals("typ")) {
      throw new IllegalArgumentException("not a candidate: " + text);
    }
    try {
      String foundation = f[0];
      int component = Integer.parseInt(f[1]);
      String protocol = f[2].toLowerCase(Locale.ROOT);
      long priority = Long.parseLong(f[3]);
      int port = parsePort(f[5]);
      InetSocketAddress address = socketAddress(f[4], port);
      CandidateType type = CandidateType.fromW3cName(f[7]);
      String raddr = null;
      int rport = -1;
      for (int i = 8; i + 1 < f.length; i += 2) {
        switch (f[i]) {
          case "raddr" -> raddr = f[i + 1];
          case "rport" -> rport = parsePort(f[i + 1]);
          default -> { /* extension attribute: skipped */ }
        }
      }
      InetSocketAddress related = raddr != null && rport >= 0 ? socketAddress(raddr, rport) : null;
      return new IceCandidate(foundation, component, protocol, priority, address, type, related);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad number in candidate: " + text, e);
    }
  }

  private static int parsePort(String s) {
    int port = Integer.parseInt(s);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("bad port " + s);
    }
    return port;
  }

  /**
   * An IP literal becomes a resolved address without any lookup; anything else (an mDNS name)
   * stays unresolved.
   */
  static InetSocketAddress socketAddress(String host, int port) {
    InetAddress ip = ipLiteral(host);
    return ip != null ? new InetSocketAddress(ip, port) : InetSocketAddress.createUnresolved(host, port);
  }

  /** Parses an IPv4 or IPv6 literal, never touching DNS; null when {@code host} is a name. */
  static @Nullable InetAddress ipLiteral(String host) {
    if (IPV4.matcher(host).matches()) {
      String[] parts = DOT.split(host);
      byte[] b = new byte[4];
      for (int i = 0; i < 4; i++) {
        int v = Integer.parseInt(parts[i]);
        if (v > 255) {
          throw new IllegalArgumentException("bad IPv4 address " + host);
        }
        b[i] = (byte) v;
      }
      try {
        return InetAddress.getByAddress(b);
      } catch (UnknownHostException e) {
        throw new AssertionError(e);
      }
    }
    String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (h.indexOf(':') >= 0 && IPV6.matcher(h).matches()) {
      try {
        // An IPv6 literal (it contains ':'), so getByName parses it and performs no lookup.
        InetAddress ip = InetAddress.getByName(h);
        if (ip instanceof Inet6Address || ip instanceof Inet4Address) {
          return ip;
        }
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("bad IPv6 address " + host, e);
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return "IceCandidate[" + type.w3cName() + " " + foundation + " " + Pii.of(address) + " prio " + priority + "]";
  }

  /** RFC 5952 text of an IPv6 address ("::1", not "0:0:0:0:0:0:0:1"), as browsers write it. */
  static String compressedIpv6(byte[] a) {
    int[] g = new int[8];
    for (int i = 0; i < 8; i++) {
      g[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLen = 1;
    for (int i = 0; i < 8; ) {
      if (g[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && g[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(g[i]));
    }
    return sb.toString();
  }
}

package dev.webrtc4j.internal.io;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The local IP addresses host candidates are gathered on. Like browsers, it skips loopback and
 * link-local addresses and interfaces that are down, unless the filter says otherwise.
 */
public final class LocalAddresses {
  /**
   * Which addresses to use.
   *
   * @param includeLoopback also 127.0.0.0/8 and ::1 (tests gather on loopback only: set this and
   *     {@code loopbackOnly})
   * @param loopbackOnly nothing but loopback addresses
   * @param includeLinkLocal also fe80::/10 and 169.254.0.0/16
   * @param ipv4 gather IPv4 addresses
   * @param ipv6 gather IPv6 addresses
   * @param interfaceFilter true for interface names to use
   * @param ipFilter true for addresses to use
   */
  public record Filter(
      boolean includeLoopback,
      boolean loopbackOnly,
      boolean includeLinkLocal,
      boolean ipv4,
      boolean ipv6,
      Predicate<String> interfaceFilter,
      Predicate<InetAddress> ipFilter) {
    public Filter {
      Objects.requireNonNull(interfaceFilter, "interfaceFilter");
      Objects.requireNonNull(ipFilter, "ipFilter");
      if (loopbackOnly && !includeLoopback) {
        throw new IllegalArgumentException("loopbackOnly requires includeLoopback");
      }
    }

    /** What a browser gathers on: every up, non-loopback, non-link-local address. */
    public static final Filter BROWSER_DEFAULT = new Filter(false, false, false, true, true, n -> true, a -> true);

    /** Loopback only, IPv4 and IPv6: what tests use. */
    public static final Filter LOOPBACK_ONLY = new Filter(true, true, false, true, true, n -> true, a -> true);

    /** Whether {@code address} on an interface named {@code interfaceName} passes. */
    public boolean accepts(String interfaceName, InetAddress address) {
      boolean loopback = address.isLoopbackAddress();
      if (loopbackOnly && !loopback) {
        return false;
      }
      if (loopback && !includeLoopback) {
        return false;
      }
      if (address.isLinkLocalAddress() && !includeLinkLocal) {
        return false;
      }
      if (address.isAnyLocalAddress() || address.isMulticastAddress()) {
        return false;
      }
      if (address instanceof Inet4Address && !ipv4) {
        return false;
      }
      if (address instanceof Inet6Address && !ipv6) {
        return false;
      }
      return interfaceFilter.test(interfaceName) && ipFilter.test(address);
    }
  }

  /** One usable address and the interface it sits on. */
  public record LocalAddress(String interfaceName, int interfaceIndex, InetAddress address, int prefixLength) {}

  private LocalAddresses() {}

  /**
   * The addresses of every interface that is up and passes {@code filter}, IPv6 first then IPv4
   * (the order Chrome prefers), each group in interface order.
   */
  public static List<LocalAddress> list(Filter filter) throws SocketException {
    List<LocalAddress> out = new ArrayList<>();
    var interfaces = NetworkInterface.getNetworkInterfaces();
    if (interfaces == null) {
      return out;
    }
    for (NetworkInterface nif : java.util.Collections.list(interfaces)) {
      if (!nif.isUp()) {
        continue;
      }
      for (InterfaceAddress ia : nif.getInterfaceAddresses()) {
        InetAddress a = ia.getAddress();
        if (filter.accepts(nif.getName(), a) && (!NetworkGuard.loopbackOnly() || a.isLoopbackAddress())) {
          out.add(new LocalAddress(nif.getName(), nif.getIndex(), stripScopeIfGlobal(a), ia.getNetworkPrefixLength()));
        }
      }
    }
    out.sort(Comparator.comparingInt((LocalAddress la) -> la.address() instanceof Inet6Address ? 0 : 1)
        .thenComparingInt(LocalAddress::interfaceIndex));
    return out;
  }

  private static InetAddress stripScopeIfGlobal(InetAddress a) {
    if (a instanceof Inet6Address v6 && !v6.isLinkLocalAddress() && v6.getScopeId() != 0) {
      try {
        return InetAddress.getByAddress(v6.getAddress());
      } catch (java.net.UnknownHostException e) {
        throw new AssertionError("16 bytes are always a valid IPv6 address", e);
      }
    }
    return a;
  }
}

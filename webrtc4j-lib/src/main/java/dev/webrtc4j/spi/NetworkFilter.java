package dev.webrtc4j.spi;

import java.net.InetAddress;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Which local addresses host candidates are gathered on ({@link Settings#network()}).
 *
 * @param includeLoopback also 127.0.0.0/8 and ::1
 * @param loopbackOnly nothing but loopback addresses (needs {@code includeLoopback})
 * @param includeLinkLocal also fe80::/10 and 169.254.0.0/16
 * @param ipv4 gather on IPv4 addresses
 * @param ipv6 gather on IPv6 addresses
 * @param interfaceFilter true for the names of interfaces to use ("eth0")
 * @param ipFilter true for the addresses to use
 */
public record NetworkFilter(
    boolean includeLoopback,
    boolean loopbackOnly,
    boolean includeLinkLocal,
    boolean ipv4,
    boolean ipv6,
    Predicate<String> interfaceFilter,
    Predicate<InetAddress> ipFilter) {
  /** What a browser gathers on: every interface that is up, no loopback, no link-local. */
  public static final NetworkFilter BROWSER_DEFAULT = new NetworkFilter(false, false, false, true, true, n -> true, a -> true);

  /** Loopback only, IPv4 and IPv6: what tests use (the network rule of docs/ARCHITECTURE.md). */
  public static final NetworkFilter LOOPBACK_ONLY = new NetworkFilter(true, true, false, true, true, n -> true, a -> true);

  public NetworkFilter {
    Objects.requireNonNull(interfaceFilter, "interfaceFilter");
    Objects.requireNonNull(ipFilter, "ipFilter");
    if (loopbackOnly && !includeLoopback) {
      throw new IllegalArgumentException("loopbackOnly requires includeLoopback");
    }
    if (!ipv4 && !ipv6) {
      throw new IllegalArgumentException("at least one of ipv4 and ipv6 must be gathered");
    }
  }

  /** This filter restricted further to interfaces whose names pass {@code filter}. */
  public NetworkFilter withInterfaceFilter(Predicate<String> filter) {
    return new NetworkFilter(includeLoopback, loopbackOnly, includeLinkLocal, ipv4, ipv6, filter, ipFilter);
  }

  /** This filter restricted further to addresses that pass {@code filter}. */
  public NetworkFilter withIpFilter(Predicate<InetAddress> filter) {
    return new NetworkFilter(includeLoopback, loopbackOnly, includeLinkLocal, ipv4, ipv6, interfaceFilter, filter);
  }

  /** This filter gathering only the address families given. */
  public NetworkFilter withFamilies(boolean v4, boolean v6) {
    return new NetworkFilter(includeLoopback, loopbackOnly, includeLinkLocal, v4, v6, interfaceFilter, ipFilter);
  }

  @Override
  public String toString() {
    if (this == BROWSER_DEFAULT) {
      return "browser-default";
    }
    if (this == LOOPBACK_ONLY) {
      return "loopback-only";
    }
    return "NetworkFilter[loopback=" + (loopbackOnly ? "only" : includeLoopback) + ", linkLocal=" + includeLinkLocal
        + ", ipv4=" + ipv4 + ", ipv6=" + ipv6 + "]";
  }
}

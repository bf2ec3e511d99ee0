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
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

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

  /**
   * Lists every address of every interface that is up, unfiltered and with scopes as the JDK gives
   * them (the JDK's {@link NetworkInterface}; tests pass a scripted one).
   */
  @FunctionalInterface
  interface InterfaceSource {
    List<LocalAddress> list() throws SocketException;
  }

  /**
   * How long one listing of the interfaces is reused. Listing them costs about 0.2 ms of CPU
   * per connection (a netlink dump and an ioctl per interface), paid on the connection's loop
   * while it opens its sockets; a server making many connections a second lists once a second
   * instead. Staleness: a connection created within this time after an interface change
   * gathers on the old list (a removed address fails to bind and is skipped, which also drops
   * the listing: see {@link #invalidate}; a new address is used from the next listing on).
   * Browsers watch the OS's change notifications, which the JDK does not offer.
   */
  static final long MAX_AGE_NANOS = 1_000_000_000L;

  /** The listing of the interfaces, shared by every connection, reused for {@code maxAgeNanos}. */
  static final class InterfaceCache {
    private final InterfaceSource source;
    private final LongSupplier nanoClock;
    private final long maxAgeNanos;
    private @Nullable List<LocalAddress> entries;
    private long listedAt;

    InterfaceCache(InterfaceSource source, LongSupplier nanoClock, long maxAgeNanos) {
      this.source = source;
      this.nanoClock = nanoClock;
      this.maxAgeNanos = maxAgeNanos;
    }

    /** The current listing: the cached one if younger than the maximum age, else a new one. */
    synchronized List<LocalAddress> get() throws SocketException {
      long now = nanoClock.getAsLong();
      List<LocalAddress> e = entries;
      if (e == null || now - listedAt >= maxAgeNanos) {
        // A failed listing throws and caches nothing: the next call lists again.
        e = List.copyOf(source.list());
        entries = e;
        listedAt = now;
      }
      return e;
    }

    /** Drops the listing: the next {@link #get} lists the interfaces again. */
    synchronized void invalidate() {
      entries = null;
    }
  }

  private static final InterfaceCache SHARED = new InterfaceCache(LocalAddresses::listInterfaces, System::nanoTime, MAX_AGE_NANOS);

  private LocalAddresses() {}

  /**
   * The addresses of every interface that is up and passes {@code filter}, IPv6 first then IPv4
   * (the order Chrome prefers), each group in interface order. The interfaces are listed at most
   * once per {@link #MAX_AGE_NANOS}; the filter is applied on every call.
   */
  public static List<LocalAddress> list(Filter filter) throws SocketException {
    return select(SHARED.get(), filter);
  }

  /**
   * An address from {@link #list} could not be bound (it is gone, most likely): the next
   * connection lists the interfaces again instead of reusing the listing.
   */
  public static void invalidate() {
    SHARED.invalidate();
  }

  static List<LocalAddress> select(List<LocalAddress> entries, Filter filter) {
    List<LocalAddress> out = new ArrayList<>();
    for (LocalAddress e : entries) {
      InetAddress a = e.address();
      if (filter.accepts(e.interfaceName(), a) && (!NetworkGuard.loopbackOnly() || a.isLoopbackAddress())) {
        out.add(new LocalAddress(e.interfaceName(), e.interfaceIndex(), stripScopeIfGlobal(a), e.prefixLength()));
      }
    }
    out.sort(Comparator.comparingInt((LocalAddress la) -> la.address() instanceof Inet6Address ? 0 : 1)
        .thenComparingInt(LocalAddress::interfaceIndex));
    return out;
  }

  /** Every address of every interface that is up, in interface order. */
  private static List<LocalAddress> listInterfaces() throws SocketException {
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
        out.add(new LocalAddress(nif.getName(), nif.getIndex(), ia.getAddress(), ia.getNetworkPrefixLength()));
      }
    }
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

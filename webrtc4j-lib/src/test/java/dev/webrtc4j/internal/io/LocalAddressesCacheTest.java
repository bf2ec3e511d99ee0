package dev.webrtc4j.internal.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared listing of the interfaces: reused while young, listed again once old or dropped. */
class LocalAddressesCacheTest {
  private static LocalAddresses.LocalAddress entry(String name, int index, String ip) throws Exception {
    return new LocalAddresses.LocalAddress(name, index, InetAddress.getByName(ip), ip.contains(":") ? 128 : 8);
  }

  /** A scripted OS: the interfaces it reports now, and how often it was asked. */
  private static final class FakeOs implements LocalAddresses.InterfaceSource {
    List<LocalAddresses.LocalAddress> now = new ArrayList<>();
    int listings;
    boolean fail;

    @Override
    public List<LocalAddresses.LocalAddress> list() throws SocketException {
      listings++;
      if (fail) {
        throw new SocketException("netlink said no");
      }
      return new ArrayList<>(now);
    }
  }

  @Test
  void aListingIsReusedUntilItIsTooOldThenTheNewInterfacesShow() throws Exception {
    FakeOs os = new FakeOs();
    long[] clock = {0};
    os.now.add(entry("lo", 1, "127.0.0.1"));
    LocalAddresses.InterfaceCache cache = new LocalAddresses.InterfaceCache(os, () -> clock[0], 1_000);
    assertThat(cache.get()).extracting(e -> e.address().getHostAddress()).containsExactly("127.0.0.1");
    // An interface appears; within the maximum age the old listing is reused.
    os.now.add(entry("lo", 1, "::1"));
    clock[0] = 999;
    assertThat(cache.get()).hasSize(1);
    assertThat(os.listings).isEqualTo(1);
    // Old enough: listed again, and the new address is there.
    clock[0] = 1_000;
    assertThat(cache.get()).extracting(e -> e.address().getHostAddress()).containsExactly("127.0.0.1", "0:0:0:0:0:0:0:1");
    assertThat(os.listings).isEqualTo(2);
    // One that disappears is gone from the next listing after the maximum age.
    os.now.remove(0);
    clock[0] = 2_500;
    assertThat(cache.get()).extracting(e -> e.address().getHostAddress()).containsExactly("0:0:0:0:0:0:0:1");
  }

  @Test
  void anInvalidatedListingIsListedAgainAtOnce() throws Exception {
    FakeOs os = new FakeOs();
    os.now.add(entry("lo", 1, "127.0.0.1"));
    LocalAddresses.InterfaceCache cache = new LocalAddresses.InterfaceCache(os, () -> 0, 1_000_000);
    cache.get();
    os.now.clear();
    cache.invalidate();
    assertThat(cache.get()).isEmpty();
    assertThat(os.listings).isEqualTo(2);
  }

  @Test
  void aFailedListingIsNotCached() throws Exception {
    FakeOs os = new FakeOs();
    os.now.add(entry("lo", 1, "127.0.0.1"));
    LocalAddresses.InterfaceCache cache = new LocalAddresses.InterfaceCache(os, () -> 0, 1_000_000);
    os.fail = true;
    assertThatThrownBy(cache::get).isInstanceOf(SocketException.class);
    os.fail = false;
    assertThat(cache.get()).hasSize(1);
    assertThat(os.listings).isEqualTo(2);
  }

  @Test
  void theFilterIsAppliedToTheSharedListingOnEveryCallIpv6First() throws Exception {
    List<LocalAddresses.LocalAddress> listing = List.of(
        entry("lo", 1, "127.0.0.1"), entry("lo", 1, "::1"), entry("eth0", 2, "192.0.2.7"), entry("eth0", 2, "2001:db8::7"));
    assertThat(LocalAddresses.select(listing, LocalAddresses.Filter.LOOPBACK_ONLY))
        .extracting(a -> a.address().getHostAddress()).containsExactly("0:0:0:0:0:0:0:1", "127.0.0.1");
    LocalAddresses.Filter v4NoLoopback = new LocalAddresses.Filter(false, false, false, true, false, n -> true, a -> true);
    // Under the build's network guard only loopback passes, whatever the filter says.
    assertThat(LocalAddresses.select(listing, v4NoLoopback)).extracting(a -> a.address().getHostAddress())
        .containsExactlyElementsOf(NetworkGuard.loopbackOnly() ? List.of() : List.of("192.0.2.7"));
  }

  @Test
  void theRealListingHasLoopback() throws Exception {
    assertThat(LocalAddresses.list(LocalAddresses.Filter.LOOPBACK_ONLY)).isNotEmpty()
        .allMatch(a -> a.address().isLoopbackAddress());
    // Reused: a second call within the maximum age gives the same addresses.
    assertThat(LocalAddresses.list(LocalAddresses.Filter.LOOPBACK_ONLY))
        .isEqualTo(LocalAddresses.list(LocalAddresses.Filter.LOOPBACK_ONLY));
  }
}

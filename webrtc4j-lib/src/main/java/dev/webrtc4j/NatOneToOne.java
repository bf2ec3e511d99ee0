package dev.webrtc4j;

import dev.webrtc4j.internal.ice.CandidateType;
import dev.webrtc4j.internal.ice.IceCandidate;
import dev.webrtc4j.spi.NatCandidateType;
import dev.webrtc4j.spi.Settings;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * What a host candidate is announced as when the server sits behind a 1:1 NAT
 * ({@link Settings#natOneToOneAddresses()}). Only the signalled candidates change: the agent keeps
 * checking from its real local address, and the NAT forwards the peer's checks sent to the public
 * address to it, so they arrive on the same socket.
 */
final class NatOneToOne {
  /** RFC 8445 §5.1.2.2: the type preference of server-reflexive candidates. */
  private static final int SRFLX_TYPE_PREFERENCE = 100;

  private NatOneToOne() {}

  /** The candidates to signal for {@code gathered}: itself, mapped, or itself plus srflx ones. */
  static List<IceCandidate> announced(IceCandidate gathered, Settings settings) {
    List<InetAddress> publics = settings.natOneToOneAddresses();
    if (publics.isEmpty() || gathered.type() != CandidateType.HOST || gathered.isMdns()) {
      return List.of(gathered);
    }
    List<InetAddress> sameFamily = new ArrayList<>();
    boolean v4 = gathered.address().getAddress() instanceof Inet4Address;
    for (InetAddress a : publics) {
      if ((a instanceof Inet4Address) == v4) {
        sameFamily.add(a);
      }
    }
    if (sameFamily.isEmpty()) {
      return List.of(gathered);
    }
    int port = gathered.address().getPort();
    List<IceCandidate> out = new ArrayList<>();
    if (settings.natOneToOneType() == NatCandidateType.HOST) {
      for (InetAddress a : sameFamily) {
        out.add(new IceCandidate(gathered.foundation(), gathered.component(), gathered.protocol(), gathered.priority(),
            new InetSocketAddress(a, port), CandidateType.HOST, null));
      }
      return out;
    }
    out.add(gathered);
    long localPreference = (gathered.priority() >> 8) & 0xFFFF;
    long priority = ((long) SRFLX_TYPE_PREFERENCE << 24) | (localPreference << 8) | (256 - gathered.component());
    for (InetAddress a : sameFamily) {
      // RFC 8445 §5.1.1.3: a different type gives a different foundation.
      String foundation = Integer.toUnsignedString(("srflx" + a.getHostAddress() + gathered.foundation()).hashCode());
      out.add(new IceCandidate(foundation, gathered.component(), gathered.protocol(), priority,
          new InetSocketAddress(a, port), CandidateType.SRFLX, gathered.address()));
    }
    return out;
  }
}

package dev.webrtc4j.internal.io.mdns;

import dev.webrtc4j.internal.util.Bytes;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.Optional;

/**
 * A resource record, RFC 1035 §4.1.3, with the mDNS cache-flush bit, RFC 6762 §10.2.
 *
 * <pre>
 *  NAME (labels or compression pointer)
 *  +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 *  |                      TYPE                     |
 *  |CF|                    CLASS                   |
 *  |                      TTL (32)                 |
 *  |                   RDLENGTH                    |
 *  /                     RDATA                     /
 *  +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 * </pre>
 *
 * @param name the owner name, lower-case, without a trailing dot
 * @param type TYPE
 * @param rrClass CLASS without the cache-flush bit
 * @param cacheFlush the cache-flush bit
 * @param ttlSeconds TTL, unsigned
 * @param rdata RDATA, copied (names inside RDATA are not decompressed: only A and AAAA are read)
 */
public record MdnsRecord(String name, int type, int rrClass, boolean cacheFlush, long ttlSeconds, Bytes rdata) {
  public MdnsRecord {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(rdata, "rdata");
    if (ttlSeconds < 0 || ttlSeconds > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("bad ttl " + ttlSeconds);
    }
  }

  /**
   * The address of an IN A record with 4 bytes of RDATA or an IN AAAA record with 16; empty for
   * any other record, including an A or AAAA whose RDLENGTH is wrong.
   */
  public Optional<InetAddress> address() {
    if (rrClass != MdnsMessage.CLASS_IN) {
      return Optional.empty();
    }
    try {
      if (type == MdnsMessage.TYPE_A && rdata.length() == 4) {
        return Optional.of((Inet4Address) InetAddress.getByAddress(rdata.toArray()));
      }
      if (type == MdnsMessage.TYPE_AAAA && rdata.length() == 16) {
        // Inet6Address.getByAddress keeps an IPv4-mapped AAAA an Inet6Address; no DNS lookup.
        return Optional.of(Inet6Address.getByAddress(null, rdata.toArray(), -1));
      }
    } catch (UnknownHostException e) {
      return Optional.empty(); // unreachable: the lengths are checked
    }
    return Optional.empty();
  }
}

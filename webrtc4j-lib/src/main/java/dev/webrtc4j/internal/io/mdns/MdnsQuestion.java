package dev.webrtc4j.internal.io.mdns;

import java.util.Objects;

/**
 * A question entry, RFC 1035 §4.1.2, with the mDNS unicast-response bit, RFC 6762 §5.4.
 *
 * <pre>
 *  QNAME (labels or compression pointer)
 *  +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 *  |                     QTYPE                     |
 *  |QU|                  QCLASS                    |
 *  +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 * </pre>
 *
 * @param name the name, lower-case, without a trailing dot
 * @param type QTYPE ({@link MdnsMessage#TYPE_A}, {@link MdnsMessage#TYPE_AAAA}, ...)
 * @param qclass QCLASS without the QU bit
 * @param unicastResponse the QU bit
 */
public record MdnsQuestion(String name, int type, int qclass, boolean unicastResponse) {
  public MdnsQuestion {
    Objects.requireNonNull(name, "name");
    if (type < 0 || type > 0xFFFF || qclass < 0 || qclass > 0x7FFF) {
      throw new IllegalArgumentException("bad question type " + type + " class " + qclass);
    }
  }
}

package dev.webrtc4j.internal.io;

import dev.webrtc4j.internal.io.mdns.MdnsMessage;
import dev.webrtc4j.internal.io.mdns.MdnsQuestion;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers multicast DNS queries for the random {@code .local} names that hide our host candidates
 * (draft-ietf-mmusic-mdns-ice-candidates §3.1.1): a query naming one of them gets a response with
 * its A or AAAA record. Names come and go with the connections that made them.
 */
public final class MdnsResponder implements AutoCloseable {
  /** RFC 6762 §10: 120 s for records of a host name. */
  static final long TTL_SECONDS = 120;
  private static final int TYPE_ANY = 255;

  private final MulticastDnsResolver.Transport transport;
  private final ConcurrentHashMap<String, InetAddress> names = new ConcurrentHashMap<>();
  private volatile long answered;

  /** Starts listening on {@code transport} now. */
  public MdnsResponder(MulticastDnsResolver.Transport transport) throws IOException {
    this.transport = Objects.requireNonNull(transport, "transport");
    transport.start(this::onDatagram);
  }

  /** The production responder on the mDNS groups of the host's interfaces. Never used in tests. */
  public static MdnsResponder createDefault() throws IOException {
    return new MdnsResponder(MdnsUdpTransport.multicast());
  }

  public void register(String name, InetAddress address) {
    names.put(MdnsMessage.normalize(name), Objects.requireNonNull(address, "address"));
  }

  public void unregister(String name) {
    names.remove(MdnsMessage.normalize(name));
  }

  public Optional<InetAddress> lookup(String name) {
    return Optional.ofNullable(names.get(MdnsMessage.normalize(name)));
  }

  /** Responses sent so far. */
  public long answered() {
    return answered;
  }

  private void onDatagram(ByteBuffer datagram) {
    Optional<MdnsMessage> m = MdnsMessage.tryParse(datagram);
    if (m.isEmpty() || m.get().isResponse() || m.get().opcode() != 0) {
      return;
    }
    for (MdnsQuestion q : m.get().questions()) {
      InetAddress a = names.get(MdnsMessage.normalize(q.name()));
      if (a == null) {
        continue;
      }
      int type = a instanceof Inet4Address ? MdnsMessage.TYPE_A : MdnsMessage.TYPE_AAAA;
      if (q.type() == type || q.type() == TYPE_ANY) {
        transport.send(MdnsMessage.encodeResponse(q.name(), a, TTL_SECONDS));
        answered++;
      }
    }
  }

  @Override
  public void close() {
    transport.close();
  }
}

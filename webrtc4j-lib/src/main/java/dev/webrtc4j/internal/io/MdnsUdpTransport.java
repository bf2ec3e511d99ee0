package dev.webrtc4j.internal.io;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * The UDP {@link MulticastDnsResolver.Transport}: blocking {@link DatagramChannel}s, one daemon
 * reader thread each.
 *
 * <ul>
 *   <li>{@link #multicast()} (production only): binds port 5353 with {@code SO_REUSEADDR} (falling
 *       back to an ephemeral port, whose queries responders answer by unicast, RFC 6762 §6.7), joins
 *       224.0.0.251 and ff02::fb on every up, multicast-capable, non-loopback interface and sends
 *       each query out of each of them.
 *   <li>{@link #unicast} sends to one fixed address from an ephemeral socket: a stand-in for the
 *       group, which tests point at a fake responder on loopback. It joins nothing.
 * </ul>
 */
public final class MdnsUdpTransport implements MulticastDnsResolver.Transport {
  private static final System.Logger LOG = System.getLogger(MdnsUdpTransport.class.getName());
  public static final int MDNS_PORT = 5353;
  private static final int MAX_DATAGRAM = 9000; // RFC 6762 §17: at most 9000 bytes

  private record Path(DatagramChannel channel, InetSocketAddress destination, List<NetworkInterface> interfaces) {}

  private final boolean multicast;
  private final InetSocketAddress unicastLocal;
  private final InetSocketAddress unicastDestination;
  private final List<Path> paths = new ArrayList<>();
  private final List<Thread> readers = new ArrayList<>();
  private volatile boolean closed;

  private MdnsUdpTransport(boolean multicast, InetSocketAddress local, InetSocketAddress destination) {
    this.multicast = multicast;
    this.unicastLocal = local;
    this.unicastDestination = destination;
  }

  /** The real thing: the mDNS groups on the host's interfaces. Never used in tests. */
  public static MdnsUdpTransport multicast() {
    return new MdnsUdpTransport(true, new InetSocketAddress(0), new InetSocketAddress(0));
  }

  /** Sends every query to {@code destination} from a socket bound on {@code local}. */
  public static MdnsUdpTransport unicast(InetSocketAddress local, InetSocketAddress destination) {
    return new MdnsUdpTransport(false, local, destination);
  }

  /** The local addresses of the open sockets. */
  public synchronized List<InetSocketAddress> localAddresses() throws IOException {
    List<InetSocketAddress> out = new ArrayList<>();
    for (Path p : paths) {
      out.add((InetSocketAddress) p.channel.getLocalAddress());
    }
    return out;
  }

  @Override
  public synchronized void start(Consumer<ByteBuffer> receiver) throws IOException {
    if (multicast) {
      List<NetworkInterface> v4 = new ArrayList<>();
      List<NetworkInterface> v6 = new ArrayList<>();
      for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!nif.isUp() || nif.isLoopback() || !nif.supportsMulticast()) {
          continue;
        }
        if (nif.inetAddresses().anyMatch(a -> a instanceof Inet4Address)) {
          v4.add(nif);
        }
        if (nif.inetAddresses().anyMatch(a -> a instanceof Inet6Address)) {
          v6.add(nif);
        }
      }
      openGroup(StandardProtocolFamily.INET, InetAddress.getByAddress(new byte[] {(byte) 224, 0, 0, (byte) 251}), v4);
      byte[] ff02fb = new byte[16];
      ff02fb[0] = (byte) 0xff;
      ff02fb[1] = 0x02;
      ff02fb[15] = (byte) 0xfb;
      openGroup(StandardProtocolFamily.INET6, InetAddress.getByAddress(ff02fb), v6);
      if (paths.isEmpty()) {
        throw new IOException("mDNS: no multicast-capable interface");
      }
    } else {
      ProtocolFamily family = unicastDestination.getAddress() instanceof Inet6Address
          ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
      DatagramChannel ch = DatagramChannel.open(family);
      try {
        ch.bind(unicastLocal);
      } catch (IOException | RuntimeException e) {
        ch.close();
        throw e;
      }
      paths.add(new Path(ch, unicastDestination, List.of()));
    }
    for (Path p : paths) {
      Thread t = Thread.ofPlatform().daemon().name("webrtc4j-mdns-rx").unstarted(() -> read(p.channel, receiver));
      readers.add(t);
      t.start();
    }
  }

  private void openGroup(ProtocolFamily family, InetAddress group, List<NetworkInterface> interfaces) {
    if (interfaces.isEmpty()) {
      return;
    }
    DatagramChannel ch = null;
    try {
      ch = DatagramChannel.open(family);
      ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      try {
        ch.bind(new InetSocketAddress(MDNS_PORT));
      } catch (IOException e) {
        LOG.log(System.Logger.Level.DEBUG, "mDNS: port 5353 busy ({0}); querying from an ephemeral port", e.toString());
        ch.bind(new InetSocketAddress(0));
      }
      ch.setOption(StandardSocketOptions.IP_MULTICAST_TTL, 255); // RFC 6762 §11
      List<NetworkInterface> joined = new ArrayList<>();
      for (NetworkInterface nif : interfaces) {
        try {
          ch.join(group, nif);
          joined.add(nif);
        } catch (IOException | UnsupportedOperationException e) {
          LOG.log(System.Logger.Level.DEBUG, "mDNS: cannot join {0} on {1}: {2}", group, nif.getName(), e.toString());
        }
      }
      if (joined.isEmpty()) {
        ch.close();
        return;
      }
      paths.add(new Path(ch, new InetSocketAddress(group, MDNS_PORT), joined));
    } catch (IOException | UnsupportedOperationException e) {
      LOG.log(System.Logger.Level.DEBUG, "mDNS: no {0} socket: {1}", family, e.toString());
      if (ch != null) {
        try {
          ch.close();
        } catch (IOException ignored) {
          // nothing to do
        }
      }
    }
  }

  private void read(DatagramChannel ch, Consumer<ByteBuffer> receiver) {
    ByteBuffer buf = ByteBuffer.allocate(MAX_DATAGRAM);
    while (!closed) {
      try {
        buf.clear();
        if (ch.receive(buf) == null) {
          continue;
        }
        buf.flip();
        ByteBuffer copy = ByteBuffer.allocate(buf.remaining()).put(buf).flip();
        receiver.accept(copy);
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        if (closed) {
          return;
        }
        LOG.log(System.Logger.Level.DEBUG, "mDNS receive failed: {0}", e.toString());
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "mDNS receiver failed", e);
      }
    }
  }

  @Override
  public synchronized void send(ByteBuffer query) {
    if (closed) {
      return;
    }
    for (Path p : paths) {
      if (p.interfaces.isEmpty()) {
        sendOne(p.channel, query.duplicate(), p.destination);
        continue;
      }
      for (NetworkInterface nif : p.interfaces) {
        try {
          p.channel.setOption(StandardSocketOptions.IP_MULTICAST_IF, nif);
        } catch (IOException e) {
          LOG.log(System.Logger.Level.DEBUG, "mDNS: cannot select {0}: {1}", nif.getName(), e.toString());
          continue;
        }
        sendOne(p.channel, query.duplicate(), p.destination);
      }
    }
  }

  private static void sendOne(DatagramChannel ch, ByteBuffer payload, InetSocketAddress destination) {
    try {
      ch.send(payload, destination);
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "mDNS send to {0} failed: {1}", destination, e.toString());
    }
  }

  @Override
  public void close() {
    List<Thread> toJoin;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      for (Path p : paths) {
        try {
          p.channel.close();
        } catch (IOException e) {
          LOG.log(System.Logger.Level.DEBUG, "mDNS close: {0}", e.toString());
        }
      }
      toJoin = List.copyOf(readers);
    }
    for (Thread t : toJoin) {
      try {
        t.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}

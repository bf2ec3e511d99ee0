package dev.webrtc4j;

import dev.webrtc4j.internal.io.DatagramHandler;
import dev.webrtc4j.internal.io.LocalAddresses;
import dev.webrtc4j.internal.io.UdpIo;
import dev.webrtc4j.internal.io.UdpMux;
import dev.webrtc4j.internal.io.UdpSocket;
import dev.webrtc4j.internal.util.Datagram;
import dev.webrtc4j.spi.NetworkFilter;
import dev.webrtc4j.spi.Settings;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The UDP sockets of one connection's transport: one per local address that {@link
 * Settings#network()} lets through, in {@link Settings#portMin()}..{@link Settings#portMax()} when
 * a range is set, or one registration per ICE ufrag on the shared {@link Settings#udpMux()} port.
 * Datagrams arrive on the reactor thread and go to the handler, which queues them to the loop.
 */
final class TransportSockets {
  private static final System.Logger LOG = System.getLogger(TransportSockets.class.getName());

  /** How a datagram leaves from one local address (a socket, or a mux registration). */
  private interface Sender {
    boolean send(ByteBuffer payload, InetSocketAddress destination);
  }

  /** One local address's way out (now, or through the reactor's send thread), and how to let it go. */
  private record Outlet(Sender sender, Sender handOver, Runnable close) {}

  private final Settings settings;
  private final RandomGenerator random;
  private final DatagramHandler handler;
  private final Map<InetSocketAddress, Outlet> outlets = new LinkedHashMap<>();
  private final List<AutoCloseable> extra = new ArrayList<>();
  private final String firstUfrag;
  private long sendsFailed;

  TransportSockets(Settings settings, RandomGenerator random, String ufrag, DatagramHandler handler) {
    this.settings = settings;
    this.random = random;
    this.firstUfrag = ufrag;
    this.handler = handler;
  }

  /** Binds the sockets; returns their local addresses (none when nothing passes the filter). */
  List<InetSocketAddress> open() {
    if (settings.udpMux().isPresent()) {
      UdpMux.Registration r = settings.udpMux().get().mux().register(firstUfrag, handler);
      outlets.put(r.localAddress(), new Outlet(r::send, r::handOver, r::close));
      return List.copyOf(outlets.keySet());
    }
    List<LocalAddresses.LocalAddress> addresses;
    try {
      addresses = LocalAddresses.list(filterOf(settings.network()));
    } catch (SocketException e) {
      LOG.log(Level.WARNING, "cannot list the local interfaces: {0}", e.toString());
      return List.of();
    }
    UdpIo io = UdpIo.shared();
    for (LocalAddresses.LocalAddress a : addresses) {
      try {
        UdpSocket s = settings.portMax() == 0
            ? io.open(new InetSocketAddress(a.address(), 0), handler)
            : io.openInRange(a.address(), settings.portMin(), settings.portMax(), random, handler);
        outlets.put(s.localAddress(), new Outlet(s::send, s::handOver, s::close));
      } catch (IOException | RuntimeException e) {
        LOG.log(Level.INFO, "no host candidate on {0}: {1}", a.address(), e.toString());
        // The shared listing may be stale (the address is gone): the next connection lists again.
        LocalAddresses.invalidate();
      }
    }
    return List.copyOf(outlets.keySet());
  }

  /** An ICE restart's new ufrag: a shared mux port must route its checks to us too. */
  void addUfrag(String ufrag) {
    if (settings.udpMux().isPresent()) {
      extra.add(settings.udpMux().get().mux().register(ufrag, handler));
    }
  }

  /** Sends a datagram from the socket its source names; false when that socket is gone or full. */
  boolean send(Datagram d) {
    return send(d, false);
  }

  /**
   * As {@link #send(Datagram)}; with {@code handOver} the reactor's send thread sends it (the
   * payload is the caller's no more), and false means only that it was dropped at once.
   */
  boolean send(Datagram d, boolean handOver) {
    Outlet o = outlets.get(d.source());
    if (o == null || !(handOver ? o.handOver() : o.sender()).send(d.payload(), d.destination())) {
      sendsFailed++;
      return false;
    }
    return true;
  }

  long sendsFailed() {
    return sendsFailed;
  }

  void close() {
    for (Outlet o : outlets.values()) {
      o.close().run();
    }
    outlets.clear();
    for (AutoCloseable c : extra) {
      try {
        c.close();
      } catch (Exception e) {
        LOG.log(Level.DEBUG, "closing a mux registration failed: {0}", e.toString());
      }
    }
    extra.clear();
  }

  static LocalAddresses.Filter filterOf(NetworkFilter f) {
    return new LocalAddresses.Filter(f.includeLoopback(), f.loopbackOnly(), f.includeLinkLocal(), f.ipv4(), f.ipv6(),
        f.interfaceFilter(), f.ipFilter());
  }
}

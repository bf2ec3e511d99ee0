package dev.webrtc4j.internal.io;

import dev.webrtc4j.internal.util.Datagram;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A single-port UDP mux: one {@link UdpSocket} serves many peer connections, each registered
 * under its local ICE ufrag (Pion's UDPMux, str0m's single-socket mode).
 *
 * <p>Routing of a received datagram, on the {@link UdpIo} reactor thread:
 * <ol>
 *   <li>a STUN Binding request whose USERNAME names a registered local ufrag (the part before the
 *       colon, RFC 8445 §7.2.2) goes to that registration, and its source address becomes (or is
 *       moved to) an association of that registration;
 *   <li>otherwise a datagram from an associated remote address goes to its registration
 *       (DTLS, SRTP, STUN responses, consent checks, ...);
 *   <li>otherwise it is dropped and counted.
 * </ol>
 * The mux does not check MESSAGE-INTEGRITY (it has no passwords, and {@code io} does not depend
 * on {@code internal.stun}); the ICE agent that receives the request does, and answers nothing to
 * a forged one. A spoofed request with a known ufrag can therefore move an address, as with
 * Pion; the agent then sees datagrams fail its checks and consent expires.
 *
 * <p>Bounds: each registration keeps at most {@code maxAssociationsPerRegistration} remote
 * addresses and the mux at most {@code maxAssociations} in all; past either bound the oldest
 * association (by time of association) is evicted and counted. Defaults: 64 and 16384, i.e. a
 * few megabytes at most, whatever a peer sends.
 *
 * <p>Threads: {@link #register}, {@link Registration#close} and {@link #close} may be called from
 * any thread; lookups on the receive path are lock-free ({@link ConcurrentHashMap}); association
 * changes, which happen once per new remote address, take one lock. After
 * {@link Registration#close} returns, no further datagram is delivered to its handler, except one
 * that the reactor was already handing over at that instant.
 */
public final class UdpMux implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(UdpMux.class.getName());
  public static final int DEFAULT_MAX_ASSOCIATIONS_PER_REGISTRATION = 64;
  public static final int DEFAULT_MAX_ASSOCIATIONS = 16384;

  private final int maxPerRegistration;
  private final int maxTotal;
  private final Map<String, Registration> byUfrag = new ConcurrentHashMap<>();
  private final Map<InetSocketAddress, Registration> byAddress = new ConcurrentHashMap<>();
  /** Every association in the order it was made; guarded by {@link #lock}. */
  private final LinkedHashSet<InetSocketAddress> associationOrder = new LinkedHashSet<>();
  private final Object lock = new Object();
  private final AtomicLong droppedUnknownSource = new AtomicLong();
  private final AtomicLong droppedUnknownUfrag = new AtomicLong();
  private final AtomicLong droppedMalformedStun = new AtomicLong();
  private final AtomicLong droppedClosed = new AtomicLong();
  private final AtomicLong associationsEvicted = new AtomicLong();
  private final AtomicLong reassociations = new AtomicLong();
  private final UdpSocket socket;
  /** Registrations that got a datagram in the reactor's current pass (reactor thread only). */
  private final java.util.ArrayList<Registration> delivered = new java.util.ArrayList<>();
  private volatile boolean closed;

  private UdpMux(UdpIo io, InetSocketAddress bind, int maxPerRegistration, int maxTotal) throws IOException {
    this.maxPerRegistration = maxPerRegistration;
    this.maxTotal = maxTotal;
    this.socket = io.open(bind, new DatagramHandler() {
      @Override public void onDatagram(Datagram d, long receivedNanos) {
        route(d, receivedNanos);
      }

      @Override public void endOfBurst() {
        endBursts();
      }
    });
  }

  /** Binds the mux socket on {@code bind} (port 0 = any free port) with the default bounds. */
  public static UdpMux open(UdpIo io, InetSocketAddress bind) throws IOException {
    return open(io, bind, DEFAULT_MAX_ASSOCIATIONS_PER_REGISTRATION, DEFAULT_MAX_ASSOCIATIONS);
  }

  /** Binds the mux socket with explicit association bounds (each at least 1). */
  public static UdpMux open(UdpIo io, InetSocketAddress bind, int maxAssociationsPerRegistration, int maxAssociations)
      throws IOException {
    Objects.requireNonNull(io, "io");
    Objects.requireNonNull(bind, "bind");
    if (maxAssociationsPerRegistration < 1 || maxAssociations < 1) {
      throw new IllegalArgumentException("association bounds must be positive");
    }
    return new UdpMux(io, bind, maxAssociationsPerRegistration, maxAssociations);
  }

  /**
   * Registers a connection by its local ICE ufrag. Datagrams routed to it reach {@code handler}
   * on the reactor thread, with the mux's local address as destination.
   *
   * @throws IllegalStateException if the mux is closed or the ufrag is already registered
   */
  public Registration register(String localUfrag, DatagramHandler handler) {
    Objects.requireNonNull(localUfrag, "localUfrag");
    Objects.requireNonNull(handler, "handler");
    if (localUfrag.isEmpty() || localUfrag.indexOf(':') >= 0) {
      throw new IllegalArgumentException("a ufrag is non-empty and has no colon");
    }
    if (closed) {
      throw new IllegalStateException("mux closed");
    }
    Registration r = new Registration(localUfrag, handler);
    if (byUfrag.putIfAbsent(localUfrag, r) != null) {
      throw new IllegalStateException("ufrag already registered on this mux");
    }
    if (closed) { // raced with close(): undo
      r.close();
      throw new IllegalStateException("mux closed");
    }
    return r;
  }

  public InetSocketAddress localAddress() {
    return socket.localAddress();
  }

  private void route(Datagram d, long receivedNanos) {
    ByteBuffer b = d.payload();
    InetSocketAddress from = d.source();
    Registration target = null;
    if (UdpMuxStunScanner.isBindingRequest(b)) {
      String ufrag = UdpMuxStunScanner.localUfrag(b);
      if (ufrag == null) {
        droppedMalformedStun.incrementAndGet();
        return;
      }
      target = byUfrag.get(ufrag);
      if (target != null) {
        if (byAddress.get(from) != target && !associate(from, target)) {
          droppedClosed.incrementAndGet();
          return;
        }
      } else {
        target = byAddress.get(from);
        if (target == null) {
          droppedUnknownUfrag.incrementAndGet();
          return;
        }
      }
    } else {
      target = byAddress.get(from);
      if (target == null) {
        droppedUnknownSource.incrementAndGet();
        return;
      }
    }
    if (target.closed) {
      droppedClosed.incrementAndGet();
      return;
    }
    target.received.incrementAndGet();
    if (!target.inBurst) {
      target.inBurst = true;
      delivered.add(target);
    }
    target.handler.onDatagram(d, receivedNanos);
  }

  /** The reactor's pass ended: each registration that got datagrams hands its batch on. */
  private void endBursts() {
    for (int i = 0; i < delivered.size(); i++) {
      Registration r = delivered.get(i);
      r.inBurst = false;
      try {
        r.handler.endOfBurst();
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.ERROR, "mux handler failed", e);
      }
    }
    delivered.clear();
  }

  /** Associates {@code address} with {@code r}, moving it from another registration if needed. */
  private boolean associate(InetSocketAddress address, Registration r) {
    synchronized (lock) {
      if (r.closed) {
        return false;
      }
      Registration previous = byAddress.get(address);
      if (previous == r) {
        return true;
      }
      if (previous != null) {
        previous.addresses.remove(address);
        associationOrder.remove(address);
        reassociations.incrementAndGet();
      }
      while (r.addresses.size() >= maxPerRegistration) {
        Iterator<InetSocketAddress> oldest = r.addresses.iterator();
        InetSocketAddress evicted = oldest.next();
        oldest.remove();
        associationOrder.remove(evicted);
        byAddress.remove(evicted, r);
        associationsEvicted.incrementAndGet();
      }
      while (associationOrder.size() >= maxTotal) {
        Iterator<InetSocketAddress> oldest = associationOrder.iterator();
        InetSocketAddress evicted = oldest.next();
        oldest.remove();
        Registration owner = byAddress.remove(evicted);
        if (owner != null) {
          owner.addresses.remove(evicted);
        }
        associationsEvicted.incrementAndGet();
      }
      r.addresses.add(address);
      associationOrder.add(address);
      byAddress.put(address, r);
      LOG.log(System.Logger.Level.DEBUG, "mux {0}: remote address associated with a registration",
          socket.localAddress());
      return true;
    }
  }

  /** Number of remote addresses currently associated, over all registrations. */
  public int associations() {
    synchronized (lock) {
      return associationOrder.size();
    }
  }

  /** Non-STUN-request datagrams from an address no registration owns. */
  public long droppedUnknownSource() {
    return droppedUnknownSource.get();
  }

  /** Well-formed Binding requests whose local ufrag is not registered (from an unknown address). */
  public long droppedUnknownUfrag() {
    return droppedUnknownUfrag.get();
  }

  /** Binding requests with a malformed header, attribute list or USERNAME. */
  public long droppedMalformedStun() {
    return droppedMalformedStun.get();
  }

  /** Datagrams for a registration that was closing. */
  public long droppedClosed() {
    return droppedClosed.get();
  }

  /** Sum of every drop counter. */
  public long dropped() {
    return droppedUnknownSource.get() + droppedUnknownUfrag.get() + droppedMalformedStun.get() + droppedClosed.get();
  }

  /** Associations removed because a bound was reached. */
  public long associationsEvicted() {
    return associationsEvicted.get();
  }

  /** Addresses moved from one registration to another by a Binding request with another ufrag. */
  public long reassociations() {
    return reassociations.get();
  }

  /** The underlying socket, for its counters. */
  public UdpSocket socket() {
    return socket;
  }

  /** Closes every registration and the socket. */
  @Override
  public void close() {
    closed = true;
    for (Registration r : byUfrag.values()) {
      r.close();
    }
    socket.close();
  }

  @Override
  public String toString() {
    return "UdpMux[" + socket.localAddress() + ", " + byUfrag.size() + " registrations" + (closed ? ", closed" : "") + "]";
  }

  /** One connection's share of the mux. Thread-safe. */
  public final class Registration implements AutoCloseable {
    private final String localUfrag;
    private final DatagramHandler handler;
    /** This registration's associations, oldest first; guarded by {@link UdpMux#lock}. */
    private final LinkedHashSet<InetSocketAddress> addresses = new LinkedHashSet<>();
    private final AtomicLong received = new AtomicLong();
    /** In {@link UdpMux#delivered} (reactor thread only). */
    private boolean inBurst;
    private volatile boolean closed;

    private Registration(String localUfrag, DatagramHandler handler) {
      this.localUfrag = localUfrag;
      this.handler = handler;
    }

    public String localUfrag() {
      return localUfrag;
    }

    /** The mux socket's address: every registration shares it. */
    public InetSocketAddress localAddress() {
      return socket.localAddress();
    }

    /** Sends from the shared socket; false when dropped (closed, buffer full, I/O error). */
    public boolean send(ByteBuffer payload, InetSocketAddress destination) {
      if (closed) {
        return false;
      }
      return socket.send(payload, destination);
    }

    /** As {@link UdpSocket#handOver}, from the shared socket; false when dropped at once. */
    public boolean handOver(ByteBuffer payload, InetSocketAddress destination) {
      if (closed) {
        return false;
      }
      return socket.handOver(payload, destination);
    }

    /** Datagrams delivered to this registration's handler. */
    public long datagramsReceived() {
      return received.get();
    }

    /** The remote addresses associated now, oldest first (a snapshot). */
    public java.util.List<InetSocketAddress> remoteAddresses() {
      synchronized (lock) {
        return java.util.List.copyOf(addresses);
      }
    }

    public boolean isClosed() {
      return closed;
    }

    /** Stops delivery, frees the ufrag and removes every association. Idempotent. */
    @Override
    public void close() {
      closed = true;
      byUfrag.remove(localUfrag, this);
      synchronized (lock) {
        for (InetSocketAddress a : addresses) {
          byAddress.remove(a, this);
          associationOrder.remove(a);
        }
        addresses.clear();
      }
    }

    @Override
    public String toString() {
      return "UdpMux.Registration[" + (closed ? "closed" : "open") + "]";
    }
  }
}

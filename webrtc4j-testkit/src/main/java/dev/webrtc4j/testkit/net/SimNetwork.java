package dev.webrtc4j.testkit.net;

import dev.webrtc4j.internal.util.Datagram;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * A seeded discrete-event network on virtual time. Nodes are sans-I/O cores; the network delivers
 * their datagrams through NAT boxes and impaired links, and wakes them at their deadlines. Nothing
 * here reads a clock or sleeps, so a run takes microseconds of real time per simulated second and
 * is exactly reproduced by its seed.
 *
 * <p>Routing of one datagram from {@code src} to {@code dst}: if {@code src}'s IP sits behind a NAT
 * and {@code dst} is not behind the same NAT, the NAT rewrites the source (creating a mapping); if
 * {@code dst} is a NAT's external IP, the NAT's filter decides and rewrites the destination; the
 * node bound to the final destination receives it. The link between the two original IPs applies
 * its delay, loss, duplication, reordering, rate and MTU.
 */
public final class SimNetwork {

  private static final long MAX_STEPS_PER_INSTANT = 1_000_000;

  private final long seed;
  private final SplittableRandom random;
  private final PriorityQueue<Delivery> queue = new PriorityQueue<>();
  private final Map<InetSocketAddress, SimNode> bindings = new HashMap<>();
  private final List<SimNode> nodes = new ArrayList<>();
  private final Map<InetAddress, Nat> natsByExternalIp = new HashMap<>();
  private final Map<InetAddress, Nat> natOfInternalIp = new HashMap<>();
  private final Map<LinkKey, Link> links = new HashMap<>();
  private LinkConditions defaultConditions = LinkConditions.IDEAL;
  private long now;
  private long sequence;
  private final Stats stats = new Stats();

  private record LinkKey(InetAddress from, InetAddress to) {}

  private static final class Link {
    LinkConditions conditions;
    boolean badState;
    long busyUntil;

    Link(LinkConditions conditions) {
      this.conditions = conditions;
    }
  }

  private record Delivery(long time, long sequence, SimNode node, Datagram datagram) implements Comparable<Delivery> {
    @Override
    public int compareTo(Delivery o) {
      int c = Long.compare(time, o.time);
      return c != 0 ? c : Long.compare(sequence, o.sequence);
    }
  }

  /** Counters of what happened to datagrams, for assertions. */
  public static final class Stats {
    public long sent;
    public long delivered;
    public long lost;
    public long duplicated;
    public long droppedByMtu;
    public long droppedByNat;
    public long unroutable;

    @Override
    public String toString() {
      return "sent=" + sent + " delivered=" + delivered + " lost=" + lost + " duplicated=" + duplicated
          + " mtu=" + droppedByMtu + " nat=" + droppedByNat + " unroutable=" + unroutable;
    }
  }

  /** A network whose randomness comes from {@code seed}; the seed is printed so a failure can be replayed. */
  public SimNetwork(long seed) {
    this.seed = seed;
    this.random = new SplittableRandom(seed);
    System.out.println("SimNetwork seed=" + seed);
  }

  public long seed() {
    return seed;
  }

  /** Current virtual time in nanoseconds (starts at 0). */
  public long now() {
    return now;
  }

  public Stats stats() {
    return stats;
  }

  /** Binds {@code node} to {@code addresses}; datagrams to any of them reach it. */
  public void attach(SimNode node, InetSocketAddress... addresses) {
    Objects.requireNonNull(node, "node");
    if (!nodes.contains(node)) {
      nodes.add(node);
    }
    for (InetSocketAddress a : addresses) {
      SimNode previous = bindings.putIfAbsent(a, node);
      if (previous != null && previous != node) {
        throw new IllegalArgumentException("address already bound: " + a);
      }
    }
  }

  /** Binds one more address to an attached node (e.g. a socket opened later). */
  public void bind(SimNode node, InetSocketAddress address) {
    attach(node, address);
  }

  public void unbind(InetSocketAddress address) {
    bindings.remove(address);
  }

  /** Adds a NAT box owning {@code externalIp}. */
  public Nat addNat(InetAddress externalIp, NatBehavior mapping, NatBehavior filtering) {
    return addNat(externalIp, mapping, filtering, false);
  }

  public Nat addNat(InetAddress externalIp, NatBehavior mapping, NatBehavior filtering, boolean hairpinning) {
    Nat nat = new Nat(externalIp, mapping, filtering, hairpinning);
    if (natsByExternalIp.putIfAbsent(externalIp, nat) != null) {
      throw new IllegalArgumentException("IP already owned by a NAT: " + externalIp);
    }
    return nat;
  }

  /** Puts the host with {@code internalIp} behind {@code nat}. */
  public void placeBehind(InetAddress internalIp, Nat nat) {
    natOfInternalIp.put(internalIp, nat);
  }

  /** Conditions for every link without its own. */
  public void setDefaultLink(LinkConditions conditions) {
    this.defaultConditions = Objects.requireNonNull(conditions);
  }

  /** Conditions for datagrams from host {@code from} to host {@code to} (original, pre-NAT IPs). */
  public void setLink(InetAddress from, InetAddress to, LinkConditions conditions) {
    links.computeIfAbsent(new LinkKey(from, to), k -> new Link(conditions)).conditions = conditions;
  }

  public void setLinkBothWays(InetAddress a, InetAddress b, LinkConditions conditions) {
    setLink(a, b, conditions);
    setLink(b, a, conditions);
  }

  /**
   * Conditions for every link from {@code host} (a host's own, pre-NAT IP) to each of {@code
   * peers}, and back from each of them to {@code host}'s public face ({@code host} itself, or the
   * external IP of its NAT, since inbound links are keyed by the destination IP the sender used).
   * With 100% loss this cuts a host off, e.g. to test consent expiry.
   */
  public void setHostLinks(InetAddress host, Iterable<InetAddress> peers, LinkConditions conditions) {
    Nat nat = natOfInternalIp.get(host);
    InetAddress face = nat == null ? host : nat.externalIp();
    for (InetAddress peer : peers) {
      if (!peer.equals(host)) {
        setLink(host, peer, conditions);
        setLink(peer, face, conditions);
        setLink(peer, host, conditions);
      }
    }
  }

  /**
   * Sends a datagram now, as if {@code datagram.source()} emitted it. Nodes' transmits go through
   * here; a test may also inject datagrams directly.
   */
  public void send(Datagram datagram) {
    stats.sent++;
    InetSocketAddress src = datagram.source();
    InetSocketAddress dst = datagram.destination();
    Link link = links.computeIfAbsent(new LinkKey(src.getAddress(), dst.getAddress()), k -> new Link(defaultConditions));
    LinkConditions c = link.conditions;
    int size = datagram.length();
    if (c.mtu() > 0 && size > c.mtu()) {
      stats.droppedByMtu++;
      return;
    }
    if (isLost(link, c)) {
      stats.lost++;
      return;
    }
    Optional<Routed> routed = route(src, dst);
    if (routed.isEmpty()) {
      return;
    }
    long departure = now;
    if (c.bytesPerSecond() > 0) {
      departure = Math.max(now, link.busyUntil) + (size * 1_000_000_000L) / c.bytesPerSecond();
      link.busyUntil = departure;
    }
    // Copy: the sender may reuse its buffer; the receiver owns what it gets.
    byte[] bytes = new byte[size];
    datagram.payload().duplicate().get(bytes);
    Routed r = routed.get();
    schedule(departure + delay(c), r, bytes);
    if (c.duplicateProbability() > 0 && random.nextDouble() < c.duplicateProbability()) {
      stats.duplicated++;
      schedule(departure + delay(c), r, bytes);
    }
  }

  private record Routed(SimNode node, InetSocketAddress source, InetSocketAddress destination) {}

  private Optional<Routed> route(InetSocketAddress src, InetSocketAddress dst) {
    InetSocketAddress source = src;
    InetSocketAddress destination = dst;
    Nat srcNat = natOfInternalIp.get(src.getAddress());
    Nat dstNatByInternal = natOfInternalIp.get(dst.getAddress());
    if (dstNatByInternal != null && dstNatByInternal != srcNat) {
      // A private address behind a NAT is reachable only from inside that NAT (RFC 1918 space is
      // not routed on the outside): a host candidate of a NATed peer does not work from outside.
      stats.unroutable++;
      return Optional.empty();
    }
    if (srcNat != null && srcNat != dstNatByInternal) {
      Nat hairpin = natsByExternalIp.get(dst.getAddress());
      if (hairpin == srcNat && !srcNat.hairpinning()) {
        stats.droppedByNat++;
        return Optional.empty();
      }
      source = srcNat.mapOutbound(src, dst);
    }
    Nat dstNat = natsByExternalIp.get(destination.getAddress());
    if (dstNat != null) {
      Optional<InetSocketAddress> internal = dstNat.mapInbound(destination, source);
      if (internal.isEmpty()) {
        stats.droppedByNat++;
        return Optional.empty();
      }
      destination = internal.get();
    }
    SimNode node = bindings.get(destination);
    if (node == null) {
      stats.unroutable++;
      return Optional.empty();
    }
    return Optional.of(new Routed(node, source, destination));
  }

  private boolean isLost(Link link, LinkConditions c) {
    LinkConditions.GilbertElliott ge = c.gilbertElliott();
    if (ge != null) {
      if (link.badState) {
        if (random.nextDouble() < ge.badToGood()) {
          link.badState = false;
        }
      } else if (random.nextDouble() < ge.goodToBad()) {
        link.badState = true;
      }
      return random.nextDouble() < (link.badState ? ge.lossInBad() : ge.lossInGood());
    }
    return c.lossProbability() > 0 && random.nextDouble() < c.lossProbability();
  }

  private long delay(LinkConditions c) {
    long d = c.latencyNanos();
    if (c.jitterNanos() > 0) {
      d += random.nextLong(c.jitterNanos() + 1);
    }
    if (c.reorderProbability() > 0 && random.nextDouble() < c.reorderProbability()) {
      d += c.reorderDelayNanos();
    }
    return d;
  }

  private void schedule(long time, Routed r, byte[] bytes) {
    queue.add(new Delivery(time, sequence++, r.node(), new Datagram(r.source(), r.destination(), ByteBuffer.wrap(bytes))));
  }

  private void drainAll() {
    for (SimNode node : nodes) {
      drain(node);
    }
  }

  private void drain(SimNode node) {
    Datagram d;
    while ((d = node.pollTransmit()) != null) {
      if (bindings.get(d.source()) != node) {
        throw new IllegalStateException("node sent from an address it is not bound to: " + d.source());
      }
      send(d);
    }
  }

  /**
   * Runs until virtual time {@code deadline}: delivers due datagrams and fires due node deadlines
   * in time order (at equal times, deliveries first). Afterwards {@link #now()} is {@code deadline}.
   */
  public void runUntil(long deadline) {
    runUntil(() -> false, deadline);
  }

  /** Runs for {@code durationNanos} of virtual time. */
  public void runFor(long durationNanos) {
    runUntil(now + durationNanos);
  }

  /**
   * Runs until {@code condition} holds (checked after every step) or {@code deadline} passes.
   * Returns whether the condition held.
   */
  public boolean runUntil(BooleanSupplier condition, long deadline) {
    drainAll();
    long stepsAtThisInstant = 0;
    long instant = now;
    while (!condition.getAsBoolean()) {
      long nextDelivery = queue.isEmpty() ? Long.MAX_VALUE : queue.peek().time();
      SimNode dueNode = null;
      long nextTimeout = Long.MAX_VALUE;
      for (SimNode node : nodes) {
        long t = node.pollTimeout();
        if (t < nextTimeout) {
          nextTimeout = t;
          dueNode = node;
        }
      }
      long next = Math.min(nextDelivery, nextTimeout);
      if (next > deadline) {
        now = Math.max(now, deadline);
        return false;
      }
      now = Math.max(now, next);
      if (now != instant) {
        instant = now;
        stepsAtThisInstant = 0;
      } else if (++stepsAtThisInstant > MAX_STEPS_PER_INSTANT) {
        throw new IllegalStateException("no progress at t=" + now + "ns: a node keeps asking to be woken now");
      }
      if (nextDelivery <= nextTimeout) {
        Delivery d = queue.poll();
        stats.delivered++;
        d.node().handleDatagram(now, d.datagram());
        drain(d.node());
      } else {
        dueNode.handleTimeout(now);
        drain(dueNode);
      }
      drainAll();
    }
    return true;
  }

  @Override
  public String toString() {
    return "SimNetwork[seed=" + seed + ", now=" + now + "ns, " + stats + "]";
  }

}

package dev.webrtc4j.testkit.ice;

import dev.webrtc4j.internal.ice.IceAgent;
import dev.webrtc4j.internal.ice.IceConfig;
import dev.webrtc4j.internal.ice.IceCredentials;
import dev.webrtc4j.internal.ice.IceRole;
import dev.webrtc4j.internal.ice.IceServer;
import dev.webrtc4j.internal.ice.IceTransportPolicy;
import dev.webrtc4j.testkit.net.LinkConditions;
import dev.webrtc4j.testkit.net.Nat;
import dev.webrtc4j.testkit.net.NatBehavior;
import dev.webrtc4j.testkit.net.SimNetwork;
import dev.webrtc4j.testkit.stun.SimStunServer;
import dev.webrtc4j.testkit.stun.SimTurnServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Two ICE agents, A (offerer, controlling) and B, on one {@link SimNetwork}, each either on a public
 * address or behind its own NAT, with a STUN server and optionally a TURN server on the public side:
 *
 * <pre>
 *   A 10.0.1.2:5000 ── NAT 203.0.113.1 ─┐                 ┌─ STUN 198.51.100.1:3478
 *   (or public 192.0.2.1:5000)          ├── "internet" ───┤
 *   B 10.0.2.2:5000 ── NAT 203.0.113.2 ─┘                 └─ TURN 198.51.100.2:3478, relays on 198.51.100.3
 *   (or public 192.0.2.2:5000)
 * </pre>
 *
 * Built with {@link #builder(long)}; everything random comes from the seed.
 */
public final class IceScenario {
  public static final long MS = 1_000_000L;
  public static final long SECOND = 1_000 * MS;

  public static final InetAddress STUN_IP = ip("198.51.100.1");
  public static final InetAddress TURN_IP = ip("198.51.100.2");
  public static final InetAddress RELAY_IP = ip("198.51.100.3");
  public static final InetSocketAddress STUN_ADDRESS = new InetSocketAddress(STUN_IP, 3478);
  public static final InetSocketAddress TURN_ADDRESS = new InetSocketAddress(TURN_IP, 3478);
  public static final String TURN_REALM = "sim.webrtc4j.dev";

  /** A NAT's RFC 4787 behaviours; a side without one is on a public address. */
  public record NatType(NatBehavior mapping, NatBehavior filtering) {
    public NatType {
      Objects.requireNonNull(mapping, "mapping");
      Objects.requireNonNull(filtering, "filtering");
    }

    @Override
    public String toString() {
      return abbreviation(mapping) + "M/" + abbreviation(filtering) + "F";
    }

    private static String abbreviation(NatBehavior b) {
      return switch (b) {
        case ENDPOINT_INDEPENDENT -> "EI";
        case ADDRESS_DEPENDENT -> "AD";
        case ADDRESS_AND_PORT_DEPENDENT -> "APD";
      };
    }

    /** All nine mapping × filtering combinations. */
    public static List<NatType> all() {
      List<NatType> out = new ArrayList<>();
      for (NatBehavior m : NatBehavior.values()) {
        for (NatBehavior f : NatBehavior.values()) {
          out.add(new NatType(m, f));
        }
      }
      return out;
    }
  }

  /** How one side is set up. */
  public static final class Side {
    @Nullable NatType nat;
    boolean stun = true;
    boolean turn;
    String turnUser = "user";
    String turnPassword = "secret";
    IceTransportPolicy policy = IceTransportPolicy.ALL;

    /** Behind a NAT of this type; null (the default) puts the host on a public address. */
    public Side nat(@Nullable NatType type) {
      this.nat = type;
      return this;
    }

    /** Whether the STUN server is configured (default true). */
    public Side stun(boolean on) {
      this.stun = on;
      return this;
    }

    /** Whether the TURN server is configured, with the right credentials (default false). */
    public Side turn(boolean on) {
      this.turn = on;
      return this;
    }

    /** The TURN credentials this side uses (default the ones the server knows). */
    public Side turnCredentials(String user, String password) {
      this.turnUser = user;
      this.turnPassword = password;
      return this;
    }

    /** iceTransportPolicy (default all). */
    public Side policy(IceTransportPolicy policy) {
      this.policy = policy;
      return this;
    }
  }

  public static Builder builder(long seed) {
    return new Builder(seed);
  }

  public static final class Builder {
    private final long seed;
    private final Side a = new Side();
    private final Side b = new Side();
    private LinkConditions link = LinkConditions.delay(10 * MS);
    private long signalingDelay = 50 * MS;
    private IceConfig.Timings timings = IceConfig.Timings.defaults();

    private Builder(long seed) {
      this.seed = seed;
    }

    public Side a() {
      return a;
    }

    public Side b() {
      return b;
    }

    /** Conditions of every link (default 10 ms one way, no loss). */
    public Builder link(LinkConditions conditions) {
      this.link = conditions;
      return this;
    }

    /** One-way delay of the signaling channel (default 50 ms). */
    public Builder signalingDelay(long nanos) {
      this.signalingDelay = nanos;
      return this;
    }

    /** The agents' ICE timings (default {@link IceConfig.Timings#defaults()}). */
    public Builder timings(IceConfig.Timings timings) {
      this.timings = timings;
      return this;
    }

    public IceScenario build() {
      return new IceScenario(this);
    }
  }

  private final SimNetwork network;
  private final SimStunServer stun;
  private final SimTurnServer turn;
  private final SimIceAgent a;
  private final SimIceAgent b;
  private final @Nullable Nat natA;
  private final @Nullable Nat natB;
  private final InetAddress hostA;
  private final InetAddress hostB;
  private final long seed;
  private final LinkConditions link;

  private IceScenario(Builder cfg) {
    this.seed = cfg.seed;
    this.link = cfg.link;
    network = new SimNetwork(cfg.seed);
    network.setDefaultLink(cfg.link);
    SplittableRandom random = new SplittableRandom(cfg.seed);
    stun = new SimStunServer(network, STUN_ADDRESS);
    turn = new SimTurnServer(network, TURN_ADDRESS, RELAY_IP, TURN_REALM, random.split()).addUser("user", "secret");
    hostA = cfg.a.nat == null ? ip("192.0.2.1") : ip("10.0.1.2");
    hostB = cfg.b.nat == null ? ip("192.0.2.2") : ip("10.0.2.2");
    natA = nat(cfg.a.nat, ip("203.0.113.1"), hostA);
    natB = nat(cfg.b.nat, ip("203.0.113.2"), hostB);
    a = agent("A", cfg.a, IceRole.CONTROLLING, cfg, random.split(), new InetSocketAddress(hostA, 5000));
    b = agent("B", cfg.b, IceRole.CONTROLLED, cfg, random.split(), new InetSocketAddress(hostB, 5000));
    SimIceAgent.pair(a, b, cfg.signalingDelay);
  }

  private @Nullable Nat nat(@Nullable NatType type, InetAddress external, InetAddress host) {
    if (type == null) {
      return null;
    }
    Nat n = network.addNat(external, type.mapping(), type.filtering());
    network.placeBehind(host, n);
    return n;
  }

  private SimIceAgent agent(String name, Side side, IceRole role, Builder cfg, SplittableRandom random, InetSocketAddress socket) {
    IceCredentials credentials = new IceCredentials(name + "ufrag", name + "passwordpasswordpassword");
    IceConfig.Builder config = IceConfig.builder(credentials, role, random.nextLong())
        .transportPolicy(side.policy)
        .timings(cfg.timings);
    if (side.stun) {
      config.server(IceServer.stun("stun:198.51.100.1:3478", STUN_ADDRESS));
    }
    if (side.turn) {
      config.server(new IceServer("turn:198.51.100.2:3478?transport=udp", TURN_ADDRESS, side.turnUser, side.turnPassword));
    }
    IceAgent agent = new IceAgent(config.build(), random.split());
    return new SimIceAgent(name, network, agent, random.split(), socket);
  }

  public long seed() {
    return seed;
  }

  public SimNetwork network() {
    return network;
  }

  public SimIceAgent a() {
    return a;
  }

  public SimIceAgent b() {
    return b;
  }

  public SimStunServer stunServer() {
    return stun;
  }

  public SimTurnServer turnServer() {
    return turn;
  }

  public @Nullable Nat natA() {
    return natA;
  }

  public @Nullable Nat natB() {
    return natB;
  }

  /** A's own (pre-NAT) IP. */
  public InetAddress hostA() {
    return hostA;
  }

  public InetAddress hostB() {
    return hostB;
  }

  /** Every IP in the scenario except {@code host}'s: servers, the other host and both NATs. */
  public List<InetAddress> othersOf(InetAddress host) {
    List<InetAddress> out = new ArrayList<>(List.of(STUN_IP, TURN_IP, RELAY_IP, hostA, hostB));
    if (natA != null) {
      out.add(natA.externalIp());
    }
    if (natB != null) {
      out.add(natB.externalIp());
    }
    if (movedNat != null) {
      out.add(movedNat.externalIp());
      out.add(ip("10.0.3.2"));
    }
    out.remove(host);
    return out;
  }

  /** The conditions every link started with. */
  public LinkConditions link() {
    return link;
  }

  /** Cuts {@code host} off from everyone (100% loss both ways). */
  public void cut(InetAddress host) {
    network.setHostLinks(host, othersOf(host), link.withLoss(1.0));
  }

  /** Cuts only what {@code host} sends (its datagrams to everyone are lost; it still hears them). */
  public void cutOutgoing(InetAddress host) {
    for (InetAddress peer : othersOf(host)) {
      network.setLink(host, peer, link.withLoss(1.0));
    }
  }

  /** Gives {@code host}'s links their original conditions back. */
  public void restore(InetAddress host) {
    network.setHostLinks(host, othersOf(host), link);
  }

  /**
   * The host of A moves to a new network: a new private address behind a new NAT of {@code type}
   * (external IP 203.0.113.3) becomes A's socket, and the old socket goes away.
   */
  public InetSocketAddress moveA(NatType type) {
    InetAddress newHost = ip("10.0.3.2");
    Nat n = network.addNat(ip("203.0.113.3"), type.mapping(), type.filtering());
    network.placeBehind(newHost, n);
    movedNat = n;
    InetSocketAddress socket = new InetSocketAddress(newHost, 5000);
    InetSocketAddress old = a.sockets().get(0);
    a.addSocket(socket);
    a.removeSocket(old);
    return socket;
  }

  private @Nullable Nat movedNat;

  /** The NAT A moved behind ({@link #moveA}), if it moved. */
  public @Nullable Nat movedNat() {
    return movedNat;
  }

  public long now() {
    return network.now();
  }

  /** A offers; trickle and checks follow. */
  public void start() {
    a.offer();
  }

  /** Runs until both agents are connected or completed, for at most {@code maxNanos} of virtual time. */
  public boolean runUntilConnected(long maxNanos) {
    return runUntil(() -> a.isConnected() && b.isConnected(), maxNanos);
  }

  public boolean runUntil(BooleanSupplier condition, long maxNanos) {
    return network.runUntil(condition, network.now() + maxNanos);
  }

  public void runFor(long nanos) {
    network.runFor(nanos);
  }

  static InetAddress ip(String literal) {
    try {
      return InetAddress.getByName(literal); // a literal: no lookup
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(literal, e);
    }
  }

  @Override
  public String toString() {
    return "IceScenario[seed=" + seed + ", " + a + ", " + b + ", " + network + ", turn " + turn.counters() + "]";
  }
}

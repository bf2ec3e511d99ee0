package dev.webrtc4j.testkit.stack;

import dev.webrtc4j.internal.dtls.DtlsCertificate;
import dev.webrtc4j.internal.dtls.DtlsRole;
import dev.webrtc4j.internal.ice.IceConfig;
import dev.webrtc4j.internal.ice.IceCredentials;
import dev.webrtc4j.internal.ice.IceRole;
import dev.webrtc4j.internal.pc.TransportStack;
import dev.webrtc4j.internal.sctp.SctpOptions;
import dev.webrtc4j.testkit.dtls.FakeDtlsEngine;
import dev.webrtc4j.testkit.net.LinkConditions;
import dev.webrtc4j.testkit.net.SimNetwork;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * Two {@link TransportStack}s on one {@link SimNetwork}, A (ICE controlling, DTLS client) on
 * 192.0.2.1:5000 and B (controlled, DTLS server) on 192.0.2.2:5000, with {@link FakeDtlsEngine} so
 * that the whole ICE → DTLS → SCTP → data channel path runs on virtual time, exactly reproduced by
 * the seed: the network, both stacks' {@code RandomGenerator}s and their "secure" randomness
 * (cookie secrets, DTLS randoms) all derive from it.
 *
 * <pre>
 *   SimStackPair p = SimStackPair.builder(seed).link(LinkConditions.delay(100 * MS).withLoss(0.1)).build();
 *   p.connect(30 * SECOND);               // ICE, DTLS and SCTP up on both sides
 *   StreamId id = p.a().openChannel(...);
 *   p.runUntil(() -> ..., p.now() + 60 * SECOND);
 * </pre>
 */
public final class SimStackPair {
  public static final long MS = 1_000_000L;
  public static final long SECOND = 1_000 * MS;

  public static final InetSocketAddress ADDRESS_A = new InetSocketAddress(ip("192.0.2.1"), 5000);
  public static final InetSocketAddress ADDRESS_B = new InetSocketAddress(ip("192.0.2.2"), 5000);
  public static final int SCTP_PORT = 5000;

  /** Certificates only feed fingerprints to the fake engine; one pair serves every run. */
  private static final DtlsCertificate CERT_A = DtlsCertificate.generate(Instant.EPOCH, seeded(1));
  private static final DtlsCertificate CERT_B = DtlsCertificate.generate(Instant.EPOCH, seeded(2));

  public static Builder builder(long seed) {
    return new Builder(seed);
  }

  public static final class Builder {
    private final long seed;
    private LinkConditions link = LinkConditions.IDEAL;
    private SctpOptions sctp = SctpOptions.defaults();
    private long remoteMaxMessageSize = 0;

    private Builder(long seed) {
      this.seed = seed;
    }

    /** Conditions of both directions between A and B (default ideal). */
    public Builder link(LinkConditions conditions) {
      this.link = Objects.requireNonNull(conditions, "conditions");
      return this;
    }

    /** SCTP options of both stacks (default {@link SctpOptions#defaults()}); ports are set by the stack. */
    public Builder sctp(SctpOptions options) {
      this.sctp = Objects.requireNonNull(options, "options");
      return this;
    }

    /** The a=max-message-size each side signals (default 0: no limit). */
    public Builder remoteMaxMessageSize(long bytes) {
      this.remoteMaxMessageSize = bytes;
      return this;
    }

    public SimStackPair build() {
      return new SimStackPair(this);
    }
  }

  private final long seed;
  private final SimNetwork network;
  private final SimStack a;
  private final SimStack b;

  private SimStackPair(Builder cfg) {
    this.seed = cfg.seed;
    this.network = new SimNetwork(cfg.seed);
    network.setLinkBothWays(ADDRESS_A.getAddress(), ADDRESS_B.getAddress(), cfg.link);
    SplittableRandom random = new SplittableRandom(cfg.seed ^ 0x5DEECE66DL);
    IceCredentials credA = new IceCredentials("aufrag", "apasswordpasswordpassword");
    IceCredentials credB = new IceCredentials("bufrag", "bpasswordpasswordpassword");
    this.a = stack("A", credA, IceRole.CONTROLLING, CERT_A, ADDRESS_A, cfg, random.split());
    this.b = stack("B", credB, IceRole.CONTROLLED, CERT_B, ADDRESS_B, cfg, random.split());
    a.setPeer(b);
    b.setPeer(a);
    long now = network.now();
    a.stack().start(now, List.of(ADDRESS_A));
    b.stack().start(now, List.of(ADDRESS_B));
    a.stack().setRemote(now, new TransportStack.Remote(credB, CERT_B.fingerprints(), DtlsRole.CLIENT, SCTP_PORT, SCTP_PORT,
        cfg.remoteMaxMessageSize));
    b.stack().setRemote(now, new TransportStack.Remote(credA, CERT_A.fingerprints(), DtlsRole.SERVER, SCTP_PORT, SCTP_PORT,
        cfg.remoteMaxMessageSize));
    // Candidates gathered by start() are trickled now that both sides know each other.
    a.afterInput(now);
    b.afterInput(now);
  }

  private SimStack stack(String name, IceCredentials cred, IceRole role, DtlsCertificate cert, InetSocketAddress socket,
      Builder cfg, SplittableRandom random) {
    IceConfig ice = IceConfig.builder(cred, role, random.nextLong()).build();
    TransportStack s = new TransportStack(ice, cert, FakeDtlsEngine.FACTORY, c -> c, cfg.sctp, random.split(),
        seeded(random.nextLong()), () -> {
          // The fake engine has no thread of its own; nothing ever wakes the loop from outside.
        });
    return new SimStack(name, network, s, socket, cred, cert);
  }

  /** A SecureRandom whose output depends on {@code seed} alone (SHA1PRNG seeded before first use). */
  static SecureRandom seeded(long seed) {
    try {
      SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
      r.setSeed(seed);
      return r;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public long seed() {
    return seed;
  }

  public SimNetwork network() {
    return network;
  }

  public SimStack a() {
    return a;
  }

  public SimStack b() {
    return b;
  }

  public long now() {
    return network.now();
  }

  /** Runs until the SCTP association is up on both sides; fails with both stacks' state if not by {@code timeout}. */
  public void connect(long timeoutNanos) {
    if (!runUntil(() -> a.sctpUp() && b.sctpUp(), network.now() + timeoutNanos)) {
      throw new AssertionError("not connected after " + timeoutNanos / MS + " ms of virtual time: " + this);
    }
  }

  /** {@link SimNetwork#runUntil(BooleanSupplier, long)}: true when {@code condition} held before {@code deadline}. */
  public boolean runUntil(BooleanSupplier condition, long deadline) {
    return network.runUntil(condition, deadline);
  }

  public void runFor(long nanos) {
    network.runFor(nanos);
  }

  @Override
  public String toString() {
    return "SimStackPair[seed=" + seed + ", t=" + network.now() / MS + " ms, " + a + ", " + b + ", " + network.stats() + "]";
  }

  private static InetAddress ip(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(literal, e);
    }
  }
}

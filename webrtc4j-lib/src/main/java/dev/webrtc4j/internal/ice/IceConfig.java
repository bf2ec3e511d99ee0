package dev.webrtc4j.internal.ice;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Everything an {@link IceAgent} is configured with. Build it with {@link #builder(IceCredentials,
 * IceRole, long)}; each builder setter documents its default.
 *
 * @param localCredentials this agent's ufrag/pwd (replaced by {@link IceAgent#restart})
 * @param role the initial role: controlling for the offerer (RFC 8445 §6.1.1)
 * @param tieBreaker the 64-bit role-conflict tie-breaker (RFC 8445 §7.1.1), compared unsigned
 * @param servers STUN and TURN servers, already resolved
 * @param transportPolicy W3C iceTransportPolicy
 * @param gatherLoopback whether loopback socket addresses become host candidates
 * @param gatherLinkLocal whether link-local (169.254/16, fe80::/10) addresses become host candidates
 * @param mdnsResolver resolves remote {@code .local} names; null drops such candidates
 * @param timings pacing, retransmission, nomination and consent timings
 */
public record IceConfig(
    IceCredentials localCredentials,
    IceRole role,
    long tieBreaker,
    List<IceServer> servers,
    IceTransportPolicy transportPolicy,
    boolean gatherLoopback,
    boolean gatherLinkLocal,
    @Nullable MdnsResolver mdnsResolver,
    Timings timings) {

  public IceConfig {
    Objects.requireNonNull(localCredentials, "localCredentials");
    Objects.requireNonNull(role, "role");
    servers = List.copyOf(servers);
    Objects.requireNonNull(transportPolicy, "transportPolicy");
    Objects.requireNonNull(timings, "timings");
  }

  public static Builder builder(IceCredentials localCredentials, IceRole role, long tieBreaker) {
    return new Builder(localCredentials, role, tieBreaker);
  }

  /**
   * Timings in nanoseconds.
   *
   * @param ta pacing between two ordinary checks (RFC 8445 §14.2 Ta)
   * @param checkRto first retransmission timeout of a connectivity check, doubled on each retry
   * @param checkRtoMax cap of the doubled check timeout
   * @param checkMaxTransmissions transmissions of one check before its pair fails
   * @param stunRto first retransmission timeout of a Binding request to a STUN server (RFC 8489 RTO)
   * @param stunMaxTransmissions transmissions to a STUN server before a 701 error (RFC 8489 Rc)
   * @param nominationDelay how long the controlling agent waits for better pairs after the first
   *     valid pair before it nominates the best valid one anyway
   * @param consentInterval RFC 7675 consent check interval, randomized by 0.8..1.2
   * @param disconnectedTimeout silence on the selected pair after which the state is disconnected
   * @param failedTimeout time without consent after which the state is failed (RFC 7675: 30 s)
   * @param maxPairs the checklist size limit (RFC 8445 §6.1.2.5)
   */
  public record Timings(
      long ta,
      long checkRto,
      long checkRtoMax,
      int checkMaxTransmissions,
      long stunRto,
      int stunMaxTransmissions,
      long nominationDelay,
      long consentInterval,
      long disconnectedTimeout,
      long failedTimeout,
      int maxPairs) {
    public Timings {
      if (ta <= 0 || checkRto <= 0 || checkRtoMax < checkRto || checkMaxTransmissions < 1 || stunRto <= 0
          || stunMaxTransmissions < 1 || nominationDelay < 0 || consentInterval <= 0 || disconnectedTimeout <= 0
          || failedTimeout < disconnectedTimeout || maxPairs < 1) {
        throw new IllegalArgumentException("bad ICE timings " + this);
      }
    }

    /** The defaults: see docs/design/ice.md for why. */
    public static Timings defaults() {
      return new Timings(ms(50), ms(250), ms(2000), 7, ms(500), 7, ms(1000), ms(5000), ms(5000), ms(30000), 100);
    }

    private static long ms(long ms) {
      return Duration.ofMillis(ms).toNanos();
    }
  }

  public static final class Builder {
    private final IceCredentials localCredentials;
    private final IceRole role;
    private final long tieBreaker;
    private final List<IceServer> servers = new ArrayList<>();
    private IceTransportPolicy transportPolicy = IceTransportPolicy.ALL;
    private boolean gatherLoopback;
    private boolean gatherLinkLocal;
    private @Nullable MdnsResolver mdnsResolver;
    private Timings timings = Timings.defaults();

    private Builder(IceCredentials localCredentials, IceRole role, long tieBreaker) {
      this.localCredentials = localCredentials;
      this.role = role;
      this.tieBreaker = tieBreaker;
    }

    /** Adds a STUN/TURN server. Default: none. */
    public Builder server(IceServer server) {
      servers.add(Objects.requireNonNull(server, "server"));
      return this;
    }

    /** Default {@link IceTransportPolicy#ALL}. */
    public Builder transportPolicy(IceTransportPolicy policy) {
      this.transportPolicy = Objects.requireNonNull(policy, "transportPolicy");
      return this;
    }

    /** Default false, as browsers do. Tests turn it on. */
    public Builder gatherLoopback(boolean on) {
      this.gatherLoopback = on;
      return this;
    }

    /** Default false. */
    public Builder gatherLinkLocal(boolean on) {
      this.gatherLinkLocal = on;
      return this;
    }

    /** Default none: remote {@code .local} candidates are dropped. */
    public Builder mdnsResolver(@Nullable MdnsResolver resolver) {
      this.mdnsResolver = resolver;
      return this;
    }

    /** Default {@link Timings#defaults()}. */
    public Builder timings(Timings timings) {
      this.timings = Objects.requireNonNull(timings, "timings");
      return this;
    }

    public IceConfig build() {
      return new IceConfig(localCredentials, role, tieBreaker, servers, transportPolicy, gatherLoopback,
          gatherLinkLocal, mdnsResolver, timings);
    }
  }
}

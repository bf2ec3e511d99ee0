package dev.webrtc4j.spi;

import dev.webrtc4j.internal.io.SystemClock;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * Non-standard knobs of a peer connection, the things browsers hide (like Pion's SettingEngine).
 * {@code RTCPeerConnection.create(config)} uses {@link #DEFAULT}; {@code create(config, settings)}
 * takes these.
 *
 * <p>Immutable; build one with {@link #builder()} or change one with {@link #toBuilder()}. Every
 * knob here has an effect today; later issues add theirs.
 *
 * <p>Network knobs: by default a connection gathers host candidates on every interface that is up,
 * IPv4 and IPv6, without loopback and link-local addresses (as browsers do), each on its own
 * ephemeral UDP port. Tests use {@link Builder#loopbackOnly()}.
 */
public final class Settings {
  /** Every knob at its default. */
  public static final Settings DEFAULT = builder().build();

  private final Optional<Executor> dispatchExecutor;
  private final Ticker ticker;
  private final InstantSource wallClock;
  private final Supplier<SecureRandom> secureRandom;
  private final NetworkFilter network;
  private final int portMin;
  private final int portMax;
  private final List<InetAddress> natOneToOneAddresses;
  private final NatCandidateType natOneToOneType;
  private final Optional<UdpMuxPort> udpMux;
  private final boolean mdnsHostCandidates;
  private final Optional<MdnsNameResolver> mdnsResolver;
  private final Duration iceDisconnectedTimeout;
  private final Duration iceFailedTimeout;
  private final Duration iceKeepaliveInterval;
  private final Optional<Path> dtlsKeyLogFile;
  private final Optional<SSLContext> turnTlsContext;

  private Settings(Builder b) {
    this.dispatchExecutor = b.dispatchExecutor;
    this.ticker = b.ticker;
    this.wallClock = b.wallClock;
    this.secureRandom = b.secureRandom;
    this.network = b.network;
    this.portMin = b.portMin;
    this.portMax = b.portMax;
    this.natOneToOneAddresses = b.natOneToOneAddresses;
    this.natOneToOneType = b.natOneToOneType;
    this.udpMux = b.udpMux;
    this.mdnsHostCandidates = b.mdnsHostCandidates;
    this.mdnsResolver = b.mdnsResolver;
    this.iceDisconnectedTimeout = b.iceDisconnectedTimeout;
    this.iceFailedTimeout = b.iceFailedTimeout;
    this.iceKeepaliveInterval = b.iceKeepaliveInterval;
    this.dtlsKeyLogFile = b.dtlsKeyLogFile;
    this.turnTlsContext = b.turnTlsContext;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.dispatchExecutor = dispatchExecutor;
    b.ticker = ticker;
    b.wallClock = wallClock;
    b.secureRandom = secureRandom;
    b.network = network;
    b.portMin = portMin;
    b.portMax = portMax;
    b.natOneToOneAddresses = natOneToOneAddresses;
    b.natOneToOneType = natOneToOneType;
    b.udpMux = udpMux;
    b.mdnsHostCandidates = mdnsHostCandidates;
    b.mdnsResolver = mdnsResolver;
    b.iceDisconnectedTimeout = iceDisconnectedTimeout;
    b.iceFailedTimeout = iceFailedTimeout;
    b.iceKeepaliveInterval = iceKeepaliveInterval;
    b.dtlsKeyLogFile = dtlsKeyLogFile;
    b.turnTlsContext = turnTlsContext;
    return b;
  }

  /**
   * Where listeners run and futures complete. Absent (the default): each connection gets its own
   * serial dispatch executor on the shared carrier pool. When given, it must run tasks one at a
   * time in submission order (one thread, or a serial queue); a direct executor ({@code
   * Runnable::run}) runs listeners on the thread that fires them, for tests only.
   */
  public Optional<Executor> dispatchExecutor() {
    return dispatchExecutor;
  }

  /** The monotonic clock of the event loop; default {@link Ticker#system()}. */
  public Ticker ticker() {
    return ticker;
  }

  /**
   * Wall-clock time, for certificate expiry and stats timestamps; default the system clock
   * ({@link SystemClock#WALL}).
   */
  public InstantSource wallClock() {
    return wallClock;
  }

  /**
   * The source of keys, ICE credentials and DTLS material. Default: a new {@link SecureRandom} per
   * call of this method. Tests may supply a seeded generator for reproducible runs.
   */
  public SecureRandom secureRandom() {
    return secureRandom.get();
  }

  /**
   * True when neither {@link Builder#secureRandom} nor {@link Builder#wallClock} was set: key
   * material then comes from a fresh {@link SecureRandom} and the system clock, so a connection
   * may take a certificate generated ahead of time (each one is used by one connection only).
   * With a seeded generator or a test clock it generates its own, reproducibly.
   */
  public boolean defaultKeySources() {
    return secureRandom == Builder.NEW_SECURE_RANDOM && wallClock == SystemClock.WALL;
  }

  /** Which local interfaces and addresses host candidates are gathered on. */
  public NetworkFilter network() {
    return network;
  }

  /** The lowest UDP port a host candidate may bind; 0 with {@link #portMax()} 0: any ephemeral port. */
  public int portMin() {
    return portMin;
  }

  /** The highest UDP port a host candidate may bind (inclusive); 0: any ephemeral port. */
  public int portMax() {
    return portMax;
  }

  /**
   * Public addresses announced for a server behind a 1:1 NAT (Pion's NAT1To1IPs): with {@link
   * NatCandidateType#HOST} they replace the local address in host candidates; with {@link
   * NatCandidateType#SERVER_REFLEXIVE} they are added as srflx candidates next to the host ones.
   * Empty by default.
   */
  public List<InetAddress> natOneToOneAddresses() {
    return natOneToOneAddresses;
  }

  /** How {@link #natOneToOneAddresses()} are announced; default {@link NatCandidateType#HOST}. */
  public NatCandidateType natOneToOneType() {
    return natOneToOneType;
  }

  /** The shared single UDP port every connection made with these settings gathers on, if any. */
  public Optional<UdpMuxPort> udpMux() {
    return udpMux;
  }

  /**
   * Whether host candidates hide their address behind a random {@code .local} name (as browsers
   * do for pages without media permission). Off by default: servers want their addresses seen.
   */
  public boolean mdnsHostCandidates() {
    return mdnsHostCandidates;
  }

  /**
   * How remote {@code .local} candidates are resolved. Absent (the default): multicast DNS on the
   * gathering interfaces, except with a loopback-only {@link #network()} (no multicast then:
   * remote {@code .local} candidates are dropped). Tests supply one, never multicast.
   */
  public Optional<MdnsNameResolver> mdnsResolver() {
    return mdnsResolver;
  }

  /** No answer from the peer for this long: iceConnectionState disconnected (default 5 s). */
  public Duration iceDisconnectedTimeout() {
    return iceDisconnectedTimeout;
  }

  /** No answer from the peer for this long: iceConnectionState failed (default 30 s, RFC 7675). */
  public Duration iceFailedTimeout() {
    return iceFailedTimeout;
  }

  /** How often consent is checked on the selected pair (default 5 s, RFC 7675 randomised ±20 %). */
  public Duration iceKeepaliveInterval() {
    return iceKeepaliveInterval;
  }

  /**
   * Where DTLS secrets are appended in the NSS key-log format, for Wireshark. Absent (the
   * default): the {@code SSLKEYLOGFILE} environment variable if set, else nowhere.
   */
  public Optional<Path> dtlsKeyLogFile() {
    return dtlsKeyLogFile;
  }

  /**
   * The TLS context (trust) for {@code turns:} servers. Absent (the default): the JDK's default
   * trust store, which checks the server's certificate against its name as browsers do.
   */
  public Optional<SSLContext> turnTlsContext() {
    return turnTlsContext;
  }

  @Override
  public String toString() {
    return "Settings[dispatchExecutor=" + dispatchExecutor.map(e -> "custom").orElse("default")
        + ", ticker=" + (ticker == Builder.SYSTEM_TICKER ? "system" : "custom")
        + ", wallClock=" + (wallClock == SystemClock.WALL ? "system" : "custom")
        + ", network=" + network
        + ", ports=" + (portMax == 0 ? "any" : portMin + "-" + portMax)
        + ", natOneToOne=" + natOneToOneAddresses + "/" + natOneToOneType
        + ", udpMux=" + udpMux.map(UdpMuxPort::toString).orElse("none")
        + ", mdnsHostCandidates=" + mdnsHostCandidates
        + ", iceTimeouts=" + iceDisconnectedTimeout + "/" + iceFailedTimeout + "/" + iceKeepaliveInterval
        + ", dtlsKeyLogFile=" + dtlsKeyLogFile.map(Path::toString).orElse("env") + "]";
  }

  /** Builds {@link Settings}; every knob starts at its default. */
  public static final class Builder {
    static final Ticker SYSTEM_TICKER = Ticker.system();
    static final Supplier<SecureRandom> NEW_SECURE_RANDOM = SecureRandom::new;

    private Optional<Executor> dispatchExecutor = Optional.empty();
    private Ticker ticker = SYSTEM_TICKER;
    private InstantSource wallClock = SystemClock.WALL;
    private Supplier<SecureRandom> secureRandom = NEW_SECURE_RANDOM;
    private NetworkFilter network = NetworkFilter.BROWSER_DEFAULT;
    private int portMin;
    private int portMax;
    private List<InetAddress> natOneToOneAddresses = List.of();
    private NatCandidateType natOneToOneType = NatCandidateType.HOST;
    private Optional<UdpMuxPort> udpMux = Optional.empty();
    private boolean mdnsHostCandidates;
    private Optional<MdnsNameResolver> mdnsResolver = Optional.empty();
    private Duration iceDisconnectedTimeout = Duration.ofSeconds(5);
    private Duration iceFailedTimeout = Duration.ofSeconds(30);
    private Duration iceKeepaliveInterval = Duration.ofSeconds(5);
    private Optional<Path> dtlsKeyLogFile = Optional.empty();
    private Optional<SSLContext> turnTlsContext = Optional.empty();

    private Builder() {}

    /** Runs listeners and future completions; default: a per-connection serial executor. */
    public Builder dispatchExecutor(Executor dispatchExecutor) {
      this.dispatchExecutor = Optional.of(Objects.requireNonNull(dispatchExecutor, "dispatchExecutor"));
      return this;
    }

    /** The event loop's monotonic clock; default {@link Ticker#system()}. */
    public Builder ticker(Ticker ticker) {
      this.ticker = Objects.requireNonNull(ticker, "ticker");
      return this;
    }

    /** Wall-clock time; default the system clock. */
    public Builder wallClock(InstantSource wallClock) {
      this.wallClock = Objects.requireNonNull(wallClock, "wallClock");
      return this;
    }

    /** The one source of key material; default {@code new SecureRandom()}. */
    public Builder secureRandom(SecureRandom secureRandom) {
      Objects.requireNonNull(secureRandom, "secureRandom");
      this.secureRandom = () -> secureRandom;
      return this;
    }

    /** Which interfaces and addresses to gather host candidates on; default {@link NetworkFilter#BROWSER_DEFAULT}. */
    public Builder network(NetworkFilter network) {
      this.network = Objects.requireNonNull(network, "network");
      return this;
    }

    /** Gather on loopback addresses only (127.0.0.1, ::1): what tests and local demos use. */
    public Builder loopbackOnly() {
      return network(NetworkFilter.LOOPBACK_ONLY);
    }

    /**
     * Bind host candidates only to UDP ports in {@code [min, max]}; a connection whose sockets find
     * no free port there gathers no host candidate on that address.
     */
    public Builder udpPortRange(int min, int max) {
      if (min < 1 || max > 65535 || min > max) {
        throw new IllegalArgumentException("port range must satisfy 1 <= min <= max <= 65535: " + min + "-" + max);
      }
      this.portMin = min;
      this.portMax = max;
      return this;
    }

    /** Announce these public addresses for a 1:1 NAT; see {@link Settings#natOneToOneAddresses()}. */
    public Builder natOneToOne(List<InetAddress> addresses, NatCandidateType type) {
      this.natOneToOneAddresses = List.copyOf(addresses);
      this.natOneToOneType = Objects.requireNonNull(type, "type");
      return this;
    }

    /** Gather every connection's host candidate on this one shared UDP port. */
    public Builder udpMux(UdpMuxPort udpMux) {
      this.udpMux = Optional.of(Objects.requireNonNull(udpMux, "udpMux"));
      return this;
    }

    /** Hide host addresses behind random {@code .local} names; default off. */
    public Builder mdnsHostCandidates(boolean hide) {
      this.mdnsHostCandidates = hide;
      return this;
    }

    /** Resolve remote {@code .local} candidates with this instead of multicast DNS. */
    public Builder mdnsResolver(MdnsNameResolver resolver) {
      this.mdnsResolver = Optional.of(Objects.requireNonNull(resolver, "resolver"));
      return this;
    }

    /**
     * Consent timing (RFC 7675): disconnected after {@code disconnected} without an answer, failed
     * after {@code failed}, consent checks every {@code keepalive}.
     */
    public Builder iceTimeouts(Duration disconnected, Duration failed, Duration keepalive) {
      requirePositive(disconnected, "disconnected");
      requirePositive(failed, "failed");
      requirePositive(keepalive, "keepalive");
      if (failed.compareTo(disconnected) < 0) {
        throw new IllegalArgumentException("failed timeout " + failed + " is shorter than disconnected " + disconnected);
      }
      this.iceDisconnectedTimeout = disconnected;
      this.iceFailedTimeout = failed;
      this.iceKeepaliveInterval = keepalive;
      return this;
    }

    /** Append DTLS secrets in the NSS key-log format to this file. */
    public Builder dtlsKeyLogFile(Path file) {
      this.dtlsKeyLogFile = Optional.of(Objects.requireNonNull(file, "file"));
      return this;
    }

    /** Trust {@code turns:} servers through this TLS context (e.g. a private CA). */
    public Builder turnTlsContext(SSLContext context) {
      this.turnTlsContext = Optional.of(Objects.requireNonNull(context, "context"));
      return this;
    }

    public Settings build() {
      return new Settings(this);
    }

    private static void requirePositive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + d);
      }
    }
  }
}

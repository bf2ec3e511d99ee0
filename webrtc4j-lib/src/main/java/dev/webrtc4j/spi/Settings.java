package dev.webrtc4j.spi;

import dev.webrtc4j.internal.io.SystemClock;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Non-standard knobs of a peer connection, the things browsers hide (like Pion's SettingEngine).
 * {@code RTCPeerConnection.create(config)} uses {@link #DEFAULT}; {@code create(config, settings)}
 * takes these.
 *
 * <p>Immutable; build one with {@link #builder()} or change one with {@link #toBuilder()}. Every
 * knob here has an effect today; later issues add theirs.
 */
public final class Settings {
  /** Every knob at its default. */
  public static final Settings DEFAULT = builder().build();

  private final Optional<Executor> dispatchExecutor;
  private final Ticker ticker;
  private final InstantSource wallClock;
  private final Supplier<SecureRandom> secureRandom;

  private Settings(Builder b) {
    this.dispatchExecutor = b.dispatchExecutor;
    this.ticker = b.ticker;
    this.wallClock = b.wallClock;
    this.secureRandom = b.secureRandom;
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

  @Override
  public String toString() {
    return "Settings[dispatchExecutor=" + dispatchExecutor.map(e -> "custom").orElse("default")
        + ", ticker=" + (ticker == Builder.SYSTEM_TICKER ? "system" : "custom")
        + ", wallClock=" + (wallClock == SystemClock.WALL ? "system" : "custom") + "]";
  }

  /** Builds {@link Settings}; every knob starts at its default. */
  public static final class Builder {
    static final Ticker SYSTEM_TICKER = Ticker.system();

    private Optional<Executor> dispatchExecutor = Optional.empty();
    private Ticker ticker = SYSTEM_TICKER;
    private InstantSource wallClock = SystemClock.WALL;
    private Supplier<SecureRandom> secureRandom = SecureRandom::new;

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

    public Settings build() {
      return new Settings(this);
    }
  }
}

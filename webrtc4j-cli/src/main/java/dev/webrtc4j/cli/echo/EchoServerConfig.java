package dev.webrtc4j.cli.echo;

import dev.webrtc4j.RTCConfiguration;
import dev.webrtc4j.spi.Settings;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How an {@link EchoServer} runs.
 *
 * @param listen the HTTP address; port 0 binds an ephemeral port
 * @param rtcConfiguration every session's RTCConfiguration (ICE servers)
 * @param settings every session's Settings (candidate filter, port range, UDP mux)
 * @param gatherTimeout how long a POST waits for the server's ICE gathering to complete; after it
 *     the answer carries the candidates gathered so far
 * @param connectTimeout a session not connected this long after its offer arrived is closed
 * @param maxSessions live sessions at most; a POST over it gets 503
 * @param maxOfferBytes the largest request body accepted; larger gets 413
 * @param limits the echo's flow-control bounds
 * @param log where one-line events go (session state changes, closes, refused requests)
 */
public record EchoServerConfig(
    InetSocketAddress listen,
    RTCConfiguration rtcConfiguration,
    Settings settings,
    Duration gatherTimeout,
    Duration connectTimeout,
    int maxSessions,
    int maxOfferBytes,
    EchoLimits limits,
    Consumer<String> log) {

  public EchoServerConfig {
    Objects.requireNonNull(listen, "listen");
    Objects.requireNonNull(rtcConfiguration, "rtcConfiguration");
    Objects.requireNonNull(settings, "settings");
    requirePositive(gatherTimeout, "gatherTimeout");
    requirePositive(connectTimeout, "connectTimeout");
    if (maxSessions < 1) {
      throw new IllegalArgumentException("maxSessions must be at least 1: " + maxSessions);
    }
    if (maxOfferBytes < 1) {
      throw new IllegalArgumentException("maxOfferBytes must be at least 1: " + maxOfferBytes);
    }
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(log, "log");
  }

  private static void requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
  }

  /** Defaults: 127.0.0.1:8787, default configuration and settings, 5 s gathering, 30 s connect. */
  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder().listen(listen).rtcConfiguration(rtcConfiguration).settings(settings)
        .gatherTimeout(gatherTimeout).connectTimeout(connectTimeout).maxSessions(maxSessions)
        .maxOfferBytes(maxOfferBytes).limits(limits).log(log);
  }

  /** Builds an {@link EchoServerConfig}; each setter documents its default. */
  public static final class Builder {
    private InetSocketAddress listen = new InetSocketAddress("127.0.0.1", 8787);
    private RTCConfiguration rtcConfiguration = RTCConfiguration.DEFAULT;
    private Settings settings = Settings.DEFAULT;
    private Duration gatherTimeout = Duration.ofSeconds(5);
    private Duration connectTimeout = Duration.ofSeconds(30);
    private int maxSessions = 256;
    private int maxOfferBytes = 256 * 1024;
    private EchoLimits limits = EchoLimits.DEFAULT;
    private Consumer<String> log = line -> {};

    private Builder() {}

    /** Default 127.0.0.1:8787. */
    public Builder listen(InetSocketAddress listen) {
      this.listen = listen;
      return this;
    }

    /** Default {@link RTCConfiguration#DEFAULT} (no ICE servers). */
    public Builder rtcConfiguration(RTCConfiguration rtcConfiguration) {
      this.rtcConfiguration = rtcConfiguration;
      return this;
    }

    /** Default {@link Settings#DEFAULT}. */
    public Builder settings(Settings settings) {
      this.settings = settings;
      return this;
    }

    /** Default 5 s. */
    public Builder gatherTimeout(Duration gatherTimeout) {
      this.gatherTimeout = gatherTimeout;
      return this;
    }

    /** Default 30 s. */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
      return this;
    }

    /** Default 256. */
    public Builder maxSessions(int maxSessions) {
      this.maxSessions = maxSessions;
      return this;
    }

    /** Default 256 KiB (browser offers are a few KiB). */
    public Builder maxOfferBytes(int maxOfferBytes) {
      this.maxOfferBytes = maxOfferBytes;
      return this;
    }

    /** Default {@link EchoLimits#DEFAULT}. */
    public Builder limits(EchoLimits limits) {
      this.limits = limits;
      return this;
    }

    /** Default: discard. */
    public Builder log(Consumer<String> log) {
      this.log = log;
      return this;
    }

    public EchoServerConfig build() {
      return new EchoServerConfig(
          listen, rtcConfiguration, settings, gatherTimeout, connectTimeout, maxSessions, maxOfferBytes, limits, log);
    }
  }
}

package dev.webrtc4j.cli;

import dev.webrtc4j.RTCConfiguration;
import dev.webrtc4j.RTCException;
import dev.webrtc4j.RTCIceServer;
import dev.webrtc4j.cli.echo.EchoServer;
import dev.webrtc4j.cli.echo.EchoServerConfig;
import dev.webrtc4j.spi.Settings;
import dev.webrtc4j.spi.UdpMuxPort;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code webrtc4j echo}: the data channel echo server. Prints {@code listening on http://HOST:PORT}
 * as its first line, then one line per session event, and serves until interrupted.
 */
@Command(
    name = "echo",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Serve POST /offer (Content-Type application/sdp, a complete offer): answer 201 with the complete",
      "answer and Location: /session/<id>; DELETE that location closes the session. Every data channel",
      "the client opens is echoed: each message back unchanged on the same channel.",
      "The first output line is 'listening on http://HOST:PORT'; then one line per session event."
    })
public final class EchoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--listen", paramLabel = "HOST:PORT", converter = HostPortConverter.class,
      description = "HTTP address (port 0: any free port; IPv6 as [::1]:PORT); default ${DEFAULT-VALUE}",
      defaultValue = "127.0.0.1:8787")
  InetSocketAddress listen;

  @Option(names = "--ice-loopback", description = "gather ICE candidates on loopback addresses only (local tests and demos)")
  boolean iceLoopback;

  @Option(names = "--port-range", paramLabel = "MIN-MAX", converter = PortRangeConverter.class,
      description = "bind ICE host candidates only to UDP ports in MIN..MAX")
  PortRange portRange;

  /** An inclusive UDP port range. */
  record PortRange(int min, int max) {}

  @Option(names = "--udp-mux", paramLabel = "PORT",
      description = "gather every session on this one UDP port (bound on 127.0.0.1 with --ice-loopback, else on all addresses)")
  Integer udpMuxPort;

  @Option(names = "--stun", paramLabel = "URL", description = "a STUN server, e.g. stun:127.0.0.1:3478 (repeatable)")
  List<String> stun = new ArrayList<>();

  @Option(names = "--turn", paramLabel = "URL",
      description = "a TURN server, e.g. turn:127.0.0.1:3478?transport=udp (repeatable); needs --turn-username and --turn-credential")
  List<String> turn = new ArrayList<>();

  @Option(names = "--turn-username", paramLabel = "NAME", description = "username for every --turn server")
  String turnUsername;

  @Option(names = "--turn-credential", paramLabel = "PASSWORD", description = "password for every --turn server")
  String turnCredential;

  @Option(names = "--gather-timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "5s",
      description = "answer after this long even if ICE gathering has not completed (e.g. 500ms, 5s); default ${DEFAULT-VALUE}")
  Duration gatherTimeout;

  @Option(names = "--connect-timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "30s",
      description = "close a session that has not connected this long after its offer; default ${DEFAULT-VALUE}")
  Duration connectTimeout;

  @Option(names = "--max-sessions", paramLabel = "N", defaultValue = "256",
      description = "refuse offers (503) while this many sessions are live; default ${DEFAULT-VALUE}")
  int maxSessions;

  private final CompletableFuture<Void> stop;

  public EchoCommand() {
    this(null);
  }

  /** With {@code stop}, the command serves until it completes (tests); else until the JVM exits. */
  EchoCommand(CompletableFuture<Void> stop) {
    this.stop = stop;
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    RTCConfiguration rtc = rtcConfiguration();
    UdpMuxPort mux = null;
    EchoServer server;
    try {
      Settings.Builder settings = Settings.builder();
      if (iceLoopback) {
        settings.loopbackOnly();
      }
      if (portRange != null) {
        settings.udpPortRange(portRange.min(), portRange.max());
      }
      if (udpMuxPort != null) {
        mux = UdpMuxPort.open(iceLoopback ? new InetSocketAddress("127.0.0.1", udpMuxPort) : new InetSocketAddress(udpMuxPort));
        settings.udpMux(mux);
      }
      Object lock = new Object();
      server = EchoServer.start(EchoServerConfig.builder()
          .listen(listen)
          .rtcConfiguration(rtc)
          .settings(settings.build())
          .gatherTimeout(gatherTimeout)
          .connectTimeout(connectTimeout)
          .maxSessions(maxSessions)
          .log(line -> {
            synchronized (lock) {
              out.println(line);
              out.flush();
            }
          })
          .build());
    } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
      if (mux != null) {
        mux.close();
      }
      err.println("webrtc4j echo: cannot start: " + e.getMessage());
      err.flush();
      return 1;
    }
    out.println("listening on " + server.uri());
    if (mux != null) {
      out.println("udp mux on " + mux.localAddress());
    }
    out.flush();
    UdpMuxPort ownedMux = mux;
    Runnable shutdown = () -> {
      server.close();
      if (ownedMux != null) {
        ownedMux.close();
      }
    };
    if (stop == null) {
      Runtime.getRuntime().addShutdownHook(new Thread(shutdown, "echo-shutdown"));
      new CompletableFuture<Void>().join(); // serve until the JVM is told to exit
      return 0;
    }
    try {
      stop.get();
    } catch (ExecutionException ignored) {
      // a failed stop signal still means stop
    } finally {
      shutdown.run();
    }
    return 0;
  }

  private RTCConfiguration rtcConfiguration() {
    List<RTCIceServer> servers = new ArrayList<>();
    if (!stun.isEmpty()) {
      servers.add(RTCIceServer.of(stun.toArray(String[]::new)));
    }
    if (!turn.isEmpty()) {
      if (turnUsername == null || turnCredential == null) {
        throw new ParameterException(spec.commandLine(), "--turn needs --turn-username and --turn-credential");
      }
      servers.add(RTCIceServer.builder().urls(turn).username(turnUsername).credential(turnCredential).build());
    } else if (turnUsername != null || turnCredential != null) {
      throw new ParameterException(spec.commandLine(), "--turn-username and --turn-credential need --turn");
    }
    RTCConfiguration c = RTCConfiguration.builder().iceServers(servers).build();
    try {
      c.validate(Clock.systemUTC());
    } catch (RTCException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    return c;
  }

  /** HOST:PORT or [IPv6]:PORT, port 0..65535. */
  static final class HostPortConverter implements ITypeConverter<InetSocketAddress> {
    @Override
    public InetSocketAddress convert(String value) {
      int colon = value.lastIndexOf(':');
      if (colon <= 0) {
        throw new TypeConversionException("expected HOST:PORT, got '" + value + "'");
      }
      String host = value.substring(0, colon);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      } else if (host.contains(":")) {
        throw new TypeConversionException("write an IPv6 address in brackets: [" + host + "]:PORT");
      }
      int port = port(value.substring(colon + 1), value);
      InetSocketAddress a = new InetSocketAddress(host, port);
      if (a.isUnresolved()) {
        throw new TypeConversionException("cannot resolve host '" + host + "'");
      }
      return a;
    }
  }

  /** MIN-MAX, 1 <= MIN <= MAX <= 65535. */
  static final class PortRangeConverter implements ITypeConverter<PortRange> {
    @Override
    public PortRange convert(String value) {
      int dash = value.indexOf('-');
      if (dash <= 0) {
        throw new TypeConversionException("expected MIN-MAX, got '" + value + "'");
      }
      int min = port(value.substring(0, dash), value);
      int max = port(value.substring(dash + 1), value);
      if (min < 1 || min > max) {
        throw new TypeConversionException("need 1 <= MIN <= MAX <= 65535, got '" + value + "'");
      }
      return new PortRange(min, max);
    }
  }

  /** 250ms, 5s, 2m, or a plain number of seconds. */
  static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      String v = value.trim();
      try {
        Duration d;
        if (v.endsWith("ms")) {
          d = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        } else if (v.endsWith("s")) {
          d = Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
        } else if (v.endsWith("m")) {
          d = Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
        } else {
          d = Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
        }
        if (d.isNegative() || d.isZero()) {
          throw new TypeConversionException("duration must be positive: '" + value + "'");
        }
        return d;
      } catch (NumberFormatException | ArithmeticException e) {
        throw new TypeConversionException("expected a duration like 500ms, 5s or 2m, got '" + value + "'");
      }
    }
  }

  private static int port(String s, String whole) {
    try {
      int p = Integer.parseInt(s);
      if (p < 0 || p > 65535) {
        throw new TypeConversionException("port " + p + " is outside 0..65535 in '" + whole + "'");
      }
      return p;
    } catch (NumberFormatException e) {
      throw new TypeConversionException("'" + s + "' is not a port number in '" + whole + "'");
    }
  }
}

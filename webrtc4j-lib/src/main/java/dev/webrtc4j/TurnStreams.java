package dev.webrtc4j;

import dev.webrtc4j.internal.ice.IceAgent;
import dev.webrtc4j.internal.ice.StreamCommand;
import dev.webrtc4j.internal.io.EventLoop;
import dev.webrtc4j.internal.io.NetworkGuard;
import dev.webrtc4j.internal.io.StreamConnection;
import dev.webrtc4j.internal.io.StreamConnector;
import dev.webrtc4j.internal.io.StreamHandler;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The TCP/TLS connections to TURN servers ({@code turn:...?transport=tcp}, {@code turns:}) that
 * the ICE agent asks for ({@link StreamCommand}); their bytes and fate go back to the agent on the
 * loop. Loop-confined.
 */
final class TurnStreams {
  private final EventLoop loop;
  private final LongSupplier clock;
  /**
   * Made on the first TCP/TLS TURN connection: the JDK's default TLS context loads the cacerts
   * store (about 150 ms of CPU the first time in a JVM), which no connection without a
   * {@code turn:...?transport=tcp} or {@code turns:} server should pay for.
   */
  private final Supplier<StreamConnector> connectorFactory;
  private @Nullable StreamConnector connector;
  private final Map<Integer, StreamConnection> streams = new HashMap<>();
  private @Nullable IceAgent agent;

  TurnStreams(EventLoop loop, LongSupplier clock, Supplier<StreamConnector> connectorFactory) {
    this.loop = loop;
    this.clock = clock;
    this.connectorFactory = connectorFactory;
  }

  private StreamConnector connector() {
    StreamConnector c = connector;
    if (c == null) {
      c = connectorFactory.get();
      connector = c;
    }
    return c;
  }

  /** Carries out every command the agent has queued. */
  void drain(IceAgent a) {
    agent = a;
    for (StreamCommand c; (c = a.pollStreamCommand()) != null; ) {
      switch (c) {
        case StreamCommand.Open o -> open(a, o);
        case StreamCommand.Write w -> {
          StreamConnection s = streams.get(w.stream());
          if (s != null) {
            s.write(w.bytes());
          }
        }
        case StreamCommand.Close x -> {
          StreamConnection s = streams.remove(x.stream());
          if (s != null) {
            s.close();
          }
        }
      }
    }
  }

  private void open(IceAgent a, StreamCommand.Open o) {
    if (!NetworkGuard.allows(o.server())) {
      a.handleStreamClosed(clock.getAsLong(), o.stream(), "refused by the network guard: " + o.server());
      return;
    }
    int id = o.stream();
    streams.put(id, connector().connect(o.localIp(), o.server(), o.tls(), o.serverName(), new StreamHandler() {
      @Override
      public void onOpened(InetSocketAddress localAddress, long receivedNanos) {
        loop.execute(() -> withAgent(g -> g.handleStreamOpened(clock.getAsLong(), id, localAddress)));
      }

      @Override
      public void onData(ByteBuffer bytes, long receivedNanos) {
        loop.execute(() -> withAgent(g -> g.handleStreamData(clock.getAsLong(), id, bytes)));
      }

      @Override
      public void onClosed(@Nullable String failure, long nanos) {
        loop.execute(() -> {
          streams.remove(id);
          withAgent(g -> g.handleStreamClosed(clock.getAsLong(), id, failure));
        });
      }
    }));
  }

  private void withAgent(java.util.function.Consumer<IceAgent> f) {
    IceAgent a = agent;
    if (a != null) {
      f.accept(a);
    }
  }

  /** After the agent closed (its Refresh(0) writes drained): closes what is left. */
  void close() {
    for (StreamConnection s : streams.values()) {
      s.close();
    }
    streams.clear();
    agent = null;
  }
}

package dev.webrtc4j.internal.ice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webrtc4j.internal.io.EventLoop;
import dev.webrtc4j.internal.io.StreamConnection;
import dev.webrtc4j.internal.io.StreamConnector;
import dev.webrtc4j.internal.io.StreamHandler;
import dev.webrtc4j.internal.io.UdpIo;
import dev.webrtc4j.internal.io.UdpSocket;
import dev.webrtc4j.internal.util.Datagram;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * One {@link IceAgent} on real sockets, driven the way a peer connection drives it: on an {@link
 * EventLoop}, UDP sockets on a {@link UdpIo}, TURN streams through a {@link StreamConnector}. After
 * every input the loop drains the agent: datagrams to their socket, {@link StreamCommand}s to
 * stream connections, events to a queue the test waits on. {@link #afterInput} is the hook-up the
 * peer connection's transport needs, in a dozen lines.
 */
final class RealSocketAgent implements AutoCloseable {
  private static final long WAIT_SECONDS = 20;

  final String name;
  final EventLoop loop;
  final IceAgent agent;
  private final UdpIo io;
  private final StreamConnector connector;
  private final Map<InetSocketAddress, UdpSocket> sockets = new HashMap<>();
  /** Loop-confined: the agent's open streams by id. */
  private final Map<Integer, StreamConnection> streams = new HashMap<>();
  private final LinkedBlockingQueue<IceEvent> pending = new LinkedBlockingQueue<>();
  final List<IceEvent> events = new CopyOnWriteArrayList<>();
  final List<StreamConnection> allStreams = new CopyOnWriteArrayList<>();

  RealSocketAgent(String name, IceConfig config, long seed, UdpIo io, StreamConnector connector) {
    this.name = name;
    this.io = io;
    this.connector = connector;
    this.agent = new IceAgent(config, new SplittableRandom(seed));
    this.loop = new EventLoop(name, System::nanoTime);
    loop.setDriver(new EventLoop.Driver() {
      @Override
      public long pollTimeout() {
        return agent.pollTimeout();
      }

      @Override
      public void handleTimeout(long now) {
        agent.handleTimeout(now);
      }

      @Override
      public void afterInput(long now) {
        RealSocketAgent.this.afterInput();
      }
    });
  }

  /** Opens a UDP socket on 127.0.0.1 and tells the agent. */
  InetSocketAddress openSocket() throws IOException {
    UdpSocket s = io.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        (d, t) -> loop.execute(() -> agent.handleDatagram(System.nanoTime(), d)));
    InetSocketAddress a = s.localAddress();
    loop.call(() -> {
      sockets.put(a, s);
      agent.addLocalSocket(System.nanoTime(), a);
      return null;
    });
    return a;
  }

  /** Runs {@code task} on the loop with the agent (the loop drains afterwards). */
  void run(Consumer<IceAgent> task) {
    loop.execute(() -> task.accept(agent));
  }

  /** The peer connection's part: move everything the agent wants out. Runs on the loop. */
  private void afterInput() {
    for (Datagram d; (d = agent.pollTransmit()) != null; ) {
      UdpSocket s = sockets.get(d.source());
      if (s != null) {
        s.send(d.payload(), d.destination());
      }
    }
    for (StreamCommand c; (c = agent.pollStreamCommand()) != null; ) {
      switch (c) {
        case StreamCommand.Open o -> {
          StreamConnection conn = connector.connect(o.localIp(), o.server(), o.tls(), o.serverName(), handler(o.stream()));
          streams.put(o.stream(), conn);
          allStreams.add(conn);
        }
        case StreamCommand.Write w -> {
          StreamConnection conn = streams.get(w.stream());
          if (conn != null) {
            conn.write(w.bytes());
          }
        }
        case StreamCommand.Close x -> {
          StreamConnection conn = streams.remove(x.stream());
          if (conn != null) {
            conn.close();
          }
        }
      }
    }
    for (IceEvent e; (e = agent.pollEvent()) != null; ) {
      events.add(e);
      pending.add(e);
    }
  }

  /** Stream callbacks come on the connection's threads and only enqueue onto the loop. */
  private StreamHandler handler(int id) {
    return new StreamHandler() {
      @Override
      public void onOpened(InetSocketAddress localAddress, long receivedNanos) {
        loop.execute(() -> agent.handleStreamOpened(System.nanoTime(), id, localAddress));
      }

      @Override
      public void onData(ByteBuffer bytes, long receivedNanos) {
        loop.execute(() -> agent.handleStreamData(System.nanoTime(), id, bytes));
      }

      @Override
      public void onClosed(@Nullable String failure, long nanos) {
        loop.execute(() -> {
          streams.remove(id);
          agent.handleStreamClosed(System.nanoTime(), id, failure);
        });
      }
    };
  }

  /** Waits for the next event of {@code type} matching {@code match}, skipping others. */
  <T extends IceEvent> T await(Class<T> type, Predicate<T> match) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (true) {
      long left = deadline - System.nanoTime();
      IceEvent e = left > 0 ? pending.poll(left, TimeUnit.NANOSECONDS) : null;
      if (e == null) {
        throw new AssertionError(name + ": no " + type.getSimpleName() + " within " + WAIT_SECONDS + " s; events " + events);
      }
      if (type.isInstance(e) && match.test(type.cast(e))) {
        return type.cast(e);
      }
    }
  }

  <T extends IceEvent> T await(Class<T> type) throws InterruptedException {
    return await(type, x -> true);
  }

  @Override
  public void close() throws Exception {
    int leaked = loop.call(() -> {
      agent.close();
      afterInput(); // the final Refresh(0) writes and stream closes
      int left = streams.size();
      streams.values().forEach(StreamConnection::close);
      streams.clear();
      return left;
    });
    loop.close();
    assertThat(loop.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    for (UdpSocket s : sockets.values()) {
      s.close();
    }
    for (StreamConnection c : allStreams) {
      c.terminated().get(5, TimeUnit.SECONDS);
    }
    assertThat(leaked).as(name + ": streams the closed agent did not close").isZero();
  }
}

package dev.webrtc4j.internal.ice;

import static dev.webrtc4j.internal.ice.IceTestNet.MS;

import dev.webrtc4j.internal.stun.ChannelData;
import dev.webrtc4j.internal.stun.StunStreamDeframer;
import dev.webrtc4j.internal.util.Datagram;
import dev.webrtc4j.internal.util.MalformedPacketException;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * An in-test network for TURN over a stream: agents exchange UDP datagrams with a fixed latency, and
 * an agent's {@link StreamCommand}s reach {@link TestTurnServer}s as a TCP connection would carry
 * them: opened after one latency, the client's writes deframed on the server side (so a client that
 * does not pad ChannelData breaks the server's framing), the server's messages (ChannelData padded)
 * delivered as one byte stream cut into chunks of random sizes that ignore message boundaries.
 * {@link #openAnswer} decides how a stream open is answered.
 */
final class StreamTurnNet {
  /** How the net answers a stream open. */
  enum OpenAnswer {
    CONNECT,
    REFUSE,
    SILENCE
  }

  private record Event(long at, long seq, Runnable action) {}

  /** One open stream between an agent and a server. */
  static final class Stream {
    final IceAgent agent;
    final int id;
    final StreamCommand.Open open;
    final InetSocketAddress local;
    final TestTurnServer server;
    final StunStreamDeframer serverSide = new StunStreamDeframer();
    final List<ByteBuffer> writes = new ArrayList<>();
    final ByteArrayOutputStream toClient = new ByteArrayOutputStream();
    boolean closedByClient;

    Stream(IceAgent agent, StreamCommand.Open open, InetSocketAddress local, TestTurnServer server) {
      this.agent = agent;
      this.id = open.stream();
      this.open = open;
      this.local = local;
      this.server = server;
    }
  }

  long now = 1_000 * MS;
  long latency = 5 * MS;
  OpenAnswer openAnswer = OpenAnswer.CONNECT;
  private long seq;
  private int nextLocalPort = 40_000;
  private final SplittableRandom random = new SplittableRandom(7);
  private final PriorityQueue<Event> queue =
      new PriorityQueue<>((a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
  private final Map<InetSocketAddress, IceAgent> owners = new HashMap<>();
  private final Map<IceAgent, List<IceEvent>> events = new LinkedHashMap<>();
  private final Map<InetSocketAddress, TestTurnServer> servers = new HashMap<>();
  final List<Stream> streams = new ArrayList<>();
  final List<StreamCommand> commands = new ArrayList<>();

  void socket(IceAgent agent, InetSocketAddress address) {
    events.putIfAbsent(agent, new ArrayList<>());
    owners.put(address, agent);
    agent.addLocalSocket(now, address);
  }

  void server(TestTurnServer server) {
    servers.put(server.address, server);
  }

  List<IceEvent> events(IceAgent agent) {
    return events.get(agent);
  }

  <T extends IceEvent> List<T> events(IceAgent agent, Class<T> type) {
    return events.get(agent).stream().filter(type::isInstance).map(type::cast).toList();
  }

  private void at(long when, Runnable action) {
    queue.add(new Event(when, seq++, action));
  }

  /** Moves every agent's datagrams, stream commands and events out. */
  void drain() {
    for (IceAgent a : events.keySet()) {
      for (Datagram d; (d = a.pollTransmit()) != null; ) {
        Datagram out = d;
        at(now + latency, () -> deliverUdp(out));
      }
      for (StreamCommand c; (c = a.pollStreamCommand()) != null; ) {
        commands.add(c);
        command(a, c);
      }
      for (IceEvent e; (e = a.pollEvent()) != null; ) {
        events.get(a).add(e);
      }
    }
  }

  private void command(IceAgent agent, StreamCommand c) {
    switch (c) {
      case StreamCommand.Open open -> {
        TestTurnServer server = servers.get(open.server());
        InetSocketAddress local = new InetSocketAddress(open.localIp(), nextLocalPort++);
        switch (openAnswer) {
          case CONNECT -> {
            if (server == null) {
              at(now + latency, () -> agent.handleStreamClosed(now, open.stream(), "Connection refused"));
              return;
            }
            Stream s = new Stream(agent, open, local, server);
            streams.add(s);
            at(now + latency, () -> agent.handleStreamOpened(now, open.stream(), local));
          }
          case REFUSE -> at(now + latency, () -> agent.handleStreamClosed(now, open.stream(), "Connection refused"));
          case SILENCE -> { }
        }
      }
      case StreamCommand.Write w -> {
        Stream s = stream(agent, w.stream());
        if (s == null || s.closedByClient) {
          throw new AssertionError("write on a stream that is not open: " + w.stream());
        }
        s.writes.add(w.bytes().duplicate());
        ByteBuffer copy = w.bytes().duplicate();
        at(now + latency, () -> serverReceives(s, copy));
      }
      case StreamCommand.Close x -> {
        Stream s = stream(agent, x.stream());
        if (s != null) {
          s.closedByClient = true;
        }
      }
    }
  }

  private Stream stream(IceAgent agent, int id) {
    for (Stream s : streams) {
      if (s.agent == agent && s.id == id) {
        return s;
      }
    }
    return null;
  }

  private void serverReceives(Stream s, ByteBuffer bytes) {
    s.serverSide.feed(bytes);
    for (ByteBuffer frame; (frame = s.serverSide.poll()) != null; ) {
      s.server.fromClient(new Datagram(s.local, s.server.address, frame), reply -> toClient(s, reply.payload()),
          relayed -> at(now + latency, () -> deliverUdp(relayed)));
    }
  }

  /** The server writes one message on the stream; ChannelData is padded (RFC 8656 §12.5). */
  private void toClient(Stream s, ByteBuffer message) {
    ByteBuffer framed = message;
    if (ChannelData.looksLikeChannelData(message)) {
      try {
        framed = ChannelData.parse(message.duplicate()).toBuffer(true);
      } catch (MalformedPacketException e) {
        throw new AssertionError(e);
      }
    }
    byte[] b = new byte[framed.remaining()];
    framed.duplicate().get(b);
    s.toClient.writeBytes(b);
    at(now + latency, () -> flushToClient(s));
  }

  /** Delivers what the server wrote so far, cut into chunks of 1..40 bytes. */
  private void flushToClient(Stream s) {
    byte[] all = s.toClient.toByteArray();
    s.toClient.reset();
    int i = 0;
    while (i < all.length && !s.closedByClient) {
      int n = Math.min(all.length - i, 1 + random.nextInt(40));
      byte[] chunk = new byte[n];
      System.arraycopy(all, i, chunk, 0, n);
      s.agent.handleStreamData(now, s.id, ByteBuffer.wrap(chunk));
      i += n;
    }
  }

  /** The server sends raw bytes on the stream (garbage tests). */
  void serverWritesRaw(Stream s, byte[] bytes) {
    s.toClient.writeBytes(bytes);
    at(now + latency, () -> flushToClient(s));
  }

  private void deliverUdp(Datagram d) {
    for (TestTurnServer t : servers.values()) {
      if (t.relayed.equals(d.destination())) {
        Datagram out = t.fromPeer(d);
        if (out == null) {
          return;
        }
        for (Stream s : streams) {
          if (s.server == t && s.local.equals(out.destination()) && !s.closedByClient) {
            toClient(s, out.payload());
          }
        }
        return;
      }
    }
    IceAgent owner = owners.get(d.destination());
    if (owner != null) {
      owner.handleDatagram(now, d);
    }
  }

  /** Runs until {@code done} or {@code maxMillis} of virtual time passed. */
  boolean runUntil(BooleanSupplier done, long maxMillis) {
    long end = now + maxMillis * MS;
    drain();
    while (!done.getAsBoolean()) {
      long next = Long.MAX_VALUE;
      for (IceAgent a : events.keySet()) {
        next = Math.min(next, a.pollTimeout());
      }
      Event e = queue.peek();
      if (e != null) {
        next = Math.min(next, e.at);
      }
      if (next > end) {
        now = end;
        return done.getAsBoolean();
      }
      now = Math.max(now, next);
      while ((e = queue.peek()) != null && e.at <= now) {
        queue.poll();
        e.action.run();
        drain();
      }
      for (IceAgent a : events.keySet()) {
        if (a.pollTimeout() <= now) {
          a.handleTimeout(now);
        }
      }
      drain();
    }
    return true;
  }

  void runFor(long millis) {
    runUntil(() -> false, millis);
  }
}

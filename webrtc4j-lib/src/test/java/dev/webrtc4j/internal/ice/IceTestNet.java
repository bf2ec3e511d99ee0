package dev.webrtc4j.internal.ice;

import dev.webrtc4j.internal.util.Bytes;
import dev.webrtc4j.internal.util.Datagram;
import dev.webrtc4j.internal.util.MalformedPacketException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * A tiny in-test network for agent scenarios: agents own socket addresses, datagrams are moved by
 * hand with a fixed latency, time jumps to the earliest deadline. Optional full-cone NATs rewrite
 * addresses, a STUN responder answers Binding requests, and a drop predicate simulates loss.
 */
final class IceTestNet {
  static final long MS = 1_000_000L;

  private record InFlight(long at, long seq, Datagram datagram) {}

  private final IceStunCodec codec;
  long now = 1_000 * MS;
  long latency = 5 * MS;
  private long seq;
  private final PriorityQueue<InFlight> inFlight =
      new PriorityQueue<>((a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
  private final Map<InetSocketAddress, IceAgent> owners = new HashMap<>();
  private final Map<IceAgent, List<IceEvent>> events = new LinkedHashMap<>();
  /** NAT: private address → public address, and back. */
  private final Map<InetSocketAddress, InetSocketAddress> natOut = new HashMap<>();
  private final Map<InetSocketAddress, InetSocketAddress> natIn = new HashMap<>();
  private final Map<InetSocketAddress, Integer> stunServers = new HashMap<>();
  /** Fake relay servers: server address → relayed address, error code (0 = allocate), client. */
  private final Map<InetSocketAddress, InetSocketAddress> relayServers = new HashMap<>();
  private final Map<InetSocketAddress, Integer> relayErrors = new HashMap<>();
  private final Map<InetSocketAddress, InetSocketAddress> relayClients = new HashMap<>();
  private final List<TestTurnServer> turnServers = new ArrayList<>();
  Predicate<Datagram> drop = d -> false;
  /** Sees every datagram an agent sends, before loss and NAT. */
  java.util.function.BiConsumer<Long, Datagram> tap = (t, d) -> {};
  int delivered;
  int dropped;

  IceTestNet(IceStunCodec codec) {
    this.codec = codec;
  }

  static InetSocketAddress addr(String ip, int port) {
    return new InetSocketAddress(IceCandidate.ipLiteral(ip), port);
  }

  void add(IceAgent agent) {
    events.putIfAbsent(agent, new ArrayList<>());
  }

  void socket(IceAgent agent, InetSocketAddress address) {
    add(agent);
    owners.put(address, agent);
    agent.addLocalSocket(now, address);
  }

  /** Puts {@code inside} behind a full-cone NAT that maps it to {@code outside}. */
  void nat(InetSocketAddress inside, InetSocketAddress outside) {
    natOut.put(inside, outside);
    natIn.put(outside, inside);
  }

  /** A STUN server at {@code address}; {@code errorCode} 0 answers success, else that error. */
  void stunServer(InetSocketAddress address, int errorCode) {
    stunServers.put(address, errorCode);
  }

  /** A {@link FakeRelay} server at {@code server} relaying from {@code relayed}; errorCode 0 allocates. */
  void relayServer(InetSocketAddress server, InetSocketAddress relayed, int errorCode) {
    relayServers.put(server, relayed);
    relayErrors.put(server, errorCode);
  }

  void turnServer(TestTurnServer server) {
    turnServers.add(server);
  }

  List<IceEvent> events(IceAgent agent) {
    return events.get(agent);
  }

  <T extends IceEvent> List<T> events(IceAgent agent, Class<T> type) {
    List<T> out = new ArrayList<>();
    for (IceEvent e : events.get(agent)) {
      if (type.isInstance(e)) {
        out.add(type.cast(e));
      }
    }
    return out;
  }

  /** Moves everything agents want to send into the network and collects their events. */
  private void drain() {
    for (IceAgent a : events.keySet()) {
      Datagram d;
      while ((d = a.pollTransmit()) != null) {
        launch(d);
      }
      IceEvent e;
      while ((e = a.pollEvent()) != null) {
        events.get(a).add(e);
      }
    }
  }

  private void launch(Datagram d) {
    tap.accept(now, d);
    // A private address behind a NAT is reachable only from the same inside network.
    if (drop.test(d) || (natOut.containsKey(d.destination()) && !natOut.containsKey(d.source()))) {
      dropped++;
      return;
    }
    InetSocketAddress src = natOut.getOrDefault(d.source(), d.source());
    inFlight.add(new InFlight(now + latency, seq++, new Datagram(src, d.destination(), d.payload())));
  }

  private void deliver(Datagram d) {
    InetSocketAddress dst = natIn.getOrDefault(d.destination(), d.destination());
    for (TestTurnServer t : turnServers) {
      if (t.address.equals(dst)) {
        t.fromClient(new Datagram(d.source(), dst, d.payload()),
            out -> inFlight.add(new InFlight(now + latency, seq++, out)), this::launch);
        return;
      }
      if (t.relayed.equals(dst)) {
        Datagram out = t.fromPeer(d);
        if (out != null) {
          inFlight.add(new InFlight(now + latency, seq++, out));
        } else {
          dropped++;
        }
        return;
      }
    }
    InetSocketAddress relayed = relayServers.get(dst);
    if (relayed != null) {
      relayFromClient(d, dst, relayed);
      return;
    }
    for (Map.Entry<InetSocketAddress, InetSocketAddress> e : relayServers.entrySet()) {
      InetSocketAddress client = relayClients.get(e.getKey());
      if (e.getValue().equals(dst) && client != null) {
        inFlight.add(new InFlight(now + latency, seq++,
            new Datagram(e.getKey(), client, FakeRelay.frame(FakeRelay.DATA, d.source(), d.payload()))));
        return;
      }
    }
    Integer serverError = stunServers.get(dst);
    if (serverError != null) {
      answerStun(d, serverError);
      return;
    }
    IceAgent owner = owners.get(dst);
    if (owner == null) {
      dropped++;
      return;
    }
    delivered++;
    owner.handleDatagram(now, new Datagram(d.source(), dst, d.payload()));
  }

  private void relayFromClient(Datagram d, InetSocketAddress server, InetSocketAddress relayed) {
    ByteBuffer b = d.payload();
    switch (FakeRelay.op(b)) {
      case FakeRelay.ALLOCATE -> {
        int error = relayErrors.get(server);
        relayClients.put(server, d.source());
        ByteBuffer resp = error == 0 ? FakeRelay.frame(FakeRelay.ALLOCATE, d.source(), ByteBuffer.allocate(0))
            : FakeRelay.frame(FakeRelay.ERROR, new InetSocketAddress(d.source().getAddress(), error), ByteBuffer.allocate(0));
        inFlight.add(new InFlight(now + latency, seq++, new Datagram(server, d.source(), resp)));
      }
      case FakeRelay.SEND -> launch(new Datagram(relayed, FakeRelay.address(b), FakeRelay.payload(b)));
      default -> { }
    }
  }

  private void answerStun(Datagram d, int errorCode) {
    IceStunMessage req;
    try {
      req = codec.decode(d.payload().duplicate());
    } catch (MalformedPacketException e) {
      return;
    }
    IceStunMessage resp = errorCode == 0 ? IceStunMessage.bindingSuccess(req.transactionId(), d.source())
        : IceStunMessage.bindingError(req.transactionId(), errorCode, "Test Error");
    inFlight.add(new InFlight(now + latency, seq++, new Datagram(d.destination(), d.source(), codec.encode(resp, null))));
  }

  /** Runs until {@code done} holds or {@code maxMillis} of virtual time passed. Returns done. */
  boolean runUntil(BooleanSupplier done, long maxMillis) {
    long end = now + maxMillis * MS;
    drain();
    int spins = 0;
    while (!done.getAsBoolean()) {
      if (++spins > 2_000_000) {
        throw new AssertionError("livelock: deadlines do not advance at " + now);
      }
      long next = Long.MAX_VALUE;
      for (IceAgent a : events.keySet()) {
        next = Math.min(next, a.pollTimeout());
      }
      InFlight f = inFlight.peek();
      if (f != null) {
        next = Math.min(next, f.at);
      }
      if (next > end) {
        now = end;
        return done.getAsBoolean();
      }
      now = Math.max(now, next);
      while ((f = inFlight.peek()) != null && f.at <= now) {
        inFlight.poll();
        deliver(f.datagram);
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

  /** Runs for exactly {@code millis} of virtual time. */
  void runFor(long millis) {
    runUntil(() -> false, millis);
  }

  static ByteBuffer data(String text) {
    return ByteBuffer.wrap(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  static String text(ByteBuffer b) {
    return java.nio.charset.StandardCharsets.UTF_8.decode(b.duplicate()).toString();
  }

  static Bytes bytes(ByteBuffer b) {
    return Bytes.copyOf(b);
  }
}

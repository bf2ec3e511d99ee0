package dev.webrtc4j.internal.ice;

import dev.webrtc4j.internal.util.Datagram;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * An in-test relay: a {@link RelaySession} and the matching server logic for {@link IceTestNet},
 * speaking a trivial framing (not TURN) behind a 0x40 first byte:
 * {@code 0x40 op ip(4) port(2) data}. op 1 allocate / allocated (address = mapped), 2 send
 * (address = peer), 3 data from peer (address = peer), 9 error (port = code).
 */
final class FakeRelay implements RelaySession {
  static final int ALLOCATE = 1;
  static final int SEND = 2;
  static final int DATA = 3;
  static final int ERROR = 9;

  private final IceServer server;
  private final InetSocketAddress local;
  private final ArrayDeque<Datagram> out = new ArrayDeque<>();
  private final ArrayDeque<Event> events = new ArrayDeque<>();
  private @Nullable InetSocketAddress relayed;
  private final InetSocketAddress relayedAddress;

  FakeRelay(IceServer server, InetSocketAddress local, InetSocketAddress relayedAddress) {
    this.server = server;
    this.local = local;
    this.relayedAddress = relayedAddress;
  }

  static RelaySession.Factory factory(InetSocketAddress relayedAddress) {
    return (IceServer server, InetSocketAddress local, RandomGenerator random) -> new FakeRelay(server, local, relayedAddress);
  }

  static ByteBuffer frame(int op, InetSocketAddress a, ByteBuffer data) {
    ByteBuffer b = ByteBuffer.allocate(8 + data.remaining());
    b.put((byte) 0x40).put((byte) op).put(a.getAddress().getAddress()).putShort((short) a.getPort()).put(data.duplicate());
    return b.flip();
  }

  static int op(ByteBuffer b) {
    return b.get(b.position() + 1);
  }

  static InetSocketAddress address(ByteBuffer b) {
    byte[] ip = new byte[4];
    b.get(b.position() + 2, ip);
    try {
      return new InetSocketAddress(InetAddress.getByAddress(ip), Short.toUnsignedInt(b.getShort(b.position() + 6)));
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  static ByteBuffer payload(ByteBuffer b) {
    return b.duplicate().position(b.position() + 8).slice();
  }

  @Override
  public void allocate(long now) {
    out.add(new Datagram(local, server.address(), frame(ALLOCATE, relayedAddress, ByteBuffer.allocate(0))));
  }

  @Override
  public boolean send(long now, InetSocketAddress peer, ByteBuffer data) {
    if (relayed == null) {
      return false;
    }
    out.add(new Datagram(local, server.address(), frame(SEND, peer, data)));
    return true;
  }

  @Override
  public void handleDatagram(long now, Datagram in) {
    ByteBuffer b = in.payload();
    switch (op(b)) {
      case ALLOCATE -> {
        relayed = relayedAddress;
        events.add(new Event.Allocated(relayedAddress, address(b)));
      }
      case DATA -> events.add(new Event.PeerData(address(b), payload(b)));
      case ERROR -> events.add(new Event.Failed(address(b).getPort(), "Test Error"));
      default -> { }
    }
  }

  @Override
  public void handleTimeout(long now) {}

  @Override
  public @Nullable Datagram pollTransmit() {
    return out.pollFirst();
  }

  @Override
  public @Nullable Event pollEvent() {
    return events.pollFirst();
  }

  @Override
  public long pollTimeout() {
    return Long.MAX_VALUE;
  }

  @Override
  public void close(long now) {}
}

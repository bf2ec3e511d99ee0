package dev.webrtc4j.testkit.stun;

import dev.webrtc4j.internal.stun.StunAttribute.XorMappedAddress;
import dev.webrtc4j.internal.stun.StunClass;
import dev.webrtc4j.internal.stun.StunMessage;
import dev.webrtc4j.internal.stun.StunMethod;
import dev.webrtc4j.internal.util.Datagram;
import dev.webrtc4j.internal.util.MalformedPacketException;
import dev.webrtc4j.testkit.net.SimNetwork;
import dev.webrtc4j.testkit.net.SimNode;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import org.jspecify.annotations.Nullable;

/**
 * A STUN server on a {@link SimNetwork} (RFC 8489 §12): answers every Binding request with a
 * success response carrying XOR-MAPPED-ADDRESS, the source address the request arrived from (so,
 * behind a NAT, the NAT's mapping), and FINGERPRINT. Requests with unknown comprehension-required
 * attributes get a 420; anything else (indications, responses, garbage) is dropped and counted.
 * Encoding and parsing are the library's {@link StunMessage} codec.
 */
public final class SimStunServer implements SimNode {
  private final InetSocketAddress address;
  private final ArrayDeque<Datagram> transmits = new ArrayDeque<>();
  private long answered;
  private long dropped;

  /** A server listening at {@code address}, attached to {@code network}. */
  public SimStunServer(SimNetwork network, InetSocketAddress address) {
    this.address = address;
    network.attach(this, address);
  }

  public InetSocketAddress address() {
    return address;
  }

  /** Binding requests answered with success. */
  public long answered() {
    return answered;
  }

  /** Datagrams dropped (not a Binding request, malformed). */
  public long dropped() {
    return dropped;
  }

  @Override
  public void handleDatagram(long nowNanos, Datagram in) {
    StunMessage request;
    try {
      request = StunMessage.parse(in.payload().duplicate());
    } catch (MalformedPacketException e) {
      dropped++;
      return;
    }
    if (request.messageClass() != StunClass.REQUEST || !request.method().equals(StunMethod.BINDING)) {
      dropped++;
      return;
    }
    var unknown = StunMessage.unknownAttributesResponse(request);
    if (unknown.isPresent()) {
      transmits.add(new Datagram(address, in.source(), unknown.get().encode(null, true)));
      return;
    }
    // RFC 8489 §12: the server "MUST add an XOR-MAPPED-ADDRESS attribute to the response ... the
    // source transport address of the request".
    StunMessage response = StunMessage.successResponse(request, new XorMappedAddress(in.source()));
    transmits.add(new Datagram(address, in.source(), response.encode(null, true)));
    answered++;
  }

  @Override
  public void handleTimeout(long nowNanos) {}

  @Override
  public @Nullable Datagram pollTransmit() {
    return transmits.pollFirst();
  }

  @Override
  public long pollTimeout() {
    return Long.MAX_VALUE;
  }
}

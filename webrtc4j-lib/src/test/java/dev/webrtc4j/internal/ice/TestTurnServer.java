package dev.webrtc4j.internal.ice;

import dev.webrtc4j.internal.stun.ChannelData;
import dev.webrtc4j.internal.stun.IntegrityCheck;
import dev.webrtc4j.internal.stun.IntegrityKey;
import dev.webrtc4j.internal.stun.StunAttribute;
import dev.webrtc4j.internal.stun.StunAttribute.ChannelNumber;
import dev.webrtc4j.internal.stun.StunAttribute.Data;
import dev.webrtc4j.internal.stun.StunAttribute.Lifetime;
import dev.webrtc4j.internal.stun.StunAttribute.Nonce;
import dev.webrtc4j.internal.stun.StunAttribute.PasswordAlgorithm;
import dev.webrtc4j.internal.stun.StunAttribute.Realm;
import dev.webrtc4j.internal.stun.StunAttribute.Username;
import dev.webrtc4j.internal.stun.StunAttribute.XorMappedAddress;
import dev.webrtc4j.internal.stun.StunAttribute.XorPeerAddress;
import dev.webrtc4j.internal.stun.StunAttribute.XorRelayedAddress;
import dev.webrtc4j.internal.stun.StunClass;
import dev.webrtc4j.internal.stun.StunIntegrity;
import dev.webrtc4j.internal.stun.StunMessage;
import dev.webrtc4j.internal.stun.StunMethod;
import dev.webrtc4j.internal.stun.TransactionId;
import dev.webrtc4j.internal.util.Bytes;
import dev.webrtc4j.internal.util.Datagram;
import dev.webrtc4j.internal.util.MalformedPacketException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * An in-test TURN server for one client (RFC 8656, long-term credentials with MD5): Allocate with
 * the 401 challenge, Refresh, CreatePermission, ChannelBind, Send/Data indications and ChannelData.
 * Built on the project's STUN codec; used to drive the real {@code TurnClient} through the agent.
 */
final class TestTurnServer {
  final InetSocketAddress address;
  final InetSocketAddress relayed;
  private final String username;
  private final IntegrityKey key;
  private static final String REALM = "example.org";
  private static final String NONCE = "n0nce";
  private InetSocketAddress client;
  private final Set<InetAddress> permissions = new HashSet<>();
  private final Map<Integer, InetSocketAddress> channels = new HashMap<>();
  final List<StunMethod> requests = new ArrayList<>();
  int rejectWith;

  TestTurnServer(InetSocketAddress address, InetSocketAddress relayed, String username, String password) {
    this.address = address;
    this.relayed = relayed;
    this.username = username;
    this.key = IntegrityKey.longTerm(username, REALM, password, PasswordAlgorithm.MD5);
  }

  /** A datagram from the client. {@code toClient} gets responses, {@code toPeer} relayed data. */
  void fromClient(Datagram d, Consumer<Datagram> toClient, Consumer<Datagram> toPeer) {
    client = d.source();
    ByteBuffer raw = d.payload().duplicate();
    try {
      if (ChannelData.looksLikeChannelData(raw)) {
        ChannelData cd = ChannelData.parse(raw);
        InetSocketAddress peer = channels.get(cd.channelNumber());
        if (peer != null) {
          toPeer.accept(new Datagram(relayed, peer, cd.data().asReadOnlyBuffer()));
        }
        return;
      }
      StunMessage m = StunMessage.parse(raw.duplicate());
      if (m.messageClass() == StunClass.INDICATION) {
        InetSocketAddress peer = m.find(XorPeerAddress.class).orElseThrow().address();
        if (permissions.contains(peer.getAddress())) {
          toPeer.accept(new Datagram(relayed, peer, m.find(Data.class).orElseThrow().data().asReadOnlyBuffer()));
        }
        return;
      }
      requests.add(m.method());
      boolean authenticated = m.find(Username.class).map(Username::value).orElse("").equals(username)
          && StunIntegrity.check(raw, key) == IntegrityCheck.VALID;
      if (!authenticated) {
        toClient.accept(reply(StunMessage.errorResponse(m, 401, "Unauthorized", new Realm(REALM), new Nonce(NONCE)), null));
        return;
      }
      if (rejectWith != 0) {
        toClient.accept(reply(StunMessage.errorResponse(m, rejectWith, "Rejected"), key));
        return;
      }
      StunMessage response;
      if (m.method().equals(StunMethod.ALLOCATE)) {
        response = StunMessage.successResponse(m, new XorRelayedAddress(relayed), new XorMappedAddress(client), new Lifetime(600));
      } else if (m.method().equals(StunMethod.REFRESH)) {
        response = StunMessage.successResponse(m, new Lifetime(m.find(Lifetime.class).map(Lifetime::seconds).orElse(600L)));
      } else if (m.method().equals(StunMethod.CREATE_PERMISSION)) {
        for (XorPeerAddress p : m.findAll(XorPeerAddress.class)) {
          permissions.add(p.address().getAddress());
        }
        response = StunMessage.successResponse(m);
      } else if (m.method().equals(StunMethod.CHANNEL_BIND)) {
        InetSocketAddress peer = m.find(XorPeerAddress.class).orElseThrow().address();
        channels.put(m.find(ChannelNumber.class).orElseThrow().number(), peer);
        permissions.add(peer.getAddress());
        response = StunMessage.successResponse(m);
      } else {
        response = StunMessage.errorResponse(m, 400, "Bad Request");
      }
      toClient.accept(reply(response, key));
    } catch (MalformedPacketException | RuntimeException e) {
      // a test server: ignore what it does not understand
    }
  }

  /** A datagram from a peer to the relayed address, or null when no permission lets it in. */
  Datagram fromPeer(Datagram d) {
    if (client == null || !permissions.contains(d.source().getAddress())) {
      return null;
    }
    Bytes data = Bytes.copyOf(d.payload());
    for (Map.Entry<Integer, InetSocketAddress> e : channels.entrySet()) {
      if (e.getValue().equals(d.source())) {
        return new Datagram(address, client, new ChannelData(e.getKey(), data).toBuffer(false));
      }
    }
    StunMessage m = StunMessage.of(StunMethod.DATA, StunClass.INDICATION, TransactionId.fromHex("0a0b0c0d0e0f000102030405"),
        new XorPeerAddress(d.source()), new StunAttribute.Data(data));
    return new Datagram(address, client, m.encode(null, false));
  }

  boolean channelBound() {
    return !channels.isEmpty();
  }

  private Datagram reply(StunMessage m, IntegrityKey k) {
    return new Datagram(address, client, m.encode(k, true));
  }
}

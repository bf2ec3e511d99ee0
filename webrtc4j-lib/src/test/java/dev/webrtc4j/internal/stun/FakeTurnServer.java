package dev.webrtc4j.internal.stun;

import dev.webrtc4j.internal.stun.StunAttribute.ChannelNumber;
import dev.webrtc4j.internal.stun.StunAttribute.Data;
import dev.webrtc4j.internal.stun.StunAttribute.Lifetime;
import dev.webrtc4j.internal.stun.StunAttribute.MessageIntegrity;
import dev.webrtc4j.internal.stun.StunAttribute.MessageIntegritySha256;
import dev.webrtc4j.internal.stun.StunAttribute.Nonce;
import dev.webrtc4j.internal.stun.StunAttribute.PasswordAlgorithm;
import dev.webrtc4j.internal.stun.StunAttribute.PasswordAlgorithms;
import dev.webrtc4j.internal.stun.StunAttribute.Realm;
import dev.webrtc4j.internal.stun.StunAttribute.Username;
import dev.webrtc4j.internal.stun.StunAttribute.XorMappedAddress;
import dev.webrtc4j.internal.stun.StunAttribute.XorPeerAddress;
import dev.webrtc4j.internal.stun.StunAttribute.XorRelayedAddress;
import dev.webrtc4j.internal.util.Bytes;
import dev.webrtc4j.internal.util.Datagram;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A small in-test TURN server (RFC 8656 long-term credentials) that answers one client. */
final class FakeTurnServer {
  record Relayed(InetSocketAddress peer, Bytes data, boolean viaChannel) {}

  record Received(long now, StunMessage message, Bytes raw) {}

  final InetSocketAddress address;
  final InetSocketAddress relayed;
  final String realm = "example.org";
  final String username;
  final String password;
  String nonce = "nonce-1";
  int nonceCounter = 1;
  long lifetime = 600;
  boolean answer = true;
  boolean offerSha256;
  /** When set, every Allocate is answered with 300 (Try Alternate) naming this server. */
  InetSocketAddress redirectTo;
  int staleNoncesToSend;
  /** Error code to answer authenticated requests of a method with, instead of success. */
  final Map<StunMethod, Integer> errors = new HashMap<>();
  final List<Received> requests = new ArrayList<>();
  final List<Relayed> relayedToPeers = new ArrayList<>();
  final Set<InetAddress> permissions = new HashSet<>();
  final Map<Integer, InetSocketAddress> channels = new HashMap<>();
  final ArrayDeque<Datagram> out = new ArrayDeque<>();
  private InetSocketAddress client;

  FakeTurnServer(InetSocketAddress address, InetSocketAddress relayed, String username, String password) {
    this.address = address;
    this.relayed = relayed;
    this.username = username;
    this.password = password;
  }

  IntegrityKey key(boolean sha256) {
    return IntegrityKey.longTerm(username, realm, password, sha256 ? PasswordAlgorithm.SHA256 : PasswordAlgorithm.MD5);
  }

  List<StunMessage> requests(StunMethod method) {
    return requests.stream().map(Received::message).filter(m -> m.method().equals(method)).toList();
  }

  List<Long> requestTimes(StunMethod method) {
    return requests.stream().filter(r -> r.message().method().equals(method)).map(Received::now).toList();
  }

  void receive(long now, Datagram d) throws Exception {
    client = d.source();
    ByteBuffer raw = d.payload().duplicate();
    if (ChannelData.looksLikeChannelData(raw)) {
      ChannelData cd = ChannelData.parse(raw);
      relayedToPeers.add(new Relayed(channels.get(cd.channelNumber()), cd.data(), true));
      return;
    }
    StunMessage m = StunMessage.parse(raw.duplicate());
    if (m.messageClass() == StunClass.INDICATION) {
      InetSocketAddress peer = m.find(XorPeerAddress.class).orElseThrow().address();
      if (permissions.contains(peer.getAddress())) {
        relayedToPeers.add(new Relayed(peer, m.find(Data.class).orElseThrow().data(), false));
      }
      return;
    }
    requests.add(new Received(now, m, Bytes.copyOf(raw)));
    if (!answer) {
      return;
    }
    if (redirectTo != null && m.method().equals(StunMethod.ALLOCATE)) {
      send(StunMessage.errorResponse(m, 300, "Try Alternate", new StunAttribute.AlternateServer(redirectTo)), null);
      return;
    }
    boolean sha256 = m.has(MessageIntegritySha256.class);
    if (!m.has(MessageIntegrity.class) && !sha256) {
      send(challenge(m, 401, "Unauthorized"), null);
      return;
    }
    IntegrityKey key = key(sha256);
    if (!m.find(Username.class).map(Username::value).orElse("").equals(username) || StunIntegrity.check(raw, key) != IntegrityCheck.VALID) {
      send(challenge(m, 401, "Unauthorized"), null);
      return;
    }
    if (staleNoncesToSend > 0 || !m.find(Nonce.class).orElseThrow().value().equals(nonce)) {
      if (staleNoncesToSend > 0) {
        staleNoncesToSend--;
        nonce = "nonce-" + (++nonceCounter);
      }
      send(StunMessage.errorResponse(m, 438, "Stale Nonce", new Realm(realm), new Nonce(nonce)), null);
      return;
    }
    StunMessage response;
    Integer error = errors.get(m.method());
    if (error != null) {
      send(StunMessage.errorResponse(m, error, "Injected error"), key);
      return;
    }
    if (m.method().equals(StunMethod.ALLOCATE)) {
      response = StunMessage.successResponse(m, new XorRelayedAddress(relayed), new XorMappedAddress(client), new Lifetime(lifetime));
    } else if (m.method().equals(StunMethod.REFRESH)) {
      long asked = m.find(Lifetime.class).map(Lifetime::seconds).orElse(lifetime);
      response = StunMessage.successResponse(m, new Lifetime(asked == 0 ? 0 : lifetime));
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
    send(response, key);
  }

  private StunMessage challenge(StunMessage request, int code, String reason) {
    StunMessage r = StunMessage.errorResponse(request, code, reason, new Realm(realm), new Nonce(nonce));
    if (offerSha256) {
      r = r.with(new PasswordAlgorithms(List.of(new PasswordAlgorithm(PasswordAlgorithm.SHA256), new PasswordAlgorithm(PasswordAlgorithm.MD5))));
    }
    return r;
  }

  private void send(StunMessage m, IntegrityKey key) {
    out.add(new Datagram(address, client, m.encode(key, true)));
  }

  /** Data from {@code peer} to the client: ChannelData when a channel is bound, else a Data indication. */
  Datagram fromPeer(InetSocketAddress peer, Bytes data, boolean preferChannel) {
    if (preferChannel) {
      for (Map.Entry<Integer, InetSocketAddress> e : channels.entrySet()) {
        if (e.getValue().equals(peer)) {
          return new Datagram(address, client, new ChannelData(e.getKey(), data).toBuffer(false));
        }
      }
    }
    StunMessage m = StunMessage.of(StunMethod.DATA, StunClass.INDICATION, TransactionId.fromHex("000102030405060708090a0b"), new XorPeerAddress(peer), new Data(data));
    return new Datagram(address, client, m.encode(null, false));
  }
}

package dev.webrtc4j.testkit.stun;

import dev.webrtc4j.internal.stun.ChannelData;
import dev.webrtc4j.internal.stun.IntegrityCheck;
import dev.webrtc4j.internal.stun.IntegrityKey;
import dev.webrtc4j.internal.stun.StunAttribute;
import dev.webrtc4j.internal.stun.StunAttribute.ChannelNumber;
import dev.webrtc4j.internal.stun.StunAttribute.Data;
import dev.webrtc4j.internal.stun.StunAttribute.ErrorCode;
import dev.webrtc4j.internal.stun.StunAttribute.Lifetime;
import dev.webrtc4j.internal.stun.StunAttribute.MessageIntegrity;
import dev.webrtc4j.internal.stun.StunAttribute.MessageIntegritySha256;
import dev.webrtc4j.internal.stun.StunAttribute.Nonce;
import dev.webrtc4j.internal.stun.StunAttribute.PasswordAlgorithm;
import dev.webrtc4j.internal.stun.StunAttribute.Realm;
import dev.webrtc4j.internal.stun.StunAttribute.RequestedTransport;
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
import dev.webrtc4j.testkit.net.SimNetwork;
import dev.webrtc4j.testkit.net.SimNode;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * A TURN server over UDP on a {@link SimNetwork} (RFC 8656), small but following the RFC where a
 * client can tell:
 *
 * <ul>
 *   <li>long-term credentials (RFC 8489 §9.2): a request without MESSAGE-INTEGRITY gets 401 with
 *       REALM and NONCE; an unknown user or a bad HMAC gets 401; a nonce that is no longer current
 *       ({@link #rotateNonce}, or older than the nonce lifetime) gets 438 with a fresh NONCE;
 *       responses to authenticated requests carry MESSAGE-INTEGRITY (MD5 key);
 *   <li>Allocate (§7.2): REQUESTED-TRANSPORT UDP required (400 / 442), one allocation per client
 *       5-tuple (437 for a second one; a retransmitted Allocate gets the same answer), relayed
 *       address on {@code relayIp}, LIFETIME min(requested, max), XOR-MAPPED-ADDRESS;
 *   <li>Refresh (§7.3), LIFETIME 0 deletes; an expired allocation is deleted at its deadline;
 *   <li>CreatePermission (§9) per peer IP for 300 s; datagrams from peers without a permission are
 *       dropped (§10.3: "the UDP datagram MUST be silently discarded");
 *   <li>ChannelBind (§12.2) with the 400 rules for a number or peer bound elsewhere, 600 s;
 *   <li>Send and Data indications and ChannelData in both directions.
 * </ul>
 *
 * Binding requests are answered as a STUN server would. Codec and integrity are the library's.
 */
public final class SimTurnServer implements SimNode {
  private static final long SECOND = 1_000_000_000L;
  static final long PERMISSION_LIFETIME = 300 * SECOND;
  static final long CHANNEL_LIFETIME = 600 * SECOND;
  static final long DEFAULT_LIFETIME_SECONDS = 600;

  private final SimNetwork network;
  private final InetSocketAddress address;
  private final InetAddress relayIp;
  private final String realm;
  private final RandomGenerator random;
  private final Map<String, String> users = new HashMap<>();
  private final ArrayDeque<Datagram> transmits = new ArrayDeque<>();
  private final Map<InetSocketAddress, Allocation> byClient = new LinkedHashMap<>();
  private final Map<InetSocketAddress, Allocation> byRelayed = new HashMap<>();
  private long maxLifetimeSeconds = 3600;
  private long nonceLifetime = Long.MAX_VALUE;
  private String nonce;
  private long nonceIssuedAt;
  private int nextRelayPort = 49152;
  private final Counters counters = new Counters();

  /** What the server did, for assertions. */
  public static final class Counters {
    public long unauthenticated;
    public long staleNonce;
    public long allocations;
    public long refreshes;
    public long deleted;
    public long expired;
    public long permissions;
    public long channelBinds;
    public long toPeer;
    public long toClient;
    public long droppedWithoutPermission;
    public long otherErrors;

    @Override
    public String toString() {
      return "401=" + unauthenticated + " 438=" + staleNonce + " allocations=" + allocations + " refreshes=" + refreshes
          + " deleted=" + deleted + " expired=" + expired + " permissions=" + permissions + " channels=" + channelBinds
          + " toPeer=" + toPeer + " toClient=" + toClient + " noPermission=" + droppedWithoutPermission
          + " otherErrors=" + otherErrors;
    }
  }

  private static final class Allocation {
    final InetSocketAddress client;
    final InetSocketAddress relayed;
    final String username;
    final IntegrityKey key;
    final TransactionId allocateTid;
    final ByteBuffer allocateResponse;
    long expiresAt;
    final Map<InetAddress, Long> permissions = new HashMap<>();
    final Map<Integer, Channel> channels = new HashMap<>();
    final Map<InetSocketAddress, Channel> channelsByPeer = new HashMap<>();

    Allocation(InetSocketAddress client, InetSocketAddress relayed, String username, IntegrityKey key,
        TransactionId allocateTid, ByteBuffer allocateResponse, long expiresAt) {
      this.client = client;
      this.relayed = relayed;
      this.username = username;
      this.key = key;
      this.allocateTid = allocateTid;
      this.allocateResponse = allocateResponse;
      this.expiresAt = expiresAt;
    }

    boolean permits(InetAddress peer, long now) {
      Long until = permissions.get(peer);
      return until != null && until > now;
    }
  }

  private static final class Channel {
    final int number;
    final InetSocketAddress peer;
    long expiresAt;

    Channel(int number, InetSocketAddress peer, long expiresAt) {
      this.number = number;
      this.peer = peer;
      this.expiresAt = expiresAt;
    }
  }

  /** An authenticated request: who sent it and the key its response is protected with. */
  private record Authenticated(String username, IntegrityKey key) {}

  /**
   * A server listening at {@code address}, relaying from ports of {@code relayIp}, attached to
   * {@code network}. Nonces come from {@code random}.
   */
  public SimTurnServer(SimNetwork network, InetSocketAddress address, InetAddress relayIp, String realm, RandomGenerator random) {
    this.network = Objects.requireNonNull(network, "network");
    this.address = Objects.requireNonNull(address, "address");
    this.relayIp = Objects.requireNonNull(relayIp, "relayIp");
    this.realm = Objects.requireNonNull(realm, "realm");
    this.random = Objects.requireNonNull(random, "random");
    this.nonce = freshNonce();
    network.attach(this, address);
  }

  /** Adds a long-term credential. */
  public SimTurnServer addUser(String username, String password) {
    users.put(username, password);
    return this;
  }

  /** The longest allocation lifetime granted (default 3600 s). */
  public SimTurnServer maxLifetimeSeconds(long seconds) {
    this.maxLifetimeSeconds = seconds;
    return this;
  }

  /** After this long a nonce is stale and requests using it get 438 (default: never). */
  public SimTurnServer nonceLifetime(long nanos) {
    this.nonceLifetime = nanos;
    return this;
  }

  /** Makes the current nonce stale at once: the next authenticated request gets 438. */
  public void rotateNonce() {
    nonce = freshNonce();
    nonceIssuedAt = network.now();
  }

  public InetSocketAddress address() {
    return address;
  }

  public String realm() {
    return realm;
  }

  public Counters counters() {
    return counters;
  }

  /** The relayed addresses of the live allocations. */
  public List<InetSocketAddress> relayedAddresses() {
    return new ArrayList<>(byRelayed.keySet());
  }

  /** Whether the allocation of {@code client} (its address as the server sees it) has a permission for {@code peer}. */
  public boolean hasPermission(InetSocketAddress client, InetAddress peer) {
    Allocation a = byClient.get(client);
    return a != null && a.permits(peer, network.now());
  }

  /** The channel numbers bound on the allocation of {@code client}. */
  public List<Integer> channels(InetSocketAddress client) {
    Allocation a = byClient.get(client);
    return a == null ? List.of() : List.copyOf(a.channels.keySet());
  }

  // ------------------------------------------------------------------ SimNode

  @Override
  public void handleDatagram(long now, Datagram in) {
    if (in.destination().equals(address)) {
      fromClient(now, in);
    } else {
      Allocation a = byRelayed.get(in.destination());
      if (a != null) {
        fromPeer(now, a, in);
      }
    }
  }

  @Override
  public void handleTimeout(long now) {
    for (Allocation a : List.copyOf(byClient.values())) {
      if (a.expiresAt <= now) {
        counters.expired++;
        delete(a);
      }
    }
  }

  @Override
  public @Nullable Datagram pollTransmit() {
    return transmits.pollFirst();
  }

  @Override
  public long pollTimeout() {
    long t = Long.MAX_VALUE;
    for (Allocation a : byClient.values()) {
      t = Math.min(t, a.expiresAt);
    }
    return t;
  }

  // ------------------------------------------------------------------ from the client

  private void fromClient(long now, Datagram in) {
    ByteBuffer raw = in.payload().duplicate();
    try {
      if (ChannelData.looksLikeChannelData(raw)) {
        channelDataFromClient(now, in.source(), ChannelData.parse(raw));
        return;
      }
      StunMessage m = StunMessage.parse(raw.duplicate());
      switch (m.messageClass()) {
        case REQUEST -> request(now, in.source(), m, raw);
        case INDICATION -> indication(now, in.source(), m);
        case SUCCESS_RESPONSE, ERROR_RESPONSE -> { }
      }
    } catch (MalformedPacketException e) {
      // Bad input is dropped (RFC 8489 §6.3).
    }
  }

  private void request(long now, InetSocketAddress client, StunMessage m, ByteBuffer raw) {
    Optional<StunMessage> unknown = StunMessage.unknownAttributesResponse(m);
    if (unknown.isPresent()) {
      send(address, client, unknown.get().encode(null, true));
      return;
    }
    if (m.method().equals(StunMethod.BINDING)) {
      send(address, client, StunMessage.successResponse(m, new XorMappedAddress(client)).encode(null, true));
      return;
    }
    boolean turnMethod = m.method().equals(StunMethod.ALLOCATE) || m.method().equals(StunMethod.REFRESH)
        || m.method().equals(StunMethod.CREATE_PERMISSION) || m.method().equals(StunMethod.CHANNEL_BIND);
    if (!turnMethod) {
      error(client, m, null, ErrorCode.BAD_REQUEST, "Unknown method");
      return;
    }
    Allocation existing = byClient.get(client);
    // A retransmitted Allocate gets the answer it had (RFC 8656 §7.2, "stateless stack approach").
    if (existing != null && m.method().equals(StunMethod.ALLOCATE) && existing.allocateTid.equals(m.transactionId())) {
      send(address, client, existing.allocateResponse.duplicate());
      return;
    }
    Authenticated auth = authenticate(now, client, m, raw);
    if (auth == null) {
      return;
    }
    if (existing != null && !existing.username.equals(auth.username())) {
      // RFC 8656 §7.3 (and §9.2, §12.2): a request on an allocation with other credentials: 441.
      error(client, m, auth.key(), ErrorCode.WRONG_CREDENTIALS, "Wrong Credentials");
      return;
    }
    if (m.method().equals(StunMethod.ALLOCATE)) {
      allocate(now, client, m, auth, existing);
      return;
    }
    if (existing == null) {
      error(client, m, auth.key(), ErrorCode.ALLOCATION_MISMATCH, "Allocation Mismatch");
      return;
    }
    if (m.method().equals(StunMethod.REFRESH)) {
      refresh(now, existing, m);
    } else if (m.method().equals(StunMethod.CREATE_PERMISSION)) {
      createPermission(now, existing, m);
    } else {
      channelBind(now, existing, m);
    }
  }

  /** RFC 8489 §9.2.4, the server's checks of a long-term-credential request; null when rejected. */
  private @Nullable Authenticated authenticate(long now, InetSocketAddress client, StunMessage m, ByteBuffer raw) {
    if (now - nonceIssuedAt >= nonceLifetime) {
      nonce = freshNonce();
      nonceIssuedAt = now;
    }
    boolean hasIntegrity = m.has(MessageIntegrity.class) || m.has(MessageIntegritySha256.class);
    if (!hasIntegrity) {
      // "If the message does not contain a MESSAGE-INTEGRITY or MESSAGE-INTEGRITY-SHA256
      // attribute, the server MUST generate an error response with an error code of 401".
      counters.unauthenticated++;
      error(client, m, null, ErrorCode.UNAUTHENTICATED, "Unauthenticated", new Realm(realm), new Nonce(nonce));
      return null;
    }
    Optional<Username> username = m.find(Username.class);
    Optional<Realm> requestRealm = m.find(Realm.class);
    Optional<Nonce> requestNonce = m.find(Nonce.class);
    if (username.isEmpty() || requestRealm.isEmpty() || requestNonce.isEmpty()) {
      // "If the message contains a MESSAGE-INTEGRITY or a MESSAGE-INTEGRITY-SHA256 attribute, but
      // is missing either the USERNAME or USERHASH, REALM, or NONCE attribute, the server MUST
      // generate an error response with an error code of 400 (Bad Request)."
      counters.otherErrors++;
      error(client, m, null, ErrorCode.BAD_REQUEST, "Bad Request");
      return null;
    }
    // "If the NONCE attribute is not valid, the server MUST generate an error response with an
    // error code of 438 (Stale Nonce). This response MUST include NONCE and REALM attributes".
    if (!requestNonce.get().value().equals(nonce)) {
      counters.staleNonce++;
      error(client, m, null, ErrorCode.STALE_NONCE, "Stale Nonce", new Realm(realm), new Nonce(nonce));
      return null;
    }
    String password = users.get(username.get().value());
    // "If the value of the USERNAME or USERHASH attribute is not valid, the server MUST generate
    // an error response with an error code of 401 (Unauthenticated)."
    if (password == null || !requestRealm.get().value().equals(realm)) {
      counters.unauthenticated++;
      error(client, m, null, ErrorCode.UNAUTHENTICATED, "Unauthenticated", new Realm(realm), new Nonce(nonce));
      return null;
    }
    IntegrityKey key = IntegrityKey.longTerm(username.get().value(), realm, password, PasswordAlgorithm.MD5);
    // "If the value does not match, ... the server MUST reject the request with an error response.
    // This response MUST use an error code of 401 (Unauthenticated)."
    if (StunIntegrity.check(raw, key) != IntegrityCheck.VALID) {
      counters.unauthenticated++;
      error(client, m, null, ErrorCode.UNAUTHENTICATED, "Unauthenticated", new Realm(realm), new Nonce(nonce));
      return null;
    }
    return new Authenticated(username.get().value(), key);
  }

  private void allocate(long now, InetSocketAddress client, StunMessage m, Authenticated auth, @Nullable Allocation existing) {
    if (existing != null) {
      // RFC 8656 §7.2: "If the 5-tuple is currently in use by an existing allocation, ... the
      // server rejects the request with a 437 (Allocation Mismatch) error."
      counters.otherErrors++;
      error(client, m, auth.key(), ErrorCode.ALLOCATION_MISMATCH, "Allocation Mismatch");
      return;
    }
    Optional<RequestedTransport> transport = m.find(RequestedTransport.class);
    if (transport.isEmpty()) {
      counters.otherErrors++;
      error(client, m, auth.key(), ErrorCode.BAD_REQUEST, "Missing REQUESTED-TRANSPORT");
      return;
    }
    if (transport.get().protocol() != RequestedTransport.UDP) {
      counters.otherErrors++;
      error(client, m, auth.key(), ErrorCode.UNSUPPORTED_TRANSPORT_PROTOCOL, "Unsupported Transport Protocol");
      return;
    }
    long lifetime = lifetimeOf(m);
    InetSocketAddress relayed = new InetSocketAddress(relayIp, nextRelayPort++);
    StunMessage ok = StunMessage.successResponse(m, new XorRelayedAddress(relayed), new Lifetime(lifetime),
        new XorMappedAddress(client));
    ByteBuffer response = ok.encode(auth.key(), true);
    Allocation a = new Allocation(client, relayed, auth.username(), auth.key(), m.transactionId(), response,
        now + lifetime * SECOND);
    byClient.put(client, a);
    byRelayed.put(relayed, a);
    network.bind(this, relayed);
    counters.allocations++;
    send(address, client, response.duplicate());
  }

  /** RFC 8656 §7.2/§7.3: the requested LIFETIME (default 600 s), capped at the server's maximum. */
  private long lifetimeOf(StunMessage m) {
    long requested = m.find(Lifetime.class).map(Lifetime::seconds).orElse(DEFAULT_LIFETIME_SECONDS);
    return Math.min(requested, maxLifetimeSeconds);
  }

  private void refresh(long now, Allocation a, StunMessage m) {
    long lifetime = lifetimeOf(m);
    if (lifetime == 0) {
      // RFC 8656 §7.3: "If the requested lifetime is zero, then the server MUST immediately delete
      // the allocation."
      counters.deleted++;
      delete(a);
    } else {
      a.expiresAt = now + lifetime * SECOND;
      counters.refreshes++;
    }
    send(address, a.client, StunMessage.successResponse(m, new Lifetime(lifetime)).encode(a.key, true));
  }

  private void createPermission(long now, Allocation a, StunMessage m) {
    List<XorPeerAddress> peers = m.findAll(XorPeerAddress.class);
    if (peers.isEmpty()) {
      counters.otherErrors++;
      error(a.client, m, a.key, ErrorCode.BAD_REQUEST, "Missing XOR-PEER-ADDRESS");
      return;
    }
    for (XorPeerAddress p : peers) {
      if (!sameFamily(p.address().getAddress(), relayIp)) {
        counters.otherErrors++;
        error(a.client, m, a.key, ErrorCode.PEER_ADDRESS_FAMILY_MISMATCH, "Peer Address Family Mismatch");
        return;
      }
    }
    for (XorPeerAddress p : peers) {
      a.permissions.put(p.address().getAddress(), now + PERMISSION_LIFETIME);
      counters.permissions++;
    }
    send(address, a.client, StunMessage.successResponse(m).encode(a.key, true));
  }

  private void channelBind(long now, Allocation a, StunMessage m) {
    Optional<ChannelNumber> number = m.find(ChannelNumber.class);
    Optional<XorPeerAddress> peer = m.find(XorPeerAddress.class);
    // RFC 8656 §12.2: the request MUST contain both attributes, the number MUST be in range, and
    // neither the number nor the peer may be bound to something else.
    if (number.isEmpty() || peer.isEmpty() || !ChannelData.isValidChannel(number.get().number())) {
      counters.otherErrors++;
      error(a.client, m, a.key, ErrorCode.BAD_REQUEST, "Bad Request");
      return;
    }
    int n = number.get().number();
    InetSocketAddress p = peer.get().address();
    if (!sameFamily(p.getAddress(), relayIp)) {
      counters.otherErrors++;
      error(a.client, m, a.key, ErrorCode.PEER_ADDRESS_FAMILY_MISMATCH, "Peer Address Family Mismatch");
      return;
    }
    Channel byNumber = live(a, a.channels.get(n), now);
    Channel byPeer = live(a, a.channelsByPeer.get(p), now);
    if ((byNumber != null && !byNumber.peer.equals(p)) || (byPeer != null && byPeer.number != n)) {
      counters.otherErrors++;
      error(a.client, m, a.key, ErrorCode.BAD_REQUEST, "Channel or peer already bound");
      return;
    }
    Channel c = byNumber != null ? byNumber : new Channel(n, p, 0);
    c.expiresAt = now + CHANNEL_LIFETIME;
    a.channels.put(n, c);
    a.channelsByPeer.put(p, c);
    // "the server installs or refreshes a permission for the IP address contained in the
    // XOR-PEER-ADDRESS attribute"
    a.permissions.put(p.getAddress(), now + PERMISSION_LIFETIME);
    counters.channelBinds++;
    send(address, a.client, StunMessage.successResponse(m).encode(a.key, true));
  }

  /** The channel if still bound; an expired one is forgotten. */
  private static @Nullable Channel live(Allocation a, @Nullable Channel c, long now) {
    if (c != null && c.expiresAt <= now) {
      a.channels.remove(c.number);
      a.channelsByPeer.remove(c.peer);
      return null;
    }
    return c;
  }

  private void indication(long now, InetSocketAddress client, StunMessage m) {
    Allocation a = byClient.get(client);
    if (a == null || !m.method().equals(StunMethod.SEND) || !m.unknownComprehensionRequired().isEmpty()) {
      return;
    }
    Optional<XorPeerAddress> peer = m.find(XorPeerAddress.class);
    Optional<Data> data = m.find(Data.class);
    if (peer.isEmpty() || data.isEmpty()) {
      return;
    }
    toPeer(now, a, peer.get().address(), data.get().data().asReadOnlyBuffer());
  }

  private void channelDataFromClient(long now, InetSocketAddress client, ChannelData cd) {
    Allocation a = byClient.get(client);
    if (a == null) {
      return;
    }
    // RFC 8656 §12.5: ChannelData on a channel that is not bound is silently discarded.
    Channel c = live(a, a.channels.get(cd.channelNumber()), now);
    if (c == null) {
      return;
    }
    toPeer(now, a, c.peer, cd.data().asReadOnlyBuffer());
  }

  private void toPeer(long now, Allocation a, InetSocketAddress peer, ByteBuffer data) {
    // RFC 8656 §11.2: "If no such permission exists, the server silently discards the Send indication."
    if (!a.permits(peer.getAddress(), now)) {
      counters.droppedWithoutPermission++;
      return;
    }
    counters.toPeer++;
    send(a.relayed, peer, data);
  }

  // ------------------------------------------------------------------ from a peer

  private void fromPeer(long now, Allocation a, Datagram in) {
    InetSocketAddress peer = in.source();
    if (!a.permits(peer.getAddress(), now)) {
      counters.droppedWithoutPermission++;
      return;
    }
    counters.toClient++;
    Channel c = live(a, a.channelsByPeer.get(peer), now);
    if (c != null) {
      send(address, a.client, new ChannelData(c.number, Bytes.copyOf(in.payload())).toBuffer(false));
      return;
    }
    // RFC 8656 §11.3: a Data indication with XOR-PEER-ADDRESS and DATA; no integrity.
    StunMessage data = StunMessage.of(StunMethod.DATA, StunClass.INDICATION, TransactionId.random(random),
        new XorPeerAddress(peer), new Data(Bytes.copyOf(in.payload())));
    send(address, a.client, data.encode(null, false));
  }

  // ------------------------------------------------------------------ helpers

  private void delete(Allocation a) {
    byClient.remove(a.client);
    byRelayed.remove(a.relayed);
    network.unbind(a.relayed);
  }

  private void error(InetSocketAddress client, StunMessage request, @Nullable IntegrityKey key, int code, String reason,
      StunAttribute... extra) {
    send(address, client, StunMessage.errorResponse(request, code, reason, extra).encode(key, true));
  }

  private void send(InetSocketAddress from, InetSocketAddress to, ByteBuffer payload) {
    transmits.add(new Datagram(from, to, payload));
  }

  private String freshNonce() {
    return Long.toHexString(random.nextLong() | Long.MIN_VALUE);
  }

  private static boolean sameFamily(InetAddress a, InetAddress b) {
    return (a instanceof Inet4Address) == (b instanceof Inet4Address);
  }
}

package dev.webrtc4j.internal.stun;

import dev.webrtc4j.internal.stun.StunAttribute.ChannelNumber;
import dev.webrtc4j.internal.stun.StunAttribute.Data;
import dev.webrtc4j.internal.stun.StunAttribute.ErrorCode;
import dev.webrtc4j.internal.stun.StunAttribute.Lifetime;
import dev.webrtc4j.internal.stun.StunAttribute.Nonce;
import dev.webrtc4j.internal.stun.StunAttribute.PasswordAlgorithm;
import dev.webrtc4j.internal.stun.StunAttribute.PasswordAlgorithms;
import dev.webrtc4j.internal.stun.StunAttribute.Realm;
import dev.webrtc4j.internal.stun.StunAttribute.RequestedAddressFamily;
import dev.webrtc4j.internal.stun.StunAttribute.RequestedTransport;
import dev.webrtc4j.internal.stun.StunAttribute.Software;
import dev.webrtc4j.internal.stun.StunAttribute.Username;
import dev.webrtc4j.internal.stun.StunAttribute.XorMappedAddress;
import dev.webrtc4j.internal.stun.StunAttribute.XorPeerAddress;
import dev.webrtc4j.internal.stun.StunAttribute.XorRelayedAddress;
import dev.webrtc4j.internal.util.Bytes;
import dev.webrtc4j.internal.util.Datagram;
import dev.webrtc4j.internal.util.MalformedPacketException;
import dev.webrtc4j.internal.util.Timer;
import java.lang.System.Logger.Level;
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
import java.util.OptionalInt;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * The client side of one TURN allocation (RFC 8656), sans-I/O.
 *
 * <p>{@link #allocate} sends an Allocate (REQUESTED-TRANSPORT UDP) without credentials; the
 * server's 401 brings REALM and NONCE and the client retries with USERNAME, REALM, NONCE and
 * MESSAGE-INTEGRITY keyed with MD5(username:realm:password), or with SHA-256 and
 * MESSAGE-INTEGRITY-SHA256 when the server's PASSWORD-ALGORITHMS offers it. A 438 (Stale Nonce) on
 * any request is retried with the new nonce. Once allocated the client refreshes the allocation
 * before its lifetime ends, refreshes permissions (300 s) and channel bindings (600 s) before
 * they expire, relays data in Send indications or ChannelData, and on {@link #close} sends a
 * Refresh with LIFETIME 0.
 *
 * <p>Transport: UDP by default; with {@link Config#stream()} (TURN over TCP/TLS) requests are not
 * retransmitted and ChannelData is padded to 4 bytes. The I/O layer frames the stream with {@link
 * StunStreamDeframer} and hands each message to {@link #handleDatagram} as a datagram whose source
 * is the server address; it writes each {@link #pollTransmit()} payload to the stream as is.
 *
 * <p>Bad input (from anyone but the server, malformed, failing integrity, unmatched) is dropped,
 * counted in {@link #droppedDatagrams()} and logged at debug level; it never throws.
 *
 * <p>Not thread-safe: lives on its owner's event loop.
 */
public final class TurnClient {
  private static final System.Logger LOG = System.getLogger(TurnClient.class.getName());
  private static final long SECOND = 1_000_000_000L;

  /** RFC 8656 §9: "The Permission Lifetime MUST be 300 seconds (= 5 minutes)." */
  static final long PERMISSION_LIFETIME_SECONDS = 300;

  /** RFC 8656 §12: a channel binding lasts 10 minutes unless refreshed. */
  static final long CHANNEL_LIFETIME_SECONDS = 600;

  /** Refreshes go out this long before the expiry they prevent. */
  static final long REFRESH_MARGIN_SECONDS = 60;

  private static final int MAX_STALE_NONCE_RETRIES = 3;
  private static final int MAX_REDIRECTS = 2;
  private static final int MAX_QUEUED_PER_PEER = 32;

  /** Largest payload {@link #send} takes: what fits a Send indication's 16-bit message length. */
  public static final int MAX_DATA = 0xFFFF - 64;

  /**
   * @param server the TURN server's transport address
   * @param local the local address datagrams leave from (source of {@link #pollTransmit()})
   * @param username long-term credential username
   * @param password long-term credential password
   * @param software SOFTWARE attribute value, or null for none
   * @param requestedLifetimeSeconds LIFETIME to ask for in Allocate and Refresh (default 600)
   * @param stream true for TURN over TCP/TLS
   * @param transactions retransmission parameters (forced reliable when {@code stream})
   * @param requestedAddressFamily {@link StunAttribute#FAMILY_IPV6} to ask for an IPv6 relayed
   *     address (RFC 8656 §7.1, REQUESTED-ADDRESS-FAMILY), or 0 for the server's default (IPv4)
   */
  public record Config(
      InetSocketAddress server,
      InetSocketAddress local,
      String username,
      String password,
      @Nullable String software,
      long requestedLifetimeSeconds,
      boolean stream,
      StunTransactions.Config transactions,
      int requestedAddressFamily) {
    public Config {
      Objects.requireNonNull(server, "server");
      Objects.requireNonNull(local, "local");
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(password, "password");
      if (requestedLifetimeSeconds < 0 || requestedLifetimeSeconds > 0xFFFF_FFFFL) {
        throw new IllegalArgumentException("requestedLifetimeSeconds " + requestedLifetimeSeconds);
      }
      if (requestedAddressFamily != 0 && requestedAddressFamily != StunAttribute.FAMILY_IPV4 && requestedAddressFamily != StunAttribute.FAMILY_IPV6) {
        throw new IllegalArgumentException("requestedAddressFamily " + requestedAddressFamily);
      }
      if (stream && !transactions.reliable()) {
        transactions = transactions.withReliable(true);
      }
    }

    /** UDP to {@code server}, lifetime 600 s, default retransmissions. */
    public static Config udp(InetSocketAddress server, InetSocketAddress local, String username, String password) {
      return new Config(server, local, username, password, null, 600, false, StunTransactions.Config.DEFAULT, 0);
    }

    public Config withSoftware(@Nullable String software) {
      return new Config(server, local, username, password, software, requestedLifetimeSeconds, stream, transactions, requestedAddressFamily);
    }

    public Config withRequestedLifetime(long seconds) {
      return new Config(server, local, username, password, software, seconds, stream, transactions, requestedAddressFamily);
    }

    public Config withStream(boolean stream) {
      return new Config(server, local, username, password, software, requestedLifetimeSeconds, stream, transactions, requestedAddressFamily);
    }

    public Config withTransactions(StunTransactions.Config transactions) {
      return new Config(server, local, username, password, software, requestedLifetimeSeconds, stream, transactions, requestedAddressFamily);
    }

    /** Asks for a relayed address of {@code family} ({@link StunAttribute#FAMILY_IPV4} or {@link StunAttribute#FAMILY_IPV6}). */
    public Config withRequestedAddressFamily(int family) {
      return new Config(server, local, username, password, software, requestedLifetimeSeconds, stream, transactions, family);
    }
  }

  // ------------------------------------------------------------------ state

  /** Allocation states; each carries only what is valid in it. */
  sealed interface State {}

  record Idle() implements State {}

  record Allocating() implements State {}

  record Allocated(InetSocketAddress relayed, InetSocketAddress mapped, Timer refresh) implements State {}

  record Closing() implements State {}

  record Closed() implements State {}

  record Failed(int errorCode, String errorText) implements State {}

  /** What each pending transaction was for. */
  sealed interface Request {
    int staleRetries();
  }

  record AllocateRequest(boolean authenticated, int staleRetries) implements Request {}

  record RefreshRequest(long lifetime, int staleRetries) implements Request {}

  record PermissionRequest(InetAddress peer, int staleRetries) implements Request {}

  record ChannelBindRequest(InetSocketAddress peer, int channel, int staleRetries) implements Request {}

  private record Queued(InetSocketAddress peer, Bytes data) {}

  private static final class Permission {
    final Timer refresh = Timer.oneShot("turn-permission-refresh", (PERMISSION_LIFETIME_SECONDS - REFRESH_MARGIN_SECONDS) * SECOND);
    boolean installed;
    boolean requestPending;
    final ArrayDeque<Queued> queued = new ArrayDeque<>();
  }

  private static final class Channel {
    final int number;
    final InetSocketAddress peer;
    final Timer refresh = Timer.oneShot("turn-channel-refresh", (CHANNEL_LIFETIME_SECONDS - REFRESH_MARGIN_SECONDS) * SECOND);
    boolean bound;
    boolean requestPending;

    Channel(int number, InetSocketAddress peer) {
      this.number = number;
      this.peer = peer;
    }
  }

  private final Config config;
  private final RandomGenerator random;
  private final StunTransactions<Request> transactions;
  private final ArrayDeque<Datagram> transmits = new ArrayDeque<>();
  private final ArrayDeque<TurnEvent> events = new ArrayDeque<>();
  private final Map<InetAddress, Permission> permissions = new LinkedHashMap<>();
  private final Map<InetSocketAddress, Channel> channelsByPeer = new LinkedHashMap<>();
  private final Map<Integer, Channel> channelsByNumber = new HashMap<>();
  private final List<TransactionId> pendingIds = new ArrayList<>();
  private State state = new Idle();
  private int nextChannel = ChannelData.MIN_CHANNEL;
  private @Nullable String realm;
  private @Nullable String nonce;
  private @Nullable IntegrityKey key;
  private @Nullable PasswordAlgorithms passwordAlgorithms;
  private long dropped;
  private InetSocketAddress server;
  private int redirects;

  /**
   * @param random source of transaction ids; production passes a {@link java.security.SecureRandom}
   */
  public TurnClient(Config config, RandomGenerator random) {
    this.config = Objects.requireNonNull(config, "config");
    this.random = Objects.requireNonNull(random, "random");
    this.transactions = new StunTransactions<>(config.transactions());
    this.server = config.server();
  }

  /**
   * The server the client talks to: the configured one, or the ALTERNATE-SERVER of a 300 (Try
   * Alternate) answer to the Allocate.
   */
  public InetSocketAddress server() {
    return server;
  }

  public Config config() {
    return config;
  }

  State state() {
    return state;
  }

  /** True once allocated and until closed or failed. */
  public boolean isAllocated() {
    return state instanceof Allocated;
  }

  /** The relayed transport address while allocated. */
  public Optional<InetSocketAddress> relayedAddress() {
    return state instanceof Allocated a ? Optional.of(a.relayed()) : Optional.empty();
  }

  /** The server-reflexive address the server saw (XOR-MAPPED-ADDRESS) while allocated. */
  public Optional<InetSocketAddress> mappedAddress() {
    return state instanceof Allocated a ? Optional.of(a.mapped()) : Optional.empty();
  }

  /** The channel bound to {@code peer}, once the ChannelBind succeeded. */
  public OptionalInt channelOf(InetSocketAddress peer) {
    Channel c = channelsByPeer.get(peer);
    return c != null && c.bound ? OptionalInt.of(c.number) : OptionalInt.empty();
  }

  /** True when a permission for {@code peer} is installed. */
  public boolean hasPermission(InetAddress peer) {
    Permission p = permissions.get(peer);
    return p != null && p.installed;
  }

  /** Datagrams dropped: malformed, from a stranger, failing integrity, unmatched, or sent while not allocated. */
  public long droppedDatagrams() {
    return dropped;
  }

  // ------------------------------------------------------------------ commands

  /** Starts the allocation. Only valid once, in the idle state. */
  public void allocate(long now) {
    if (!(state instanceof Idle)) {
      throw new IllegalStateException("allocate in state " + state);
    }
    state = new Allocating();
    sendAllocate(now, new AllocateRequest(false, 0));
  }

  /**
   * Asks for a permission for {@code peer} (RFC 8656 §9). No-op if one exists or is being made.
   * Ignored unless allocated.
   */
  public void createPermission(long now, InetAddress peer) {
    if (!(state instanceof Allocated)) {
      return;
    }
    Permission p = permissions.computeIfAbsent(peer, k -> new Permission());
    if (!p.installed && !p.requestPending) {
      sendCreatePermission(now, new PermissionRequest(peer, 0));
    }
  }

  /**
   * Binds a channel to {@code peer} (RFC 8656 §12.1), which also installs a permission for its IP.
   * Returns the channel number, or -1 when not allocated or out of channel numbers.
   */
  public int bindChannel(long now, InetSocketAddress peer) {
    if (!(state instanceof Allocated)) {
      return -1;
    }
    Channel existing = channelsByPeer.get(peer);
    if (existing != null) {
      return existing.number;
    }
    if (nextChannel > ChannelData.MAX_CHANNEL) {
      return -1;
    }
    Channel c = new Channel(nextChannel++, peer);
    channelsByPeer.put(peer, c);
    channelsByNumber.put(c.number, c);
    permissions.computeIfAbsent(peer.getAddress(), k -> new Permission());
    sendChannelBind(now, new ChannelBindRequest(peer, c.number, 0));
    return c.number;
  }

  /**
   * Relays {@code data} (position to limit, copied, not moved) to {@code peer}: as ChannelData on a
   * bound channel, else in a Send indication. Without a permission yet, it asks for one and queues
   * the data (at most 32 datagrams per peer) until the permission is installed. Returns false when
   * the data was dropped (not allocated, or the queue is full).
   *
   * @throws IllegalArgumentException when {@code data} is longer than {@link #MAX_DATA}
   */
  public boolean send(long now, InetSocketAddress peer, ByteBuffer data) {
    if (data.remaining() > MAX_DATA) {
      throw new IllegalArgumentException("TURN data of " + data.remaining() + " bytes exceeds " + MAX_DATA);
    }
    if (!(state instanceof Allocated)) {
      dropped++;
      return false;
    }
    Channel c = channelsByPeer.get(peer);
    if (c != null && c.bound) {
      ChannelData cd = new ChannelData(c.number, Bytes.copyOf(data));
      transmit(cd.toBuffer(config.stream()));
      return true;
    }
    Permission p = permissions.get(peer.getAddress());
    if (p == null || (!p.installed && !p.requestPending)) {
      createPermission(now, peer.getAddress());
      p = permissions.get(peer.getAddress());
    }
    if (p == null) {
      dropped++;
      return false;
    }
    if (!p.installed) {
      if (p.queued.size() >= MAX_QUEUED_PER_PEER) {
        dropped++;
        return false;
      }
      p.queued.add(new Queued(peer, Bytes.copyOf(data)));
      return true;
    }
    sendIndication(peer, Bytes.copyOf(data));
    return true;
  }

  /**
   * Releases the allocation: RFC 8656 §7: "If the client wishes to immediately delete an existing
   * allocation, it includes a LIFETIME attribute with a value of 0." {@link TurnEvent.Closed}
   * follows when the server answers (or the request times out); at once when nothing was allocated.
   */
  public void close(long now) {
    switch (state) {
      case Idle i -> closeNow();
      case Allocating a -> closeNow();
      case Failed f -> closeNow();
      case Allocated a -> {
        cancelAll();
        state = new Closing();
        sendRefresh(now, new RefreshRequest(0, 0));
      }
      case Closing c -> {}
      case Closed c -> {}
    }
  }

  private void closeNow() {
    cancelAll();
    state = new Closed();
    events.add(new TurnEvent.Closed());
  }

  private void cancelAll() {
    for (TransactionId id : pendingIds) {
      transactions.cancel(id);
    }
    pendingIds.clear();
    for (Permission p : permissions.values()) {
      p.refresh.stop();
      p.queued.clear();
    }
    permissions.clear();
    for (Channel c : channelsByPeer.values()) {
      c.refresh.stop();
    }
    channelsByPeer.clear();
    channelsByNumber.clear();
    if (state instanceof Allocated a) {
      a.refresh().stop();
    }
  }

  // ------------------------------------------------------------------ sans-I/O verbs

  public void handleDatagram(long now, Datagram in) {
    if (!in.source().equals(server)) {
      drop("datagram not from the server but from", in.source());
      return;
    }
    ByteBuffer raw = in.payload().duplicate();
    if (state instanceof Closed) {
      drop("datagram after close");
      return;
    }
    try {
      if (ChannelData.looksLikeChannelData(raw)) {
        handleChannelData(ChannelData.parse(raw));
      } else {
        StunMessage m = StunMessage.parse(raw.duplicate());
        handleStun(now, m, raw);
      }
    } catch (MalformedPacketException e) {
      drop("malformed:", e.getMessage());
    }
  }

  private void handleChannelData(ChannelData cd) {
    Channel c = channelsByNumber.get(cd.channelNumber());
    // RFC 8656 §12.6: "If the ChannelData message is received on a channel that is not bound to
    // any peer, then the message is silently discarded." A channel counts as bound for receiving
    // from the moment its ChannelBind is sent (§12.1: the server may use it before we hear its
    // answer), and stays so after a ChannelBind that went unanswered (the server may have bound it).
    if (c == null) {
      drop("ChannelData on unbound channel", cd.channelNumber());
      return;
    }
    events.add(new TurnEvent.PeerData(c.peer, cd.data()));
  }

  private void handleStun(long now, StunMessage m, ByteBuffer raw) {
    switch (m.messageClass()) {
      case INDICATION -> handleIndication(m);
      case REQUEST -> drop("request from the server");
      case SUCCESS_RESPONSE, ERROR_RESPONSE -> handleResponse(now, m, raw);
    }
  }

  private void handleIndication(StunMessage m) {
    if (!m.method().equals(StunMethod.DATA)) {
      drop("unexpected indication", m.method());
      return;
    }
    // RFC 8489 §6.3.2: "If the indication contains unknown comprehension-required attributes, the
    // indication is discarded and processing ceases."
    if (!m.unknownComprehensionRequired().isEmpty()) {
      drop("Data indication with unknown comprehension-required attributes");
      return;
    }
    var peer = m.find(XorPeerAddress.class);
    var data = m.find(Data.class);
    if (peer.isEmpty() || data.isEmpty()) {
      drop("Data indication without XOR-PEER-ADDRESS or DATA");
      return;
    }
    Permission p = permissions.get(peer.get().address().getAddress());
    if (p == null || !p.installed) {
      drop("Data indication from a peer without permission");
      return;
    }
    events.add(new TurnEvent.PeerData(peer.get().address(), data.get().data()));
  }

  private void handleResponse(long now, StunMessage m, ByteBuffer raw) {
    Request request = transactions.peek(m.transactionId());
    if (request == null) {
      drop("response to no pending transaction");
      return;
    }
    boolean authenticated = !(request instanceof AllocateRequest a && !a.authenticated());
    if (authenticated && key != null) {
      IntegrityCheck check = StunIntegrity.check(raw, key);
      // RFC 8489 §9.2.5: the client "MUST" check the integrity of a response to a request it
      // authenticated; a failure means the response is discarded (the transaction goes on).
      // Error responses such as 401 and 438 may come without integrity.
      if (check == IntegrityCheck.INVALID || (check == IntegrityCheck.ABSENT && m.messageClass() == StunClass.SUCCESS_RESPONSE)) {
        drop("response with message integrity", check);
        return;
      }
    }
    transactions.complete(m.transactionId());
    pendingIds.remove(m.transactionId());
    if (m.messageClass() == StunClass.SUCCESS_RESPONSE && !m.unknownComprehensionRequired().isEmpty()) {
      // RFC 8489 §6.3.3: "If the success response contains unknown comprehension-required
      // attributes, the response is discarded and the transaction is considered to have failed."
      onFailure(now, request, ErrorCode.SERVER_ERROR, "response with unknown comprehension-required attributes");
      return;
    }
    if (m.messageClass() == StunClass.SUCCESS_RESPONSE) {
      onSuccess(now, request, m);
      return;
    }
    ErrorCode error = m.errorCode().orElse(new ErrorCode(ErrorCode.BAD_REQUEST, "error response without ERROR-CODE"));
    if (error.code() == ErrorCode.STALE_NONCE) {
      // RFC 8489 §9.2.5: "If the response is an error response with an error code of 438 (Stale
      // Nonce), the client MUST retry the request, using the new NONCE attribute supplied in the
      // 438 (Stale Nonce) response."
      var newNonce = m.find(Nonce.class);
      if (newNonce.isPresent() && request.staleRetries() < MAX_STALE_NONCE_RETRIES && key != null) {
        nonce = newNonce.get().value();
        m.find(Realm.class).ifPresent(r -> realm = r.value());
        retry(now, request);
        return;
      }
    }
    if (error.code() == ErrorCode.TRY_ALTERNATE && request instanceof AllocateRequest && state instanceof Allocating && !config.stream()) {
      // RFC 8656 §7.4: on 300 (Try Alternate) the client MAY redirect to the ALTERNATE-SERVER and
      // start over (new credentials exchange). Over a stream the I/O layer would need a new
      // connection, so there it is reported as an error instead.
      var alternate = m.find(StunAttribute.AlternateServer.class);
      if (alternate.isPresent() && redirects < MAX_REDIRECTS && !alternate.get().address().equals(server)) {
        redirects++;
        server = alternate.get().address();
        realm = null;
        nonce = null;
        key = null;
        passwordAlgorithms = null;
        LOG.log(Level.DEBUG, "TURN Allocate redirected to {0}", server);
        sendAllocate(now, new AllocateRequest(false, 0));
        return;
      }
    }
    if (error.code() == ErrorCode.UNAUTHENTICATED && request instanceof AllocateRequest a && !a.authenticated()) {
      var r = m.find(Realm.class);
      var n = m.find(Nonce.class);
      if (r.isPresent() && n.isPresent()) {
        realm = r.get().value();
        nonce = n.get().value();
        var algorithms = m.find(PasswordAlgorithms.class);
        int algorithm = PasswordAlgorithm.MD5;
        if (algorithms.isPresent()) {
          // RFC 8489 §9.2.4: the client picks an algorithm the server offers and echoes
          // PASSWORD-ALGORITHMS with the PASSWORD-ALGORITHM it chose in later requests.
          passwordAlgorithms = algorithms.get();
          if (algorithms.get().offers(PasswordAlgorithm.SHA256)) {
            algorithm = PasswordAlgorithm.SHA256;
          } else if (!algorithms.get().offers(PasswordAlgorithm.MD5)) {
            onFailure(now, request, error.code(), "no supported password algorithm offered");
            return;
          }
        }
        key = IntegrityKey.longTerm(config.username(), realm, config.password(), algorithm);
        sendAllocate(now, new AllocateRequest(true, 0));
        return;
      }
    }
    onFailure(now, request, error.code(), error.reason());
  }

  private void retry(long now, Request request) {
    switch (request) {
      case AllocateRequest a -> sendAllocate(now, new AllocateRequest(a.authenticated(), a.staleRetries() + 1));
      case RefreshRequest r -> sendRefresh(now, new RefreshRequest(r.lifetime(), r.staleRetries() + 1));
      case PermissionRequest p -> sendCreatePermission(now, new PermissionRequest(p.peer(), p.staleRetries() + 1));
      case ChannelBindRequest c -> sendChannelBind(now, new ChannelBindRequest(c.peer(), c.channel(), c.staleRetries() + 1));
    }
  }

  private void onSuccess(long now, Request request, StunMessage m) {
    switch (request) {
      case AllocateRequest a -> {
        if (!(state instanceof Allocating)) {
          return;
        }
        var relayed = m.find(XorRelayedAddress.class);
        var mapped = m.find(XorMappedAddress.class);
        if (relayed.isEmpty() || mapped.isEmpty()) {
          onFailure(now, request, ErrorCode.SERVER_ERROR, "Allocate response without XOR-RELAYED-ADDRESS or XOR-MAPPED-ADDRESS");
          return;
        }
        long lifetime = m.find(Lifetime.class).map(Lifetime::seconds).orElse(config.requestedLifetimeSeconds());
        Timer refresh = Timer.oneShot("turn-allocation-refresh", refreshDelay(lifetime));
        refresh.start(now);
        state = new Allocated(relayed.get().address(), mapped.get().address(), refresh);
        events.add(new TurnEvent.Allocated(relayed.get().address(), mapped.get().address(), lifetime));
      }
      case RefreshRequest r -> {
        if (r.lifetime() == 0) {
          if (state instanceof Closing) {
            closeNow();
          }
          return;
        }
        if (state instanceof Allocated a) {
          long lifetime = m.find(Lifetime.class).map(Lifetime::seconds).orElse(config.requestedLifetimeSeconds());
          if (lifetime == 0) {
            fail(ErrorCode.ALLOCATION_MISMATCH, "server ended the allocation");
            return;
          }
          a.refresh().setDuration(refreshDelay(lifetime));
          a.refresh().start(now);
        }
      }
      case PermissionRequest p -> {
        Permission perm = permissions.get(p.peer());
        if (perm == null) {
          return;
        }
        perm.requestPending = false;
        perm.refresh.start(now);
        if (!perm.installed) {
          perm.installed = true;
          events.add(new TurnEvent.PermissionCreated(p.peer()));
        }
        flushQueue(perm);
      }
      case ChannelBindRequest cb -> {
        Channel c = channelsByNumber.get(cb.channel());
        if (c == null) {
          return;
        }
        c.requestPending = false;
        c.refresh.start(now);
        // RFC 8656 §12.2: a successful ChannelBind also installs or refreshes the permission.
        Permission perm = permissions.computeIfAbsent(cb.peer().getAddress(), k -> new Permission());
        if (!perm.installed) {
          perm.installed = true;
          perm.refresh.start(now);
          events.add(new TurnEvent.PermissionCreated(cb.peer().getAddress()));
          flushQueue(perm);
        }
        if (!c.bound) {
          c.bound = true;
          events.add(new TurnEvent.ChannelBound(cb.peer(), cb.channel()));
        }
      }
    }
  }

  private void flushQueue(Permission perm) {
    for (Queued q; (q = perm.queued.poll()) != null; ) {
      InetSocketAddress peer = q.peer();
      Bytes data = q.data();
      Channel c = channelsByPeer.get(peer);
      if (c != null && c.bound) {
        transmit(new ChannelData(c.number, data).toBuffer(config.stream()));
      } else {
        sendIndication(peer, data);
      }
    }
  }

  private void onFailure(long now, Request request, int code, String reason) {
    switch (request) {
      case AllocateRequest a -> {
        if (state instanceof Allocating) {
          fail(code, reason);
        }
      }
      case RefreshRequest r -> {
        if (r.lifetime() == 0) {
          if (state instanceof Closing) {
            closeNow();
          }
        } else if (state instanceof Allocated) {
          fail(code, reason);
        }
      }
      case PermissionRequest p -> {
        Permission perm = permissions.remove(p.peer());
        if (perm != null) {
          perm.refresh.stop();
          dropped += perm.queued.size();
          perm.queued.clear();
          events.add(new TurnEvent.PermissionFailed(p.peer(), code, reason));
        }
      }
      case ChannelBindRequest cb -> {
        // No answer at all: the server may have bound the channel, so its number stays reserved
        // for receiving; sending goes back to Send indications. An error answer frees it.
        Channel c = code == TurnEvent.SERVER_UNREACHABLE ? channelsByNumber.get(cb.channel())
            : channelsByNumber.remove(cb.channel());
        if (c != null) {
          channelsByPeer.remove(c.peer);
          c.refresh.stop();
          events.add(new TurnEvent.ChannelBindFailed(cb.peer(), code, reason));
        }
      }
    }
  }

  private void fail(int code, String reason) {
    LOG.log(Level.DEBUG, "TURN allocation at {0} failed: {1} {2}", server, code, reason);
    cancelAll();
    state = new Failed(code, reason);
    events.add(new TurnEvent.Error(code, reason));
  }

  public void handleTimeout(long now) {
    transactions.handleTimeout(now);
    for (StunTransactions.TimedOut<Request> t; (t = transactions.pollTimedOut()) != null; ) {
      pendingIds.remove(t.transactionId());
      LOG.log(Level.DEBUG, "TURN {0} to {1} timed out after {2} requests", t.context(), server, t.requestsSent());
      onFailure(now, t.context(), TurnEvent.SERVER_UNREACHABLE, "TURN server did not answer " + describe(t.context()));
    }
    if (state instanceof Allocated a && a.refresh().expire(now)) {
      LOG.log(Level.DEBUG, "refreshing TURN allocation at {0}", server);
      sendRefresh(now, new RefreshRequest(config.requestedLifetimeSeconds(), 0));
    }
    if (!(state instanceof Allocated)) {
      return;
    }
    for (Map.Entry<InetAddress, Permission> e : permissions.entrySet()) {
      Permission p = e.getValue();
      if (p.refresh.expire(now) && !p.requestPending) {
        sendCreatePermission(now, new PermissionRequest(e.getKey(), 0));
      }
    }
    for (Channel c : channelsByPeer.values()) {
      if (c.refresh.expire(now) && !c.requestPending) {
        sendChannelBind(now, new ChannelBindRequest(c.peer, c.number, 0));
      }
    }
  }

  private static String describe(Request r) {
    return switch (r) {
      case AllocateRequest a -> "Allocate";
      case RefreshRequest f -> "Refresh";
      case PermissionRequest p -> "CreatePermission";
      case ChannelBindRequest c -> "ChannelBind";
    };
  }

  public @Nullable Datagram pollTransmit() {
    Datagram d = transmits.poll();
    return d != null ? d : transactions.pollTransmit();
  }

  public @Nullable TurnEvent pollEvent() {
    return events.poll();
  }

  public long pollTimeout() {
    long min = transactions.pollTimeout();
    if (state instanceof Allocated a) {
      min = Math.min(min, a.refresh().nextExpiry());
      for (Permission p : permissions.values()) {
        min = Math.min(min, p.refresh.nextExpiry());
      }
      for (Channel c : channelsByPeer.values()) {
        min = Math.min(min, c.refresh.nextExpiry());
      }
    }
    return min;
  }

  // ------------------------------------------------------------------ requests

  private void sendAllocate(long now, AllocateRequest request) {
    List<StunAttribute> attrs = new ArrayList<>(8);
    // RFC 8656 §7.1: "The client MUST include a REQUESTED-TRANSPORT attribute in the request."
    attrs.add(new RequestedTransport(RequestedTransport.UDP));
    attrs.add(new Lifetime(config.requestedLifetimeSeconds()));
    if (config.requestedAddressFamily() != 0) {
      attrs.add(new RequestedAddressFamily(config.requestedAddressFamily()));
    }
    sendRequest(now, StunMethod.ALLOCATE, request, attrs, request.authenticated());
  }

  private void sendRefresh(long now, RefreshRequest request) {
    List<StunAttribute> attrs = new ArrayList<>(6);
    attrs.add(new Lifetime(request.lifetime()));
    sendRequest(now, StunMethod.REFRESH, request, attrs, true);
  }

  private void sendCreatePermission(long now, PermissionRequest request) {
    Permission p = permissions.get(request.peer());
    if (p != null) {
      p.requestPending = true;
    }
    List<StunAttribute> attrs = new ArrayList<>(6);
    // The port of XOR-PEER-ADDRESS is ignored by the server (RFC 8656 §9.1).
    attrs.add(new XorPeerAddress(new InetSocketAddress(request.peer(), 0)));
    sendRequest(now, StunMethod.CREATE_PERMISSION, request, attrs, true);
  }

  private void sendChannelBind(long now, ChannelBindRequest request) {
    Channel c = channelsByNumber.get(request.channel());
    if (c != null) {
      c.requestPending = true;
    }
    List<StunAttribute> attrs = new ArrayList<>(7);
    attrs.add(new ChannelNumber(request.channel()));
    attrs.add(new XorPeerAddress(request.peer()));
    sendRequest(now, StunMethod.CHANNEL_BIND, request, attrs, true);
  }

  private void sendRequest(long now, StunMethod method, Request request, List<StunAttribute> attrs, boolean authenticated) {
    TransactionId id = TransactionId.random(random);
    if (config.software() != null) {
      attrs.add(new Software(config.software()));
    }
    IntegrityKey k = null;
    if (authenticated && key != null) {
      k = key;
      if (passwordAlgorithms != null) {
        attrs.add(passwordAlgorithms);
        attrs.add(new PasswordAlgorithm(key.sha256() ? PasswordAlgorithm.SHA256 : PasswordAlgorithm.MD5));
      }
      // RFC 8489 §9.2.4: "the client MUST include the USERNAME, REALM, and NONCE attributes".
      attrs.add(new Username(config.username()));
      attrs.add(new Realm(Objects.requireNonNull(realm)));
      attrs.add(new Nonce(Objects.requireNonNull(nonce)));
    }
    StunMessage m = new StunMessage(method, StunClass.REQUEST, id, attrs);
    ByteBuffer bytes = m.encode(k, true);
    transactions.start(now, id, new Datagram(config.local(), server, bytes), request);
    pendingIds.add(id);
  }

  private void sendIndication(InetSocketAddress peer, Bytes data) {
    StunMessage m = StunMessage.of(StunMethod.SEND, StunClass.INDICATION, TransactionId.random(random), new XorPeerAddress(peer), new Data(data));
    transmit(m.encode(null, false));
  }

  private void transmit(ByteBuffer bytes) {
    transmits.add(new Datagram(config.local(), server, bytes));
  }

  private static long refreshDelay(long lifetimeSeconds) {
    long seconds = lifetimeSeconds > 2 * REFRESH_MARGIN_SECONDS ? lifetimeSeconds - REFRESH_MARGIN_SECONDS : Math.max(1, lifetimeSeconds / 2);
    return seconds * SECOND;
  }

  private void drop(String why) {
    drop(why, "");
  }

  /** Counts and logs a dropped datagram; the message is only formatted when DEBUG is enabled. */
  private void drop(String why, Object detail) {
    dropped++;
    if (LOG.isLoggable(Level.DEBUG)) {
      LOG.log(Level.DEBUG, "TURN client dropped a datagram: {0} {1}", why, detail);
    }
  }
}

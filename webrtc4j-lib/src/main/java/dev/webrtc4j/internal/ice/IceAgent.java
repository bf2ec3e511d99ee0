package dev.webrtc4j.internal.ice;

import static java.lang.System.Logger.Level.DEBUG;

import dev.webrtc4j.internal.ice.Milestones.Milestone;
import dev.webrtc4j.internal.util.Bytes;
import dev.webrtc4j.internal.util.Datagram;
import dev.webrtc4j.internal.util.MalformedPacketException;
import dev.webrtc4j.internal.util.Timer;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * The sans-I/O ICE agent: RFC 8445 (full ICE, regular nomination, one component), RFC 8838
 * (trickle) and RFC 7675 (consent freshness).
 *
 * <p>Inputs: {@link #handleDatagram}, {@link #handleTimeout} and the API calls, each with the
 * monotonic time. Outputs: {@link #pollTransmit()}, {@link #pollEvent()}, {@link #pollTimeout()}.
 * The agent never opens sockets, enumerates interfaces, resolves names or reads the clock: the
 * I/O layer tells it its sockets' addresses ({@link #addLocalSocket}) and sends what it polls;
 * for TURN over TCP/TLS it also opens, writes and closes streams as {@link #pollStreamCommand()}
 * asks and reports back through {@code handleStream*}.
 * Randomness (transaction ids, consent jitter) comes from the injected {@link RandomGenerator}.
 *
 * <p>Confined to the owning connection's event loop; not thread-safe.
 */
public final class IceAgent {
  private static final System.Logger LOG = System.getLogger(IceAgent.class.getName());
  private static final int ROLE_CONFLICT = 487;

  private final IceConfig config;
  private final IceConfig.Timings timings;
  private final RandomGenerator random;
  private final IceStunCodec stun;
  private final long tieBreaker;
  private IceRole role;

  /** Local sockets by address, with their network rank (0 = the preferred network). */
  private final Map<InetSocketAddress, Integer> sockets = new LinkedHashMap<>();
  private final List<InetAddress> socketIps = new ArrayList<>();

  private Generation gen;
  /** The generation before an ICE restart, kept while its selected pair still carries data. */
  private @Nullable Generation oldGen;
  private @Nullable Selected selected;

  private final Map<Bytes, Outgoing> transactions = new HashMap<>();
  private final ArrayDeque<Datagram> transmits = new ArrayDeque<>();
  private final ArrayDeque<IceEvent> events = new ArrayDeque<>();
  private final Map<String, List<IceCandidate>> mdnsPending = new HashMap<>();
  private final RelaySession.@Nullable Factory relayFactory;
  private final List<Relay> relays = new ArrayList<>();
  /** What TURN-over-TCP/TLS relays ask of the I/O layer, in order (see {@link StreamCommand}). */
  private final ArrayDeque<StreamCommand> streamCommands = new ArrayDeque<>();
  private int lastStreamId;

  private long now;
  /** The transaction id of the last request {@link #sendCheck} sent. */
  private @Nullable Bytes lastTransactionId;
  private long nextCheckAt = Long.MAX_VALUE;
  private long lastCheckAt = Long.MIN_VALUE / 2;
  private boolean closed;
  private IceGatheringState reportedGathering = IceGatheringState.NEW;
  private IceConnectionState reportedConnection = IceConnectionState.NEW;
  private final Counters counters = new Counters();
  private final Milestones milestones = new Milestones();

  public IceAgent(IceConfig config, RandomGenerator random) {
    this(config, random, new StunCodecBridge(), TurnRelay::new);
  }

  IceAgent(IceConfig config, RandomGenerator random, IceStunCodec stun, RelaySession.@Nullable Factory relayFactory) {
    this.config = Objects.requireNonNull(config, "config");
    this.timings = config.timings();
    this.random = Objects.requireNonNull(random, "random");
    this.stun = Objects.requireNonNull(stun, "stun");
    this.tieBreaker = config.tieBreaker();
    this.role = config.role();
    this.gen = new Generation(config.localCredentials());
    this.relayFactory = relayFactory;
  }

  // ------------------------------------------------------------------ state

  /** One set of credentials with its candidates and checklist; an ICE restart starts a new one. */
  private final class Generation {
    IceCredentials local;
    @Nullable IceCredentials remote;
    final List<LocalCandidate> locals = new ArrayList<>();
    final List<IceCandidate> remotes = new ArrayList<>();
    final Checklist checklist = new Checklist(timings.maxPairs());
    /** Valid pairs whose local candidate is peer-reflexive or server-reflexive (§7.2.5.3.2). */
    final List<Pair> validOnly = new ArrayList<>();
    final Set<InetSocketAddress> gatheredSockets = new HashSet<>();
    boolean pooled;
    boolean gathering;
    boolean remoteEnd;
    /** When the last remote candidate arrived (for failing without end-of-candidates). */
    long lastRemoteCandidateAt = Long.MIN_VALUE;
    long firstValidAt = Long.MAX_VALUE;
    @Nullable Pair nominating;
    /**
     * Valid pairs whose nominating check timed out. Unanswered is not refused: the peer may have
     * received the USE-CANDIDATE, answered (the answers were lost) and selected the pair, so such a
     * pair is nominated again once it is valid again (see {@link #maybeNominate}).
     */
    final Set<Pair> unconfirmedNominations = new LinkedHashSet<>();
    /** When the controlled agent next probes its best valid pair (see {@link #probeTick}). */
    long probeAt = Long.MAX_VALUE;
    @Nullable Bytes probeTransaction;
    int prflxCount;

    Generation(IceCredentials local) {
      this.local = local;
    }
  }

  /** The selected pair and its consent clocks (RFC 7675). */
  private static final class Selected {
    final Generation gen;
    final Pair pair;
    long lastReceived;
    long lastConsent;
    long lastConsentSent;
    long consentInterval;
    boolean consentExpired;

    Selected(Generation gen, Pair pair, long now, long consentInterval) {
      this.gen = gen;
      this.pair = pair;
      this.lastReceived = now;
      this.lastConsent = now;
      this.lastConsentSent = now;
      this.consentInterval = consentInterval;
    }
  }

  /** One TURN allocation on one local socket for one generation. */
  private static final class Relay {
    final Generation gen;
    final LocalCandidate host;
    final IceServer server;
    final RelaySession session;
    /** The id of the session's stream to the server (TCP/TLS), 0 over UDP. */
    final int stream;
    @Nullable LocalCandidate candidate;
    boolean finished;

    Relay(Generation gen, LocalCandidate host, IceServer server, RelaySession session, int stream) {
      this.gen = gen;
      this.host = host;
      this.server = server;
      this.session = session;
      this.stream = stream;
    }
  }

  private enum Purpose {
    CHECK,
    NOMINATION,
    CONSENT,
    /** The controlled agent re-checking its best valid pair while it waits for a nomination. */
    PROBE
  }

  /** An outstanding STUN transaction of the agent. */
  private sealed interface Outgoing {
    Timer timer();

    Generation gen();

    Datagram datagram();

    /** When the agent must next act on it (retransmit, or give up). */
    default long nextExpiry() {
      return timer().nextExpiry();
    }
  }

  /**
   * A Binding request of ours on a pair. It can be cancelled (RFC 8445 §7.3.1.4, §8.1.2):
   * "the agent will not retransmit the Binding requests associated with the connectivity-check
   * transaction, will not treat the lack of response to be a failure, but will wait the duration
   * of the transaction timeout for a response". A cancelled transaction therefore stays known
   * until the moment it would have timed out, so that a late response is still processed.
   */
  private static final class CheckTx implements Outgoing {
    private final Generation gen;
    private final Pair pair;
    private final Purpose purpose;
    private final boolean useCandidate;
    private final IceRole roleSent;
    private final long prflxPriority;
    private final Timer timer;
    private final Datagram datagram;
    private final long sentAt;
    /** When the full retransmission schedule would have run out. */
    private final long timesOutAt;
    private boolean cancelled;

    CheckTx(Generation gen, Pair pair, Purpose purpose, boolean useCandidate, IceRole roleSent, long prflxPriority,
        Timer timer, Datagram datagram, long sentAt, long timesOutAt) {
      this.gen = gen;
      this.pair = pair;
      this.purpose = purpose;
      this.useCandidate = useCandidate;
      this.roleSent = roleSent;
      this.prflxPriority = prflxPriority;
      this.timer = timer;
      this.datagram = datagram;
      this.sentAt = sentAt;
      this.timesOutAt = timesOutAt;
    }

    @Override
    public Generation gen() {
      return gen;
    }

    Pair pair() {
      return pair;
    }

    Purpose purpose() {
      return purpose;
    }

    boolean useCandidate() {
      return useCandidate;
    }

    IceRole roleSent() {
      return roleSent;
    }

    long prflxPriority() {
      return prflxPriority;
    }

    @Override
    public Timer timer() {
      return timer;
    }

    @Override
    public Datagram datagram() {
      return datagram;
    }

    long sentAt() {
      return sentAt;
    }

    boolean cancelled() {
      return cancelled;
    }

    /** No more retransmissions; a response until the original timeout is still accepted. */
    void cancel() {
      cancelled = true;
    }

    @Override
    public long nextExpiry() {
      return cancelled ? timesOutAt : timer.nextExpiry();
    }
  }

  private record ServerTx(Generation gen, LocalCandidate host, IceServer server, Timer timer, Datagram datagram)
      implements Outgoing {}

  /** Drop counters for bad or unexpected input; see {@link #counters()}. */
  public record IceCounters(long malformed, long notIce, long unknownUsername, long badIntegrity,
      long unknownTransaction, long unknownSource, long roleConflicts) {}

  private static final class Counters {
    long malformed;
    long notIce;
    long unknownUsername;
    long badIntegrity;
    long unknownTransaction;
    long unknownSource;
    long roleConflicts;
  }

  // ------------------------------------------------------------------ accessors

  public IceRole role() {
    return role;
  }

  public IceCredentials localCredentials() {
    return gen.local;
  }

  public Optional<IceCredentials> remoteCredentials() {
    return Optional.ofNullable(gen.remote);
  }

  public Optional<CandidatePair> selectedPair() {
    Selected s = selected;
    return s == null ? Optional.empty() : Optional.of(s.pair.view());
  }

  /** The signalled local candidates of the current generation, in gathering order. */
  public List<IceCandidate> localCandidates() {
    List<IceCandidate> out = new ArrayList<>();
    for (LocalCandidate lc : gen.locals) {
      if (signalled(lc)) {
        out.add(lc.candidate());
      }
    }
    return out;
  }

  /** Remote candidates of the current generation, peer-reflexive ones included. */
  public List<IceCandidate> remoteCandidates() {
    return List.copyOf(gen.remotes);
  }

  /** Pairs of the current checklist, by descending priority. */
  public List<CandidatePair> checklistPairs() {
    List<CandidatePair> out = new ArrayList<>();
    for (Pair p : gen.checklist.pairs()) {
      out.add(p.view());
    }
    return out;
  }

  /**
   * Counters of every pair of the current checklist and valid list, plus the selected pair when it
   * belongs to the previous generation.
   */
  public List<IcePairStats> pairStats() {
    Selected s = selected;
    Pair sel = s == null ? null : s.pair;
    List<IcePairStats> out = new ArrayList<>();
    List<Pair> seen = new ArrayList<>();
    for (Pair p : gen.checklist.pairs()) {
      out.add(p.stats(p == sel));
      seen.add(p);
    }
    for (Pair p : gen.validOnly) {
      out.add(p.stats(p == sel));
      seen.add(p);
    }
    if (sel != null && !seen.contains(sel)) {
      out.add(sel.stats(true));
    }
    return out;
  }

  public IceCounters counters() {
    Counters c = counters;
    return new IceCounters(c.malformed, c.notIce, c.unknownUsername, c.badIntegrity, c.unknownTransaction,
        c.unknownSource, c.roleConflicts);
  }

  /** W3C RTCIceGatheringState of the current generation, derived. */
  public IceGatheringState gatheringState() {
    if (!gen.gathering) {
      return IceGatheringState.NEW;
    }
    for (Outgoing o : transactions.values()) {
      if (o instanceof ServerTx s && s.gen() == gen) {
        return IceGatheringState.GATHERING;
      }
    }
    for (Relay r : relays) {
      if (r.gen == gen && !r.finished) {
        return IceGatheringState.GATHERING;
      }
    }
    return IceGatheringState.COMPLETE;
  }

  /**
   * W3C RTCIceConnectionState, derived from the selected pair's consent and the checklist at the
   * time of the last input.
   */
  public IceConnectionState connectionState() {
    Selected s = selected;
    return deriveConnectionState(closed, s != null, s != null && s.consentExpired,
        s != null && now - s.lastReceived >= timings.disconnectedTimeout(), s != null && s.gen == gen && isCompleted(gen),
        s == null && isFailed(gen), !gen.remotes.isEmpty() || !gen.checklist.pairs().isEmpty());
  }

  /**
   * The W3C RTCIceConnectionState as a pure function of the agent's facts (tested as a table).
   *
   * @param closed {@link #close()} was called
   * @param selected a pair is selected (in this or the previous generation)
   * @param consentExpired RFC 7675 consent of the selected pair expired
   * @param silent nothing arrived on the selected pair for the disconnected timeout
   * @param completed the selected pair is this generation's, both sides ended gathering, no check pending
   * @param checklistFailed no selected pair, both sides ended gathering, nothing pending, nothing valid
   * @param remoteKnown there are remote candidates or pairs
   */
  static IceConnectionState deriveConnectionState(boolean closed, boolean selected, boolean consentExpired, boolean silent,
      boolean completed, boolean checklistFailed, boolean remoteKnown) {
    if (closed) {
      return IceConnectionState.CLOSED;
    }
    if (selected) {
      if (consentExpired) {
        return IceConnectionState.FAILED;
      }
      if (silent) {
        return IceConnectionState.DISCONNECTED;
      }
      return completed ? IceConnectionState.COMPLETED : IceConnectionState.CONNECTED;
    }
    if (checklistFailed) {
      return IceConnectionState.FAILED;
    }
    return remoteKnown ? IceConnectionState.CHECKING : IceConnectionState.NEW;
  }

  /**
   * W3C "completed": gathering finished on both sides and no check is left, for either role (the
   * controlled agent too: it has nothing to wait for once its remaining pairs concluded). A
   * nominating check in flight is a pending check: the controlling agent may still move to the
   * pair it confirms (see {@link #confirmEarlierNomination}).
   */
  private boolean isCompleted(Generation g) {
    return g.remoteEnd && gatheringState() == IceGatheringState.COMPLETE && !g.checklist.hasPending()
        && g.nominating == null && mdnsPending.isEmpty();
  }

  /**
   * No pair can succeed any more: local gathering is complete, nothing is pending, nothing is
   * valid, and either the peer signalled end-of-candidates or no remote candidate arrived for
   * {@code failedTimeout} (RFC 8838 §8 allows a timeout; not every application signals the end).
   */
  private boolean isFailed(Generation g) {
    if (!checklistExhausted(g)) {
      return false;
    }
    return g.remoteEnd
        || (g.lastRemoteCandidateAt != Long.MIN_VALUE && now - g.lastRemoteCandidateAt >= timings.failedTimeout());
  }

  private boolean checklistExhausted(Generation g) {
    return g.gathering && gatheringState() == IceGatheringState.COMPLETE && mdnsPending.isEmpty()
        && !g.checklist.hasPending() && g.nominating == null && bestValid(g) == null;
  }

  private boolean nominatedIn(Generation g) {
    Selected s = selected;
    return s != null && s.gen == g;
  }

  // ------------------------------------------------------------------ API inputs

  /**
   * The I/O layer has a UDP socket bound at {@code address}. Networks are ranked by the order
   * their addresses first appear (the first is preferred); see {@link #addLocalSocket(long,
   * InetSocketAddress, int)} to rank explicitly.
   */
  public void addLocalSocket(long now, InetSocketAddress address) {
    InetAddress ip = address.getAddress();
    int rank = socketIps.indexOf(ip);
    addLocalSocket(now, address, rank >= 0 ? rank : socketIps.size());
  }

  /**
   * The I/O layer has a UDP socket bound at {@code address} on the network of rank {@code
   * networkRank} (0 = preferred, e.g. ethernet before wifi before cellular before VPN, as Chrome
   * sorts them). Gathering on it starts now if gathering (or pre-gathering) has started.
   */
  public void addLocalSocket(long now, InetSocketAddress address, int networkRank) {
    if (address.isUnresolved()) {
      throw new IllegalArgumentException("local socket address must be resolved");
    }
    if (networkRank < 0) {
      throw new IllegalArgumentException("networkRank " + networkRank);
    }
    this.now = now;
    if (closed || sockets.containsKey(address)) {
      return;
    }
    sockets.put(address, networkRank);
    if (!socketIps.contains(address.getAddress()) && gatherable(address.getAddress())) {
      socketIps.add(address.getAddress());
    }
    if (gen.gathering || gen.pooled) {
      gatherOn(now, gen, address);
    }
    afterInput(now);
  }

  /** The socket at {@code address} is gone: its candidates and pairs go with it. */
  public void removeLocalSocket(long now, InetSocketAddress address) {
    this.now = now;
    if (closed || sockets.remove(address) == null) {
      return;
    }
    for (Generation g : generations()) {
      g.locals.removeIf(lc -> lc.base().equals(address));
      g.gatheredSockets.remove(address);
      for (Pair p : List.copyOf(g.checklist.pairs())) {
        if (p.local.base().equals(address)) {
          g.checklist.remove(p);
        }
      }
      g.validOnly.removeIf(p -> p.local.base().equals(address));
      g.unconfirmedNominations.removeIf(p -> p.local.base().equals(address));
      if (g.nominating != null && g.nominating.local.base().equals(address)) {
        g.nominating = null;
      }
    }
    transactions.values().removeIf(o -> o.datagram().source().equals(address));
    for (Relay r : List.copyOf(relays)) {
      if (r.host.base().equals(address)) {
        closeRelay(now, r);
      }
    }
    Selected s = selected;
    if (s != null && s.pair.local.base().equals(address)) {
      selected = null;
      events.add(new IceEvent.SelectedPairChanged(null));
    }
    afterInput(now);
  }

  /**
   * Candidate-pool hook (W3C iceCandidatePoolSize): gathers on the known sockets before the local
   * description exists, without reporting anything. {@link #startGathering} later reports the
   * pooled candidates. Credentials may still change before then ({@link #setLocalCredentials}).
   */
  public void pregather(long now) {
    this.now = now;
    if (closed || gen.pooled || gen.gathering) {
      return;
    }
    gen.pooled = true;
    for (InetSocketAddress a : sockets.keySet()) {
      gatherOn(now, gen, a);
    }
    afterInput(now);
  }

  /**
   * Sets the role, e.g. controlling when the remote description turns out to be ICE-lite (RFC
   * 8445 §6.1.1). Pair priorities follow; later role conflicts may still change it.
   */
  public void setRole(long now, IceRole newRole) {
    Objects.requireNonNull(newRole, "role");
    this.now = now;
    if (closed) {
      return;
    }
    if (role != newRole) {
      role = newRole;
      for (Generation g : generations()) {
        g.checklist.recomputePriorities(newRole);
        for (Pair p : g.validOnly) {
          p.updatePriority(newRole);
        }
        g.nominating = null;
      }
    }
    afterInput(now);
  }

  /** Replaces the local credentials of the current generation before gathering is reported. */
  public void setLocalCredentials(IceCredentials credentials) {
    Objects.requireNonNull(credentials, "credentials");
    if (gen.gathering || gen.remote != null) {
      throw new IllegalStateException("local credentials are final once gathering started");
    }
    gen.local = credentials;
  }

  /** Starts gathering (W3C: setLocalDescription): one event per candidate, then end-of-candidates. */
  public void startGathering(long now) {
    this.now = now;
    if (closed || gen.gathering) {
      return;
    }
    gen.gathering = true;
    events.add(new IceEvent.GatheringStateChanged(IceGatheringState.GATHERING));
    reportedGathering = IceGatheringState.GATHERING;
    for (LocalCandidate lc : gen.locals) {
      if (signalled(lc)) {
        events.add(localCandidateEvent(gen, lc));
      }
    }
    for (InetSocketAddress a : sockets.keySet()) {
      gatherOn(now, gen, a);
    }
    afterInput(now);
  }

  /**
   * The remote ufrag/pwd (from the remote description). Checks wait for them; requests that came
   * earlier were already answered and their triggered checks run now (RFC 8445 §7.3, RFC 8838
   * §11). A different ufrag/pwd in the same generation is an ICE restart: call {@link #restart}
   * first.
   */
  public void setRemoteCredentials(long now, IceCredentials credentials) {
    Objects.requireNonNull(credentials, "credentials");
    this.now = now;
    if (closed) {
      return;
    }
    if (gen.remote != null) {
      if (!gen.remote.equals(credentials)) {
        throw new IllegalStateException("remote credentials changed: an ICE restart needs restart() first");
      }
      return;
    }
    gen.remote = credentials;
    wakeChecks(now);
    afterInput(now);
  }

  /** A trickled or signalled remote candidate (RFC 8838 §11); any time, before or after credentials. */
  public void addRemoteCandidate(long now, IceCandidate candidate) {
    Objects.requireNonNull(candidate, "candidate");
    this.now = now;
    if (closed) {
      return;
    }
    if (candidate.component() != 1) {
      LOG.log(DEBUG, () -> "ICE: ignoring remote candidate of component " + candidate.component() + " (rtcp-mux)");
      return;
    }
    if (!candidate.protocol().equals("udp")) {
      LOG.log(DEBUG, () -> "ICE: ignoring remote " + candidate.protocol() + " candidate (UDP only)");
      return;
    }
    if (candidate.isMdns()) {
      String name = candidate.address().getHostString();
      MdnsResolver resolver = config.mdnsResolver();
      if (resolver == null || !name.endsWith(".local")) {
        LOG.log(DEBUG, () -> "ICE: dropping remote candidate with unresolvable name " + Pii.of(name));
        return;
      }
      List<IceCandidate> waiting = mdnsPending.get(name);
      if (waiting == null) {
        waiting = new ArrayList<>();
        mdnsPending.put(name, waiting);
        waiting.add(candidate);
        resolver.resolve(name);
      } else {
        waiting.add(candidate);
      }
      afterInput(now);
      return;
    }
    addResolvedRemote(now, gen, candidate);
    afterInput(now);
  }

  /** The answer of the {@link MdnsResolver}: the address, or null when the name did not resolve. */
  public void mdnsResolved(long now, String hostname, @Nullable InetAddress address) {
    this.now = now;
    List<IceCandidate> waiting = mdnsPending.remove(hostname);
    if (closed || waiting == null) {
      return;
    }
    if (address == null) {
      LOG.log(DEBUG, () -> "ICE: mDNS name " + Pii.of(hostname) + " did not resolve; dropping its candidates");
    } else {
      for (IceCandidate c : waiting) {
        IceCandidate resolved = new IceCandidate(c.foundation(), c.component(), c.protocol(), c.priority(),
            new InetSocketAddress(address, c.address().getPort()), c.type(), c.relatedAddress());
        addResolvedRemote(now, gen, resolved);
      }
    }
    afterInput(now);
  }

  /** The remote side signalled end-of-candidates (RFC 8838 §13). */
  public void endOfRemoteCandidates(long now) {
    this.now = now;
    if (closed) {
      return;
    }
    gen.remoteEnd = true;
    afterInput(now);
  }

  /**
   * ICE restart (RFC 8445 §9): new local credentials, a new checklist, gathering again once
   * {@link #startGathering} is called, remote credentials and candidates expected anew. The
   * selected pair, if any, keeps carrying application data (and answering consent with the old
   * credentials) until the new generation selects a pair.
   */
  public void restart(long now, IceCredentials newLocal) {
    Objects.requireNonNull(newLocal, "newLocal");
    this.now = now;
    if (closed) {
      return;
    }
    Generation old = gen;
    Selected s = selected;
    transactions.values().removeIf(o -> o.gen() == old
        && !(o instanceof CheckTx c && c.purpose() == Purpose.CONSENT && s != null && s.gen == old));
    if (oldGen != null && (s == null || s.gen != oldGen)) {
      Generation dropped = oldGen;
      transactions.values().removeIf(o -> o.gen() == dropped);
    }
    oldGen = s != null ? s.gen : null;
    for (Relay r : List.copyOf(relays)) {
      if (r.gen != oldGen) {
        closeRelay(now, r);
      }
    }
    gen = new Generation(newLocal);
    nextCheckAt = Long.MAX_VALUE;
    reportedGathering = IceGatheringState.NEW;
    afterInput(now);
  }

  /**
   * Sends application data on the selected pair, or before any pair is selected on the best
   * valid pair of the current generation (RFC 8445 §12.1: data may be sent on a valid pair
   * before selection; the check that made it valid granted consent, RFC 7675). Returns false
   * (and sends nothing) when there is neither, or when the selected pair's consent expired (RFC
   * 7675 §5.1: "the agent MUST cease transmission"). The bytes are copied.
   */
  public boolean sendAppData(long now, ByteBuffer payload) {
    ByteBuffer copy = ByteBuffer.allocate(payload.remaining());
    copy.put(payload.duplicate()).flip();
    return sendOwnedAppData(now, copy);
  }

  /**
   * Like {@link #sendAppData} without the copy: the caller hands {@code payload} over (a DTLS
   * record the engine made for this datagram) and never touches it again.
   */
  public boolean sendOwnedAppData(long now, ByteBuffer copy) {
    this.now = now;
    Pair p = dataPair();
    if (p == null) {
      return false;
    }
    p.packetsSent++;
    p.bytesSent += copy.remaining();
    emit(new Datagram(p.local.base(), p.remote.address(), copy));
    return true;
  }

  /** Whether {@link #sendAppData} would send now: a selected pair with consent, or (none selected yet) a valid one. */
  public boolean canSendAppData() {
    return dataPair() != null;
  }

  /** Where application data goes: see {@link #sendAppData}. */
  private @Nullable Pair dataPair() {
    if (closed) {
      return null;
    }
    Selected s = selected;
    if (s != null) {
      return s.consentExpired ? null : s.pair;
    }
    return gen.remote == null ? null : bestValid(gen);
  }

  /** Stops everything; no datagram or event follows (W3C: closing fires no state event). */
  public void close() {
    closed = true;
    transactions.clear();
    transmits.clear();
    events.clear();
    mdnsPending.clear();
    nextCheckAt = Long.MAX_VALUE;
    // The one exception to "nothing follows": TURN allocations are released (RFC 8656 §7).
    for (Relay r : List.copyOf(relays)) {
      closeRelay(now, r);
    }
  }

  // ------------------------------------------------------------------ sans-I/O verbs

  /**
   * A datagram that arrived on one of the local sockets ({@code destination} is that socket's
   * address). STUN (RFC 7983: first byte 0..3) is ICE's; anything else from a known pair is
   * handed up as {@link IceEvent.AppData}. Never throws for bad bytes.
   */
  public void handleDatagram(long now, Datagram in) {
    handle(now, in, false);
  }

  /**
   * As {@link #handleDatagram}, for a datagram whose buffer the caller hands over: nobody else
   * reads or writes it afterwards (the UDP reactor reads each datagram into a fresh array). Its
   * application data then reaches the {@link IceEvent.AppData} event without a copy.
   */
  public void handleOwnedDatagram(long now, Datagram in) {
    handle(now, in, true);
  }

  private void handle(long now, Datagram in, boolean owned) {
    this.now = now;
    if (closed) {
      return;
    }
    for (Relay r : relays) {
      if (r.session.protocol() == RelayProtocol.UDP && in.source().equals(r.server.address())
          && in.destination().equals(r.host.base())) {
        r.session.handleDatagram(now, in);
        drainRelay(now, r);
        afterInput(now);
        return;
      }
    }
    demux(now, in, owned);
    afterInput(now);
  }

  /** @param owned the caller handed {@code in}'s buffer over (see {@link #handleOwnedDatagram}) */
  private void demux(long now, Datagram in, boolean owned) {
    ByteBuffer buf = in.payload().duplicate();
    if (!buf.hasRemaining()) {
      counters.malformed++;
      return;
    }
    int first = buf.get(buf.position()) & 0xff;
    if (first <= 3) {
      handleStun(now, in, buf);
    } else {
      handleAppData(now, in, buf, owned);
    }
  }

  public void handleTimeout(long now) {
    this.now = now;
    if (closed) {
      return;
    }
    for (Map.Entry<Bytes, Outgoing> e : List.copyOf(transactions.entrySet())) {
      if (e.getValue().nextExpiry() <= now && transactions.get(e.getKey()) == e.getValue()) {
        onTransactionTimer(now, e.getKey(), e.getValue());
      }
    }
    if (nextCheckAt <= now) {
      nextCheckAt = Long.MAX_VALUE;
      Pair p = gen.remote != null ? gen.checklist.next(!nominatedIn(gen)) : null;
      if (p != null) {
        LOG.log(DEBUG, () -> "ICE: pacing timer (Ta) fired: checking " + p);
        sendCheck(now, gen, p, Purpose.CHECK, false);
        lastCheckAt = now;
        nextCheckAt = now + timings.ta();
      }
    }
    consentTick(now);
    probeTick(now);
    for (Relay r : List.copyOf(relays)) {
      if (r.session.pollTimeout() <= now) {
        r.session.handleTimeout(now);
      }
      drainRelay(now, r);
    }
    afterInput(now);
  }

  public @Nullable Datagram pollTransmit() {
    return transmits.pollFirst();
  }

  public @Nullable IceEvent pollEvent() {
    return events.pollFirst();
  }

  /**
   * The next action for the I/O layer on a TURN server stream (TURN over TCP or TLS, RFC 8656
   * §3.1), or null. Drained like {@link #pollTransmit()}; still yields the final writes and closes
   * after {@link #close()}.
   */
  public @Nullable StreamCommand pollStreamCommand() {
    return streamCommands.pollFirst();
  }

  /** The stream asked for by {@link StreamCommand.Open} is connected (TLS handshake done) at {@code localAddress}. */
  public void handleStreamOpened(long now, int stream, InetSocketAddress localAddress) {
    Relay r = relayOfStream(now, stream);
    if (r != null) {
      r.session.handleStreamOpened(now, localAddress);
      drainRelay(now, r);
      afterInput(now);
    }
  }

  /** Bytes received on a stream, in a chunk of any size. Never throws for bad bytes. */
  public void handleStreamData(long now, int stream, ByteBuffer bytes) {
    Relay r = relayOfStream(now, stream);
    if (r != null) {
      r.session.handleStreamData(now, bytes);
      drainRelay(now, r);
      afterInput(now);
    }
  }

  /**
   * A stream ended: closed by the server ({@code failure} null), or it could not be opened or
   * broke ({@code failure} says why). Not called for streams the agent closed itself.
   */
  public void handleStreamClosed(long now, int stream, @Nullable String failure) {
    Relay r = relayOfStream(now, stream);
    if (r != null) {
      r.session.handleStreamClosed(now, failure);
      drainRelay(now, r);
      afterInput(now);
    }
  }

  private @Nullable Relay relayOfStream(long now, int stream) {
    this.now = now;
    if (closed || stream == 0) {
      return null;
    }
    for (Relay r : relays) {
      if (r.stream == stream) {
        return r;
      }
    }
    return null;
  }

  /** The next deadline (absolute monotonic nanos), or {@link Long#MAX_VALUE} when idle. */
  public long pollTimeout() {
    if (closed) {
      return Long.MAX_VALUE;
    }
    long t = nextCheckAt;
    for (Outgoing o : transactions.values()) {
      t = Math.min(t, o.nextExpiry());
    }
    for (Relay r : relays) {
      t = Math.min(t, r.session.pollTimeout());
    }
    if (role == IceRole.CONTROLLING && gen.nominating == null && !nominatedIn(gen)
        && gen.firstValidAt != Long.MAX_VALUE && bestValid(gen) != null) {
      t = Math.min(t, gen.firstValidAt + timings.nominationDelay());
    }
    if (selected == null && !gen.remoteEnd && gen.lastRemoteCandidateAt != Long.MIN_VALUE && checklistExhausted(gen)
        && now < gen.lastRemoteCandidateAt + timings.failedTimeout()) {
      t = Math.min(t, gen.lastRemoteCandidateAt + timings.failedTimeout());
    }
    if (probing(gen)) {
      t = Math.min(t, gen.probeAt);
    }
    Selected s = selected;
    if (s != null && !s.consentExpired) {
      t = Math.min(t, nextConsentDue(s));
      t = Math.min(t, s.lastConsent + timings.failedTimeout());
      long disconnectAt = s.lastReceived + timings.disconnectedTimeout();
      if (now < disconnectAt) {
        t = Math.min(t, disconnectAt);
      }
    }
    return t;
  }

  // ------------------------------------------------------------------ gathering

  private void gatherOn(long now, Generation g, InetSocketAddress address) {
    InetAddress ip = address.getAddress();
    if (!gatherable(ip) || !g.gatheredSockets.add(address)) {
      return;
    }
    Integer rank = sockets.get(address);
    int localPreference = Priorities.localPreference(rank == null ? 0 : rank, ip, 0);
    IceCandidate c = new IceCandidate(Foundations.of(CandidateType.HOST, ip, null, "udp"), 1, "udp",
        Priorities.candidatePriority(CandidateType.HOST, localPreference, 1), address, CandidateType.HOST, null);
    LocalCandidate host = new LocalCandidate(c, address, localPreference);
    g.locals.add(host);
    reportLocal(g, host);
    if (pairable(host)) {
      for (IceCandidate r : g.remotes) {
        addPair(now, g, host, r);
      }
    }
    if (config.transportPolicy() == IceTransportPolicy.ALL) {
      for (IceServer server : config.servers()) {
        if (!server.isTurn() && sameFamily(server.address(), address)) {
          sendServerQuery(now, g, host, server);
        }
      }
    }
    for (IceServer server : config.servers()) {
      if (server.isTurn() && sameFamily(server.address(), address)) {
        startRelay(now, g, host, server);
      }
    }
  }

  private void startRelay(long now, Generation g, LocalCandidate host, IceServer server) {
    RelaySession.@Nullable Factory factory = relayFactory;
    if (factory == null) {
      LOG.log(DEBUG, () -> "ICE: no TURN client available; skipping " + server.url());
      return;
    }
    RelaySession session = factory.create(server, host.base(), random);
    Relay r = new Relay(g, host, server, session, session.protocol().stream() ? ++lastStreamId : 0);
    relays.add(r);
    r.session.allocate(now);
    drainRelay(now, r);
  }

  private void closeRelay(long now, Relay r) {
    relays.remove(r);
    r.session.close(now);
    moveRelayOutput(r);
  }

  /** Moves a relay session's datagrams (UDP) or stream actions (TCP/TLS, given the relay's stream id) out. */
  private void moveRelayOutput(Relay r) {
    for (Datagram d; (d = r.session.pollTransmit()) != null; ) {
      transmits.add(d);
    }
    for (RelaySession.StreamOutput o; (o = r.session.pollStreamOutput()) != null; ) {
      streamCommands.add(switch (o) {
        case RelaySession.StreamOutput.Open open ->
            new StreamCommand.Open(r.stream, open.localIp(), open.server(), open.tls(), open.serverName());
        case RelaySession.StreamOutput.Write w -> new StreamCommand.Write(r.stream, w.bytes());
        case RelaySession.StreamOutput.Close c -> new StreamCommand.Close(r.stream);
      });
    }
  }

  /** Moves a relay session's transmits out and acts on its events. */
  private void drainRelay(long now, Relay r) {
    moveRelayOutput(r);
    RelaySession.Event e;
    while (relays.contains(r) && (e = r.session.pollEvent()) != null) {
      switch (e) {
        case RelaySession.Event.Allocated a -> onRelayAllocated(now, r, a);
        case RelaySession.Event.Failed f -> {
          r.finished = true;
          if (r.candidate == null) {
            events.add(new IceEvent.CandidateError(r.host.base(), r.server.url(), f.errorCode(), f.errorText()));
          } else {
            // A lost allocation is not a gathering error; its pairs fail through consent/checks.
            LOG.log(DEBUG, () -> "ICE: TURN allocation at " + r.server.url() + " lost: " + f.errorCode());
          }
        }
        case RelaySession.Event.PeerData pd -> {
          LocalCandidate c = r.candidate;
          if (c != null) {
            demux(now, new Datagram(pd.peer(), c.base(), pd.data()), false);
          }
        }
      }
      moveRelayOutput(r);
    }
  }

  private void onRelayAllocated(long now, Relay r, RelaySession.Event.Allocated a) {
    r.finished = true;
    Generation g = r.gen;
    if (r.candidate != null) {
      return;
    }
    InetSocketAddress relayed = a.relayed();
    Integer rank = sockets.get(r.host.base());
    RelayProtocol protocol = r.session.protocol();
    // Chrome's relay preference: UDP 2, TCP 1, TLS 0.
    int lp = Priorities.localPreference(rank == null ? 0 : rank, relayed.getAddress(), protocol.localPreference());
    // The candidate's transport is UDP whatever the server leg is; the foundation tells the legs
    // apart, as Chrome's does, so that a TCP and a UDP allocation on one server freeze separately.
    String foundationProtocol = protocol == RelayProtocol.UDP ? "udp" : "udp|" + protocol.w3cName();
    IceCandidate c = new IceCandidate(
        Foundations.of(CandidateType.RELAY, r.host.base().getAddress(), r.server.address().getAddress(), foundationProtocol),
        1, "udp", Priorities.candidatePriority(CandidateType.RELAY, lp, 1), relayed, CandidateType.RELAY, a.mapped());
    // RFC 8445 §5.1.1.2: the base of a relayed candidate is the candidate itself.
    LocalCandidate relay = new LocalCandidate(c, relayed, lp, r.server.url(), protocol);
    r.candidate = relay;
    g.locals.add(relay);
    reportLocal(g, relay);
    // Over TCP/TLS the mapped address is the stream's, not a UDP server-reflexive candidate.
    if (config.transportPolicy() == IceTransportPolicy.ALL && protocol == RelayProtocol.UDP) {
      addServerReflexive(g, r.host, a.mapped(), r.server);
    }
    for (IceCandidate remote : g.remotes) {
      addPair(now, g, relay, remote);
    }
  }

  private @Nullable Relay relayOf(InetSocketAddress relayedBase) {
    for (Relay r : relays) {
      LocalCandidate c = r.candidate;
      if (c != null && c.base().equals(relayedBase)) {
        return r;
      }
    }
    return null;
  }

  /** The loopback/link-local filtering policy; the wildcard address is never a candidate. */
  private boolean gatherable(InetAddress ip) {
    return !ip.isAnyLocalAddress() && (!ip.isLoopbackAddress() || config.gatherLoopback())
        && (!ip.isLinkLocalAddress() || config.gatherLinkLocal());
  }

  private void reportLocal(Generation g, LocalCandidate lc) {
    if (g.gathering && signalled(lc)) {
      events.add(localCandidateEvent(g, lc));
    }
  }

  private static IceEvent.LocalCandidate localCandidateEvent(Generation g, LocalCandidate lc) {
    return new IceEvent.LocalCandidate(lc.candidate(), g.local.ufrag(), lc.url(), lc.relayProtocol());
  }

  /** Whether a local candidate is signalled under the transport policy. */
  private boolean signalled(LocalCandidate lc) {
    return switch (lc.type()) {
      case HOST, SRFLX -> config.transportPolicy() == IceTransportPolicy.ALL;
      case RELAY -> true;
      case PRFLX -> false;
    };
  }

  /**
   * Whether a local candidate forms pairs: RFC 8445 §6.1.2.4 replaces a server-reflexive local
   * candidate by its base, which makes its pairs redundant with the host's, so only host (policy
   * all) or relay candidates pair.
   */
  private boolean pairable(LocalCandidate lc) {
    return switch (lc.type()) {
      case HOST -> config.transportPolicy() == IceTransportPolicy.ALL;
      case RELAY -> true;
      case SRFLX, PRFLX -> false;
    };
  }

  private void sendServerQuery(long now, Generation g, LocalCandidate host, IceServer server) {
    Bytes tid = randomTransactionId();
    ByteBuffer bytes = stun.encode(IceStunMessage.bindingRequest(tid, null, 0, false, null, null), null);
    Datagram d = new Datagram(host.base(), server.address(), bytes);
    // RFC 8489 §6.2.1: RTO doubling per retransmission, Rc transmissions; the back-off is capped
    // at Rm*RTO (Rm = 16) so the last wait is the RFC's.
    Timer t = new Timer("stun-server", timings.stunRto(), Timer.Backoff.EXPONENTIAL, timings.stunMaxTransmissions() - 1,
        timings.stunRto() * 16);
    t.start(now);
    transactions.put(tid, new ServerTx(g, host, server, t, d));
    send(d);
  }

  private void onServerResponse(Generation g, ServerTx s, IceStunMessage m) {
    if (m.kind() == IceStunMessage.Kind.ERROR) {
      events.add(new IceEvent.CandidateError(s.host().base(), s.server().url(), m.errorCode(), m.errorReason()));
      return;
    }
    InetSocketAddress mapped = m.mappedAddress();
    if (mapped == null) {
      counters.malformed++;
      events.add(new IceEvent.CandidateError(s.host().base(), s.server().url(), 701, "no XOR-MAPPED-ADDRESS in the response"));
      return;
    }
    if (g != gen || !g.locals.contains(s.host())) {
      return;
    }
    addServerReflexive(g, s.host(), mapped, s.server());
  }

  private void addServerReflexive(Generation g, LocalCandidate host, InetSocketAddress mapped, IceServer server) {
    // RFC 8445 §5.1.3: a candidate equal to its base (no NAT) is redundant, and so is a second one
    // with the same address and base.
    if (mapped.equals(host.address())) {
      return;
    }
    for (LocalCandidate lc : g.locals) {
      if (lc.type() == CandidateType.SRFLX && lc.address().equals(mapped) && lc.base().equals(host.base())) {
        return;
      }
    }
    int lp = host.localPreference();
    IceCandidate c = new IceCandidate(
        Foundations.of(CandidateType.SRFLX, host.base().getAddress(), server.address().getAddress(), "udp"), 1,
        "udp", Priorities.candidatePriority(CandidateType.SRFLX, lp, 1), mapped, CandidateType.SRFLX, host.base());
    LocalCandidate srflx = new LocalCandidate(c, host.base(), lp, server.url(), null);
    g.locals.add(srflx);
    reportLocal(g, srflx);
  }

  // ------------------------------------------------------------------ remote candidates, pairs

  private void addResolvedRemote(long now, Generation g, IceCandidate c) {
    for (int i = 0; i < g.remotes.size(); i++) {
      IceCandidate existing = g.remotes.get(i);
      if (existing.address().equals(c.address())) {
        if (existing.type() == CandidateType.PRFLX && c.type() != CandidateType.PRFLX) {
          // RFC 8838 §11.4: the signalled candidate replaces the peer-reflexive one learned from
          // a check; the pair keeps its state.
          g.remotes.set(i, c);
          for (Pair p : g.checklist.pairs()) {
            if (p.remote == existing) {
              p.remote = c;
            }
          }
          for (Pair p : g.validOnly) {
            if (p.remote == existing) {
              p.remote = c;
            }
          }
          g.checklist.recomputePriorities(role);
        }
        return;
      }
    }
    g.remotes.add(c);
    g.lastRemoteCandidateAt = now;
    for (LocalCandidate lc : List.copyOf(g.locals)) {
      if (pairable(lc)) {
        addPair(now, g, lc, c);
      }
    }
  }

  private void addPair(long now, Generation g, LocalCandidate local, IceCandidate remote) {
    // RFC 8445 §6.1.2.2: pair only candidates of the same address family.
    if (!sameFamily(local.base(), remote.address()) || nominatedIn(g)) {
      return;
    }
    Pair p = g.checklist.add(new Pair(local, remote, role));
    if (p != null && p.state instanceof PairState.Waiting) {
      wakeChecks(now);
    }
  }

  private void wakeChecks(long now) {
    if (nextCheckAt == Long.MAX_VALUE) {
      // The first check goes out at once, the following ones Ta apart.
      nextCheckAt = Math.max(now, lastCheckAt + timings.ta());
    }
  }

  private static boolean sameFamily(InetSocketAddress a, InetSocketAddress b) {
    return (a.getAddress() instanceof Inet4Address) == (b.getAddress() instanceof Inet4Address);
  }

  private @Nullable Pair bestValid(Generation g) {
    Pair best = null;
    for (Pair p : g.checklist.pairs()) {
      Pair v = p.validPair;
      if (p.state instanceof PairState.Succeeded && v != null && v.valid && (best == null || v.priority > best.priority)) {
        best = v;
      }
    }
    return best;
  }

  private List<Generation> generations() {
    Generation o = oldGen;
    return o == null ? List.of(gen) : List.of(gen, o);
  }

  // ------------------------------------------------------------------ checks

  private Bytes randomTransactionId() {
    byte[] id = new byte[12];
    random.nextBytes(id);
    return Bytes.wrapOwned(id);
  }

  private void sendCheck(long now, Generation g, Pair p, Purpose purpose, boolean useCandidate) {
    IceCredentials remote = Objects.requireNonNull(g.remote, "remote credentials");
    Bytes tid = randomTransactionId();
    // RFC 8445 §7.1.1: PRIORITY is the priority a peer-reflexive candidate learned from this
    // check would get: type preference 110 with the local candidate's local preference.
    long prflxPriority = Priorities.candidatePriority(CandidateType.PRFLX, p.local.localPreference(), 1);
    IceStunMessage m = IceStunMessage.bindingRequest(tid, remote.ufrag() + ":" + g.local.ufrag(), prflxPriority,
        useCandidate, role == IceRole.CONTROLLING ? tieBreaker : null, role == IceRole.CONTROLLED ? tieBreaker : null);
    Datagram d = new Datagram(p.local.base(), p.remote.address(), stun.encode(m, remote.pwd()));
    int transmissions = purpose == Purpose.CONSENT ? Math.min(3, timings.checkMaxTransmissions()) : timings.checkMaxTransmissions();
    Timer t = new Timer(purpose.name().toLowerCase(java.util.Locale.ROOT), timings.checkRto(), Timer.Backoff.EXPONENTIAL,
        transmissions - 1, timings.checkRtoMax());
    t.start(now);
    if (purpose == Purpose.CHECK) {
      if (p.state instanceof PairState.InProgress old) {
        cancelCheck(old.transactionId());
      }
      p.state = new PairState.InProgress(tid);
    }
    long timesOutAt = now + scheduleLength(timings.checkRto(), timings.checkRtoMax(), transmissions);
    transactions.put(tid, new CheckTx(g, p, purpose, useCandidate, role, prflxPriority, t, d, now, timesOutAt));
    lastTransactionId = tid;
    p.requestsSent++;
    milestones.reach(g.local.ufrag(), useCandidate ? Milestone.NOMINATION_SENT : Milestone.CHECK_SENT);
    send(d);
  }

  /** How long a transaction of {@code transmissions} takes to time out: RTO doubling up to the cap. */
  private static long scheduleLength(long rto, long rtoMax, int transmissions) {
    long total = 0;
    long wait = rto;
    for (int i = 0; i < transmissions; i++) {
      total += wait;
      wait = Math.min(rtoMax, wait * 2);
    }
    return total;
  }

  /** Cancels our check transaction {@code tid} if it is still outstanding (see {@link CheckTx}). */
  private void cancelCheck(Bytes tid) {
    if (transactions.get(tid) instanceof CheckTx c) {
      c.cancel();
    }
  }

  private void send(Datagram d) {
    emit(new Datagram(d.source(), d.destination(), d.payload().duplicate()));
  }

  /** Queues a datagram; one that leaves from a relayed candidate goes through its TURN session. */
  private void emit(Datagram d) {
    Relay r = relayOf(d.source());
    if (r == null) {
      transmits.add(d);
      return;
    }
    if (!r.session.send(now, d.destination(), d.payload())) {
      LOG.log(DEBUG, () -> "ICE: TURN session dropped a datagram to " + Pii.of(d.destination()));
    }
    moveRelayOutput(r);
  }

  private void onTransactionTimer(long now, Bytes tid, Outgoing o) {
    if (o instanceof CheckTx c && c.cancelled()) {
      // A cancelled check waited out its timeout: its lack of response is no failure (§7.3.1.4).
      transactions.remove(tid);
      return;
    }
    Timer t = o.timer();
    t.expire(now);
    if (!t.isExhausted()) {
      LOG.log(DEBUG, () -> "ICE: " + t.name() + " retransmit timer fired, resending to " + Pii.of(o.datagram().destination()));
      send(o.datagram());
      if (o instanceof CheckTx c) {
        c.pair().requestsSent++;
      }
      return;
    }
    transactions.remove(tid);
    switch (o) {
      case CheckTx c -> {
        LOG.log(DEBUG, () -> "ICE: " + t.name() + " timed out after " + t.expirations() + " transmissions on " + c.pair());
        switch (c.purpose()) {
          case CHECK -> {
            if (c.pair().state instanceof PairState.InProgress ip && ip.transactionId().equals(tid)) {
              c.pair().state = PairState.FAILED;
              wakeChecks(now); // Frozen pairs may be next (RFC 8445 §6.1.4.2)
            }
          }
          case NOMINATION -> failNomination(c, true);
          case PROBE -> failNomination(c, false);
          case CONSENT -> { /* consent expiry is time-based (consentTick) */ }
        }
      }
      case ServerTx s -> {
        LOG.log(DEBUG, () -> "ICE: STUN server " + s.server().url() + " did not answer");
        events.add(new IceEvent.CandidateError(s.host().base(), s.server().url(), 701,
            "STUN server did not answer after " + timings.stunMaxTransmissions() + " transmissions"));
      }
    }
  }

  /**
   * The nominating check (or the controlled agent's probe, which is the same kind of repeated
   * check) failed. It repeated the check of the checklist pair that produced the
   * valid pair (RFC 8445 §8.1.1), so that checklist pair fails with it (§7.2.5.2.1 / §7.2.5.4:
   * no response fails the pair), not only the valid pair: the peer's later checks on that 5-tuple
   * then find a Failed pair and trigger a new check (§7.3.1.4), which makes the pair valid again.
   *
   * @param timedOut no response at all: the peer may still have accepted the nomination
   */
  private void failNomination(CheckTx c, boolean timedOut) {
    Generation g = c.gen();
    Pair valid = c.pair();
    valid.valid = false;
    boolean inChecklist = false;
    for (Pair p : g.checklist.pairs()) {
      if (p == valid || p.validPair == valid) {
        inChecklist |= p == valid;
        if (p.state instanceof PairState.Succeeded) {
          p.state = PairState.FAILED;
        }
      }
    }
    if (!inChecklist) {
      valid.state = PairState.FAILED;
    }
    if (timedOut) {
      g.unconfirmedNominations.add(valid);
    }
    if (g.nominating == valid) {
      g.nominating = null;
    }
    wakeChecks(now); // Frozen pairs may be next (RFC 8445 §6.1.4.2)
  }

  private void handleStun(long now, Datagram in, ByteBuffer buf) {
    IceStunMessage m;
    try {
      m = stun.decode(buf.duplicate());
    } catch (MalformedPacketException e) {
      counters.malformed++;
      LOG.log(DEBUG, () -> "ICE: dropping malformed STUN from " + Pii.of(in.source()) + ": " + e.getMessage());
      return;
    }
    if (!m.binding()) {
      counters.notIce++;
      LOG.log(DEBUG, () -> "ICE: dropping non-Binding STUN message from " + Pii.of(in.source()));
      return;
    }
    switch (m.kind()) {
      case REQUEST -> handleRequest(now, in, buf, m);
      case SUCCESS, ERROR -> handleResponse(now, in, buf, m);
      case INDICATION -> noteReceived(now, in); // RFC 8445 §11: Binding indications are keepalives
    }
  }

  /** RFC 8445 §7.3: an incoming connectivity check. */
  private void handleRequest(long now, Datagram in, ByteBuffer buf, IceStunMessage m) {
    String username = m.username();
    int colon = username == null ? -1 : username.indexOf(':');
    if (username == null || colon < 0) {
      counters.unknownUsername++;
      LOG.log(DEBUG, () -> "ICE: dropping Binding request without a valid USERNAME from " + Pii.of(in.source()));
      return;
    }
    String localUfrag = username.substring(0, colon);
    String remoteUfrag = username.substring(colon + 1);
    Generation g = localUfrag.equals(gen.local.ufrag()) ? gen
        : oldGen != null && localUfrag.equals(oldGen.local.ufrag()) ? oldGen : null;
    if (g == null) {
      counters.unknownUsername++;
      LOG.log(DEBUG, () -> "ICE: dropping Binding request for unknown ufrag " + Pii.of(localUfrag));
      return;
    }
    // RFC 8445 §7.3: the request is authenticated with the local password, known even before the
    // remote credentials arrive.
    if (!stun.authenticated(buf, g.local.pwd())) {
      counters.badIntegrity++;
      LOG.log(DEBUG, () -> "ICE: dropping Binding request with bad MESSAGE-INTEGRITY from " + Pii.of(in.source()));
      return;
    }
    IceCredentials remote = g.remote;
    if (remote != null && !remote.ufrag().equals(remoteUfrag)) {
      counters.unknownUsername++;
      LOG.log(DEBUG, () -> "ICE: dropping Binding request from remote ufrag " + Pii.of(remoteUfrag) + " of another generation");
      return;
    }
    boolean viaRelay = relayOf(in.destination()) != null;
    if (!viaRelay && (!sockets.containsKey(in.destination()) || config.transportPolicy() == IceTransportPolicy.RELAY)) {
      // Under policy relay a host socket never answers: that would reveal its address.
      counters.unknownSource++;
      return;
    }
    if (g == gen && roleConflict(now, in, m, g)) {
      return;
    }
    // RFC 8445 §7.3.1.2: the success response carries the source as XOR-MAPPED-ADDRESS.
    ByteBuffer response = stun.encode(IceStunMessage.bindingSuccess(m.transactionId(), in.source()), g.local.pwd());
    emit(new Datagram(in.destination(), in.source(), response));
    noteReceived(now, in);
    if (g != gen) {
      return; // the old generation only answers, for consent on the old selected pair
    }
    IceCandidate remoteCandidate = null;
    for (IceCandidate c : g.remotes) {
      if (c.address().equals(in.source())) {
        remoteCandidate = c;
        break;
      }
    }
    if (remoteCandidate == null) {
      if (m.priority() < 1 || m.priority() > 0x7fffffffL) {
        counters.malformed++;
        return;
      }
      boolean nomination = role == IceRole.CONTROLLED && m.useCandidate();
      if ((g.prflxCount >= maxPeerReflexive() && !nomination) || g.remotes.size() >= 2 * timings.maxPairs()) {
        // Bounded: a peer behind a NAT that maps every destination anew would otherwise make a
        // new candidate, pair and triggered check for every check it sends, without end. The
        // request was answered; it just teaches nothing more. A nomination (USE-CANDIDATE, sent
        // once per nominated pair) still gets its pair, or the controlled side could never follow.
        counters.unknownSource++;
        return;
      }
      // RFC 8445 §7.3.1.3: a peer-reflexive remote candidate, with the PRIORITY of the request
      // and a foundation unlike any other.
      remoteCandidate = new IceCandidate("prflx" + (++g.prflxCount), 1, "udp", m.priority(), in.source(),
          CandidateType.PRFLX, null);
      g.remotes.add(remoteCandidate);
      g.lastRemoteCandidateAt = now;
      IceCandidate learned = remoteCandidate;
      LOG.log(DEBUG, () -> "ICE: learned remote peer-reflexive candidate " + learned);
    }
    LocalCandidate local = null;
    for (LocalCandidate lc : g.locals) {
      if (lc.base().equals(in.destination()) && pairable(lc)) {
        local = lc;
        break;
      }
    }
    if (local == null || !sameFamily(local.base(), in.source())) {
      return;
    }
    Pair p = g.checklist.find(local.base(), in.source());
    if (p == null) {
      p = g.checklist.add(new Pair(local, remoteCandidate, role));
      if (p == null) {
        return;
      }
    }
    p.requestsReceived++;
    p.responsesSent++;
    milestones.reach(g.local.ufrag(), m.useCandidate() ? Milestone.NOMINATION_RECEIVED : Milestone.CHECK_RECEIVED);
    // RFC 8445 §7.3.1.4 triggered checks.
    switch (p.state) {
      case PairState.Succeeded ok -> { }
      case PairState.InProgress ip -> {
        // "the agent cancels the In-Progress transaction ... In addition, the agent MUST enqueue
        // the pair in the triggered checklist ... and set the state of the pair to Waiting": the
        // peer just proved the path works one way, so a fresh check (with a fresh retransmission
        // schedule) goes out at once instead of waiting out the backed-off retransmissions.
        cancelCheck(ip.transactionId());
        g.checklist.trigger(p);
        wakeChecks(now);
      }
      case PairState.Frozen f -> { g.checklist.trigger(p); wakeChecks(now); }
      case PairState.Waiting w -> { g.checklist.trigger(p); wakeChecks(now); }
      case PairState.Failed x -> { g.checklist.trigger(p); wakeChecks(now); }
    }
    // RFC 8445 §7.3.1.5: "If the state of that pair is Succeeded, ... the agent sets the
    // nominated flag"; otherwise it is nominated when its check succeeds.
    if (role == IceRole.CONTROLLED && m.useCandidate()) {
      if (p.state instanceof PairState.Succeeded && p.validPair != null) {
        nominate(now, g, p.validPair);
      } else {
        p.nominateOnSuccess = true;
      }
    }
  }

  /**
   * RFC 8445 §7.3.1.1. Returns true when the request was answered with 487 and needs no further
   * processing.
   */
  private boolean roleConflict(long now, Datagram in, IceStunMessage m, Generation g) {
    Long theirs = role == IceRole.CONTROLLING ? m.iceControlling() : m.iceControlled();
    if (theirs == null) {
      return false;
    }
    counters.roleConflicts++;
    boolean oursWins = Long.compareUnsigned(tieBreaker, theirs) >= 0;
    // Controlling: "If the agent's tiebreaker value is larger than or equal to the contents of the
    // ICE-CONTROLLING attribute, the agent generates a Binding error response ... 487". Controlled:
    // "If the agent's tiebreaker value is larger than or equal to the contents of the
    // ICE-CONTROLLED attribute, the agent switches to the controlling role."
    boolean reject = role == IceRole.CONTROLLING ? oursWins : !oursWins;
    if (reject) {
      LOG.log(DEBUG, () -> "ICE: role conflict, answering 487 to " + Pii.of(in.source()));
      ByteBuffer error = stun.encode(IceStunMessage.bindingError(m.transactionId(), ROLE_CONFLICT, "Role Conflict"),
          g.local.pwd());
      emit(new Datagram(in.destination(), in.source(), error));
      return true;
    }
    switchRole(role.opposite());
    return false;
  }

  /** At most this many peer-reflexive remote candidates per generation (a quarter of the checklist). */
  private int maxPeerReflexive() {
    return Math.max(8, timings.maxPairs() / 4);
  }

  private void switchRole(IceRole newRole) {
    if (role == newRole) {
      return;
    }
    LOG.log(DEBUG, () -> "ICE: switching role to " + newRole);
    role = newRole;
    for (Generation g : generations()) {
      g.checklist.recomputePriorities(newRole);
      for (Pair p : g.validOnly) {
        p.updatePriority(newRole);
      }
      g.nominating = null;
    }
    events.add(new IceEvent.RoleChanged(newRole));
  }

  /** RFC 8445 §7.2.5: a response to one of our Binding requests. */
  private void handleResponse(long now, Datagram in, ByteBuffer buf, IceStunMessage m) {
    Outgoing o = transactions.get(m.transactionId());
    if (o == null) {
      counters.unknownTransaction++;
      LOG.log(DEBUG, () -> "ICE: dropping STUN response for an unknown transaction from " + Pii.of(in.source()));
      return;
    }
    switch (o) {
      case ServerTx s -> {
        if (!in.source().equals(s.server().address()) || !in.destination().equals(s.host().base())) {
          counters.unknownSource++;
          return;
        }
        transactions.remove(m.transactionId());
        onServerResponse(s.gen(), s, m);
      }
      case CheckTx c -> onCheckResponse(now, in, buf, m, c);
    }
  }

  private void onCheckResponse(long now, Datagram in, ByteBuffer buf, IceStunMessage m, CheckTx c) {
    Generation g = c.gen();
    IceCredentials remote = Objects.requireNonNull(g.remote);
    // RFC 8445 §7.2.5.1 / RFC 8489 §9.1.4: a response that does not authenticate is discarded as
    // if never received; the transaction goes on.
    if (!stun.authenticated(buf, remote.pwd())) {
      counters.badIntegrity++;
      LOG.log(DEBUG, () -> "ICE: dropping Binding response with bad MESSAGE-INTEGRITY from " + Pii.of(in.source()));
      return;
    }
    transactions.remove(m.transactionId());
    Pair pair = c.pair();
    if (m.kind() == IceStunMessage.Kind.SUCCESS) {
      pair.responsesReceived++;
      if (c.timer().expirations() == 0) {
        // Karn: only a request sent once gives an unambiguous sample.
        long rtt = now - c.sentAt();
        pair.currentRtt = rtt;
        pair.totalRtt += rtt;
        pair.rttSamples++;
      }
    }
    // RFC 8445 §7.2.5.2.1: "The ICE agent MUST check that the source and destination transport
    // addresses in the Binding request and response are symmetric."
    if (!in.source().equals(c.datagram().destination()) || !in.destination().equals(c.datagram().source())) {
      counters.unknownSource++;
      if (c.purpose() != Purpose.CONSENT) {
        failPair(c, m.transactionId());
      }
      return;
    }
    noteReceived(now, in);
    if (m.kind() == IceStunMessage.Kind.ERROR) {
      if (m.errorCode() == ROLE_CONFLICT && c.purpose() != Purpose.CONSENT) {
        // RFC 8445 §7.2.5.1: "the agent MUST switch to the controlled role if it sent
        // ICE-CONTROLLING, or to the controlling role if it sent ICE-CONTROLLED", then retry.
        if (c.roleSent() == role) {
          switchRole(role.opposite());
        }
        if (c.purpose() == Purpose.NOMINATION && g.nominating == pair) {
          g.nominating = null;
        }
        if (g.checklist.pairs().contains(pair)) {
          g.checklist.trigger(pair);
          wakeChecks(now);
        }
      } else if (c.purpose() != Purpose.CONSENT) {
        LOG.log(DEBUG, () -> "ICE: check failed with " + m.errorCode() + " on " + pair);
        failPair(c, m.transactionId());
      }
      return;
    }
    if (c.purpose() == Purpose.CONSENT) {
      consentGranted(now, pair);
      return;
    }
    InetSocketAddress mapped = m.mappedAddress() != null ? m.mappedAddress() : pair.local.address();
    Pair valid = validPairFor(g, pair, mapped, c.prflxPriority());
    pair.state = PairState.SUCCEEDED;
    pair.validPair = valid;
    milestones.reach(g.local.ufrag(), Milestone.CHECK_SUCCEEDED);
    // Other checks of this pair (a cancelled one answered late, or the triggered one after it)
    // have nothing left to find out: no more retransmissions.
    for (Outgoing o : transactions.values()) {
      if (o instanceof CheckTx other && other.pair() == pair && other.purpose() == Purpose.CHECK) {
        other.cancel();
      }
    }
    valid.state = PairState.SUCCEEDED;
    valid.valid = true;
    valid.validPair = valid;
    g.checklist.unfreeze(pair.foundation());
    if (g.firstValidAt == Long.MAX_VALUE) {
      g.firstValidAt = now;
    }
    if (g.probeAt == Long.MAX_VALUE) {
      g.probeAt = now + probeInterval();
    }
    consentGranted(now, valid);
    if (c.purpose() == Purpose.NOMINATION) {
      if (g.nominating == pair) {
        g.nominating = null;
      }
      if (c.useCandidate() && c.roleSent() == IceRole.CONTROLLING && role == IceRole.CONTROLLING) {
        g.unconfirmedNominations.remove(valid);
        nominate(now, g, valid);
      }
    } else if (role == IceRole.CONTROLLED && (pair.nominateOnSuccess || valid.nominateOnSuccess)) {
      nominate(now, g, valid);
    }
    wakeChecks(now);
  }

  private void failPair(CheckTx c, Bytes tid) {
    wakeChecks(now);
    switch (c.purpose()) {
      case CHECK -> {
        // Only the pair's current check decides its state; a cancelled one was superseded.
        if (c.pair().state instanceof PairState.InProgress ip && ip.transactionId().equals(tid)) {
          c.pair().state = PairState.FAILED;
        }
      }
      case NOMINATION, PROBE -> failNomination(c, false);
      case CONSENT -> { }
    }
  }

  /**
   * RFC 8445 §7.2.5.3.2: the valid pair is the checked pair when the mapped address is its local
   * candidate, else the pair of the local candidate with that address (a peer-reflexive one is
   * made when none exists, §7.2.5.3.1) and the same remote candidate.
   */
  private Pair validPairFor(Generation g, Pair checked, InetSocketAddress mapped, long prflxPriority) {
    if (mapped.equals(checked.local.address())) {
      return checked;
    }
    LocalCandidate local = null;
    for (LocalCandidate lc : g.locals) {
      if (lc.address().equals(mapped) && lc.base().equals(checked.local.base())) {
        local = lc;
        break;
      }
    }
    if (local == null) {
      IceCandidate c = new IceCandidate(Foundations.of(CandidateType.PRFLX, checked.local.base().getAddress(), null, "udp"),
          1, "udp", prflxPriority, mapped, CandidateType.PRFLX, checked.local.base());
      local = new LocalCandidate(c, checked.local.base(), checked.local.localPreference());
      g.locals.add(local); // RFC 8445 §7.2.5.3.1: peer-reflexive local candidates are not signalled
      LocalCandidate learned = local;
      LOG.log(DEBUG, () -> "ICE: learned local peer-reflexive candidate " + learned.candidate());
    }
    for (Pair p : g.validOnly) {
      if (p.local == local && p.remote.address().equals(checked.remote.address())) {
        return p;
      }
    }
    Pair p = new Pair(local, checked.remote, role);
    g.validOnly.add(p);
    return p;
  }

  private void maybeNominate(long now) {
    Generation g = gen;
    if (role != IceRole.CONTROLLING || g.remote == null || g.nominating != null) {
      return;
    }
    if (nominatedIn(g)) {
      confirmEarlierNomination(now, g);
      return;
    }
    Pair best = bestValid(g);
    if (best == null) {
      return;
    }
    // Regular nomination (RFC 8445 §8.1.1): nominate the best valid pair once no better pair can
    // still succeed, or after the nomination delay.
    if (g.checklist.hasPendingAbove(best.priority) && now < g.firstValidAt + timings.nominationDelay()) {
      return;
    }
    LOG.log(DEBUG, () -> "ICE: nominating " + best);
    g.nominating = best;
    sendCheck(now, g, best, Purpose.NOMINATION, true);
  }

  /**
   * The controlling agent selected a pair after an earlier, higher-priority nomination went
   * unanswered. The peer may have accepted that one, and with two nominations it keeps the
   * higher-priority pair (RFC 8445 §8.1.1: "the agents MUST produce the selected pairs and use the
   * pairs with the highest priority"), so the sides would send on different pairs. Once that pair
   * is valid again (the peer's checks on it trigger ours, §7.3.1.4), its nomination is repeated:
   * a success means it is nominated on both sides and this side moves to it too. This completes
   * the first nomination rather than nominating another pair (§8.1.1 forbids that only after a
   * successful nomination); it happens at most once per unconfirmed pair and only upwards.
   */
  private void confirmEarlierNomination(long now, Generation g) {
    Selected s = Objects.requireNonNull(selected);
    Pair best = null;
    for (Pair v : g.unconfirmedNominations) {
      if (v.valid && v.priority > s.pair.priority && (best == null || v.priority > best.priority)) {
        best = v;
      }
    }
    if (best == null) {
      return;
    }
    Pair confirm = best;
    LOG.log(DEBUG, () -> "ICE: repeating the unanswered nomination of " + confirm);
    g.nominating = confirm;
    sendCheck(now, g, confirm, Purpose.NOMINATION, true);
  }

  private void nominate(long now, Generation g, Pair pair) {
    pair.nominated = true;
    Selected s = selected;
    // §8.1.1: with more than one nominated pair, both sides use the highest-priority one.
    if (s != null && s.gen == g && (pair.priority <= s.pair.priority || s.pair == pair)) {
      return;
    }
    selected = new Selected(g, pair, now, jitteredConsentInterval());
    LOG.log(DEBUG, () -> "ICE: selected " + pair);
    milestones.reach(g.local.ufrag(), Milestone.SELECTED);
    g.checklist.removeUnstarted();
    if (g == gen && oldGen != null) {
      Generation dropped = oldGen;
      transactions.values().removeIf(o -> o.gen() == dropped);
      for (Relay r : List.copyOf(relays)) {
        if (r.gen == dropped) {
          closeRelay(now, r);
        }
      }
      oldGen = null;
    }
    events.add(new IceEvent.SelectedPairChanged(pair.view()));
    Relay relay = relayOf(pair.local.base());
    if (relay != null) {
      relay.session.preferChannel(now, pair.remote.address());
      moveRelayOutput(relay);
    }
  }

  // ------------------------------------------------------------------ waiting for a nomination

  /**
   * How often the controlled agent re-checks its best valid pair while no nomination arrives:
   * half the disconnected timeout, the cadence of the idle consent probe.
   */
  private long probeInterval() {
    return timings.disconnectedTimeout() / 2;
  }

  /** The controlled agent has a valid pair but nothing nominated: it probes (see {@link #probeTick}). */
  private boolean probing(Generation g) {
    return role == IceRole.CONTROLLED && g.remote != null && !nominatedIn(g) && g.probeAt != Long.MAX_VALUE
        && (g.probeTransaction == null || !transactions.containsKey(g.probeTransaction)) && bestValid(g) != null;
  }

  /**
   * Beyond RFC 8445, which has the controlled agent wait for a nomination without sending
   * anything once its check of a pair succeeded: it repeats the check of its best valid pair
   * every {@link #probeInterval()} until a nomination arrives. Under loss the controlling agent
   * may have failed its own check of the very pair (all its transmissions lost) while ours
   * succeeded; nothing in RFC 8445 would then ever reach it again, and it ends failed while we
   * wait for ever. Our repeated check arrives on its Failed (or In-Progress) pair and triggers a
   * new check there (§7.3.1.4), so it recovers. A probe that times out fails the pair like any
   * check (§7.2.5.2), so we also conclude failed when the path is really gone instead of staying
   * checking. A successful probe is an ordinary successful check.
   */
  private void probeTick(long now) {
    Generation g = gen;
    if (!probing(g) || now < g.probeAt) {
      return;
    }
    Pair v = Objects.requireNonNull(bestValid(g));
    LOG.log(DEBUG, () -> "ICE: no nomination yet: probing " + v);
    g.probeAt = now + probeInterval();
    sendCheck(now, g, v, Purpose.PROBE, false);
    g.probeTransaction = lastTransactionId;
  }

  // ------------------------------------------------------------------ consent (RFC 7675)

  private long jitteredConsentInterval() {
    // RFC 7675 §5.1: "randomized with a uniform distribution ... 0.8 and 1.2 times the basic period".
    return (long) (timings.consentInterval() * random.nextDouble(0.8, 1.2));
  }

  /**
   * The next consent check: the jittered RFC 7675 interval after the last one, or earlier when the
   * pair has been silent for half the disconnected timeout (but at most every quarter of it), so
   * that an idle pair that is alive never looks disconnected.
   */
  private long nextConsentDue(Selected s) {
    long regular = s.lastConsentSent + s.consentInterval;
    long probe = Math.max(s.lastReceived + timings.disconnectedTimeout() / 2, s.lastConsentSent + timings.disconnectedTimeout() / 4);
    return Math.min(regular, probe);
  }

  private void consentTick(long now) {
    Selected s = selected;
    if (s == null || s.consentExpired) {
      return;
    }
    if (now - s.lastConsent >= timings.failedTimeout()) {
      // RFC 7675 §5.1: consent expired; stop sending on the pair.
      LOG.log(DEBUG, () -> "ICE: consent timer fired: no consent for " + timings.failedTimeout() / 1_000_000 + " ms on " + s.pair);
      s.consentExpired = true;
      transactions.values().removeIf(o -> o instanceof CheckTx c && c.purpose() == Purpose.CONSENT);
      return;
    }
    if (now >= nextConsentDue(s) && s.gen.remote != null) {
      LOG.log(DEBUG, () -> "ICE: consent timer fired: checking " + s.pair);
      sendCheck(now, s.gen, s.pair, Purpose.CONSENT, false);
      s.lastConsentSent = now;
      s.consentInterval = jitteredConsentInterval();
    }
  }

  private void consentGranted(long now, Pair pair) {
    Selected s = selected;
    if (s != null && s.pair == pair && !s.consentExpired) {
      s.lastConsent = now;
      s.lastReceived = now;
    }
  }

  private void noteReceived(long now, Datagram in) {
    Selected s = selected;
    if (s != null && s.pair.local.base().equals(in.destination()) && s.pair.remote.address().equals(in.source())) {
      s.lastReceived = now;
    }
  }

  // ------------------------------------------------------------------ application data

  private void handleAppData(long now, Datagram in, ByteBuffer buf, boolean owned) {
    Pair p = knownPair(in.destination(), in.source());
    if (p == null) {
      counters.unknownSource++;
      LOG.log(DEBUG, () -> "ICE: dropping " + buf.remaining() + " bytes from unknown " + Pii.of(in.source()));
      return;
    }
    noteReceived(now, in);
    p.packetsReceived++;
    p.bytesReceived += buf.remaining();
    ByteBuffer payload;
    if (owned) {
      payload = buf.slice();
    } else {
      // Borrowed: the caller may reuse the buffer once this returns, and the event outlives it.
      payload = ByteBuffer.allocate(buf.remaining());
      payload.put(buf.duplicate()).flip();
    }
    events.add(new IceEvent.AppData(p.view(), payload.asReadOnlyBuffer()));
  }

  private @Nullable Pair knownPair(InetSocketAddress local, InetSocketAddress remote) {
    Selected s = selected;
    if (s != null && s.pair.matches(local, remote)) {
      return s.pair;
    }
    for (Generation g : generations()) {
      Pair p = g.checklist.find(local, remote);
      if (p != null) {
        return p.validPair != null ? p.validPair : p;
      }
      for (Pair v : g.validOnly) {
        if (v.matches(local, remote)) {
          return v;
        }
      }
    }
    return null;
  }

  // ------------------------------------------------------------------ after each input

  private void afterInput(long now) {
    if (closed) {
      return;
    }
    maybeNominate(now);
    IceGatheringState gs = gatheringState();
    if (gs != reportedGathering) {
      if (gs == IceGatheringState.COMPLETE) {
        events.add(new IceEvent.EndOfCandidates(gen.local.ufrag()));
      }
      if (gs != IceGatheringState.NEW) {
        events.add(new IceEvent.GatheringStateChanged(gs));
      }
      reportedGathering = gs;
    }
    IceConnectionState cs = connectionState();
    if (cs != reportedConnection) {
      if (cs == IceConnectionState.COMPLETED && reportedConnection != IceConnectionState.CONNECTED) {
        // W3C: completed always follows connected, even when both happen on one input.
        events.add(new IceEvent.ConnectionStateChanged(IceConnectionState.CONNECTED));
      }
      reportedConnection = cs;
      events.add(new IceEvent.ConnectionStateChanged(cs));
    }
  }

  @Override
  public String toString() {
    return "IceAgent[" + role + " " + connectionState() + ", " + transactions.size() + " transactions]";
  }
}

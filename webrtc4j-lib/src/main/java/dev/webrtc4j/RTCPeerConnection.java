package dev.webrtc4j;

import dev.webrtc4j.internal.io.DispatchExecutor;
import dev.webrtc4j.internal.io.EventLoop;
import dev.webrtc4j.internal.pc.CoreConfig;
import dev.webrtc4j.internal.pc.CoreEvent;
import dev.webrtc4j.internal.pc.Direction;
import dev.webrtc4j.internal.pc.Fingerprint;
import dev.webrtc4j.internal.pc.JsepDescription;
import dev.webrtc4j.internal.pc.PcException;
import dev.webrtc4j.internal.pc.PeerConnectionCore;
import dev.webrtc4j.internal.pc.SdpPackageTranslator;
import dev.webrtc4j.internal.pc.SdpType;
import dev.webrtc4j.internal.pc.SignalingState;
import dev.webrtc4j.internal.pc.Transceiver;
import dev.webrtc4j.spi.Settings;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The W3C {@code RTCPeerConnection}.
 *
 * <p>Threading: every public method is thread-safe. Methods returning a future enqueue their
 * operation on the connection's event loop and return at once; the future completes on the
 * connection's serial dispatch executor, after the events the operation fired (so {@code
 * signalingstatechange} is seen before {@code setLocalDescription}'s future completes). The
 * synchronous methods ({@link #addTransceiver}, {@link #addTrack}, {@link #createDataChannel},
 * {@link #setConfiguration}, {@link #close} ...) run on the loop and return once applied.
 * Accessors read an immutable snapshot the loop publishes after each step. Listeners run on the
 * dispatch executor; calling the connection from a listener is fine.
 *
 * @see <a href="https://w3c.github.io/webrtc-pc/#interface-definition">W3C WebRTC §4.4</a>
 */
public final class RTCPeerConnection extends EventTarget implements AutoCloseable {
  private static final Logger LOG = System.getLogger(RTCPeerConnection.class.getName());
  private static final AtomicInteger IDS = new AtomicInteger();

  public static final EventType<Event> NEGOTIATIONNEEDED = EventType.plain("negotiationneeded");
  public static final EventType<Event> SIGNALINGSTATECHANGE = EventType.plain("signalingstatechange");
  public static final EventType<RTCTrackEvent> TRACK = EventType.of("track", RTCTrackEvent.class);
  public static final EventType<RTCDataChannelEvent> DATACHANNEL = EventType.of("datachannel", RTCDataChannelEvent.class);
  public static final EventType<RTCPeerConnectionIceEvent> ICECANDIDATE = EventType.of("icecandidate", RTCPeerConnectionIceEvent.class);
  public static final EventType<Event> ICECONNECTIONSTATECHANGE = EventType.plain("iceconnectionstatechange");
  public static final EventType<Event> ICEGATHERINGSTATECHANGE = EventType.plain("icegatheringstatechange");
  public static final EventType<Event> CONNECTIONSTATECHANGE = EventType.plain("connectionstatechange");
  public static final EventType<RTCPeerConnectionIceErrorEvent> ICECANDIDATEERROR =
      EventType.of("icecandidateerror", RTCPeerConnectionIceErrorEvent.class);
  @Deprecated public static final EventType<MediaStreamEvent> ADDSTREAM = EventType.of("addstream", MediaStreamEvent.class);
  @Deprecated public static final EventType<MediaStreamEvent> REMOVESTREAM = EventType.of("removestream", MediaStreamEvent.class);

  private final Settings settings;
  private final EventLoop loop;
  private final DispatchExecutor dispatch;
  /** While a signalingstatechange handler runs: the state it announces. */
  private volatile @Nullable SignalingState eventState;
  private final SecureRandom secureRandom;
  /** Loop-confined. */
  private final PeerConnectionCore core;
  private final AtomicLong tokens = new AtomicLong();
  /** Loop-confined: futures of chained operations, by token. */
  private final Map<Long, Pending<?>> pending = new HashMap<>();
  private final Map<Integer, RTCRtpTransceiver> transceiverObjects = new ConcurrentHashMap<>();
  /** Loop-confined: remote streams by msid stream id. */
  private final Map<String, MediaStream> remoteStreams = new LinkedHashMap<>();
  /** Loop-confined: local streams handed to addStream / addTrack, by id. */
  private final Map<String, MediaStream> localStreams = new LinkedHashMap<>();
  /** Every channel of the connection (ours and the peer's), for close(). */
  private final List<RTCDataChannel> dataChannels = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final DataChannelBridge channelBridge;
  /** Loop-confined (its state accessors excepted). */
  private final BundleTransport transport;
  /** Loop-confined: the transport changed the core (a local candidate) since the last publish. */
  private boolean coreChanged;
  private volatile Snapshot snapshot;
  /** Set only on the dispatch thread, while it runs one batch: see {@link #visible()}. */
  private volatile @Nullable Snapshot pinned;
  private volatile RTCConfiguration configuration;
  private volatile @Nullable RTCCertificate certificate;
  private volatile @Nullable RTCSctpTransport sctp;
  private final RTCDtlsTransport dtlsTransport;
  private volatile boolean closed;

  private record Pending<T>(CompletableFuture<T> future, Function<@Nullable Object, T> map) {
    void complete(@Nullable Object value) {
      future.complete(map.apply(value));
    }
  }

  /** What accessors read: published by the loop after each step. */
  record Snapshot(
      SignalingState signalingState,
      @Nullable JsepDescription currentLocal,
      @Nullable JsepDescription pendingLocal,
      @Nullable JsepDescription currentRemote,
      @Nullable JsepDescription pendingRemote,
      List<Transceiver.View> transceivers,
      @Nullable Boolean canTrickle,
      boolean closed) {
    Optional<Transceiver.View> view(int id) {
      for (Transceiver.View v : transceivers) {
        if (v.id() == id) {
          return Optional.of(v);
        }
      }
      return Optional.empty();
    }
  }

  /** {@code new RTCPeerConnection()} with the default configuration. */
  public RTCPeerConnection() {
    this(RTCConfiguration.DEFAULT, Settings.DEFAULT);
  }

  /**
   * {@code new RTCPeerConnection(configuration)}.
   *
   * @throws RTCException the errors of "set a configuration" (an expired certificate:
   *     InvalidAccessError; a bad ICE server: SyntaxError / InvalidAccessError)
   */
  public RTCPeerConnection(RTCConfiguration configuration) {
    this(configuration, Settings.DEFAULT);
  }

  /** A connection with non-standard {@link Settings}. */
  public RTCPeerConnection(RTCConfiguration configuration, Settings settings) {
    this(configuration, settings, dispatcherOf(settings));
  }

  private RTCPeerConnection(RTCConfiguration configuration, Settings settings, DispatchExecutor dispatch) {
    super(dispatch);
    Objects.requireNonNull(configuration, "configuration");
    this.settings = Objects.requireNonNull(settings, "settings");
    configuration.validate(settings.wallClock());
    this.configuration = configuration;
    this.dispatch = dispatch;
    this.secureRandom = settings.secureRandom();
    SplittableRandom random = new SplittableRandom(secureRandom.nextLong());
    this.core = new PeerConnectionCore(coreConfig(configuration), secureRandom, random, SdpPackageTranslator.INSTANCE);
    this.dtlsTransport = new RTCDtlsTransport(new RTCIceTransport(dispatch), dispatch);
    this.snapshot = takeSnapshot();
    this.loop = new EventLoop("pc" + IDS.incrementAndGet(), settings.ticker()::nanos);
    this.channelBridge = new DataChannelBridge(loop, settings.ticker()::nanos, dispatch, this::announceRemoteChannel);
    this.transport = new BundleTransport(loop, settings.ticker()::nanos, settings, secureRandom, random, dtlsTransport,
        channelBridge, new BundleTransport.Signalling() {
          @Override public void addLocalCandidate(String ufrag, String value) {
            core.addLocalCandidate(ufrag, value);
            coreChanged = true;
          }

          @Override public void gatheringComplete(String ufrag) {
            core.localGatheringComplete(ufrag);
            coreChanged = true;
          }
        }, this::fireUnlessClosed, () -> sctp);
    loop.setDriver(new EventLoop.Driver() {
      @Override public long pollTimeout() {
        return Math.min(core.pollTimeout(), transport.pollTimeout());
      }

      @Override public void handleTimeout(long nowNanos) {
        core.handleTimeout(nowNanos);
        transport.handleTimeout(nowNanos);
      }

      @Override public void afterInput(long nowNanos) {
        drain();
      }

      @Override public void onFailure(Throwable t) {
        LOG.log(Level.ERROR, "broken invariant; closing the connection", t);
        failAndClose(t);
      }
    });
    RTCCertificate pooled = configuration.certificates().isEmpty() && settings.defaultKeySources()
        ? CertificatePool.take() : null;
    if (pooled != null) {
      // W3C: with no certificates configured, generate one (ECDSA P-256, as Chrome). With the
      // default key sources it was generated ahead of time, for this connection only.
      certificate = pooled;
      List<Fingerprint> fps = fingerprintsOf(pooled);
      loop.execute(() -> core.setFingerprints(fps));
    } else if (configuration.certificates().isEmpty()) {
      // Generated as the loop's first task so the constructor stays fast; chained operations
      // wait for it.
      loop.execute(() -> {
        try {
          RTCCertificate cert = RTCCertificate.generateNow(AlgorithmIdentifier.ecdsaP256(), settings.wallClock(), secureRandom);
          certificate = cert;
          core.setFingerprints(fingerprintsOf(cert));
        } catch (RuntimeException e) {
          core.failCertificate(String.valueOf(e.getMessage()));
        }
      });
    } else {
      RTCCertificate cert = configuration.certificates().get(0);
      certificate = cert;
      List<Fingerprint> fps = fingerprintsOf(cert);
      loop.execute(() -> core.setFingerprints(fps));
    }
    if (configuration.iceCandidatePoolSize() > 0) {
      loop.execute(this::pregather);
    }
  }

  /** Whether the transport's sockets are open yet (for tests of when they are opened). */
  boolean hasOpenSockets() {
    return sync(transport::hasSockets);
  }

  /** Loop: W3C iceCandidatePoolSize, gather before the first local description. */
  private void pregather() {
    RTCCertificate cert = certificate;
    if (cert != null && !core.isClosed()) {
      List<Runnable> out = new ArrayList<>();
      transport.pregather(settings.ticker().nanos(), core.localUfrag(), core.localPwd(), configuration, cert.dtls(), out);
      // Nothing is reported while pooling; server errors, if any, wait for the first drain.
      out.forEach(dispatch::execute);
    }
  }

  /** a=fingerprint wants upper-case hex (RFC 8122 §5); the certificate's first (SHA-256) one. */
  private static List<Fingerprint> fingerprintsOf(RTCCertificate cert) {
    List<Fingerprint> fps = new ArrayList<>();
    for (RTCDtlsFingerprint f : cert.getFingerprints()) {
      fps.add(new Fingerprint(f.algorithm(), f.value().toUpperCase(java.util.Locale.ROOT)));
    }
    return fps.subList(0, Math.min(1, fps.size()));
  }

  /** The connection's certificate (configured or generated); null until generated. For the DTLS layer. */
  @Nullable RTCCertificate certificate() {
    return certificate;
  }

  private static DispatchExecutor dispatcherOf(Settings settings) {
    return settings.dispatchExecutor().map(DispatchExecutor::new).orElseGet(DispatchExecutor::new);
  }

  /** {@code new RTCPeerConnection(configuration)}, the DESIGN.md factory form. */
  public static RTCPeerConnection create(RTCConfiguration configuration) {
    return new RTCPeerConnection(configuration);
  }

  /** A connection with non-standard {@link Settings}. */
  public static RTCPeerConnection create(RTCConfiguration configuration, Settings settings) {
    return new RTCPeerConnection(configuration, settings);
  }

  /**
   * W3C {@code RTCPeerConnection.generateCertificate()} with the default algorithm, ECDSA P-256;
   * see {@link RTCCertificate#generate(AlgorithmIdentifier)}.
   */
  public static CompletableFuture<RTCCertificate> generateCertificate() {
    return RTCCertificate.generate(AlgorithmIdentifier.ecdsaP256());
  }

  /**
   * W3C {@code RTCPeerConnection.generateCertificate(keygenAlgorithm)}: ECDSA P-256 or
   * RSASSA-PKCS1-v1_5, with an optional {@code expires}; anything else fails with {@code
   * NotSupportedError}.
   */
  public static CompletableFuture<RTCCertificate> generateCertificate(AlgorithmIdentifier keygenAlgorithm) {
    return RTCCertificate.generate(keygenAlgorithm);
  }

  private static CoreConfig coreConfig(RTCConfiguration c) {
    CoreConfig.BundlePolicy b = switch (c.bundlePolicy()) {
      case BALANCED -> CoreConfig.BundlePolicy.BALANCED;
      case MAX_COMPAT -> CoreConfig.BundlePolicy.MAX_COMPAT;
      case MAX_BUNDLE -> CoreConfig.BundlePolicy.MAX_BUNDLE;
    };
    return new CoreConfig(b, c.rtcpMuxPolicy() == RTCRtcpMuxPolicy.REQUIRE);
  }

  Executor dispatcherForChildren() {
    return dispatch;
  }

  // ------------------------------------------------------------------ the loop side

  private Snapshot takeSnapshot() {
    return new Snapshot(core.signalingState(), core.currentLocalDescription(), core.pendingLocalDescription(),
        core.currentRemoteDescription(), core.pendingRemoteDescription(), core.transceivers(),
        core.canTrickleIceCandidates(), core.isClosed());
  }

  /** After each input: turn core events into dispatch tasks, publish the snapshot, then dispatch. */
  private void drain() {
    List<Runnable> out = new ArrayList<>();
    // The transport's tasks follow the step's own (signalingstatechange, the promise): W3C queues
    // gathering and connectivity events in later tasks than the one that applied the description.
    List<Runnable> transportOut = new ArrayList<>();
    long now = settings.ticker().nanos();
    CoreEvent e;
    boolean changed = coreChanged;
    while ((e = core.pollEvent()) != null) {
      changed = true;
      Runnable r = translate(e, now, transportOut);
      if (r != null) {
        out.add(r);
      }
    }
    out.addAll(transportOut);
    transport.drain(now, out);
    changed |= coreChanged;
    coreChanged = false;
    if (!changed && out.isEmpty()) {
      return;
    }
    // Most steps only move data (a datagram in, a message out): the signalling state is unchanged
    // and the published snapshot stays valid.
    Snapshot published = changed ? publish() : snapshot;
    if (!out.isEmpty()) {
      dispatch.execute(() -> {
        // Listeners and future continuations of this batch see the state as of this step, not a
        // later one the loop may already have reached (as JS code sees it between awaits).
        pinned = published;
        try {
          for (Runnable r : out) {
            try {
              r.run();
            } catch (RuntimeException ex) {
              LOG.log(Level.WARNING, "listener threw", ex);
            }
          }
        } finally {
          pinned = null;
        }
      });
    }
  }

  private Snapshot publish() {
    Snapshot s = takeSnapshot();
    java.util.Set<Integer> present = new java.util.HashSet<>();
    for (Transceiver.View v : s.transceivers()) {
      transceiverObject(v).update(v);
      present.add(v.id());
    }
    for (RTCRtpTransceiver t : transceiverObjects.values()) {
      if (!present.contains(t.id())) {
        // Removed from the set once stopped and negotiated: it stays stopped for good.
        Transceiver.View last = t.lastView();
        t.update(new Transceiver.View(last.id(), last.kind(), last.mid(), Direction.STOPPED, Direction.STOPPED, true, true,
            null, List.of(), last.receiverTrackId(), List.of()));
      }
    }
    snapshot = s;
    return s;
  }

  /**
   * The snapshot accessors read: on the dispatch executor, while a batch of events runs, the one
   * published with that batch (updated by synchronous calls made from it); elsewhere the latest.
   */
  private Snapshot visible() {
    Snapshot p = pinned;
    return p != null && dispatch.inDispatch() ? p : snapshot;
  }

  private RTCRtpTransceiver transceiverObject(Transceiver.View v) {
    return transceiverObjects.computeIfAbsent(v.id(), id -> {
      RTCRtpSender sender = new RTCRtpSender(this, id, v.kind(), null);
      MediaStreamTrack remote = MediaStreamTrack.remote(v.kind(), v.receiverTrackId(), dispatch);
      RTCRtpReceiver receiver = new RTCRtpReceiver(this, id, remote);
      return new RTCRtpTransceiver(this, v, sender, receiver);
    });
  }

  /** One core event: its dispatch task, or null; transport events append their own tasks to {@code out}. */
  private @Nullable Runnable translate(CoreEvent e, long now, List<Runnable> out) {
    return switch (e) {
      case CoreEvent.LocalDescriptionApplied l -> {
        RTCCertificate cert = certificate;
        if (cert != null) {
          transport.localDescriptionApplied(now, l, configuration, cert.dtls(), out);
        }
        yield null;
      }
      case CoreEvent.TransportNegotiated t -> {
        transport.negotiated(now, t.parameters(), out);
        yield null;
      }
      case CoreEvent.RemoteCandidate c -> {
        transport.remoteCandidate(now, c.candidate(), c.ufrag(), out);
        yield null;
      }
      case CoreEvent.RemoteEndOfCandidates c -> {
        transport.remoteEndOfCandidates(now);
        yield null;
      }
      case CoreEvent.SignalingStateChange s -> () -> {
        if (!isClosedNow()) {
          // One step may change the state twice (an implicit rollback): each handler sees the
          // state its event announces, as in the browser.
          eventState = s.state();
          try {
            dispatchNow(Event.of(SIGNALINGSTATECHANGE.name()));
          } finally {
            eventState = null;
          }
        }
      };
      case CoreEvent.NegotiationNeeded n -> () -> {
        // W3C: fire only if the connection is not closed and the flag is still set and stable.
        Snapshot s = snapshot;
        if (!s.closed() && s.signalingState() == SignalingState.STABLE) {
          dispatchNow(Event.of(NEGOTIATIONNEEDED.name()));
        }
      };
      case CoreEvent.Track t -> trackAdded(t);
      case CoreEvent.TrackRemoved t -> trackRemoved(t);
      case CoreEvent.SctpNegotiated s -> {
        if (sctp == null) {
          sctp = new RTCSctpTransport(dtlsTransport, s.maxMessageSize(), dispatch);
        }
        yield null;
      }
      case CoreEvent.OperationDone d -> {
        Pending<?> p = pending.remove(d.token());
        if (p == null) {
          yield null;
        }
        PcException err = d.error();
        Object result = d.result();
        yield () -> {
          if (err != null) {
            p.future().completeExceptionally(toApi(err));
          } else {
            try {
              p.complete(result);
            } catch (RuntimeException ex) {
              p.future().completeExceptionally(ex);
            }
          }
        };
      }
    };
  }

  private Runnable trackAdded(CoreEvent.Track t) {
    Transceiver.View v = snapshotView(t.transceiverId());
    RTCRtpTransceiver tr = v == null ? transceiverObjects.get(t.transceiverId()) : transceiverObject(v);
    if (tr == null) {
      return () -> {};
    }
    List<MediaStream> streams = new ArrayList<>();
    List<MediaStream> newStreams = new ArrayList<>();
    for (String id : t.streamIds()) {
      MediaStream s = remoteStreams.get(id);
      if (s == null) {
        s = MediaStream.remote(id, dispatch);
        remoteStreams.put(id, s);
        newStreams.add(s);
      }
      streams.add(s);
    }
    MediaStreamTrack track = tr.receiver().track();
    // W3C "process the addition of a remote track": add the track to its streams, then fire
    // track. The streams update in dispatch tasks queued now, so before the track event.
    for (MediaStream s : streams) {
      s.addTrackFromRemote(track);
    }
    return () -> {
      if (isClosedNow()) {
        return;
      }
      dispatchNow(new RTCTrackEvent(TRACK.name(), tr.receiver(), track, streams, tr));
      for (MediaStream s : newStreams) {
        dispatchNow(new MediaStreamEvent(ADDSTREAM.name(), s));
      }
    };
  }

  private Runnable trackRemoved(CoreEvent.TrackRemoved t) {
    RTCRtpTransceiver tr = transceiverObjects.get(t.transceiverId());
    if (tr == null) {
      return () -> {};
    }
    List<MediaStream> streams = new ArrayList<>();
    for (String id : t.streamIds()) {
      MediaStream s = remoteStreams.get(id);
      if (s != null) {
        streams.add(s);
      }
    }
    MediaStreamTrack track = tr.receiver().track();
    // W3C "process the removal of a remote track": remove it from its streams (removetrack),
    // in dispatch tasks queued before the legacy removestream check below.
    for (MediaStream s : streams) {
      s.removeTrackFromRemote(track);
    }
    return () -> {
      List<MediaStream> emptied = new ArrayList<>();
      for (MediaStream s : streams) {
        if (s.getTracks().isEmpty()) {
          emptied.add(s);
        }
      }
      for (MediaStream s : emptied) {
        if (!isClosedNow()) {
          dispatchNow(new MediaStreamEvent(REMOVESTREAM.name(), s));
        }
      }
    };
  }

  private Transceiver.@Nullable View snapshotView(int id) {
    for (Transceiver.View v : core.transceivers()) {
      if (v.id() == id) {
        return v;
      }
    }
    return null;
  }

  private boolean isClosedNow() {
    return snapshot.closed();
  }

  private void failAndClose(Throwable t) {
    try {
      core.close();
      drain();
      publish();
      transport.close(settings.ticker().nanos());
    } catch (RuntimeException again) {
      LOG.log(Level.ERROR, "closing after a failure failed too", again);
    }
    for (Pending<?> p : pending.values()) {
      Pending<?> q = p;
      dispatch.execute(() -> q.future().completeExceptionally(
          new RTCException(RTCException.Name.OPERATION_ERROR, "internal error: " + t)));
    }
    pending.clear();
    // "A broken internal invariant fails and closes that one connection" (DESIGN.md).
    loop.close();
  }

  static RuntimeException toApi(PcException e) {
    return switch (e.kind()) {
      case INVALID_STATE -> new RTCException(RTCException.Name.INVALID_STATE_ERROR, e.getMessage(), e);
      case INVALID_ACCESS -> new RTCException(RTCException.Name.INVALID_ACCESS_ERROR, e.getMessage(), e);
      case INVALID_MODIFICATION -> new RTCException(RTCException.Name.INVALID_MODIFICATION_ERROR, e.getMessage(), e);
      case OPERATION -> new RTCException(RTCException.Name.OPERATION_ERROR, e.getMessage(), e);
      case SYNTAX -> new RTCException(RTCException.Name.SYNTAX_ERROR, e.getMessage(), e);
      case NOT_SUPPORTED -> new RTCException(RTCException.Name.NOT_SUPPORTED_ERROR, e.getMessage(), e);
      case TYPE, RANGE -> new IllegalArgumentException(e.getMessage(), e);
      case SDP_SYNTAX -> RTCError.sdpSyntax(e.getMessage(), Math.max(e.lineNumber(), 0));
    };
  }

  // ------------------------------------------------------------------ operations plumbing

  private <T> CompletableFuture<T> chained(Function<@Nullable Object, T> map, java.util.function.LongConsumer start) {
    CompletableFuture<T> f = new CompletableFuture<>();
    long token = tokens.incrementAndGet();
    boolean queued = !snapshot.closed() && loop.execute(() -> {
      pending.put(token, new Pending<>(f, map));
      start.accept(token);
    });
    if (!queued) {
      dispatch.execute(() -> f.completeExceptionally(closedError()));
    }
    return f;
  }

  private static RTCException closedError() {
    return new RTCException(RTCException.Name.INVALID_STATE_ERROR, "the RTCPeerConnection is closed");
  }

  /** Runs a synchronous API method on the loop, publishing the snapshot before returning. */
  private <T> T sync(java.util.concurrent.Callable<T> task) {
    if (snapshot.closed()) {
      throw closedError();
    }
    try {
      T result = loop.call(() -> {
        try {
          return task.call();
        } catch (PcException e) {
          throw toApi(e);
        } finally {
          publish();
        }
      });
      if (pinned != null && dispatch.inDispatch()) {
        pinned = snapshot;
      }
      return result;
    } catch (IllegalStateException e) {
      if (snapshot.closed() || "event loop closed".equals(e.getMessage())) {
        throw closedError();
      }
      throw e;
    }
  }

  private @Nullable RTCSessionDescription description(@Nullable JsepDescription d) {
    return d == null ? null : new RTCSessionDescription(toApi(d.type()), d.sdp());
  }

  private static RTCSdpType toApi(SdpType t) {
    return RTCSdpType.fromW3cName(t.sdpName());
  }

  private static SdpType toCore(RTCSdpType t) {
    return switch (t) {
      case OFFER -> SdpType.OFFER;
      case PRANSWER -> SdpType.PRANSWER;
      case ANSWER -> SdpType.ANSWER;
      case ROLLBACK -> SdpType.ROLLBACK;
    };
  }

  static RTCRtpTransceiverDirection toApi(Direction d) {
    return RTCRtpTransceiverDirection.fromW3cName(d.sdpName());
  }

  static Direction toCore(RTCRtpTransceiverDirection d) {
    return switch (d) {
      case SENDRECV -> Direction.SENDRECV;
      case SENDONLY -> Direction.SENDONLY;
      case RECVONLY -> Direction.RECVONLY;
      case INACTIVE -> Direction.INACTIVE;
      case STOPPED -> Direction.STOPPED;
    };
  }

  // ------------------------------------------------------------------ offer / answer

  /** W3C createOffer() with default options. */
  public CompletableFuture<RTCSessionDescription> createOffer() {
    return createOffer(RTCOfferOptions.DEFAULT);
  }

  /** W3C createOffer(options): iceRestart, and the legacy offerToReceiveAudio/Video. */
  public CompletableFuture<RTCSessionDescription> createOffer(RTCOfferOptions options) {
    Objects.requireNonNull(options, "options");
    Boolean audio = options.offerToReceiveAudio().orElse(null);
    Boolean video = options.offerToReceiveVideo().orElse(null);
    CompletableFuture<RTCSessionDescription> f = chained(v -> Objects.requireNonNull(description((JsepDescription) v)),
        token -> core.createOffer(token, options.iceRestart(), audio, video));
    openSocketsEarly();
    return f;
  }

  /** W3C createAnswer(). */
  public CompletableFuture<RTCSessionDescription> createAnswer() {
    CompletableFuture<RTCSessionDescription> f =
        chained(v -> Objects.requireNonNull(description((JsepDescription) v)), core::createAnswer);
    openSocketsEarly();
    return f;
  }

  /**
   * After createOffer/createAnswer: the description is about to be applied, so the transport's
   * sockets are opened now, in a loop task after the one that resolves the promise, instead of in
   * setLocalDescription's, which then finds them open (as with {@code iceCandidatePoolSize}) and
   * resolves sooner. Candidates are still reported only after setLocalDescription. Only without
   * ICE servers: with them, pooling would query STUN and allocate TURN before the application
   * committed to a description.
   */
  private void openSocketsEarly() {
    if (configuration.iceServers().isEmpty()) {
      loop.execute(() -> {
        if (configuration.iceServers().isEmpty()) {
          pregather();
        }
      });
    }
  }

  /** W3C createAnswer(options): RTCAnswerOptions has no members. */
  public CompletableFuture<RTCSessionDescription> createAnswer(RTCAnswerOptions options) {
    Objects.requireNonNull(options, "options");
    return createAnswer();
  }

  /** W3C setLocalDescription() without arguments: creates and applies the offer or answer. */
  public CompletableFuture<Void> setLocalDescription() {
    return chained(v -> null, token -> core.setLocalDescription(token, null, ""));
  }

  /** W3C setLocalDescription(description). */
  public CompletableFuture<Void> setLocalDescription(RTCLocalSessionDescriptionInit description) {
    Objects.requireNonNull(description, "description");
    SdpType type = description.type().map(RTCPeerConnection::toCore).orElse(null);
    String sdp = description.sdp();
    return chained(v -> null, token -> core.setLocalDescription(token, type, sdp));
  }

  /** W3C setLocalDescription(description). */
  public CompletableFuture<Void> setLocalDescription(RTCSessionDescriptionInit description) {
    Objects.requireNonNull(description, "description");
    return setLocalDescription(RTCLocalSessionDescriptionInit.of(description));
  }

  /** W3C setLocalDescription(description). */
  public CompletableFuture<Void> setLocalDescription(RTCSessionDescription description) {
    Objects.requireNonNull(description, "description");
    return setLocalDescription(RTCLocalSessionDescriptionInit.of(description.type(), description.sdp()));
  }

  /** W3C setRemoteDescription(description). */
  public CompletableFuture<Void> setRemoteDescription(RTCSessionDescriptionInit description) {
    Objects.requireNonNull(description, "description");
    SdpType type = toCore(description.type());
    String sdp = description.sdp();
    return chained(v -> null, token -> core.setRemoteDescription(token, type, sdp));
  }

  /** W3C setRemoteDescription(description). */
  public CompletableFuture<Void> setRemoteDescription(RTCSessionDescription description) {
    Objects.requireNonNull(description, "description");
    return setRemoteDescription(new RTCSessionDescriptionInit(description.type(), description.sdp()));
  }

  /** W3C addIceCandidate() without arguments: end of candidates for every m-section. */
  public CompletableFuture<Void> addIceCandidate() {
    return addIceCandidate(RTCIceCandidateInit.builder().build());
  }

  /**
   * W3C addIceCandidate(candidate).
   *
   * @return fails with {@link IllegalArgumentException} (TypeError) when a non-empty candidate
   *     has neither sdpMid nor sdpMLineIndex; InvalidStateError without a remote description;
   *     OperationError for an unknown mid, an index out of range, an unknown ufrag or a
   *     malformed candidate
   */
  public CompletableFuture<Void> addIceCandidate(RTCIceCandidateInit candidate) {
    Objects.requireNonNull(candidate, "candidate");
    if (!candidate.candidate().isEmpty() && candidate.sdpMid().isEmpty() && candidate.sdpMLineIndex().isEmpty()) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException("addIceCandidate: candidate has neither sdpMid nor sdpMLineIndex"));
    }
    String c = candidate.candidate();
    String mid = candidate.sdpMid().orElse(null);
    Integer index = candidate.sdpMLineIndex().isPresent() ? candidate.sdpMLineIndex().getAsInt() : null;
    String ufrag = candidate.usernameFragment().orElse(null);
    return chained(v -> null, token -> core.addIceCandidate(token, c, mid, index, ufrag));
  }

  /** W3C addIceCandidate(candidate). */
  public CompletableFuture<Void> addIceCandidate(RTCIceCandidate candidate) {
    Objects.requireNonNull(candidate, "candidate");
    return addIceCandidate(candidate.toJSON());
  }

  /** W3C restartIce(): the next offer restarts ICE. */
  public void restartIce() {
    if (snapshot.closed()) {
      return;
    }
    sync(() -> {
      core.restartIce();
      return null;
    });
  }

  // ------------------------------------------------------------------ attributes

  public RTCSignalingState signalingState() {
    SignalingState during = eventState;
    SignalingState state = during != null && dispatch.inDispatch() ? during : visible().signalingState();
    return RTCSignalingState.fromW3cName(switch (state) {
      case STABLE -> "stable";
      case HAVE_LOCAL_OFFER -> "have-local-offer";
      case HAVE_REMOTE_OFFER -> "have-remote-offer";
      case HAVE_LOCAL_PRANSWER -> "have-local-pranswer";
      case HAVE_REMOTE_PRANSWER -> "have-remote-pranswer";
      case CLOSED -> "closed";
    });
  }

  public Optional<RTCSessionDescription> localDescription() {
    Snapshot s = visible();
    return Optional.ofNullable(description(s.pendingLocal() != null ? s.pendingLocal() : s.currentLocal()));
  }

  public Optional<RTCSessionDescription> currentLocalDescription() {
    return Optional.ofNullable(description(visible().currentLocal()));
  }

  public Optional<RTCSessionDescription> pendingLocalDescription() {
    return Optional.ofNullable(description(visible().pendingLocal()));
  }

  public Optional<RTCSessionDescription> remoteDescription() {
    Snapshot s = visible();
    return Optional.ofNullable(description(s.pendingRemote() != null ? s.pendingRemote() : s.currentRemote()));
  }

  public Optional<RTCSessionDescription> currentRemoteDescription() {
    return Optional.ofNullable(description(visible().currentRemote()));
  }

  public Optional<RTCSessionDescription> pendingRemoteDescription() {
    return Optional.ofNullable(description(visible().pendingRemote()));
  }

  /** W3C canTrickleIceCandidates: empty until a remote description is set. */
  public Optional<Boolean> canTrickleIceCandidates() {
    return Optional.ofNullable(visible().canTrickle());
  }

  /** W3C iceConnectionState (§4.3.4), from the ICE transport; {@code closed} after close(). */
  public RTCIceConnectionState iceConnectionState() {
    return visible().closed() ? RTCIceConnectionState.CLOSED : transport.iceConnectionState();
  }

  /** W3C iceGatheringState (§4.3.2). */
  public RTCIceGatheringState iceGatheringState() {
    return transport.iceGatheringState();
  }

  /** W3C connectionState (§4.3.3), from the ICE and DTLS transports; {@code closed} after close(). */
  public RTCPeerConnectionState connectionState() {
    return visible().closed() ? RTCPeerConnectionState.CLOSED : transport.connectionState();
  }

  /** W3C sctp: empty until SCTP is negotiated. */
  public Optional<RTCSctpTransport> sctp() {
    return Optional.ofNullable(sctp);
  }

  // ------------------------------------------------------------------ configuration

  /** W3C getConfiguration(). */
  public RTCConfiguration getConfiguration() {
    return configuration;
  }

  /**
   * W3C setConfiguration (§4.4.1.6 "set a configuration").
   *
   * @throws RTCException InvalidStateError when closed; InvalidModificationError when changing
   *     certificates, bundlePolicy, rtcpMuxPolicy, or iceCandidatePoolSize after
   *     setLocalDescription; the validation errors of {@link RTCConfiguration#validate}
   */
  public void setConfiguration(RTCConfiguration next) {
    Objects.requireNonNull(next, "configuration");
    sync(() -> {
      boolean localSet = core.localDescription() != null || core.currentLocalDescription() != null;
      configuration.checkModification(next, localSet);
      next.validate(settings.wallClock());
      boolean pool = next.iceCandidatePoolSize() > 0 && configuration.iceCandidatePoolSize() == 0 && !localSet;
      configuration = next;
      core.setConfig(coreConfig(next));
      if (pool) {
        pregather();
      }
      return null;
    });
  }

  // ------------------------------------------------------------------ transceivers

  /** W3C addTransceiver(kind, init). */
  public RTCRtpTransceiver addTransceiver(String kind) {
    return addTransceiver(kind, RTCRtpTransceiverInit.DEFAULT);
  }

  /**
   * W3C addTransceiver(kind, init).
   *
   * @throws IllegalArgumentException (TypeError) when kind is neither "audio" nor "video"
   * @throws RTCException InvalidStateError when closed
   */
  public RTCRtpTransceiver addTransceiver(String kind, RTCRtpTransceiverInit init) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(init, "init");
    if (!kind.equals(MediaStreamTrack.AUDIO) && !kind.equals(MediaStreamTrack.VIDEO)) {
      throw new IllegalArgumentException("addTransceiver: kind must be \"audio\" or \"video\", not \"" + kind + "\"");
    }
    return addTransceiver(kind, null, init);
  }

  /** W3C addTransceiver(track, init). */
  public RTCRtpTransceiver addTransceiver(MediaStreamTrack track) {
    return addTransceiver(track, RTCRtpTransceiverInit.DEFAULT);
  }

  /** W3C addTransceiver(track, init). */
  public RTCRtpTransceiver addTransceiver(MediaStreamTrack track, RTCRtpTransceiverInit init) {
    Objects.requireNonNull(track, "track");
    Objects.requireNonNull(init, "init");
    return addTransceiver(track.kind(), track, init);
  }

  private RTCRtpTransceiver addTransceiver(String kind, @Nullable MediaStreamTrack track, RTCRtpTransceiverInit init) {
    if (snapshot.closed()) {
      throw closedError();
    }
    init.validate(kind, 1);
    if (init.direction() == RTCRtpTransceiverDirection.STOPPED) {
      throw new IllegalArgumentException("addTransceiver: direction cannot be \"stopped\"");
    }
    List<String> streams = init.streams().stream().map(MediaStream::id).toList();
    return sync(() -> {
      Transceiver.View v = core.addTransceiver(kind, toCore(init.direction()), track == null ? null : track.id(), streams);
      RTCRtpTransceiver t = transceiverObject(v);
      t.sender().setTrackInternal(track);
      return t;
    });
  }

  /**
   * W3C addTrack(track, ...streams).
   *
   * @throws RTCException InvalidStateError when closed; InvalidAccessError when the track already
   *     has a sender on this connection
   */
  public RTCRtpSender addTrack(MediaStreamTrack track, MediaStream... streams) {
    Objects.requireNonNull(track, "track");
    Objects.requireNonNull(streams, "streams");
    List<String> ids = new ArrayList<>();
    for (MediaStream s : streams) {
      ids.add(Objects.requireNonNull(s, "streams: element is null").id());
    }
    return sync(() -> {
      Transceiver.View v = core.addTrack(track.kind(), track.id(), ids);
      RTCRtpTransceiver t = transceiverObject(v);
      t.sender().setTrackInternal(track);
      for (MediaStream s : streams) {
        localStreams.putIfAbsent(s.id(), s);
      }
      return t.sender();
    });
  }

  /**
   * W3C removeTrack(sender).
   *
   * @throws RTCException InvalidStateError when closed; InvalidAccessError when the sender is
   *     not from this connection
   */
  public void removeTrack(RTCRtpSender sender) {
    Objects.requireNonNull(sender, "sender");
    sync(() -> {
      RTCRtpTransceiver t = transceiverObjects.get(sender.transceiverId());
      if (t == null || t.sender() != sender) {
        throw new RTCException(RTCException.Name.INVALID_ACCESS_ERROR, "removeTrack: the sender was not created by this connection");
      }
      if (core.transceivers().stream().noneMatch(v -> v.id() == sender.transceiverId())) {
        return null;
      }
      core.removeTrack(sender.transceiverId());
      sender.setTrackInternal(null);
      return null;
    });
  }

  public List<RTCRtpTransceiver> getTransceivers() {
    List<RTCRtpTransceiver> out = new ArrayList<>();
    for (Transceiver.View v : visible().transceivers()) {
      RTCRtpTransceiver t = transceiverObjects.get(v.id());
      if (t != null) {
        out.add(t);
      }
    }
    return List.copyOf(out);
  }

  /** W3C getSenders(): the senders of transceivers that are not stopped. */
  public List<RTCRtpSender> getSenders() {
    return getTransceivers().stream().filter(t -> !t.view().stopped()).map(RTCRtpTransceiver::sender).toList();
  }

  /** W3C getReceivers(): the receivers of transceivers that are not stopped. */
  public List<RTCRtpReceiver> getReceivers() {
    return getTransceivers().stream().filter(t -> !t.view().stopped()).map(RTCRtpTransceiver::receiver).toList();
  }

  Optional<Transceiver.View> transceiverView(int id) {
    return visible().view(id);
  }

  Optional<RTCDtlsTransport> transportFor(int transceiverId) {
    Optional<Transceiver.View> v = visible().view(transceiverId);
    return v.isPresent() && v.get().mid() != null ? Optional.of(dtlsTransport) : Optional.empty();
  }

  void setTransceiverDirection(RTCRtpTransceiver t, RTCRtpTransceiverDirection direction) {
    if (direction == RTCRtpTransceiverDirection.STOPPED) {
      throw new IllegalArgumentException("direction cannot be set to \"stopped\"; use stop()");
    }
    sync(() -> {
      core.setDirection(t.id(), toCore(direction));
      return null;
    });
  }

  void stopTransceiver(RTCRtpTransceiver t) {
    sync(() -> {
      if (core.transceivers().stream().anyMatch(v -> v.id() == t.id())) {
        core.stopTransceiver(t.id());
      }
      return null;
    });
  }

  CompletableFuture<Void> replaceTrack(RTCRtpSender sender, @Nullable MediaStreamTrack track) {
    CompletableFuture<Void> f = new CompletableFuture<>();
    boolean queued = !snapshot.closed() && loop.execute(() -> {
      RuntimeException error = null;
      try {
        Optional<Transceiver.View> v = core.transceivers().stream().filter(x -> x.id() == sender.transceiverId()).findFirst();
        if (core.isClosed() || v.isEmpty() || v.get().stopping()) {
          error = new RTCException(RTCException.Name.INVALID_STATE_ERROR, "replaceTrack: the transceiver is stopped");
        } else {
          core.replaceSenderTrack(sender.transceiverId(), track == null ? null : track.id());
          sender.setTrackInternal(track);
        }
      } catch (PcException e) {
        error = toApi(e);
      }
      RuntimeException err = error;
      dispatch.execute(() -> {
        if (err != null) {
          f.completeExceptionally(err);
        } else {
          f.complete(null);
        }
      });
    });
    if (!queued) {
      dispatch.execute(() -> f.completeExceptionally(closedError()));
    }
    return f;
  }

  void setStreams(RTCRtpSender sender, List<MediaStream> streams) {
    List<String> ids = streams.stream().map(MediaStream::id).toList();
    sync(() -> {
      core.setSenderStreams(sender.transceiverId(), ids);
      return null;
    });
  }

  // ------------------------------------------------------------------ data channels

  /** W3C createDataChannel(label). */
  public RTCDataChannel createDataChannel(String label) {
    return createDataChannel(label, RTCDataChannelInit.DEFAULT);
  }

  /**
   * W3C createDataChannel(label, init): the channel is {@code connecting} until SCTP connects
   * it; the first channel makes the connection need negotiation (an m=application section).
   *
   * <p>On a connection whose SCTP transport is already up the channel opens at once. Called from a
   * listener (the dispatch executor), its {@code open} event runs after that listener returns, as in
   * the browser; called from another thread, {@code open} may have fired before the caller attached
   * {@code onopen}, so check {@link RTCDataChannel#readyState()} after attaching it.
   *
   * @throws RTCException InvalidStateError when closed
   * @throws IllegalArgumentException the TypeErrors of {@link RTCDataChannelInit#validate}
   */
  public RTCDataChannel createDataChannel(String label, RTCDataChannelInit init) {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(init, "init");
    if (snapshot.closed()) {
      throw closedError();
    }
    init.validate(label);
    return sync(() -> {
      RTCDataChannel channel = RTCDataChannel.create(label, init, dispatch);
      dataChannels.add(channel);
      core.addDataChannel();
      channelBridge.add(channel);
      return channel;
    });
  }

  // ------------------------------------------------------------------ close

  /**
   * W3C close(): signalingState becomes closed, every transceiver stopped, pending operations
   * fail with InvalidStateError; no event fires afterwards. Idempotent.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    try {
      loop.call(() -> {
        if (!core.isClosed()) {
          core.close();
          drain();
          publish();
          transport.close(settings.ticker().nanos());
          dtlsTransport.closeSilently();
          // W3C close(): every data channel is closed at once, without events.
          for (RTCDataChannel dc : dataChannels) {
            dc.closeWithoutEvents();
          }
          RTCSctpTransport s = sctp;
          if (s != null) {
            s.closeSilently();
          }
        }
        return null;
      });
    } catch (IllegalStateException alreadyClosed) {
      // the loop ended already
    }
    closed = true;
    loop.close();
  }

  /**
   * Completes on the dispatch executor after everything the loop and the dispatch executor had
   * queued when it was called (tests: "the events of that call have been delivered").
   */
  CompletableFuture<Void> barrier() {
    CompletableFuture<Void> f = new CompletableFuture<>();
    if (!loop.execute(() -> dispatch.execute(() -> f.complete(null)))) {
      dispatch.execute(() -> f.complete(null));
    }
    return f;
  }

  /** Waits for the connection's event loop to end after {@link #close()} (tests, orderly shutdown). */
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    return loop.awaitTermination(timeout, unit);
  }

  // ------------------------------------------------------------------ event handlers

  public void setOnNegotiationNeeded(@Nullable EventListener<? super Event> handler) {
    setEventHandler(NEGOTIATIONNEEDED, handler);
  }

  public void setOnSignalingStateChange(@Nullable EventListener<? super Event> handler) {
    setEventHandler(SIGNALINGSTATECHANGE, handler);
  }

  public void setOnTrack(@Nullable EventListener<? super RTCTrackEvent> handler) {
    setEventHandler(TRACK, handler);
  }

  public void setOnDataChannel(@Nullable EventListener<? super RTCDataChannelEvent> handler) {
    setEventHandler(DATACHANNEL, handler);
  }

  public void setOnIceCandidate(@Nullable EventListener<? super RTCPeerConnectionIceEvent> handler) {
    setEventHandler(ICECANDIDATE, handler);
  }

  public void setOnIceConnectionStateChange(@Nullable EventListener<? super Event> handler) {
    setEventHandler(ICECONNECTIONSTATECHANGE, handler);
  }

  public void setOnIceGatheringStateChange(@Nullable EventListener<? super Event> handler) {
    setEventHandler(ICEGATHERINGSTATECHANGE, handler);
  }

  public void setOnIceCandidateError(@Nullable EventListener<? super RTCPeerConnectionIceErrorEvent> handler) {
    setEventHandler(ICECANDIDATEERROR, handler);
  }

  /** In a dispatch task: fires {@code event} at the connection unless it was closed. */
  private void fireUnlessClosed(Event event) {
    if (!isClosedNow()) {
      dispatchNow(event);
    }
  }

  /** In a dispatch task: the peer opened {@code channel} (DCEP); the datachannel event. */
  private void announceRemoteChannel(RTCDataChannel channel) {
    dataChannels.add(channel);
    if (!isClosedNow()) {
      dispatchNow(new RTCDataChannelEvent(DATACHANNEL.name(), channel));
    }
  }

  public void setOnConnectionStateChange(@Nullable EventListener<? super Event> handler) {
    setEventHandler(CONNECTIONSTATECHANGE, handler);
  }

  // ------------------------------------------------------------------ deprecated (MDN)

  /** @deprecated use {@link #addTrack}: adds each of the stream's tracks. */
  @Deprecated
  public void addStream(MediaStream stream) {
    Objects.requireNonNull(stream, "stream");
    for (MediaStreamTrack t : stream.getTracks()) {
      addTrack(t, stream);
    }
    sync(() -> localStreams.putIfAbsent(stream.id(), stream));
  }

  /** @deprecated use {@link #removeTrack}: removes the senders of the stream's tracks. */
  @Deprecated
  public void removeStream(MediaStream stream) {
    Objects.requireNonNull(stream, "stream");
    for (RTCRtpSender s : getSenders()) {
      Optional<MediaStreamTrack> t = s.track();
      if (t.isPresent() && stream.getTracks().contains(t.get())) {
        removeTrack(s);
      }
    }
    sync(() -> localStreams.remove(stream.id()));
  }

  /** @deprecated the streams of this connection's senders' tracks. */
  @Deprecated
  public List<MediaStream> getLocalStreams() {
    if (snapshot.closed()) {
      return List.of();
    }
    return sync(() -> {
      List<MediaStream> out = new ArrayList<>();
      for (MediaStream s : localStreams.values()) {
        boolean sent = false;
        for (RTCRtpSender sender : getSenders()) {
          if (sender.track().isPresent() && s.getTracks().contains(sender.track().get())) {
            sent = true;
          }
        }
        if (sent) {
          out.add(s);
        }
      }
      return List.copyOf(out);
    });
  }

  /** @deprecated the remote streams that hold a track being received. */
  @Deprecated
  public List<MediaStream> getRemoteStreams() {
    if (snapshot.closed()) {
      return List.of();
    }
    return sync(() -> remoteStreams.values().stream().filter(s -> !s.getTracks().isEmpty()).toList());
  }

  /** @deprecated use {@link #setOnTrack}. */
  @Deprecated
  public void setOnAddStream(@Nullable EventListener<? super MediaStreamEvent> handler) {
    setEventHandler(ADDSTREAM, handler);
  }

  /** @deprecated use the streams' {@code removetrack}. */
  @Deprecated
  public void setOnRemoveStream(@Nullable EventListener<? super MediaStreamEvent> handler) {
    setEventHandler(REMOVESTREAM, handler);
  }

  /** @deprecated use {@link RTCRtpSender#dtmf()}. */
  @Deprecated
  public RTCDTMFSender createDTMFSender(MediaStreamTrack track) {
    Objects.requireNonNull(track, "track");
    for (RTCRtpSender s : getSenders()) {
      if (s.track().isPresent() && s.track().get() == track) {
        return s.dtmf().orElseThrow(() -> new RTCException(RTCException.Name.NOT_SUPPORTED_ERROR,
            "createDTMFSender: DTMF needs an audio track"));
      }
    }
    throw new RTCException(RTCException.Name.INVALID_STATE_ERROR, "createDTMFSender: the track has no sender on this connection");
  }
}

package dev.webrtc4j;

import dev.webrtc4j.internal.dtls.DtlsCertificate;
import dev.webrtc4j.internal.dtls.DtlsEngineFactory;
import dev.webrtc4j.internal.dtls.DtlsRole;
import dev.webrtc4j.internal.dtls.KeyLogSink;
import dev.webrtc4j.internal.ice.CandidatePair;
import dev.webrtc4j.internal.ice.CandidateType;
import dev.webrtc4j.internal.ice.IceCandidate;
import dev.webrtc4j.internal.ice.IceConfig;
import dev.webrtc4j.internal.ice.IceConnectionState;
import dev.webrtc4j.internal.ice.IceCredentials;
import dev.webrtc4j.internal.ice.IceGatheringState;
import dev.webrtc4j.internal.ice.IceRole;
import dev.webrtc4j.internal.ice.IceServer;
import dev.webrtc4j.internal.ice.IceTransportPolicy;
import dev.webrtc4j.internal.io.DatagramInbox;
import dev.webrtc4j.internal.io.EventLoop;
import dev.webrtc4j.internal.io.MulticastDnsResolver;
import dev.webrtc4j.internal.io.NetworkGuard;
import dev.webrtc4j.internal.io.StreamConnector;
import dev.webrtc4j.internal.pc.CoreEvent;
import dev.webrtc4j.internal.pc.TransportParameters;
import dev.webrtc4j.internal.pc.TransportStack;
import dev.webrtc4j.internal.pc.TransportStack.StackEvent;
import dev.webrtc4j.internal.sctp.SctpOptions;
import dev.webrtc4j.internal.util.Bytes;
import dev.webrtc4j.internal.util.Datagram;
import dev.webrtc4j.spi.Settings;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * The connection's one BUNDLE transport: the sans-I/O {@link TransportStack} (ICE, DTLS, SCTP)
 * driven on the connection's loop, its sockets ({@link TransportSockets}), and the W3C objects and
 * events it feeds ({@link RTCIceTransport}, {@link RTCDtlsTransport}, the connection's ICE and
 * connection states, and through {@link DataChannelBridge} the data channels). See
 * docs/design/transport-wiring.md.
 *
 * <p>Loop-confined, except the state accessors, which read fields written in dispatch tasks.
 * Every method taking {@code out} appends the dispatch tasks its effects need, in the order the
 * spec fires them; the connection runs them in one batch with its own events. The signalling
 * inputs only feed the stack: the connection's driver calls {@link #drain} after every step.
 */
final class BundleTransport {
  private static final System.Logger LOG = System.getLogger(BundleTransport.class.getName());

  /** a=max-message-size we accept (Chrome's 262144; the interop cases need at least that). */
  static final int MAX_RECEIVE_MESSAGE_SIZE = 262_144;

  /** How the transport writes candidates into the local description (the core's methods). */
  interface Signalling {
    void addLocalCandidate(String ufrag, String value);

    void gatheringComplete(String ufrag);
  }

  private final EventLoop loop;
  private final LongSupplier clock;
  private final Settings settings;
  private final SecureRandom secure;
  private final RandomGenerator random;
  private final RTCIceTransport ice;
  private final RTCDtlsTransport dtls;
  private final DataChannelBridge channels;
  private final Signalling signalling;
  private final Consumer<Event> fireAtConnection;
  private final Supplier<@Nullable RTCSctpTransport> sctp;
  private final TurnStreams streams;

  // Loop-confined.
  private @Nullable TransportStack stack;
  private @Nullable TransportSockets sockets;
  private @Nullable String localUfrag;
  /** Gathering was reported (a local description applied), not just pooled. */
  private boolean started;
  /** The .local names hiding our host addresses (Settings.mdnsHostCandidates). */
  private final java.util.Map<InetAddress, String> hiddenNames = new java.util.HashMap<>();
  private @Nullable IceCredentials remote;
  private String mid = "0";
  private int mLineIndex;
  private boolean closed;

  // Written in dispatch tasks, read by the connection's accessors.
  private volatile RTCIceConnectionState iceConnectionState = RTCIceConnectionState.NEW;
  private volatile RTCIceGatheringState iceGatheringState = RTCIceGatheringState.NEW;
  private volatile RTCPeerConnectionState connectionState = RTCPeerConnectionState.NEW;

  BundleTransport(EventLoop loop, LongSupplier clock, Settings settings, SecureRandom secure, RandomGenerator random,
      RTCDtlsTransport dtls, DataChannelBridge channels, Signalling signalling, Consumer<Event> fireAtConnection,
      Supplier<@Nullable RTCSctpTransport> sctp) {
    this.loop = loop;
    this.clock = clock;
    this.settings = settings;
    this.secure = secure;
    this.random = random;
    this.ice = dtls.iceTransport();
    this.dtls = dtls;
    this.channels = channels;
    this.signalling = signalling;
    this.fireAtConnection = fireAtConnection;
    this.sctp = sctp;
    this.streams = new TurnStreams(loop, clock, () -> settings.turnTlsContext()
        .map(ctx -> new StreamConnector(ctx, StreamConnector.DEFAULT_CONNECT_TIMEOUT))
        .orElseGet(StreamConnector::withDefaultTrust));
  }

  // ---------------------------------------------------------------- W3C states (any thread)

  RTCIceConnectionState iceConnectionState() {
    return iceConnectionState;
  }

  RTCIceGatheringState iceGatheringState() {
    return iceGatheringState;
  }

  RTCPeerConnectionState connectionState() {
    return connectionState;
  }

  /** Loop: whether the transport's sockets are open (pooled, opened early, or by a local description). */
  boolean hasSockets() {
    return sockets != null;
  }

  // ---------------------------------------------------------------- signalling inputs (loop)

  /**
   * W3C iceCandidatePoolSize &gt; 0: creates the stack and gathers before any description, without
   * reporting; the first local description then reports the pooled candidates at once.
   */
  void pregather(long now, String ufrag, String pwd, RTCConfiguration config, DtlsCertificate certificate,
      List<Runnable> out) {
    if (closed || stack != null) {
      return;
    }
    create(now, new IceCredentials(ufrag, pwd), RTCIceRole.CONTROLLING, config, certificate, out).pregather(now);
    drain(now, out);
  }

  /**
   * A local description was applied: the first one creates the stack (unless pooled), opens the
   * sockets and starts gathering; one with new credentials restarts ICE (RFC 8445 §9).
   */
  void localDescriptionApplied(long now, CoreEvent.LocalDescriptionApplied e, RTCConfiguration config,
      DtlsCertificate certificate, List<Runnable> out) {
    if (closed) {
      return;
    }
    mid = e.transportMid();
    mLineIndex = e.transportMLineIndex();
    IceCredentials creds = new IceCredentials(e.ufrag(), e.pwd());
    RTCIceRole role = e.offer() ? RTCIceRole.CONTROLLING : RTCIceRole.CONTROLLED;
    TransportStack s = stack;
    if (s == null || !started) {
      if (s == null) {
        s = create(now, creds, role, config, certificate, out);
      } else {
        // Pooled: the role and (if the pool was made with other credentials) the ufrag are final now.
        s.iceAgent().setRole(now, role == RTCIceRole.CONTROLLING ? IceRole.CONTROLLING : IceRole.CONTROLLED);
        if (!creds.equals(s.iceAgent().localCredentials())) {
          s.iceAgent().setLocalCredentials(creds);
        }
      }
      started = true;
      localUfrag = e.ufrag();
      out.add(() -> {
        ice.setRole(role);
        ice.newLocalGeneration(new RTCIceParameters(e.ufrag(), e.pwd()));
      });
      s.start(now, List.of());
    } else if (!e.ufrag().equals(localUfrag)) {
      localUfrag = e.ufrag();
      TransportSockets ts = sockets;
      if (ts != null) {
        ts.addUfrag(e.ufrag());
      }
      out.add(() -> ice.newLocalGeneration(new RTCIceParameters(e.ufrag(), e.pwd())));
      s.restartIce(now, creds);
    }
  }

  /** The stack, its sockets registered with the agent; server errors go to {@code out}. */
  private TransportStack create(long now, IceCredentials creds, RTCIceRole role, RTCConfiguration config,
      DtlsCertificate certificate, List<Runnable> out) {
    List<IceServer> servers = new ArrayList<>();
    List<RTCPeerConnectionIceErrorEvent> serverErrors = new ArrayList<>();
    resolveServers(config, servers, serverErrors);
    IceConfig.Builder ib = IceConfig.builder(creds, role == RTCIceRole.CONTROLLING ? IceRole.CONTROLLING : IceRole.CONTROLLED,
            random.nextLong())
        .transportPolicy(config.iceTransportPolicy() == RTCIceTransportPolicy.RELAY ? IceTransportPolicy.RELAY
            : IceTransportPolicy.ALL)
        .gatherLoopback(settings.network().includeLoopback())
        .gatherLinkLocal(settings.network().includeLinkLocal())
        .timings(timings(settings));
    servers.forEach(ib::server);
    if (settings.mdnsResolver().isPresent()) {
      var r = settings.mdnsResolver().get();
      ib.mdnsResolver(name -> r.resolve(name).whenComplete((addr, err) ->
          mdnsResolved(name, err == null && addr != null ? addr.orElse(null) : null)));
    } else if (!settings.network().loopbackOnly()) {
      // Loopback only: no multicast query may leave (it goes out on every interface), so remote
      // .local candidates are dropped, as by a browser without mDNS; and the process makes no
      // resolver (its multicast sockets) for connections that cannot use it.
      MulticastDnsResolver shared = SharedMdns.resolver();
      if (shared != null) {
        ib.mdnsResolver(name -> shared.resolve(name, this::mdnsResolved));
      }
    }
    Optional<KeyLogSink> keyLog = settings.dtlsKeyLogFile().map(KeyLogSink::appendingTo)
        .or(() -> KeyLogSink.fromEnvironment(System::getenv));
    SctpOptions d = SctpOptions.defaults();
    SctpOptions so = new SctpOptions(d.localPort(), d.remotePort(), d.mtu(), MAX_RECEIVE_MESSAGE_SIZE,
        d.maxSendMessageSize(), d.receiveBufferBytes(), DataChannelBridge.SEND_BUFFER + DataChannelBridge.CONTROL_MARGIN,
        d.rtoInitialNanos(), d.rtoMinNanos(), d.rtoMaxNanos(), d.t1TimeoutNanos(), d.maxInitRetransmits(),
        d.maxRetransmissions(), d.heartbeatIntervalNanos(), d.delayedAckNanos(), d.cookieLifetimeNanos(),
        d.initialCwndMtus(), d.streams());
    TransportStack s = new TransportStack(ib.build(), certificate, DtlsEngineFactory.BOUNCY_CASTLE,
        dc -> keyLog.map(dc::withKeyLog).orElse(dc), so, random, secure,
        // The DTLS handshake thread has output: drain on the loop (an empty task does: afterInput).
        () -> loop.execute(() -> {}));
    stack = s;
    // The reactor fills the inbox; one loop task takes the whole batch, then the loop drains once.
    TransportSockets ts = new TransportSockets(settings, random, creds.ufrag(), new DatagramInbox(loop, this::onDatagram));
    sockets = ts;
    for (InetSocketAddress a : ts.open()) {
      s.iceAgent().addLocalSocket(now, a);
    }
    out.add(() -> {
      for (RTCPeerConnectionIceErrorEvent err : serverErrors) {
        fireAtConnection.accept(err);
      }
    });
    return s;
  }

  /** An offer/answer completed: remote ICE credentials and candidates, DTLS role and SCTP. */
  void negotiated(long now, TransportParameters tp, List<Runnable> out) {
    TransportStack s = stack;
    if (closed || s == null) {
      return;
    }
    IceCredentials rc = new IceCredentials(tp.remoteUfrag(), tp.remotePwd());
    if (!s.hasRemote()) {
      List<dev.webrtc4j.internal.dtls.Fingerprint> fps = new ArrayList<>();
      for (var f : tp.remoteFingerprints()) {
        try {
          fps.add(dev.webrtc4j.internal.dtls.Fingerprint.parse(f.algorithm() + " " + f.value()));
        } catch (IllegalArgumentException bad) {
          LOG.log(Level.DEBUG, "remote fingerprint ignored: {0}", bad.getMessage());
        }
      }
      if (fps.isEmpty()) {
        RTCError error = RTCError.of(RTCError.ErrorDetail.FINGERPRINT_FAILURE, "no usable remote a=fingerprint");
        out.add(() -> {
          dtls.fail(error);
          updateConnectionState();
        });
        return;
      }
      TransportParameters.Sctp sp = tp.sctp();
      s.setRemote(now, new TransportStack.Remote(rc, fps, tp.dtlsClient() ? DtlsRole.CLIENT : DtlsRole.SERVER,
          sp == null ? 0 : sp.localPort(), sp == null ? 0 : sp.remotePort(), sp == null ? 0 : sp.remoteMaxMessageSize()));
      remote = rc;
      if (sp != null) {
        channels.negotiated(s, sp.remoteMaxMessageSize(), out);
      }
    } else if (!rc.equals(remote)) {
      remote = rc;
      s.restartRemote(now, rc);
    }
    out.add(() -> ice.newRemoteGeneration(new RTCIceParameters(rc.ufrag(), rc.pwd())));
    for (String c : tp.remoteCandidates()) {
      addRemote(now, c, out);
    }
    if (tp.remoteEndOfCandidates()) {
      s.endOfRemoteCandidates(now);
    }
  }

  /** addIceCandidate: for the current remote generation only (earlier ones arrive with the answer). */
  void remoteCandidate(long now, String value, String ufrag, List<Runnable> out) {
    IceCredentials r = remote;
    if (closed || stack == null || r == null || (!ufrag.isEmpty() && !ufrag.equals(r.ufrag()))) {
      return;
    }
    addRemote(now, value, out);
  }

  void remoteEndOfCandidates(long now) {
    TransportStack s = stack;
    if (closed || s == null || remote == null) {
      return;
    }
    s.endOfRemoteCandidates(now);
  }

  private void addRemote(long now, String value, List<Runnable> out) {
    TransportStack s = Objects.requireNonNull(stack, "stack");
    IceCandidate c;
    try {
      c = IceCandidate.parse(value);
    } catch (IllegalArgumentException e) {
      LOG.log(Level.DEBUG, "remote candidate ignored: {0}", e.getMessage());
      return;
    }
    if (c.component() != 1 || !(c.protocol().equals("udp"))) {
      // rtcp-mux and BUNDLE: component 1 only; ICE-TCP candidates are not gathered or checked.
      return;
    }
    s.addRemoteCandidate(now, c);
    RTCIceCandidate api = new RTCIceCandidate(init("candidate:" + stripPrefix(value), remote == null ? null : remote.ufrag()));
    out.add(() -> ice.addRemoteCandidate(api));
  }

  /** Any thread: a remote .local name resolved (null: it did not); handed to the agent on the loop. */
  private void mdnsResolved(String name, @Nullable InetAddress address) {
    loop.execute(() -> {
      TransportStack st = stack;
      if (st != null && !closed) {
        st.iceAgent().mdnsResolved(clock.getAsLong(), name, address);
      }
    });
  }

  // ---------------------------------------------------------------- the loop's verbs

  /** One datagram of an inbox batch: fed to the stack without a drain; the driver drains after the batch. */
  private void onDatagram(Datagram d) {
    TransportStack s = stack;
    if (s != null && !closed) {
      s.receive(clock.getAsLong(), d);
    }
  }

  long pollTimeout() {
    TransportStack s = stack;
    return s == null || closed ? Long.MAX_VALUE : s.pollTimeout();
  }

  void handleTimeout(long now) {
    TransportStack s = stack;
    if (s != null && !closed) {
      s.handleTimeout(now);
    }
  }

  /** Moves the stack's events into dispatch tasks and its datagrams onto the sockets. */
  void drain(long now, List<Runnable> out) {
    TransportStack s = stack;
    if (s == null || closed) {
      return;
    }
    s.drain(now);
    for (StackEvent e; (e = s.pollEvent()) != null; ) {
      onStackEvent(e, out);
    }
    streams.drain(s.iceAgent());
    flushTransmits(s);
    channels.reportSent(out);
  }

  /**
   * Datagrams of one loop step sent by the loop itself; the rest go to the reactor's send thread.
   * Three covers a ping, a SACK, an ICE check and a DTLS handshake flight (at most 2-3 datagrams):
   * no hand-off on the latency path. A bulk sender's step produces dozens of SCTP packets.
   */
  static final int INLINE_SENDS_PER_STEP = 3;

  /**
   * Sends what the stack produced: the first {@link #INLINE_SENDS_PER_STEP} datagrams from the
   * loop, the rest of a burst handed to the reactor's send thread, so the loop takes its next
   * input while the kernel sends (the sender's loop was the bottleneck of bulk transfers, 60% of
   * its time in sendto).
   */
  private void flushTransmits(TransportStack s) {
    TransportSockets ts = sockets;
    int n = 0;
    for (Datagram d; (d = s.pollTransmit()) != null; ) {
      if (ts != null) {
        ts.send(d, n++ >= INLINE_SENDS_PER_STEP);
      }
    }
  }

  /** close(): DTLS close_notify goes out, then the sockets close. No event follows. */
  void close(long now) {
    if (closed) {
      return;
    }
    TransportStack s = stack;
    if (s != null) {
      s.close(now);
      streams.drain(s.iceAgent());
      flushTransmits(s);
    }
    streams.close();
    hiddenNames.values().forEach(SharedMdns::unregister);
    hiddenNames.clear();
    closed = true;
    channels.close();
    TransportSockets ts = sockets;
    if (ts != null) {
      ts.close();
    }
    iceConnectionState = RTCIceConnectionState.CLOSED;
    connectionState = RTCPeerConnectionState.CLOSED;
  }

  // ---------------------------------------------------------------- events

  private void onStackEvent(StackEvent e, List<Runnable> out) {
    switch (e) {
      case StackEvent.LocalCandidate lc -> {
        for (IceCandidate announced : NatOneToOne.announced(lc.candidate(), settings)) {
          IceCandidate signalled = settings.mdnsHostCandidates() ? hideAddress(announced) : announced;
          String value = stripPrefix(signalled.toSdp());
          signalling.addLocalCandidate(lc.ufrag(), value);
          Optional<RTCIceServerTransportProtocol> relay = lc.relayProtocol() == null ? Optional.empty()
              : Optional.of(RTCIceServerTransportProtocol.fromW3cName(lc.relayProtocol().w3cName()));
          RTCIceCandidate c = RTCIceCandidate.local(init("candidate:" + value, lc.ufrag()), relay,
              Optional.ofNullable(lc.url()));
          out.add(() -> {
            ice.addLocalCandidate(c);
            fireAtConnection.accept(RTCPeerConnectionIceEvent.of(c));
          });
        }
      }
      case StackEvent.GatheringStateChanged g -> {
        if (g.state() == IceGatheringState.GATHERING) {
          out.add(() -> updateGathering(RTCIceGathererState.GATHERING));
        }
      }
      case StackEvent.EndOfCandidates end -> {
        signalling.gatheringComplete(end.ufrag());
        // W3C (after webrtc-pc#2894): gatheringstatechange and icegatheringstatechange in one task,
        // then the null candidate.
        out.add(() -> {
          updateGathering(RTCIceGathererState.COMPLETE);
          fireAtConnection.accept(RTCPeerConnectionIceEvent.endOfCandidates());
        });
      }
      case StackEvent.IceStateChanged st -> {
        RTCIceTransportState next = toApi(st.state());
        out.add(() -> {
          ice.updateState(next);
          RTCIceConnectionState pcState = RTCIceConnectionState.fromW3cName(next.w3cName());
          if (pcState != iceConnectionState) {
            iceConnectionState = pcState;
            fireAtConnection.accept(Event.of(RTCPeerConnection.ICECONNECTIONSTATECHANGE.name()));
          }
          updateConnectionState();
        });
      }
      case StackEvent.SelectedPairChanged sp -> {
        RTCIceCandidatePair pair = sp.pair() == null ? null : toApi(sp.pair());
        out.add(() -> ice.updateSelectedPair(pair));
      }
      case StackEvent.CandidateError ce -> {
        InetSocketAddress a = ce.localAddress();
        RTCPeerConnectionIceErrorEvent ev = new RTCPeerConnectionIceErrorEvent(RTCPeerConnection.ICECANDIDATEERROR.name(),
            Optional.of(hostText(a.getAddress())), OptionalInt.of(a.getPort()), ce.url(), ce.errorCode(), ce.errorText());
        out.add(() -> fireAtConnection.accept(ev));
      }
      case StackEvent.DtlsConnecting c -> out.add(() -> {
        dtls.updateState(RTCDtlsTransportState.CONNECTING);
        updateConnectionState();
      });
      case StackEvent.DtlsConnected c -> {
        List<byte[]> chain = new ArrayList<>();
        for (Bytes b : c.remoteCertificates()) {
          chain.add(b.toArray());
        }
        out.add(() -> {
          dtls.connected(chain);
          updateConnectionState();
        });
      }
      case StackEvent.DtlsFailed f -> {
        RTCError error = f.fingerprintFailure()
            ? RTCError.of(RTCError.ErrorDetail.FINGERPRINT_FAILURE, f.message())
            : RTCError.dtls(f.message(), f.receivedAlert(), f.sentAlert());
        out.add(() -> {
          dtls.fail(error);
          updateConnectionState();
        });
      }
      case StackEvent.DtlsClosed c -> out.add(() -> {
        dtls.updateState(RTCDtlsTransportState.CLOSED);
        updateConnectionState();
      });
      case StackEvent.SctpUp up -> {
        var controller = Optional.ofNullable(stack).map(TransportStack::channels).orElse(null);
        int streams = controller == null ? 0 : controller.association().negotiatedStreams();
        out.add(() -> {
          RTCSctpTransport t = sctp.get();
          if (t != null) {
            t.connected(streams);
          }
        });
      }
      case StackEvent.Channel ch -> {
        if (ch.event() instanceof dev.webrtc4j.internal.sctp.DataChannelController.ChannelEvent.TransportClosed) {
          out.add(() -> {
            RTCSctpTransport t = sctp.get();
            if (t != null) {
              t.closed();
            }
          });
        }
        channels.onChannelEvent(ch.event(), out);
      }
    }
  }

  /** In a dispatch task: the transport's gathering state, then the connection's (W3C §4.3.2). */
  private void updateGathering(RTCIceGathererState next) {
    ice.updateGatheringState(next);
    RTCIceGatheringState pc = RTCIceGatheringState.valueOf(next.name());
    if (pc != iceGatheringState) {
      iceGatheringState = pc;
      fireAtConnection.accept(Event.of(RTCPeerConnection.ICEGATHERINGSTATECHANGE.name()));
    }
  }

  /** In a dispatch task: W3C §4.3.3 RTCPeerConnectionState from the ICE and DTLS transports. */
  private void updateConnectionState() {
    RTCIceTransportState i = ice.state();
    RTCDtlsTransportState d = dtls.state();
    RTCPeerConnectionState next;
    if (i == RTCIceTransportState.FAILED || d == RTCDtlsTransportState.FAILED) {
      next = RTCPeerConnectionState.FAILED;
    } else if (i == RTCIceTransportState.DISCONNECTED) {
      next = RTCPeerConnectionState.DISCONNECTED;
    } else if ((i == RTCIceTransportState.NEW || i == RTCIceTransportState.CLOSED)
        && (d == RTCDtlsTransportState.NEW || d == RTCDtlsTransportState.CLOSED)) {
      next = RTCPeerConnectionState.NEW;
    } else if (i == RTCIceTransportState.NEW || i == RTCIceTransportState.CHECKING
        || d == RTCDtlsTransportState.NEW || d == RTCDtlsTransportState.CONNECTING) {
      next = RTCPeerConnectionState.CONNECTING;
    } else {
      next = RTCPeerConnectionState.CONNECTED;
    }
    if (next != connectionState && connectionState != RTCPeerConnectionState.CLOSED) {
      connectionState = next;
      fireAtConnection.accept(Event.of(RTCPeerConnection.CONNECTIONSTATECHANGE.name()));
    }
  }

  // ---------------------------------------------------------------- helpers

  /**
   * draft-ietf-mmusic-mdns-ice-candidates §3.1.1, as Chrome does it: a host candidate's address
   * becomes a random v4 UUID name under .local (one per local address, published by the shared
   * responder); other candidates lose their related address (0.0.0.0:0).
   */
  private IceCandidate hideAddress(IceCandidate c) {
    if (c.type() == CandidateType.HOST && !c.isMdns()) {
      InetAddress ip = c.address().getAddress();
      String name = hiddenNames.computeIfAbsent(ip, a -> {
        String n = new java.util.UUID((random.nextLong() & ~0xF000L) | 0x4000L,
            (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L).toString() + ".local";
        SharedMdns.register(n, a);
        return n;
      });
      return new IceCandidate(c.foundation(), c.component(), c.protocol(), c.priority(),
          InetSocketAddress.createUnresolved(name, c.address().getPort()), c.type(), null);
    }
    if (c.relatedAddress() != null) {
      return new IceCandidate(c.foundation(), c.component(), c.protocol(), c.priority(), c.address(), c.type(),
          new InetSocketAddress(anyAddress(c.relatedAddress()), 0));
    }
    return c;
  }

  private static InetAddress anyAddress(InetSocketAddress like) {
    try {
      return InetAddress.getByAddress(new byte[like.getAddress() instanceof java.net.Inet6Address ? 16 : 4]);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  private RTCIceCandidateInit init(String candidate, @Nullable String ufrag) {
    return new RTCIceCandidateInit(candidate, Optional.of(mid), OptionalInt.of(mLineIndex), Optional.ofNullable(ufrag));
  }

  private RTCIceCandidatePair toApi(CandidatePair p) {
    String ru = remote == null ? null : remote.ufrag();
    return new RTCIceCandidatePair(
        new RTCIceCandidate(init(p.local().toSdp(), localUfrag)), new RTCIceCandidate(init(p.remote().toSdp(), ru)));
  }

  private static String stripPrefix(String candidate) {
    String s = candidate.startsWith("a=") ? candidate.substring(2) : candidate;
    return s.startsWith("candidate:") ? s.substring("candidate:".length()) : s;
  }

  private static RTCIceTransportState toApi(IceConnectionState s) {
    return RTCIceTransportState.valueOf(s.name());
  }

  private static String hostText(InetAddress a) {
    String s = a.getHostAddress();
    int zone = s.indexOf('%');
    return zone >= 0 ? s.substring(0, zone) : s;
  }

  private static IceConfig.Timings timings(Settings settings) {
    IceConfig.Timings t = IceConfig.Timings.defaults();
    return new IceConfig.Timings(t.ta(), t.checkRto(), t.checkRtoMax(), t.checkMaxTransmissions(), t.stunRto(),
        t.stunMaxTransmissions(), t.nominationDelay(), nanos(settings.iceKeepaliveInterval()),
        nanos(settings.iceDisconnectedTimeout()), nanos(settings.iceFailedTimeout()), t.maxPairs());
  }

  private static long nanos(Duration d) {
    return d.toNanos();
  }

  /**
   * The configured STUN/TURN servers the agent can use (STUN over UDP; TURN over UDP, TCP, TLS).
   * A server whose host does not resolve becomes an icecandidateerror 701, as in browsers.
   */
  private static void resolveServers(RTCConfiguration config, List<IceServer> out, List<RTCPeerConnectionIceErrorEvent> errors) {
    for (RTCIceServer server : config.iceServers()) {
      for (RTCIceServerUrl url : server.validate()) {
        String text = url.toString();
        if (url.scheme() == RTCIceServerUrl.Scheme.STUNS) {
          LOG.log(Level.INFO, "ICE server {0} skipped: STUN over TLS is not supported", text);
          continue;
        }
        InetAddress ip;
        try {
          if (!NetworkGuard.allowsLookup(url.host())) {
            throw new UnknownHostException(url.host() + " (not looked up: network guard)");
          }
          ip = InetAddress.getByName(url.host());
        } catch (UnknownHostException e) {
          errors.add(new RTCPeerConnectionIceErrorEvent(RTCPeerConnection.ICECANDIDATEERROR.name(), Optional.empty(),
              OptionalInt.empty(), text, RTCPeerConnectionIceErrorEvent.SERVER_UNREACHABLE, "cannot resolve " + url.host()));
          continue;
        }
        InetSocketAddress address = new InetSocketAddress(ip, url.port());
        out.add(url.scheme().isTurn()
            ? new IceServer(text, address, server.username().orElse(null), server.credential().orElse(null))
            : IceServer.stun(text, address));
      }
    }
  }
}

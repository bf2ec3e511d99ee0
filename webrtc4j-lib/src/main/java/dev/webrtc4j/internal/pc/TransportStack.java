package dev.webrtc4j.internal.pc;

import dev.webrtc4j.internal.dcep.StreamIdAllocator;
import dev.webrtc4j.internal.dtls.DtlsCertificate;
import dev.webrtc4j.internal.dtls.DtlsConfig;
import dev.webrtc4j.internal.dtls.DtlsEngine;
import dev.webrtc4j.internal.dtls.DtlsEngineFactory;
import dev.webrtc4j.internal.dtls.DtlsEvent;
import dev.webrtc4j.internal.dtls.DtlsRole;
import dev.webrtc4j.internal.dtls.DtlsState;
import dev.webrtc4j.internal.dtls.Fingerprint;
import dev.webrtc4j.internal.dtls.SrtpKeyingMaterial;
import dev.webrtc4j.internal.dtls.SrtpProfile;
import dev.webrtc4j.internal.ice.CandidatePair;
import dev.webrtc4j.internal.ice.IceAgent;
import dev.webrtc4j.internal.ice.IceCandidate;
import dev.webrtc4j.internal.ice.IceConfig;
import dev.webrtc4j.internal.ice.IceConnectionState;
import dev.webrtc4j.internal.ice.IceCredentials;
import dev.webrtc4j.internal.ice.IceEvent;
import dev.webrtc4j.internal.ice.IceGatheringState;
import dev.webrtc4j.internal.ice.Milestones;
import dev.webrtc4j.internal.ice.Milestones.Milestone;
import dev.webrtc4j.internal.ice.RelayProtocol;
import dev.webrtc4j.internal.mux.PacketKind;
import dev.webrtc4j.internal.sctp.Association;
import dev.webrtc4j.internal.sctp.DataChannelController;
import dev.webrtc4j.internal.sctp.DataChannelController.ChannelConfig;
import dev.webrtc4j.internal.sctp.DataChannelController.ChannelEvent;
import dev.webrtc4j.internal.sctp.SctpOptions;
import dev.webrtc4j.internal.sctp.SendResult;
import dev.webrtc4j.internal.sctp.StreamId;
import dev.webrtc4j.internal.util.Bytes;
import dev.webrtc4j.internal.util.Datagram;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * One BUNDLE transport: an {@link IceAgent}, a {@link DtlsEngine} on top of it and a {@link
 * DataChannelController} on top of that, composed sans-I/O (docs/design/transport-wiring.md).
 *
 * <p>It has the core verbs of STYLE §2: every datagram from the transport's sockets goes to {@link
 * #handleDatagram}, deadlines to {@link #handleTimeout}, and the owner drains {@link
 * #pollTransmit()} and {@link #pollEvent()} and waits until {@link #pollTimeout()}. No sockets and
 * no clock: {@code now} (monotonic nanos) always comes from the caller. Confined to one loop thread.
 *
 * <p>Flow: ICE app data is demultiplexed by {@link PacketKind} (DTLS records go to the engine, the
 * rest is dropped and counted, as there is no media yet); when ICE first selects a pair the DTLS
 * handshake starts in the signalled role; DTLS application data is SCTP; once DTLS is connected
 * both sides start the SCTP association (RFC 8841 allows both; collisions are handled).
 *
 * <p>The BouncyCastle engine's handshake runs on its own thread and produces output between loop
 * calls; it runs the {@code wakeup} given to the constructor, on which the owner must only enqueue
 * a call of {@link #drain(long)} (or any verb) on its loop.
 */
public final class TransportStack {
  /**
   * Room left in a DTLS record for its header, explicit nonce and tag/MAC+padding while the suite
   * is not known yet (the association is made before the handshake). Once DTLS is connected the
   * SCTP MTU becomes the negotiated suite's real record limit ({@link #startSctp}).
   */
  static final int DTLS_RECORD_OVERHEAD = 64;

  /** What the stack reports, in order. */
  public sealed interface StackEvent {
    record IceStateChanged(IceConnectionState state) implements StackEvent {}

    record GatheringStateChanged(IceGatheringState state) implements StackEvent {}

    /** The pair ICE sends on changed (null: none, e.g. after a restart cleared it). */
    record SelectedPairChanged(@Nullable CandidatePair pair) implements StackEvent {}

    /** The DTLS handshake started (RTCDtlsTransport "connecting"). */
    record DtlsConnecting() implements StackEvent {}

    /** A gathered candidate; {@code url} and {@code relayProtocol} for server-derived ones. */
    record LocalCandidate(IceCandidate candidate, String ufrag, @Nullable String url,
        @Nullable RelayProtocol relayProtocol) implements StackEvent {}

    record EndOfCandidates(String ufrag) implements StackEvent {}

    /** ICE reported a problem with a server (W3C icecandidateerror). */
    record CandidateError(InetSocketAddress localAddress, String url, int errorCode, String errorText)
        implements StackEvent {}

    /** The DTLS handshake completed and the peer's certificate matched a signalled fingerprint. */
    record DtlsConnected(String cipherSuite, @Nullable SrtpKeyingMaterial srtp, List<Bytes> remoteCertificates)
        implements StackEvent {
      public @Nullable SrtpProfile srtpProfile() {
        return srtp == null ? null : srtp.profile();
      }
    }

    /**
     * DTLS failed; {@link #fingerprintFailure()} tells the W3C "fingerprint-failure" apart. The
     * alerts are the fatal alert descriptions received and sent (W3C RTCError receivedAlert /
     * sentAlert), when there was one.
     */
    record DtlsFailed(DtlsEvent.FailureReason reason, String message, OptionalInt receivedAlert, OptionalInt sentAlert)
        implements StackEvent {
      public boolean fingerprintFailure() {
        return reason == DtlsEvent.FailureReason.FINGERPRINT_MISMATCH;
      }
    }

    /** The peer closed DTLS (close_notify). */
    record DtlsClosed() implements StackEvent {}

    /** The SCTP association is up (RTCSctpTransport "connected"). */
    record SctpUp() implements StackEvent {}

    /** Anything else the data channel controller reports. */
    record Channel(ChannelEvent event) implements StackEvent {}
  }

  /**
   * What the remote description says about this transport.
   *
   * @param credentials the peer's ICE ufrag and pwd
   * @param fingerprints the peer's a=fingerprint values (not empty)
   * @param localDtlsRole our DTLS role, from a=setup
   * @param localSctpPort our a=sctp-port
   * @param remoteSctpPort the peer's a=sctp-port
   * @param remoteMaxMessageSize the peer's a=max-message-size; 0 means no limit
   */
  public record Remote(IceCredentials credentials, List<Fingerprint> fingerprints, DtlsRole localDtlsRole,
      int localSctpPort, int remoteSctpPort, long remoteMaxMessageSize) {
    public Remote {
      Objects.requireNonNull(credentials, "credentials");
      fingerprints = List.copyOf(fingerprints);
      Objects.requireNonNull(localDtlsRole, "localDtlsRole");
      if (fingerprints.isEmpty()) {
        throw new IllegalArgumentException("fingerprints must not be empty");
      }
      if (remoteMaxMessageSize < 0) {
        throw new IllegalArgumentException("remoteMaxMessageSize " + remoteMaxMessageSize);
      }
    }
  }

  private final IceAgent agent;
  private final DtlsCertificate certificate;
  private final DtlsEngineFactory dtlsFactory;
  private final DtlsConfigTweak dtlsTweak;
  private final SctpOptions sctpDefaults;
  private final RandomGenerator random;
  private final SecureRandom secure;
  private final Runnable wakeup;

  private final ArrayDeque<Datagram> transmits = new ArrayDeque<>();
  private final ArrayDeque<StackEvent> events = new ArrayDeque<>();
  /** DTLS records made before any pair could carry them (at most {@link #MAX_HELD_DTLS}). */
  private final ArrayDeque<ByteBuffer> heldDtls = new ArrayDeque<>();
  /** The peer's DTLS records that arrived before {@link #setRemote} made the engine (at most {@link #MAX_HELD_DTLS}). */
  private final ArrayDeque<ByteBuffer> earlyDtls = new ArrayDeque<>();
  private static final int MAX_HELD_DTLS = 32;

  private @Nullable Remote remote;
  private @Nullable DtlsEngine engine;
  private boolean dtlsStarted;
  private boolean dtlsOnFirstValidPair;
  /** DTLS datagrams moved out and in, counted up to {@link Milestones#MAX_COUNTED} for the timeline. */
  private int dtlsOut;
  private int dtlsIn;
  private @Nullable DataChannelController controller;
  private boolean sctpStarted;
  /** Setup steps for the timeline (logged only when its logger is at DEBUG). */
  private final Milestones milestones = new Milestones();
  private boolean closed;
  private long now;

  private long droppedNonDtls;
  private long droppedEarlyDtls;
  private long heldDtlsRecords;
  private long droppedSctpPackets;

  /** Adjusts the DTLS configuration the stack builds (MTU, timeouts, key log); identity by default. */
  @FunctionalInterface
  public interface DtlsConfigTweak {
    DtlsConfig apply(DtlsConfig config);
  }

  /**
   * @param iceConfig the agent's configuration (local credentials, role, servers)
   * @param certificate the local DTLS identity
   * @param dtlsFactory {@link DtlsEngineFactory#BOUNCY_CASTLE}, or a fake in simulations
   * @param dtlsTweak applied to the DTLS configuration before the engine is made
   * @param sctpOptions SCTP defaults; ports and the peer's max message size come from {@link Remote}
   * @param random for ICE and SCTP
   * @param secure for DTLS and the SCTP cookie secret
   * @param wakeup run from the DTLS handshake thread when it has output; must only enqueue a drain
   */
  public TransportStack(IceConfig iceConfig, DtlsCertificate certificate, DtlsEngineFactory dtlsFactory,
      DtlsConfigTweak dtlsTweak, SctpOptions sctpOptions, RandomGenerator random, SecureRandom secure, Runnable wakeup) {
    this.agent = new IceAgent(iceConfig, random);
    this.certificate = Objects.requireNonNull(certificate, "certificate");
    this.dtlsFactory = Objects.requireNonNull(dtlsFactory, "dtlsFactory");
    this.dtlsTweak = Objects.requireNonNull(dtlsTweak, "dtlsTweak");
    this.sctpDefaults = Objects.requireNonNull(sctpOptions, "sctpOptions");
    this.random = Objects.requireNonNull(random, "random");
    this.secure = Objects.requireNonNull(secure, "secure");
    this.wakeup = Objects.requireNonNull(wakeup, "wakeup");
  }

  // ------------------------------------------------------------------ lifecycle

  /** Registers the transport's local sockets and starts gathering. */
  public void start(long now, List<InetSocketAddress> localSockets) {
    this.now = now;
    if (closed) {
      return;
    }
    for (InetSocketAddress a : localSockets) {
      agent.addLocalSocket(now, a);
    }
    agent.startGathering(now);
    drain(now);
  }

  /** W3C iceCandidatePoolSize: gathers on the agent's sockets without reporting (see IceAgent#pregather). */
  public void pregather(long now) {
    this.now = now;
    if (!closed) {
      agent.pregather(now);
      drain(now);
    }
  }

  /** Applies the remote description's transport parameters; once only (no ICE restart yet). */
  public void setRemote(long now, Remote remote) {
    this.now = now;
    if (closed) {
      return;
    }
    if (this.remote != null) {
      throw new IllegalStateException("remote parameters are already set");
    }
    this.remote = remote;
    DtlsConfig dc = DtlsConfig.of(remote.localDtlsRole(), certificate, remote.fingerprints(), secure).withWakeup(wakeup);
    dc = dtlsTweak.apply(dc);
    engine = dtlsFactory.create(dc);
    int sctpMtu = Math.min(sctpDefaults.mtu(), dc.mtu() - DTLS_RECORD_OVERHEAD);
    SctpOptions so = sctpDefaults.withPorts(remote.localSctpPort(), remote.remoteSctpPort()).withMtu(sctpMtu);
    Association association = new Association(so, random, secure);
    association.setMaxSendMessageSize(remote.remoteMaxMessageSize() == 0 ? Long.MAX_VALUE : remote.remoteMaxMessageSize());
    StreamIdAllocator.DtlsRole idRole = remote.localDtlsRole() == DtlsRole.CLIENT
        ? StreamIdAllocator.DtlsRole.CLIENT : StreamIdAllocator.DtlsRole.SERVER;
    controller = new DataChannelController(association, idRole, so.streams());
    agent.setRemoteCredentials(now, remote.credentials());
    if (agent.selectedPair().isPresent() || !earlyDtls.isEmpty()) {
      startDtls(now);
    }
    DtlsEngine made = Objects.requireNonNull(engine, "engine");
    for (ByteBuffer early; (early = earlyDtls.pollFirst()) != null; ) {
      made.handleDatagram(now, early);
    }
    drain(now);
  }

  /**
   * ICE restart (RFC 8445 §9): new local credentials (gathering starts again) and, once the answer
   * is applied, new remote ones via {@link #restartRemote}. DTLS and SCTP continue on the old pair
   * until ICE selects a new one.
   */
  public void restartIce(long now, IceCredentials newLocal) {
    this.now = now;
    if (closed) {
      return;
    }
    agent.restart(now, newLocal);
    agent.startGathering(now);
    drain(now);
  }

  /** The peer's new ICE credentials after a restart (either side's). */
  public void restartRemote(long now, IceCredentials remoteCredentials) {
    this.now = now;
    if (closed) {
      return;
    }
    agent.setRemoteCredentials(now, remoteCredentials);
    drain(now);
  }

  /** Whether {@link #setRemote} has run. */
  public boolean hasRemote() {
    return remote != null;
  }

  /** The data channel controller, once {@link #setRemote} created it. */
  public @Nullable DataChannelController channels() {
    return closed ? null : controller;
  }

  public void addRemoteCandidate(long now, IceCandidate candidate) {
    this.now = now;
    if (closed) {
      return;
    }
    agent.addRemoteCandidate(now, candidate);
    drain(now);
  }

  public void endOfRemoteCandidates(long now) {
    this.now = now;
    if (closed) {
      return;
    }
    agent.endOfRemoteCandidates(now);
    drain(now);
  }

  /**
   * Closes DTLS (close_notify is queued for sending) and ICE; no event follows. Datagrams already
   * queued stay pollable. Idempotent.
   */
  public void close(long now) {
    this.now = now;
    if (closed) {
      return;
    }
    DtlsEngine e = engine;
    if (e != null) {
      e.close();
      moveDtlsTransmits(now, e);
    }
    moveIceTransmits();
    agent.close();
    events.clear();
    heldDtls.clear();
    earlyDtls.clear();
    closed = true;
  }

  // ------------------------------------------------------------------ data channels

  /** Opens a channel (DCEP unless negotiated); allowed once {@link #setRemote} ran. */
  public StreamId openChannel(long now, ChannelConfig config, OptionalInt id) {
    this.now = now;
    StreamId s = requireController().open(now, config, id);
    drain(now);
    return s;
  }

  /** Sends one message; {@code data} is handed over (the API copied the application's bytes). */
  public SendResult send(long now, StreamId id, boolean binary, ByteBuffer data) {
    this.now = now;
    SendResult r = requireController().sendOwned(now, id, binary, data);
    drain(now);
    return r;
  }

  public void closeChannel(long now, StreamId id) {
    this.now = now;
    requireController().close(now, id);
    drain(now);
  }

  private DataChannelController requireController() {
    DataChannelController c = controller;
    if (c == null || closed) {
      throw new IllegalStateException(closed ? "closed" : "no remote description applied yet");
    }
    return c;
  }

  // ------------------------------------------------------------------ sans-I/O verbs

  /** A datagram received on one of the local sockets. Never throws for bad bytes. */
  public void handleDatagram(long now, Datagram in) {
    this.now = now;
    if (closed) {
      return;
    }
    agent.handleDatagram(now, in);
    drain(now);
  }

  /**
   * A datagram received on one of the local sockets, handed to the ICE agent without the drain
   * that {@link #handleDatagram} ends with: for an owner that feeds a batch of datagrams and then
   * calls {@link #drain} once (the cores then move the whole batch at once, e.g. one SCTP SACK for
   * the batch instead of one per two packets). The caller hands the datagram's buffer over (nobody
   * reads or writes it afterwards, as with the UDP reactor's fresh array per datagram), so its
   * application data goes up without a copy. Never throws for bad bytes.
   */
  public void receive(long now, Datagram in) {
    this.now = now;
    if (closed) {
      return;
    }
    agent.handleOwnedDatagram(now, in);
  }

  /** {@code now} reached {@link #pollTimeout()}: each core whose deadline passed gets its timeout. */
  public void handleTimeout(long now) {
    this.now = now;
    if (closed) {
      return;
    }
    if (agent.pollTimeout() <= now) {
      agent.handleTimeout(now);
    }
    DtlsEngine e = engine;
    if (e != null && dtlsStarted && e.pollTimeout() <= now) {
      e.handleTimeout(now);
    }
    DataChannelController c = controller;
    if (c != null && sctpStarted && c.association().pollTimeout() <= now) {
      c.association().handleTimeout(now);
    }
    drain(now);
  }

  /**
   * Moves output between the cores until none has any: what the DTLS handshake thread produced,
   * ICE events and app data, SCTP packets. The owner calls it on its loop after a wakeup; every
   * other verb ends with it.
   */
  public void drain(long now) {
    this.now = now;
    if (closed) {
      return;
    }
    boolean moved = true;
    while (moved) {
      moved = false;
      for (IceEvent ev; (ev = agent.pollEvent()) != null; ) {
        moved = true;
        onIceEvent(now, ev);
      }
      DtlsEngine e = engine;
      moved |= startDtlsEarly(now, e);
      if (e != null && dtlsStarted) {
        for (DtlsEvent ev; (ev = e.pollEvent()) != null; ) {
          moved = true;
          onDtlsEvent(now, e, ev);
        }
      }
      DataChannelController c = controller;
      if (c != null && sctpStarted) {
        for (ChannelEvent ev; (ev = c.pollEvent()) != null; ) {
          moved = true;
          events.add(ev instanceof ChannelEvent.TransportUp ? new StackEvent.SctpUp() : new StackEvent.Channel(ev));
        }
        for (ByteBuffer p; (p = c.association().pollTransmit()) != null; ) {
          moved = true;
          sendSctp(e, p);
        }
      }
      if (e != null && dtlsStarted) {
        moved |= moveDtlsTransmits(now, e);
      }
      moved |= moveIceTransmits();
    }
  }

  /**
   * The next datagram to send (its source names the local socket), or null. Every verb ends with
   * {@link #drain}, and so must the owner's handling of a DTLS wakeup: polling moves nothing.
   */
  public @Nullable Datagram pollTransmit() {
    return transmits.pollFirst();
  }

  /** The next event, or null; see {@link #pollTransmit()}. */
  public @Nullable StackEvent pollEvent() {
    return events.pollFirst();
  }

  /** The earliest deadline of the cores (absolute nanos), {@link Long#MAX_VALUE} when idle. */
  public long pollTimeout() {
    if (closed) {
      return Long.MAX_VALUE;
    }
    long t = agent.pollTimeout();
    DtlsEngine e = engine;
    if (e != null && dtlsStarted) {
      t = Math.min(t, e.pollTimeout());
    }
    DataChannelController c = controller;
    if (c != null && sctpStarted) {
      t = Math.min(t, c.association().pollTimeout());
    }
    return t;
  }

  // ------------------------------------------------------------------ getters

  public IceAgent iceAgent() {
    return agent;
  }

  public DtlsState dtlsState() {
    DtlsEngine e = engine;
    return e == null ? DtlsState.NEW : e.state();
  }

  public IceConnectionState iceState() {
    return agent.connectionState();
  }

  /** App data from ICE that was neither DTLS nor anything else this stack handles (RTP, ZRTP, ...). */
  public long droppedNonDtls() {
    return droppedNonDtls;
  }

  /** DTLS records that arrived before the remote description made the engine, beyond the 32 kept for it. */
  public long droppedEarlyDtls() {
    return droppedEarlyDtls;
  }

  /** DTLS records that waited for a pair to carry them (made before any pair was valid). */
  public long heldDtlsRecords() {
    return heldDtlsRecords;
  }

  /** SCTP packets that could not be sent (DTLS not connected, or larger than a record). */
  public long droppedSctpPackets() {
    return droppedSctpPackets;
  }

  // ------------------------------------------------------------------ wiring

  private void onIceEvent(long now, IceEvent ev) {
    switch (ev) {
      case IceEvent.ConnectionStateChanged s -> events.add(new StackEvent.IceStateChanged(s.state()));
      case IceEvent.LocalCandidate c ->
          events.add(new StackEvent.LocalCandidate(c.candidate(), c.ufrag(), c.url(), c.relayProtocol()));
      case IceEvent.EndOfCandidates e -> events.add(new StackEvent.EndOfCandidates(e.ufrag()));
      case IceEvent.CandidateError c ->
          events.add(new StackEvent.CandidateError(c.localAddress(), c.url(), c.errorCode(), c.errorText()));
      case IceEvent.SelectedPairChanged s -> {
        events.add(new StackEvent.SelectedPairChanged(s.pair()));
        if (s.pair() != null) {
          startDtls(now);
        }
      }
      case IceEvent.AppData d -> onAppData(now, d.payload());
      case IceEvent.GatheringStateChanged g -> events.add(new StackEvent.GatheringStateChanged(g.state()));
      case IceEvent.RoleChanged r -> {}
    }
  }

  private void onAppData(long now, ByteBuffer payload) {
    if (PacketKind.of(payload) != PacketKind.DTLS) {
      droppedNonDtls++;
      return;
    }
    DtlsEngine e = engine;
    if (e == null) {
      // The peer's DTLS client may start on its first valid pair (libwebrtc does), and its
      // ClientHello can beat the description that makes our engine: keep a few records
      // for setRemote, as libwebrtc keeps an early ClientHello, instead of waiting for the
      // client's retransmission (1 s).
      if (earlyDtls.size() < MAX_HELD_DTLS) {
        earlyDtls.add(payload);
      } else {
        droppedEarlyDtls++;
      }
      return;
    }
    // The peer may have selected its pair (and sent its first flight) before we did.
    startDtls(now);
    if (dtlsIn < Milestones.MAX_COUNTED) {
      milestones.reachCounted(agent.localCredentials().ufrag(), Milestone.DTLS_IN, ++dtlsIn);
    }
    e.handleDatagram(now, payload);
  }

  private void startDtls(long now) {
    DtlsEngine e = engine;
    if (e == null || dtlsStarted) {
      return;
    }
    dtlsStarted = true;
    milestones.reach(agent.localCredentials().ufrag(), Milestone.DTLS_STARTED);
    events.add(new StackEvent.DtlsConnecting());
    e.start(now);
  }

  private void onDtlsEvent(long now, DtlsEngine e, DtlsEvent ev) {
    switch (ev) {
      case DtlsEvent.Connected c -> {
        milestones.reach(agent.localCredentials().ufrag(), Milestone.DTLS_CONNECTED);
        events.add(new StackEvent.DtlsConnected(c.cipherSuite(), c.srtp(), c.remoteCertificates()));
        startSctp(now);
      }
      case DtlsEvent.Failed f -> events.add(
          new StackEvent.DtlsFailed(f.reason(), f.message(), f.receivedAlertDescription(), f.sentAlertDescription()));
      case DtlsEvent.Closed c -> {
        events.add(new StackEvent.DtlsClosed());
        DataChannelController dc = controller;
        if (dc != null && sctpStarted) {
          dc.association().abort(now, "DTLS closed by the peer");
        }
      }
      case DtlsEvent.ApplicationData a -> {
        DataChannelController dc = controller;
        if (dc != null && sctpStarted) {
          // The decrypted record is immutable and ours: the association parses it in place and may
          // keep slices of it (no copy; Association.handleOwnedDatagram never writes to it).
          dc.association().handleOwnedDatagram(now, a.data().unsafeReadView());
        }
      }
    }
  }

  private void startSctp(long now) {
    DataChannelController c = controller;
    if (c == null || sctpStarted) {
      return;
    }
    sctpStarted = true;
    milestones.reach(agent.localCredentials().ufrag(), Milestone.SCTP_STARTED);
    // One SCTP packet per DTLS record (RFC 8261 §5): size packets to the negotiated suite's record
    // limit (AES-GCM: 13 header + 8 nonce + 16 tag), not to the worst case reserved before.
    DtlsEngine e = engine;
    int recordLimit = e == null ? 0 : e.maxApplicationDataSize();
    if (recordLimit >= 256) {
      c.association().setMtu(Math.min(sctpDefaults.mtu(), recordLimit));
    }
    if (e != null) {
      c.association().setPacketRoom(e.recordHeadroom(), e.recordTailroom()); // records protected in place
    }
    c.association().connect(now);
  }

  private void sendSctp(@Nullable DtlsEngine e, ByteBuffer packet) {
    if (e == null || e.state() != DtlsState.CONNECTED || packet.remaining() == 0
        || packet.remaining() > e.maxApplicationDataSize()) {
      droppedSctpPackets++;
      return;
    }
    e.sendOwned(packet); // the association's packet is ours to hand over
  }

  private boolean moveDtlsTransmits(long now, DtlsEngine e) {
    boolean moved = false;
    for (ByteBuffer r; (r = e.pollTransmit()) != null; ) {
      moved = true;
      if (dtlsOut < Milestones.MAX_COUNTED) {
        milestones.reachCounted(agent.localCredentials().ufrag(), Milestone.DTLS_OUT, ++dtlsOut);
      }
      // Each record is a fresh buffer of the engine's. False when no pair can carry it: before
      // any selection it waits for one (see startDtlsEarly); after, DTLS retransmits on its own.
      if (!agent.sendOwnedAppData(now, r) && agent.selectedPair().isEmpty() && heldDtls.size() < MAX_HELD_DTLS) {
        heldDtls.add(r);
        heldDtlsRecords++;
      }
    }
    return moved;
  }

  /**
   * Whether the DTLS client starts its handshake on its first valid pair (RFC 8445 §12.1 lets
   * data flow on a valid pair before selection; libwebrtc starts once its transport is writable)
   * instead of at the selection. Off by default: on 2 cores it made setups slower, not faster
   * (the handshake's CPU then overlaps the offerer's remaining signalling and ICE round trip;
   * docs/perf-notes/signalling.md). Tests turn it on to play a libwebrtc-like client. Set before
   * {@link #setRemote}.
   */
  public void startDtlsOnFirstValidPair(boolean on) {
    this.dtlsOnFirstValidPair = on;
  }

  /**
   * Once a pair can carry data (the selected one, or before selection a valid one): the DTLS
   * client starts if {@link #startDtlsOnFirstValidPair} says so, and records made while no pair
   * could carry them (a server answering a ClientHello that arrived before its own check
   * succeeded) go out now instead of after a DTLS retransmission (1 s). The engine does not care
   * which pair carries its records; the peer accepts them from any pair of its checklist.
   */
  private boolean startDtlsEarly(long now, @Nullable DtlsEngine e) {
    Remote r = remote;
    if (e == null || r == null) {
      return false;
    }
    boolean startNow = dtlsOnFirstValidPair && !dtlsStarted && r.localDtlsRole() == DtlsRole.CLIENT;
    // Runs in every drain step: nothing to do (the usual case, and always on the data path)
    // must not ask the agent for a pair.
    if ((!startNow && heldDtls.isEmpty()) || !agent.canSendAppData()) {
      return false;
    }
    boolean moved = false;
    if (startNow) {
      startDtls(now);
      moved = true;
    }
    for (ByteBuffer held; (held = heldDtls.pollFirst()) != null; ) {
      agent.sendOwnedAppData(now, held);
      moved = true;
    }
    return moved;
  }

  private boolean moveIceTransmits() {
    boolean moved = false;
    for (Datagram d; (d = agent.pollTransmit()) != null; ) {
      moved = true;
      transmits.add(d);
    }
    return moved;
  }
}

package dev.webrtc4j.internal.pc;

import dev.webrtc4j.internal.util.Datagram;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * The sans-I/O peer-connection core: the W3C operations chain, the signaling state machine, JSEP
 * (RFC 9429) offer/answer generation and application, transceivers, the negotiation-needed flag,
 * remote ICE candidates. It reads no clock, starts no thread and uses only the randomness handed
 * in: ICE credentials from the {@link SecureRandom}, SSRCs, session ids and ids from the
 * {@link RandomGenerator}.
 *
 * <p>Confined to the connection's event loop. Chained operations return a token; their result
 * arrives as {@link CoreEvent.OperationDone} from {@link #pollEvent()}, after the events the
 * operation fired (so signalingstatechange is seen before the promise settles).
 */
public final class PeerConnectionCore {
  static final String RTP_PROTOCOL = "UDP/TLS/RTP/SAVPF";
  static final String SCTP_PROTOCOL = "UDP/DTLS/SCTP";
  static final int SCTP_PORT = 5000;
  static final int MAX_MESSAGE_SIZE = 262144;
  /** The stream id Chrome gives the tracks of a peer that writes no a=msid. */
  static final String DEFAULT_STREAM_ID = "default";
  private static final String ICE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

  private final SecureRandom secureRandom;
  private final RandomGenerator random;
  private final SdpTranslator sdp;
  private CoreConfig config;

  private final OperationsChain chain = new OperationsChain(this::onChainEmpty);
  private final ArrayDeque<CoreEvent> events = new ArrayDeque<>();
  private final List<Transceiver> transceivers = new ArrayList<>();
  private int nextTransceiverId;
  private int nextMid;
  private final String cname;
  private final long sessionId;
  private long sessionVersion = 1;

  private SignalingState signalingState = SignalingState.STABLE;
  private boolean closed;
  private @Nullable List<Fingerprint> fingerprints;

  private @Nullable JsepDescription currentLocal;
  private @Nullable JsepDescription pendingLocal;
  private @Nullable JsepDescription currentRemote;
  private @Nullable JsepDescription pendingRemote;
  private @Nullable JsepDescription lastCreatedOffer;
  private @Nullable JsepDescription lastCreatedAnswer;

  /** The m-line layout of the last applied description: mid and kind per index. */
  private List<Slot> layout = new ArrayList<>();

  private String localUfrag;
  private String localPwd;
  private @Nullable String[] restartCreds;
  private boolean iceRestartRequested;
  /** DTLS role once negotiated: true when we are the DTLS client (a=setup:active). */
  private @Nullable Boolean dtlsClient;

  private boolean dataChannelsRequested;
  private boolean sctpNegotiated;

  private boolean negotiationNeeded;
  private boolean updateNegotiationNeededOnEmptyChain;
  private boolean negotiationNeededCheckQueued;

  private @Nullable Rollback rollback;

  /** The ufrag the local candidates below were gathered for. */
  private @Nullable String gatheredUfrag;
  private final List<String> gatheredCandidates = new ArrayList<>();
  private boolean gatheringComplete;

  record Slot(@Nullable String mid, String kind) {}

  private record Rollback(List<Slot> layout, Map<Integer, Transceiver.Memento> transceivers, String ufrag, String pwd) {}

  public PeerConnectionCore(CoreConfig config, SecureRandom secureRandom, RandomGenerator random, SdpTranslator sdp) {
    this.config = Objects.requireNonNull(config, "config");
    this.secureRandom = Objects.requireNonNull(secureRandom, "secureRandom");
    this.random = Objects.requireNonNull(random, "random");
    this.sdp = Objects.requireNonNull(sdp, "sdp");
    this.cname = token(random, 16);
    // RFC 8866 §5.2: the session id SHOULD be a 64-bit number below 2^63 (JSEP §5.2.1).
    this.sessionId = random.nextLong(1, Long.MAX_VALUE);
    String[] creds = newCredentials();
    this.localUfrag = creds[0];
    this.localPwd = creds[1];
  }

  // ---------------------------------------------------------------- sans-I/O verbs

  /** No network yet: datagrams are not for this core. */
  public void handleDatagram(long nowNanos, Datagram in) {}

  public void handleTimeout(long nowNanos) {}

  public @Nullable Datagram pollTransmit() {
    return null;
  }

  public long pollTimeout() {
    return Long.MAX_VALUE;
  }

  /** The next event, or null. Runs a queued negotiation-needed check when nothing else is left. */
  public @Nullable CoreEvent pollEvent() {
    if (events.isEmpty() && negotiationNeededCheckQueued) {
      negotiationNeededCheckQueued = false;
      runNegotiationNeededTask();
    }
    return events.poll();
  }

  // ---------------------------------------------------------------- configuration, certificate

  public CoreConfig config() {
    return config;
  }

  public void setConfig(CoreConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /** The certificate's fingerprints are known: operations waiting for them run. */
  public void setFingerprints(List<Fingerprint> fps) {
    this.fingerprints = List.copyOf(fps);
    chain.pump();
  }

  /** The certificate could not be made: operations that need it fail. */
  public void failCertificate(String message) {
    closedReason = message;
    chain.abortAll();
  }

  private @Nullable String closedReason;

  // ---------------------------------------------------------------- accessors

  public SignalingState signalingState() {
    return signalingState;
  }

  public boolean isClosed() {
    return closed;
  }

  public @Nullable JsepDescription currentLocalDescription() {
    return currentLocal;
  }

  public @Nullable JsepDescription pendingLocalDescription() {
    return pendingLocal;
  }

  public @Nullable JsepDescription currentRemoteDescription() {
    return currentRemote;
  }

  public @Nullable JsepDescription pendingRemoteDescription() {
    return pendingRemote;
  }

  public @Nullable JsepDescription localDescription() {
    return pendingLocal != null ? pendingLocal : currentLocal;
  }

  public @Nullable JsepDescription remoteDescription() {
    return pendingRemote != null ? pendingRemote : currentRemote;
  }

  /** W3C canTrickleIceCandidates: null until a remote description is set. */
  public @Nullable Boolean canTrickleIceCandidates() {
    JsepDescription r = remoteDescription();
    if (r == null) {
      return null;
    }
    return r.media().stream().anyMatch(m -> m.iceOptions().contains("trickle"));
  }

  public boolean sctpNegotiated() {
    return sctpNegotiated;
  }

  public List<Transceiver.View> transceivers() {
    return transceivers.stream().map(Transceiver::view).toList();
  }

  public String localUfrag() {
    return localUfrag;
  }

  public String localPwd() {
    return localPwd;
  }

  public boolean negotiationNeededFlag() {
    return negotiationNeeded;
  }

  // ---------------------------------------------------------------- transceivers (synchronous)

  /** W3C addTransceiver: a new transceiver (the caller validated kind and init). */
  public Transceiver.View addTransceiver(String kind, Direction direction, @Nullable String trackId, List<String> streamIds) {
    requireOpen();
    Transceiver t = newTransceiver(kind, direction);
    t.senderTrackId = trackId;
    t.senderStreamIds = List.copyOf(streamIds);
    updateNegotiationNeeded();
    return t.view();
  }

  /**
   * W3C addTrack (§5.1): reuse a transceiver whose sender never sent and has no track, of the
   * same kind, not stopping; else create a sendrecv one.
   *
   * @throws PcException INVALID_ACCESS when the track already has a sender here
   */
  public Transceiver.View addTrack(String kind, String trackId, List<String> streamIds) {
    requireOpen();
    for (Transceiver t : transceivers) {
      if (trackId.equals(t.senderTrackId) && !t.stopping) {
        throw PcException.invalidAccess("track " + trackId + " already has a sender");
      }
    }
    Transceiver reuse = null;
    for (Transceiver t : transceivers) {
      if (t.kind.equals(kind) && t.senderTrackId == null && !t.stopping && !t.stopped && !everSent(t)) {
        reuse = t;
        break;
      }
    }
    Transceiver t;
    if (reuse != null) {
      t = reuse;
      if (t.direction == Direction.RECVONLY) {
        t.direction = Direction.SENDRECV;
      } else if (t.direction == Direction.INACTIVE) {
        t.direction = Direction.SENDONLY;
      }
      if (t.remoteCreated) {
        t.trackAttachedSinceRemoteCreation = true;
      }
    } else {
      t = newTransceiver(kind, Direction.SENDRECV);
      t.addTrackCreated = true;
    }
    t.senderTrackId = trackId;
    t.senderStreamIds = List.copyOf(streamIds);
    updateNegotiationNeeded();
    return t.view();
  }

  /** W3C: "[[CurrentDirection]] has never had the value sendrecv or sendonly". */
  private static boolean everSent(Transceiver t) {
    return t.everSent;
  }

  /** W3C removeTrack (§5.1): detach the sender's track; sendrecv becomes recvonly, sendonly inactive. */
  public void removeTrack(int transceiverId) {
    requireOpen();
    Transceiver t = find(transceiverId);
    if (t == null || t.senderTrackId == null || t.stopping) {
      return;
    }
    t.senderTrackId = null;
    if (t.direction == Direction.SENDRECV) {
      t.direction = Direction.RECVONLY;
    } else if (t.direction == Direction.SENDONLY) {
      t.direction = Direction.INACTIVE;
    }
    updateNegotiationNeeded();
  }

  /** RTCRtpSender.replaceTrack/setStreams at the signaling level (no negotiation for a track swap). */
  public void setSenderStreams(int transceiverId, List<String> streamIds) {
    requireOpen();
    Transceiver t = require(transceiverId);
    t.senderStreamIds = List.copyOf(streamIds);
    updateNegotiationNeeded();
  }

  /** RTCRtpSender.replaceTrack: no renegotiation (W3C §5.2). */
  public void replaceSenderTrack(int transceiverId, @Nullable String trackId) {
    requireOpen();
    require(transceiverId).senderTrackId = trackId;
  }

  /**
   * RTCRtpTransceiver.direction setter.
   *
   * @throws PcException INVALID_STATE when stopping, TYPE for "stopped"
   */
  public void setDirection(int transceiverId, Direction direction) {
    requireOpen();
    Transceiver t = require(transceiverId);
    if (t.stopping) {
      throw PcException.invalidState("transceiver is stopping or stopped");
    }
    if (direction == Direction.STOPPED) {
      throw new PcException(PcException.Kind.TYPE, "direction cannot be set to stopped");
    }
    if (t.direction != direction) {
      t.direction = direction;
      updateNegotiationNeeded();
    }
  }

  /** RTCRtpTransceiver.stop (W3C "stop sending and receiving", then negotiation stops it). */
  public void stopTransceiver(int transceiverId) {
    requireOpen();
    Transceiver t = require(transceiverId);
    if (t.stopping) {
      return;
    }
    if (t.mid == null) {
      // Never associated with an m-section: nothing to negotiate, it is stopped at once (as
      // Chrome does); it leaves the set when the next negotiation completes.
      stopFully(t);
      t.proposedMid = null;
      return;
    }
    stopSendingAndReceiving(t);
    updateNegotiationNeeded();
  }

  private void stopSendingAndReceiving(Transceiver t) {
    boolean wasReceiving = t.firedDirection != null && t.firedDirection.receives();
    t.stopping = true;
    t.direction = Direction.STOPPED;
    if (wasReceiving) {
      events.add(new CoreEvent.TrackRemoved(t.id, t.remoteStreamIds));
    }
  }

  /** W3C "stop the RTCRtpTransceiver": stopping, stopped, current direction stopped. */
  private void stopFully(Transceiver t) {
    if (!t.stopping) {
      stopSendingAndReceiving(t);
    }
    t.stopped = true;
    t.currentDirection = Direction.STOPPED;
  }

  /** createDataChannel at the signaling level: the first channel needs an m=application section. */
  public void addDataChannel() {
    requireOpen();
    if (!dataChannelsRequested) {
      dataChannelsRequested = true;
      updateNegotiationNeeded();
    }
  }

  /** W3C restartIce(): the next offer carries new ICE credentials. */
  public void restartIce() {
    requireOpen();
    iceRestartRequested = true;
    updateNegotiationNeeded();
  }

  /** W3C close(): closed, every transceiver stopped, pending operations fail, no events. */
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    signalingState = SignalingState.CLOSED;
    for (Transceiver t : transceivers) {
      t.stopping = true;
      t.stopped = true;
      t.direction = Direction.STOPPED;
      t.currentDirection = Direction.STOPPED;
    }
    negotiationNeeded = false;
    negotiationNeededCheckQueued = false;
    events.clear();
    chain.abortAll();
    events.removeIf(e -> !(e instanceof CoreEvent.OperationDone));
  }

  private Transceiver newTransceiver(String kind, Direction direction) {
    long ssrc = random.nextLong(1, 1L << 32);
    long rtx = random.nextLong(1, 1L << 32);
    Transceiver t = new Transceiver(nextTransceiverId++, kind, direction, ssrc, rtx, uuid());
    transceivers.add(t);
    return t;
  }

  private @Nullable Transceiver find(int id) {
    for (Transceiver t : transceivers) {
      if (t.id == id) {
        return t;
      }
    }
    return null;
  }

  private Transceiver require(int id) {
    Transceiver t = find(id);
    if (t == null) {
      throw PcException.invalidState("transceiver " + id + " is no longer part of the connection");
    }
    return t;
  }

  private @Nullable Transceiver byMid(String mid) {
    for (Transceiver t : transceivers) {
      if (mid.equals(t.mid)) {
        return t;
      }
    }
    return null;
  }

  private void requireOpen() {
    if (closed) {
      throw PcException.invalidState("the RTCPeerConnection is closed");
    }
  }

  // ---------------------------------------------------------------- chained operations

  /** W3C createOffer (§4.4.1.5 "creating an offer"). */
  public void createOffer(long token, boolean iceRestart, @Nullable Boolean offerToReceiveAudio, @Nullable Boolean offerToReceiveVideo) {
    chainOp(token, true, () -> {
      if (closed) {
        throw PcException.invalidState("the RTCPeerConnection is closed");
      }
      if (signalingState != SignalingState.STABLE && signalingState != SignalingState.HAVE_LOCAL_OFFER) {
        // W3C: createOffer in have-remote-offer/... fails with InvalidStateError.
        throw PcException.invalidState("createOffer in signaling state " + signalingState);
      }
      legacyOfferToReceive("audio", offerToReceiveAudio);
      legacyOfferToReceive("video", offerToReceiveVideo);
      JsepDescription offer = buildOffer(iceRestart);
      lastCreatedOffer = offer;
      return offer;
    });
  }

  /** W3C createAnswer (§4.4.1.5 "creating an answer"). */
  public void createAnswer(long token) {
    chainOp(token, true, () -> {
      if (closed) {
        throw PcException.invalidState("the RTCPeerConnection is closed");
      }
      if (signalingState != SignalingState.HAVE_REMOTE_OFFER && signalingState != SignalingState.HAVE_LOCAL_PRANSWER) {
        throw PcException.invalidState("createAnswer needs a remote offer; signaling state is " + signalingState);
      }
      JsepDescription answer = buildAnswer(SdpType.ANSWER);
      lastCreatedAnswer = answer;
      return answer;
    });
  }

  /**
   * W3C setLocalDescription; {@code type == null} is the parameterless form (and {@code sdp} empty
   * means "the offer or answer I would create now").
   */
  public void setLocalDescription(long token, @Nullable SdpType type, String sdpText) {
    chainOp(token, true, () -> {
      if (closed) {
        throw PcException.invalidState("the RTCPeerConnection is closed");
      }
      SdpType t = type;
      if (t == null) {
        t = switch (signalingState) {
          case STABLE, HAVE_LOCAL_OFFER, HAVE_REMOTE_PRANSWER -> SdpType.OFFER;
          default -> SdpType.ANSWER;
        };
      }
      if (t == SdpType.ROLLBACK) {
        doRollback();
        return null;
      }
      if (SignalingState.next(signalingState, false, t) == null) {
        throw PcException.invalidState("cannot set a local " + t.sdpName() + " in signaling state " + signalingState);
      }
      JsepDescription desc;
      if (t == SdpType.OFFER) {
        if (sdpText.isEmpty()) {
          desc = buildOffer(false);
          lastCreatedOffer = desc;
        } else if (lastCreatedOffer != null && lastCreatedOffer.sdp().equals(sdpText)) {
          desc = lastCreatedOffer;
        } else {
          throw new PcException(PcException.Kind.INVALID_MODIFICATION,
              "the offer was not created by createOffer on this connection, or was modified");
        }
      } else {
        if (sdpText.isEmpty()) {
          desc = buildAnswer(t);
          lastCreatedAnswer = desc;
        } else if (lastCreatedAnswer != null && lastCreatedAnswer.sdp().equals(sdpText)) {
          desc = lastCreatedAnswer.type() == t ? lastCreatedAnswer : retype(lastCreatedAnswer, t);
        } else {
          throw new PcException(PcException.Kind.INVALID_MODIFICATION,
              "the answer was not created by createAnswer on this connection, or was modified");
        }
      }
      applyLocal(desc);
      return null;
    });
  }

  /** W3C setRemoteDescription. */
  public void setRemoteDescription(long token, SdpType type, String sdpText) {
    chainOp(token, false, () -> {
      if (closed) {
        throw PcException.invalidState("the RTCPeerConnection is closed");
      }
      if (type == SdpType.ROLLBACK) {
        doRollback();
        return null;
      }
      JsepDescription desc = sdp.read(type, sdpText);
      // W3C §4.4.1.6: an offer in have-local-offer is applied after an implicit rollback
      // (perfect negotiation).
      if (type == SdpType.OFFER && signalingState == SignalingState.HAVE_LOCAL_OFFER) {
        validateRemote(desc);
        doRollback();
      }
      if (SignalingState.next(signalingState, true, type) == null) {
        throw PcException.invalidState("cannot set a remote " + type.sdpName() + " in signaling state " + signalingState);
      }
      validateRemote(desc);
      applyRemote(desc);
      return null;
    });
  }

  /**
   * W3C addIceCandidate (§4.4.1.6 "add an ICE candidate"), after the API layer's TypeError check.
   * An empty candidate is end-of-candidates.
   */
  public void addIceCandidate(long token, String candidate, @Nullable String sdpMid, @Nullable Integer sdpMLineIndex,
      @Nullable String usernameFragment) {
    chainOp(token, false, () -> {
      if (closed) {
        throw PcException.invalidState("the RTCPeerConnection is closed");
      }
      JsepDescription remote = remoteDescription();
      if (remote == null) {
        throw PcException.invalidState("addIceCandidate needs a remote description");
      }
      int index = -1;
      if (sdpMid != null) {
        index = remote.indexOfMid(sdpMid);
        if (index < 0) {
          throw PcException.operation("no m-section with mid " + sdpMid + " in the remote description");
        }
      } else if (sdpMLineIndex != null) {
        if (sdpMLineIndex < 0 || sdpMLineIndex >= remote.media().size()) {
          throw PcException.operation("sdpMLineIndex " + sdpMLineIndex + " out of range (" + remote.media().size() + " m-sections)");
        }
        index = sdpMLineIndex;
      }
      if (usernameFragment != null) {
        boolean known = false;
        for (int i = 0; i < remote.media().size(); i++) {
          if ((index < 0 || index == i) && usernameFragment.equals(remote.media().get(i).iceUfrag())) {
            known = true;
          }
        }
        if (!known) {
          throw PcException.operation("usernameFragment " + usernameFragment + " matches no remote ICE credentials");
        }
      }
      JsepDescription updated;
      String forUfrag = usernameFragment != null ? usernameFragment
          : remote.media().get(Math.max(index, 0)).iceUfrag();
      if (candidate.isEmpty()) {
        events.add(new CoreEvent.RemoteEndOfCandidates());
        updated = remote;
        for (int i = 0; i < remote.media().size(); i++) {
          if (index < 0 || index == i) {
            updated = updated.withMedia(i, m -> m.toBuilder().withEndOfCandidates().build(), sdp);
          }
        }
      } else {
        String value = sdp.checkCandidate(candidate);
        events.add(new CoreEvent.RemoteCandidate(value, forUfrag == null ? "" : forUfrag));
        int i = index;
        if (updated(remote, i)) {
          updated = remote.withMedia(i, m -> {
            MediaSection.Builder b = m.toBuilder();
            if (!b.candidates.contains(value)) {
              b.candidates.add(value);
            }
            return b.build();
          }, sdp);
        } else {
          updated = remote;
        }
      }
      if (pendingRemote != null) {
        pendingRemote = updated;
      } else {
        currentRemote = updated;
      }
      return null;
    });
  }

  private static boolean updated(JsepDescription remote, int index) {
    return index >= 0 && !remote.media().get(index).rejected();
  }

  @FunctionalInterface
  private interface Body {
    @Nullable Object run();
  }

  private void chainOp(long token, boolean needsCertificate, Body body) {
    if (closed) {
      events.add(new CoreEvent.OperationDone(token, null, PcException.invalidState("the RTCPeerConnection is closed")));
      return;
    }
    chain.chain(OperationsChain.of(
        () -> !needsCertificate || fingerprints != null || closed || closedReason != null,
        () -> {
          Object result;
          try {
            if (closedReason != null && fingerprints == null) {
              throw PcException.operation("certificate generation failed: " + closedReason);
            }
            result = body.run();
          } catch (PcException e) {
            events.add(new CoreEvent.OperationDone(token, null, e));
            return;
          }
          events.add(new CoreEvent.OperationDone(token, result, null));
        },
        () -> events.add(new CoreEvent.OperationDone(token, null,
            closed ? PcException.invalidState("the RTCPeerConnection is closed")
                : PcException.operation("certificate generation failed: " + closedReason)))));
  }

  // ---------------------------------------------------------------- negotiation-needed

  /** W3C "update the negotiation-needed flag" (§4.7.3). */
  private void updateNegotiationNeeded() {
    if (closed) {
      return;
    }
    if (!chain.isEmpty()) {
      updateNegotiationNeededOnEmptyChain = true;
      return;
    }
    negotiationNeededCheckQueued = true;
  }

  private void onChainEmpty() {
    if (updateNegotiationNeededOnEmptyChain) {
      updateNegotiationNeededOnEmptyChain = false;
      updateNegotiationNeeded();
    }
  }

  /** The task "update the negotiation-needed flag" queues. */
  private void runNegotiationNeededTask() {
    if (closed) {
      return;
    }
    if (!chain.isEmpty()) {
      updateNegotiationNeededOnEmptyChain = true;
      return;
    }
    if (signalingState != SignalingState.STABLE) {
      return;
    }
    if (!isNegotiationNeeded()) {
      negotiationNeeded = false;
      return;
    }
    if (negotiationNeeded) {
      return;
    }
    negotiationNeeded = true;
    events.add(new CoreEvent.NegotiationNeeded());
  }

  /** W3C "check if negotiation is needed" (§4.7.3). */
  boolean isNegotiationNeeded() {
    if (iceRestartRequested) {
      return true;
    }
    JsepDescription local = currentLocal;
    JsepDescription remote = currentRemote;
    if (dataChannelsRequested) {
      boolean hasData = local != null && local.media().stream().anyMatch(m -> m.isApplication() && !m.rejected());
      if (!hasData) {
        return true;
      }
    }
    for (Transceiver t : transceivers) {
      if (t.stopping && !t.stopped) {
        return true;
      }
      MediaSection lm = (t.mid == null || local == null) ? null : local.byMid(t.mid);
      if (!t.stopped && lm == null) {
        return true;
      }
      if (!t.stopped && lm != null) {
        if (t.direction.sends()) {
          List<String> streams = new ArrayList<>();
          for (Msid m : lm.msids()) {
            if (!m.streamId().equals("-")) {
              streams.add(m.streamId());
            }
          }
          if (lm.msids().isEmpty() || !new HashSet<>(streams).equals(new HashSet<>(t.senderStreamIds))) {
            return true;
          }
        }
        MediaSection rm = remote == null ? null : remote.byMid(t.mid);
        if (local.type() == SdpType.OFFER) {
          boolean localMatches = lm.direction() == t.direction;
          boolean remoteMatches = rm != null && rm.direction().reverse() == t.direction;
          if (!localMatches && !remoteMatches) {
            return true;
          }
        } else if (rm != null) {
          // Answer: the direction we answered must be our direction intersected with the offer's.
          if (lm.direction() != t.direction.answerTo(rm.direction())) {
            return true;
          }
        }
      }
      if (t.stopped && t.mid != null) {
        MediaSection rm = remote == null ? null : remote.byMid(t.mid);
        boolean rejected = (lm != null && lm.rejected()) || (rm != null && rm.rejected());
        if (!rejected) {
          return true;
        }
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- offers

  private void legacyOfferToReceive(String kind, @Nullable Boolean offerToReceive) {
    if (offerToReceive == null) {
      return;
    }
    if (!offerToReceive) {
      // W3C §11.4 (legacy): false turns receiving off on the kind's transceivers.
      for (Transceiver t : transceivers) {
        if (t.kind.equals(kind) && !t.stopping) {
          if (t.direction == Direction.SENDRECV) {
            t.direction = Direction.SENDONLY;
          } else if (t.direction == Direction.RECVONLY) {
            t.direction = Direction.INACTIVE;
          }
        }
      }
      return;
    }
    for (Transceiver t : transceivers) {
      if (t.kind.equals(kind) && !t.stopping && t.direction.receives()) {
        return;
      }
    }
    newTransceiver(kind, Direction.RECVONLY);
  }

  private String nextFreeMid(Set<String> used) {
    while (true) {
      String mid = Integer.toString(nextMid++);
      if (!used.contains(mid)) {
        return mid;
      }
    }
  }

  private Set<String> usedMids() {
    Set<String> used = new HashSet<>();
    for (Slot s : layout) {
      if (s.mid() != null) {
        used.add(s.mid());
      }
    }
    for (JsepDescription d : new JsepDescription[] {currentLocal, currentRemote, pendingLocal, pendingRemote}) {
      if (d != null) {
        for (MediaSection m : d.media()) {
          if (m.mid() != null) {
            used.add(m.mid());
          }
        }
      }
    }
    for (Transceiver t : transceivers) {
      if (t.mid != null) {
        used.add(t.mid);
      }
      if (t.proposedMid != null) {
        used.add(t.proposedMid);
      }
    }
    return used;
  }

  /** RFC 9429 §5.2.1 / §5.2.2: the m-line layout of the next offer. */
  private JsepDescription buildOffer(boolean iceRestartOption) {
    String ufrag = localUfrag;
    String pwd = localPwd;
    if (iceRestartOption || iceRestartRequested) {
      if (restartCreds == null) {
        restartCreds = newCredentials();
      }
      ufrag = restartCreds[0];
      pwd = restartCreds[1];
    }
    Set<String> used = usedMids();
    List<Slot> slots = new ArrayList<>(layout);
    // Transceivers that have no m-section yet, in the order they were added.
    List<Transceiver> fresh = new ArrayList<>();
    Set<String> layoutMids = new HashSet<>();
    for (Slot s : slots) {
      if (s.mid() != null) {
        layoutMids.add(s.mid());
      }
    }
    for (Transceiver t : transceivers) {
      if (t.mid == null && !t.stopped && !t.stopping) {
        // A mid proposed by an offer that was rolled back may since have been taken by the
        // peer's offer (perfect negotiation): then this transceiver needs a new one.
        if (t.proposedMid != null && layoutMids.contains(t.proposedMid)) {
          t.proposedMid = null;
        }
        fresh.add(t);
      }
    }
    if (proposedDataMid != null && layoutMids.contains(proposedDataMid)) {
      proposedDataMid = null;
    }
    for (Transceiver t : fresh) {
      String mid = t.proposedMid != null ? t.proposedMid : nextFreeMid(used);
      used.add(mid);
      t.proposedMid = mid;
      int recycle = -1;
      for (int i = 0; i < slots.size(); i++) {
        if (recyclable(slots.get(i))) {
          recycle = i;
          break;
        }
      }
      Slot s = new Slot(mid, t.kind);
      if (recycle >= 0) {
        slots.set(recycle, s);
      } else {
        slots.add(s);
      }
    }
    boolean hasData = slots.stream().anyMatch(s -> s.kind().equals("application"));
    if (dataChannelsRequested && !hasData) {
      String mid = proposedDataMid != null ? proposedDataMid : nextFreeMid(used);
      proposedDataMid = mid;
      slots.add(new Slot(mid, "application"));
    }
    List<MediaSection> media = new ArrayList<>();
    List<String> bundle = new ArrayList<>();
    for (Slot s : slots) {
      MediaSection m = offerSection(s, ufrag, pwd);
      media.add(m);
      if (!m.rejected() && m.mid() != null) {
        bundle.add(m.mid());
      }
    }
    return describe(SdpType.OFFER, bundle.isEmpty() ? List.of() : List.of(bundle), media);
  }

  private @Nullable String proposedDataMid;

  /** An m-section whose port is 0 in the current descriptions and whose transceiver is gone. */
  private boolean recyclable(Slot s) {
    if (s.mid() == null || s.kind().equals("application")) {
      return false;
    }
    if (byMid(s.mid()) != null) {
      return false;
    }
    for (JsepDescription d : new JsepDescription[] {currentLocal, currentRemote}) {
      if (d != null) {
        MediaSection m = d.byMid(s.mid());
        if (m != null && m.rejected()) {
          return true;
        }
      }
    }
    return false;
  }

  private MediaSection offerSection(Slot s, String ufrag, String pwd) {
    if (s.kind().equals("application")) {
      MediaSection.Builder b = MediaSection.builder("application", SCTP_PROTOCOL);
      b.formats = List.of("webrtc-datachannel");
      b.mid = s.mid();
      boolean wanted = dataChannelsRequested;
      if (!wanted) {
        // A data section the peer offered and we keep offering as it was negotiated.
        MediaSection prev = previous(s.mid());
        wanted = prev != null && !prev.rejected();
      }
      b.port = wanted ? 9 : 0;
      transport(b, ufrag, pwd, "actpass");
      b.sctpPort = SCTP_PORT;
      b.maxMessageSize = MAX_MESSAGE_SIZE;
      return b.build();
    }
    MediaSection.Builder b = MediaSection.builder(s.kind(), RTP_PROTOCOL);
    b.mid = s.mid();
    Transceiver t = s.mid() == null ? null : transceiverForSlot(s.mid());
    b.codecs = new ArrayList<>(Codecs.forKind(s.kind()));
    b.extensions = new ArrayList<>(Codecs.extensionsForKind(s.kind()));
    b.rtcpMux = true;
    b.rtcpRsize = true;
    transport(b, ufrag, pwd, "actpass");
    if (t == null || t.stopping || t.stopped) {
      b.port = 0;
      b.direction = Direction.INACTIVE;
      return b.build();
    }
    b.direction = t.direction;
    senderAttributes(b, t);
    return b.build();
  }

  private @Nullable Transceiver transceiverForSlot(String mid) {
    Transceiver t = byMid(mid);
    if (t != null) {
      return t;
    }
    for (Transceiver x : transceivers) {
      if (x.mid == null && mid.equals(x.proposedMid)) {
        return x;
      }
    }
    return null;
  }

  private @Nullable MediaSection previous(@Nullable String mid) {
    if (mid == null) {
      return null;
    }
    JsepDescription d = currentLocal != null ? currentLocal : localDescription();
    return d == null ? null : d.byMid(mid);
  }

  private void senderAttributes(MediaSection.Builder b, Transceiver t) {
    if (!b.direction.sends()) {
      return;
    }
    String trackId = t.senderTrackId != null ? t.senderTrackId : t.receiverTrackId;
    if (t.senderStreamIds.isEmpty()) {
      b.msids.add(new Msid("-", trackId));
    } else {
      for (String stream : t.senderStreamIds) {
        b.msids.add(new Msid(stream, trackId));
      }
    }
    b.ssrcs.add(t.ssrc);
    if (t.kind.equals("video")) {
      b.ssrcs.add(t.rtxSsrc);
    }
    b.cname = cname;
  }

  private void transport(MediaSection.Builder b, String ufrag, String pwd, String setup) {
    b.iceUfrag = ufrag;
    b.icePwd = pwd;
    b.iceOptions = new ArrayList<>(List.of("trickle"));
    b.fingerprints = new ArrayList<>(Objects.requireNonNull(fingerprints, "certificate not ready"));
    b.setup = setup;
    if (ufrag.equals(gatheredUfrag)) {
      // JSEP §5.2.2 / §5.3.2: descriptions carry the candidates gathered so far.
      b.candidates = new ArrayList<>(gatheredCandidates);
      b.endOfCandidates = gatheringComplete;
    }
  }

  private JsepDescription describe(SdpType type, List<List<String>> bundle, List<MediaSection> media) {
    JsepDescription d = new JsepDescription(type, sessionId, sessionVersion++, bundle, media, "");
    return d.withSdp(sdp.write(d));
  }

  private JsepDescription retype(JsepDescription d, SdpType type) {
    JsepDescription r = new JsepDescription(type, d.sessionId(), d.sessionVersion(), d.bundleGroups(), d.media(), "");
    return r.withSdp(d.sdp());
  }

  // ---------------------------------------------------------------- answers

  /** RFC 9429 §5.3.1 / §5.3.2: an answer to the remote offer, m-section by m-section. */
  private JsepDescription buildAnswer(SdpType type) {
    JsepDescription offer = Objects.requireNonNull(pendingRemote, "no remote offer");
    String ufrag = localUfrag;
    String pwd = localPwd;
    if (remoteIceRestart(offer)) {
      if (restartCreds == null) {
        restartCreds = newCredentials();
      }
      ufrag = restartCreds[0];
      pwd = restartCreds[1];
    }
    List<MediaSection> media = new ArrayList<>();
    Set<String> accepted = new HashSet<>();
    for (MediaSection o : offer.media()) {
      MediaSection a = answerSection(o, ufrag, pwd);
      media.add(a);
      if (!a.rejected() && a.mid() != null) {
        accepted.add(a.mid());
      }
    }
    List<List<String>> groups = new ArrayList<>();
    for (List<String> g : offer.bundleGroups()) {
      List<String> kept = g.stream().filter(accepted::contains).toList();
      if (!kept.isEmpty()) {
        groups.add(kept);
      }
    }
    return describe(type, groups, media);
  }

  private String answerSetup(MediaSection offered) {
    String s = offered.setup() == null ? "actpass" : offered.setup();
    return switch (s) {
      case "active" -> "passive";
      case "passive" -> "active";
      default -> (dtlsClient == null || dtlsClient) ? "active" : "passive";
    };
  }

  private MediaSection answerSection(MediaSection o, String ufrag, String pwd) {
    MediaSection.Builder b = MediaSection.builder(o.kind(), o.protocol());
    b.mid = o.mid();
    b.formats = new ArrayList<>(o.formats());
    // RFC 8843 §7.3.1: the answerer does not mark sections bundle-only; it gives them port 9 too.
    transport(b, ufrag, pwd, answerSetup(o));
    if (o.isApplication()) {
      boolean modern = o.formats().contains("webrtc-datachannel");
      // The legacy form (draft-ietf-mmusic-sctp-sdp-05, still offered by aiortc 1.4): m=application
      // 9 DTLS/SCTP 5000 with a=sctpmap:5000 webrtc-datachannel; answered in the same form.
      boolean legacy = !modern && o.sctpPort() >= 0 && o.formats().size() == 1;
      boolean ok = !o.rejected() && o.protocol().endsWith("DTLS/SCTP") && (modern || legacy);
      b.port = ok ? 9 : 0;
      if (legacy) {
        b.formats = new ArrayList<>(List.of(Integer.toString(SCTP_PORT)));
      }
      b.sctpPort = SCTP_PORT;
      b.maxMessageSize = MAX_MESSAGE_SIZE;
      return b.build();
    }
    Transceiver t = o.mid() == null ? null : byMid(o.mid());
    boolean rtp = o.protocol().contains("RTP/") && (o.kind().equals("audio") || o.kind().equals("video"));
    List<RtpCodec> codecs = rtp ? Codecs.answer(o.kind(), o.codecs()) : List.of();
    if (o.rejected() || t == null || t.stopping || t.stopped || codecs.isEmpty()) {
      b.port = 0;
      b.direction = Direction.INACTIVE;
      b.codecs = new ArrayList<>(o.codecs());
      return b.build();
    }
    b.codecs = new ArrayList<>(codecs);
    b.extensions = new ArrayList<>(Codecs.answerExtensions(o.kind(), o.extensions()));
    b.rtcpMux = o.rtcpMux();
    b.rtcpRsize = o.rtcpRsize();
    b.direction = t.direction.answerTo(o.direction());
    senderAttributes(b, t);
    return b.build();
  }

  private boolean remoteIceRestart(JsepDescription offer) {
    if (currentRemote == null || offer.media().isEmpty()) {
      return false;
    }
    for (MediaSection m : offer.media()) {
      if (m.rejected() || m.mid() == null) {
        continue;
      }
      MediaSection prev = currentRemote.byMid(m.mid());
      if (prev != null && !prev.rejected() && !Objects.equals(prev.iceUfrag(), m.iceUfrag())) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- applying descriptions

  private void validateRemote(JsepDescription d) {
    for (MediaSection m : d.media()) {
      if (m.rejected()) {
        continue;
      }
      if (m.mid() == null) {
        // RFC 9429 §5.8: every m-section of a WebRTC description carries a mid (Chrome rejects it too).
        throw PcException.invalidAccess("m-section " + d.media().indexOf(m) + " has no a=mid");
      }
      if (m.iceUfrag() == null || m.icePwd() == null) {
        throw PcException.invalidAccess("m-section " + m.mid() + " has no a=ice-ufrag / a=ice-pwd");
      }
      if (m.fingerprints().isEmpty()) {
        throw PcException.invalidAccess("m-section " + m.mid() + " has no a=fingerprint");
      }
      if (config.rtcpMuxRequired() && !m.isApplication() && !m.rtcpMux()) {
        // W3C rtcpMuxPolicy "require": a description without rtcp-mux fails (InvalidAccessError as in Chrome).
        throw PcException.invalidAccess("m-section " + m.mid() + " lacks a=rtcp-mux, which rtcpMuxPolicy require needs");
      }
    }
    Set<String> mids = new HashSet<>();
    for (MediaSection m : d.media()) {
      if (m.mid() != null && !mids.add(m.mid())) {
        throw PcException.invalidAccess("duplicate mid " + m.mid());
      }
    }
    if (d.type() == SdpType.ANSWER || d.type() == SdpType.PRANSWER) {
      JsepDescription offer = pendingLocal;
      if (offer != null) {
        checkSameLayout(offer, d);
      }
    }
  }

  private static void checkSameLayout(JsepDescription offer, JsepDescription answer) {
    if (offer.media().size() != answer.media().size()) {
      throw PcException.invalidAccess("the answer has " + answer.media().size() + " m-sections, the offer "
          + offer.media().size());
    }
    for (int i = 0; i < offer.media().size(); i++) {
      MediaSection o = offer.media().get(i);
      MediaSection a = answer.media().get(i);
      if (!Objects.equals(o.mid(), a.mid()) || !o.kind().equals(a.kind())) {
        throw PcException.invalidAccess("m-section " + i + " of the answer does not match the offer (mid "
            + a.mid() + " vs " + o.mid() + ")");
      }
    }
  }

  private void saveRollback() {
    if (rollback != null) {
      return;
    }
    Map<Integer, Transceiver.Memento> m = new LinkedHashMap<>();
    for (Transceiver t : transceivers) {
      m.put(t.id, t.memento());
    }
    rollback = new Rollback(new ArrayList<>(layout), m, localUfrag, localPwd);
  }

  private void applyLocal(JsepDescription desc) {
    SignalingState next = Objects.requireNonNull(SignalingState.next(signalingState, false, desc.type()));
    if (desc.type() == SdpType.OFFER) {
      saveRollback();
      pendingLocal = desc;
      associate(desc);
      layout = slotsOf(desc);
    } else {
      if (desc.type() == SdpType.ANSWER) {
        currentLocal = desc;
        currentRemote = pendingRemote;
        pendingLocal = null;
        pendingRemote = null;
        rollback = null;
      } else {
        pendingLocal = desc;
      }
      for (MediaSection m : desc.media()) {
        Transceiver t = m.mid() == null ? null : byMid(m.mid());
        if (t == null) {
          continue;
        }
        if (m.rejected()) {
          if (desc.type() == SdpType.ANSWER) {
            stopFully(t);
          }
        } else if (desc.type() == SdpType.ANSWER) {
          t.currentDirection = m.direction();
          t.firedDirection = m.direction();
          t.everSent |= m.direction().sends();
        }
      }
      String setup = desc.media().isEmpty() ? null : firstSetup(desc);
      if (setup != null) {
        dtlsClient = setup.equals("active");
      }
    }
    adoptLocalCredentials(desc);
    int ti = transportSectionIndex(desc);
    if (ti >= 0) {
      String tmid = desc.media().get(ti).mid();
      events.add(new CoreEvent.LocalDescriptionApplied(localUfrag, localPwd, desc.type() == SdpType.OFFER,
          tmid == null ? String.valueOf(ti) : tmid, ti));
    }
    finishApply(desc, next);
  }

  private static @Nullable String firstSetup(JsepDescription d) {
    for (MediaSection m : d.media()) {
      if (!m.rejected() && m.setup() != null) {
        return m.setup();
      }
    }
    return null;
  }

  private void adoptLocalCredentials(JsepDescription desc) {
    for (MediaSection m : desc.media()) {
      if (!m.rejected() && m.iceUfrag() != null && m.icePwd() != null) {
        if (!m.iceUfrag().equals(localUfrag)) {
          localUfrag = m.iceUfrag();
          localPwd = m.icePwd();
          restartCreds = null;
          iceRestartRequested = false;
        }
        return;
      }
    }
  }

  private void associate(JsepDescription desc) {
    for (MediaSection m : desc.media()) {
      if (m.mid() == null || m.isApplication()) {
        continue;
      }
      Transceiver t = transceiverForSlot(m.mid());
      if (t != null) {
        t.mid = m.mid();
      }
    }
    for (MediaSection m : desc.media()) {
      if (m.isApplication() && m.mid() != null && m.mid().equals(proposedDataMid)) {
        proposedDataMid = null;
      }
    }
  }

  private static List<Slot> slotsOf(JsepDescription d) {
    List<Slot> out = new ArrayList<>();
    for (MediaSection m : d.media()) {
      out.add(new Slot(m.mid(), m.kind()));
    }
    return out;
  }

  private void applyRemote(JsepDescription desc) {
    SignalingState next = Objects.requireNonNull(SignalingState.next(signalingState, true, desc.type()));
    List<CoreEvent> trackEvents = new ArrayList<>();
    boolean legacyNoMsid = desc.media().stream().allMatch(m -> m.msids().isEmpty());
    if (desc.type() == SdpType.OFFER) {
      saveRollback();
      pendingRemote = desc;
      for (MediaSection m : desc.media()) {
        if (m.isApplication() || m.mid() == null) {
          continue;
        }
        Transceiver t = byMid(m.mid());
        if (t == null && !m.rejected() && (m.kind().equals("audio") || m.kind().equals("video"))) {
          t = reusableForRemote(m.kind());
          if (t == null) {
            t = newTransceiver(m.kind(), Direction.RECVONLY);
            t.remoteCreated = true;
          }
          t.mid = m.mid();
          t.proposedMid = null;
        }
        if (t == null) {
          continue;
        }
        if (m.rejected()) {
          stopFully(t);
          continue;
        }
        processRemoteTracks(t, m, trackEvents, legacyNoMsid);
      }
      layout = slotsOf(desc);
    } else {
      if (desc.type() == SdpType.ANSWER) {
        currentRemote = desc;
        currentLocal = pendingLocal;
        pendingLocal = null;
        pendingRemote = null;
        rollback = null;
      } else {
        pendingRemote = desc;
      }
      for (MediaSection m : desc.media()) {
        Transceiver t = m.mid() == null ? null : byMid(m.mid());
        if (t == null) {
          continue;
        }
        if (m.rejected()) {
          stopFully(t);
          continue;
        }
        processRemoteTracks(t, m, trackEvents, legacyNoMsid);
        if (desc.type() == SdpType.ANSWER) {
          t.currentDirection = m.direction().reverse();
          t.everSent |= t.currentDirection.sends();
        }
      }
      String setup = firstSetup(desc);
      if (setup != null) {
        // The answerer's setup: active means the peer is the DTLS client.
        dtlsClient = !setup.equals("active");
      }
    }
    pendingTrackEvents = trackEvents;
    finishApply(desc, next);
  }

  private List<CoreEvent> pendingTrackEvents = List.of();

  /** W3C: a new remote m-section may be matched to a transceiver addTrack created and nothing negotiated yet. */
  private @Nullable Transceiver reusableForRemote(String kind) {
    for (Transceiver t : transceivers) {
      if (t.kind.equals(kind) && t.addTrackCreated && t.mid == null && t.proposedMid == null && !t.stopping && !t.stopped) {
        return t;
      }
    }
    for (Transceiver t : transceivers) {
      if (t.kind.equals(kind) && t.addTrackCreated && t.mid == null && !t.stopping && !t.stopped
          && pendingLocal == null) {
        return t;
      }
    }
    return null;
  }

  /** W3C "process the addition/removal of a remote track" for one m-section of a remote description. */
  private void processRemoteTracks(Transceiver t, MediaSection m, List<CoreEvent> out, boolean legacyNoMsid) {
    Direction local = m.direction().reverse();
    List<String> streams = new ArrayList<>();
    String trackId = null;
    for (Msid msid : m.msids()) {
      if (!msid.streamId().equals("-")) {
        streams.add(msid.streamId());
      }
      trackId = msid.trackId();
    }
    if (legacyNoMsid) {
      // A peer that writes no a=msid at all (pre-msid endpoints): Chrome puts its tracks in one
      // default stream (wpt RTCPeerConnection-setRemoteDescription-nomsid.html).
      streams.add(DEFAULT_STREAM_ID);
    }
    boolean wasReceiving = t.firedDirection != null && t.firedDirection.receives();
    if (local.receives()) {
      boolean streamsChanged = !streams.equals(t.remoteStreamIds);
      t.remoteStreamIds = List.copyOf(streams);
      t.remoteTrackId = trackId;
      if (!wasReceiving || streamsChanged) {
        out.add(new CoreEvent.Track(t.id, t.remoteStreamIds));
      }
    } else if (wasReceiving) {
      out.add(new CoreEvent.TrackRemoved(t.id, t.remoteStreamIds));
      t.remoteStreamIds = List.of();
    }
    t.firedDirection = local;
  }

  private void finishApply(JsepDescription desc, SignalingState next) {
    // Transceivers stopped and rejected in both current descriptions leave the set (W3C §4.4.1.6).
    if (desc.type() == SdpType.ANSWER) {
      transceivers.removeIf(t -> t.stopped);
      JsepDescription local = currentLocal;
      if (local != null) {
        for (MediaSection m : local.media()) {
          if (m.isApplication() && !m.rejected() && !sctpNegotiated) {
            MediaSection r = currentRemote == null ? null : currentRemote.byMid(Objects.requireNonNull(m.mid()));
            if (r != null && !r.rejected()) {
              sctpNegotiated = true;
              long remoteMax = r.maxMessageSize() < 0 ? 65536 : r.maxMessageSize();
              events.add(new CoreEvent.SctpNegotiated((int) Math.min(Integer.MAX_VALUE, remoteMax == 0 ? Integer.MAX_VALUE : remoteMax)));
            }
          }
        }
      }
    }
    if (desc.type() == SdpType.ANSWER) {
      TransportParameters tp = transportParameters();
      if (tp != null) {
        events.add(new CoreEvent.TransportNegotiated(tp));
      }
    }
    setSignalingState(next);
    events.addAll(pendingTrackEvents);
    pendingTrackEvents = List.of();
    if (next == SignalingState.STABLE) {
      // W3C: the flag is cleared, then updated again, when a negotiation completes.
      negotiationNeeded = false;
      updateNegotiationNeeded();
    }
  }

  private void setSignalingState(SignalingState next) {
    if (signalingState != next) {
      signalingState = next;
      events.add(new CoreEvent.SignalingStateChange(next));
    }
  }

  /** W3C rollback (§4.4.1.6): back to stable, undoing what the pending offer did to transceivers. */
  private void doRollback() {
    if (SignalingState.next(signalingState, false, SdpType.ROLLBACK) == null) {
      throw PcException.invalidState("nothing to roll back in signaling state " + signalingState);
    }
    Rollback r = Objects.requireNonNull(rollback, "rollback state");
    List<CoreEvent> trackEvents = new ArrayList<>();
    List<Transceiver> remove = new ArrayList<>();
    for (Transceiver t : transceivers) {
      Transceiver.Memento m = r.transceivers().get(t.id);
      if (m == null) {
        boolean receiving = t.firedDirection != null && t.firedDirection.receives();
        if (receiving) {
          trackEvents.add(new CoreEvent.TrackRemoved(t.id, t.remoteStreamIds));
        }
        if (t.remoteCreated && !t.trackAttachedSinceRemoteCreation) {
          remove.add(t);
        } else {
          t.mid = null;
          t.firedDirection = null;
          t.remoteStreamIds = List.of();
          t.remoteCreated = false;
        }
        continue;
      }
      boolean wasReceiving = m.firedDirection() != null && m.firedDirection().receives();
      boolean receiving = t.firedDirection != null && t.firedDirection.receives();
      if (receiving && !wasReceiving) {
        trackEvents.add(new CoreEvent.TrackRemoved(t.id, t.remoteStreamIds));
      }
      t.mid = m.mid();
      t.firedDirection = m.firedDirection();
      t.remoteStreamIds = m.remoteStreamIds();
      t.remoteTrackId = m.remoteTrackId();
      if (t.stopped && !m.stopped()) {
        t.stopped = m.stopped();
        t.stopping = m.stopping();
        t.direction = m.direction();
        t.currentDirection = t.currentDirection == Direction.STOPPED ? null : t.currentDirection;
      }
    }
    transceivers.removeAll(remove);
    layout = r.layout();
    localUfrag = r.ufrag();
    localPwd = r.pwd();
    rollback = null;
    pendingLocal = null;
    pendingRemote = null;
    pendingTrackEvents = trackEvents;
    finishApply(new JsepDescription(SdpType.ROLLBACK, 0, 0, List.of(), List.of(), ""), SignalingState.STABLE);
  }

  // ---------------------------------------------------------------- randomness

  private String[] newCredentials() {
    // RFC 8839 §5.4: ufrag at least 4 ice-chars, pwd at least 22 (Chrome: 4 and 24), with at
    // least 24 and 128 bits of randomness; from the SecureRandom seam.
    return new String[] {token(secureRandom, 4), token(secureRandom, 24)};
  }

  private static String token(RandomGenerator r, int length) {
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(ICE_CHARS.charAt(r.nextInt(ICE_CHARS.length())));
    }
    return sb.toString();
  }

  private String uuid() {
    return new java.util.UUID(random.nextLong(), random.nextLong()).toString();
  }

  /** Remote track id a transceiver's receiver saw in a=msid (for the API layer's stream bookkeeping). */
  public @Nullable String remoteTrackId(int transceiverId) {
    Transceiver t = find(transceiverId);
    return t == null ? null : t.remoteTrackId;
  }

  // ---------------------------------------------------------------- transport

  /**
   * A local candidate was gathered for {@code ufrag} (value without "candidate:"): it is added to
   * the local description that uses that ufrag (its first accepted m-section, the BUNDLE tag) and
   * to every description created from now on with it.
   */
  public void addLocalCandidate(String ufrag, String value) {
    startGatheringFor(ufrag);
    if (!gatheredCandidates.contains(value)) {
      gatheredCandidates.add(value);
      updateLocalTransportSection(ufrag, b -> {
        if (!b.candidates.contains(value)) {
          b.candidates.add(value);
        }
      });
    }
  }

  /** Gathering for {@code ufrag} finished: a=end-of-candidates goes into the local description. */
  public void localGatheringComplete(String ufrag) {
    startGatheringFor(ufrag);
    gatheringComplete = true;
    updateLocalTransportSection(ufrag, b -> b.endOfCandidates = true);
  }

  private void startGatheringFor(String ufrag) {
    if (!ufrag.equals(gatheredUfrag)) {
      gatheredUfrag = ufrag;
      gatheredCandidates.clear();
      gatheringComplete = false;
    }
  }

  private void updateLocalTransportSection(String ufrag, java.util.function.Consumer<MediaSection.Builder> change) {
    if (pendingLocal != null) {
      pendingLocal = withTransportSection(pendingLocal, ufrag, change);
    }
    if (currentLocal != null) {
      currentLocal = withTransportSection(currentLocal, ufrag, change);
    }
  }

  private JsepDescription withTransportSection(JsepDescription d, String ufrag,
      java.util.function.Consumer<MediaSection.Builder> change) {
    int i = transportSectionIndex(d);
    if (i < 0 || !ufrag.equals(d.media().get(i).iceUfrag())) {
      return d;
    }
    return d.withMedia(i, m -> {
      MediaSection.Builder b = m.toBuilder();
      change.accept(b);
      return b.build();
    }, sdp);
  }

  /** The m-section that carries the BUNDLE transport: the BUNDLE tag, else the first accepted one. */
  private static int transportSectionIndex(JsepDescription d) {
    List<String> group = d.bundleGroups().isEmpty() ? List.of() : d.bundleGroups().get(0);
    if (!group.isEmpty()) {
      int i = d.indexOfMid(group.get(0));
      if (i >= 0 && !d.media().get(i).rejected()) {
        return i;
      }
    }
    for (int i = 0; i < d.media().size(); i++) {
      if (!d.media().get(i).rejected()) {
        return i;
      }
    }
    return -1;
  }

  /** The transport parameters of the current descriptions, or null when no section was accepted. */
  private @Nullable TransportParameters transportParameters() {
    JsepDescription local = currentLocal;
    JsepDescription remote = currentRemote;
    if (local == null || remote == null) {
      return null;
    }
    int li = transportSectionIndex(local);
    int ri = transportSectionIndex(remote);
    if (li < 0 || ri < 0) {
      return null;
    }
    MediaSection lm = local.media().get(li);
    MediaSection rm = remote.media().get(ri);
    if (lm.iceUfrag() == null || lm.icePwd() == null || rm.iceUfrag() == null || rm.icePwd() == null) {
      return null;
    }
    TransportParameters.Sctp sctpParams = null;
    for (MediaSection m : local.media()) {
      if (m.isApplication() && !m.rejected() && m.mid() != null) {
        MediaSection r = remote.byMid(m.mid());
        if (r != null && !r.rejected()) {
          long remoteMax = r.maxMessageSize() < 0 ? 65536 : r.maxMessageSize();
          int localPort = m.sctpPort() > 0 ? m.sctpPort() : SCTP_PORT;
          int remotePort = r.sctpPort() > 0 ? r.sctpPort() : SCTP_PORT;
          sctpParams = new TransportParameters.Sctp(localPort, remotePort, remoteMax);
        }
        break;
      }
    }
    return new TransportParameters(lm.iceUfrag(), lm.icePwd(), rm.iceUfrag(), rm.icePwd(), rm.fingerprints(),
        Boolean.TRUE.equals(dtlsClient), sctpParams, rm.candidates(), rm.endOfCandidates());
  }

  /** For tests: the ids of every transceiver, in order. */
  List<Integer> transceiverIds() {
    List<Integer> ids = new ArrayList<>();
    for (Transceiver t : transceivers) {
      ids.add(t.id);
    }
    return ids;
  }
}

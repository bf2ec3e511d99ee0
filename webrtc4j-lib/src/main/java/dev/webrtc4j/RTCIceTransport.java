package dev.webrtc4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * The W3C {@code RTCIceTransport}: the ICE transport of the connection's BUNDLE group. Its
 * attributes change, and its events fire, in tasks on the connection's dispatch executor (in the
 * same task as the connection's own ICE events), so a listener reads a consistent state.
 *
 * @see <a href="https://w3c.github.io/webrtc-pc/#rtcicetransport">W3C §5.6 RTCIceTransport</a>
 */
public final class RTCIceTransport extends EventTarget {
  public static final EventType<Event> STATECHANGE = EventType.plain("statechange");
  public static final EventType<Event> GATHERINGSTATECHANGE = EventType.plain("gatheringstatechange");
  public static final EventType<Event> SELECTEDCANDIDATEPAIRCHANGE = EventType.plain("selectedcandidatepairchange");

  private volatile RTCIceTransportState state = RTCIceTransportState.NEW;
  private volatile RTCIceGathererState gatheringState = RTCIceGathererState.NEW;
  private volatile RTCIceRole role = RTCIceRole.UNKNOWN;
  private volatile @Nullable RTCIceCandidatePair selectedPair;
  private volatile @Nullable RTCIceParameters localParameters;
  private volatile @Nullable RTCIceParameters remoteParameters;
  private final List<RTCIceCandidate> localCandidates = new ArrayList<>();
  private final List<RTCIceCandidate> remoteCandidates = new ArrayList<>();

  RTCIceTransport(Executor dispatcher) {
    super(dispatcher);
  }

  public RTCIceRole role() {
    return role;
  }

  public RTCIceComponent component() {
    return RTCIceComponent.RTP;
  }

  public RTCIceTransportState state() {
    return state;
  }

  public RTCIceGathererState gatheringState() {
    return gatheringState;
  }

  /** The local candidates gathered in the current ICE generation (W3C getLocalCandidates()). */
  public List<RTCIceCandidate> getLocalCandidates() {
    synchronized (localCandidates) {
      return List.copyOf(localCandidates);
    }
  }

  /** The remote candidates of the current generation (W3C getRemoteCandidates()). */
  public List<RTCIceCandidate> getRemoteCandidates() {
    synchronized (remoteCandidates) {
      return List.copyOf(remoteCandidates);
    }
  }

  /** The pair used to send, if one is selected (W3C getSelectedCandidatePair()). */
  public Optional<RTCIceCandidatePair> getSelectedCandidatePair() {
    return Optional.ofNullable(selectedPair);
  }

  /** Our ufrag and password once a local description is applied (W3C getLocalParameters()). */
  public Optional<RTCIceParameters> getLocalParameters() {
    return Optional.ofNullable(localParameters);
  }

  /** The peer's ufrag and password once a remote description is applied (W3C getRemoteParameters()). */
  public Optional<RTCIceParameters> getRemoteParameters() {
    return Optional.ofNullable(remoteParameters);
  }

  public void setOnStateChange(@Nullable EventListener<? super Event> handler) {
    setEventHandler(STATECHANGE, handler);
  }

  public void setOnGatheringStateChange(@Nullable EventListener<? super Event> handler) {
    setEventHandler(GATHERINGSTATECHANGE, handler);
  }

  public void setOnSelectedCandidatePairChange(@Nullable EventListener<? super Event> handler) {
    setEventHandler(SELECTEDCANDIDATEPAIRCHANGE, handler);
  }

  // ---- called by the connection, in dispatch tasks ----

  void setRole(RTCIceRole role) {
    this.role = role;
  }

  /** Sets the state and fires statechange when it changed; false when unchanged or closed. */
  boolean updateState(RTCIceTransportState next) {
    if (state == next || state == RTCIceTransportState.CLOSED) {
      return false;
    }
    state = next;
    dispatchNow(Event.of(STATECHANGE.name()));
    return true;
  }

  /** Sets the gathering state and fires gatheringstatechange when it changed. */
  boolean updateGatheringState(RTCIceGathererState next) {
    if (gatheringState == next || state == RTCIceTransportState.CLOSED) {
      return false;
    }
    gatheringState = next;
    dispatchNow(Event.of(GATHERINGSTATECHANGE.name()));
    return true;
  }

  void updateSelectedPair(@Nullable RTCIceCandidatePair pair) {
    if (state == RTCIceTransportState.CLOSED) {
      return;
    }
    selectedPair = pair;
    dispatchNow(Event.of(SELECTEDCANDIDATEPAIRCHANGE.name()));
  }

  /** A new generation (first gathering or an ICE restart): the candidate lists start over. */
  void newLocalGeneration(RTCIceParameters parameters) {
    localParameters = parameters;
    synchronized (localCandidates) {
      localCandidates.clear();
    }
  }

  void newRemoteGeneration(RTCIceParameters parameters) {
    if (!parameters.equals(remoteParameters)) {
      remoteParameters = parameters;
      synchronized (remoteCandidates) {
        remoteCandidates.clear();
      }
    }
  }

  void addLocalCandidate(RTCIceCandidate c) {
    synchronized (localCandidates) {
      localCandidates.add(c);
    }
  }

  void addRemoteCandidate(RTCIceCandidate c) {
    synchronized (remoteCandidates) {
      if (!remoteCandidates.contains(c)) {
        remoteCandidates.add(c);
      }
    }
  }

  void closeSilently() {
    state = RTCIceTransportState.CLOSED;
    gatheringState = RTCIceGathererState.COMPLETE;
    selectedPair = null;
  }
}

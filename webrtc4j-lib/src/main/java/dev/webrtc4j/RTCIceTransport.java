package dev.webrtc4j;

import java.util.concurrent.Executor;

/**
 * The W3C {@code RTCIceTransport}, at the signaling level: the object exists once a description
 * with its m-section is applied; the ICE issue connects it (until then it stays {@code new}).
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

  void setRole(RTCIceRole role) {
    this.role = role;
  }

  void closeSilently() {
    state = RTCIceTransportState.CLOSED;
    gatheringState = RTCIceGathererState.COMPLETE;
  }

  public void setOnStateChange(EventListener<? super Event> handler) {
    setEventHandler(STATECHANGE, handler);
  }

  public void setOnGatheringStateChange(EventListener<? super Event> handler) {
    setEventHandler(GATHERINGSTATECHANGE, handler);
  }
}

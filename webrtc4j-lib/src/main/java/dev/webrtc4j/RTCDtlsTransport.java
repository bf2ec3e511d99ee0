package dev.webrtc4j;

import java.util.List;
import java.util.concurrent.Executor;

/**
 * The W3C {@code RTCDtlsTransport}, at the signaling level: {@code new} until the DTLS issue
 * connects it.
 *
 * @see <a href="https://w3c.github.io/webrtc-pc/#rtcdtlstransport-interface">W3C §5.5 RTCDtlsTransport</a>
 */
public final class RTCDtlsTransport extends EventTarget {
  public static final EventType<Event> STATECHANGE = EventType.plain("statechange");
  public static final EventType<RTCErrorEvent> ERROR = EventType.of("error", RTCErrorEvent.class);

  private final RTCIceTransport iceTransport;
  private volatile RTCDtlsTransportState state = RTCDtlsTransportState.NEW;
  private volatile List<byte[]> remoteCertificates = List.of();

  RTCDtlsTransport(RTCIceTransport iceTransport, Executor dispatcher) {
    super(dispatcher);
    this.iceTransport = iceTransport;
  }

  public RTCIceTransport iceTransport() {
    return iceTransport;
  }

  public RTCDtlsTransportState state() {
    return state;
  }

  /** The peer's certificates (DER), empty until the handshake completes. */
  public List<byte[]> getRemoteCertificates() {
    List<byte[]> out = new java.util.ArrayList<>();
    for (byte[] c : remoteCertificates) {
      out.add(c.clone());
    }
    return out;
  }

  /** Sets the state and fires statechange when it changed; false when unchanged or closed. */
  boolean updateState(RTCDtlsTransportState next) {
    if (state == next || state == RTCDtlsTransportState.CLOSED || state == RTCDtlsTransportState.FAILED) {
      return false;
    }
    state = next;
    dispatchNow(Event.of(STATECHANGE.name()));
    return true;
  }

  /** The handshake completed: the peer's chain (DER, leaf first). */
  void connected(List<byte[]> chain) {
    remoteCertificates = List.copyOf(chain);
    updateState(RTCDtlsTransportState.CONNECTED);
  }

  /** W3C: the transport failed: state failed, then error with the reason. */
  void fail(RTCError error) {
    if (updateState(RTCDtlsTransportState.FAILED)) {
      dispatchNow(new RTCErrorEvent(ERROR.name(), error));
    }
  }

  void closeSilently() {
    state = RTCDtlsTransportState.CLOSED;
    iceTransport.closeSilently();
  }

  public void setOnStateChange(EventListener<? super Event> handler) {
    setEventHandler(STATECHANGE, handler);
  }

  public void setOnError(EventListener<? super RTCErrorEvent> handler) {
    setEventHandler(ERROR, handler);
  }
}

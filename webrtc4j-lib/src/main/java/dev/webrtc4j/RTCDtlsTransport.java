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
    return List.of();
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

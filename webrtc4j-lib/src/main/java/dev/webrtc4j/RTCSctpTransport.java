package dev.webrtc4j;

import java.util.OptionalInt;
import java.util.concurrent.Executor;

/**
 * The W3C {@code RTCSctpTransport}: exists once SCTP is negotiated ({@code pc.sctp()}),
 * {@code connecting} until the SCTP issue connects it.
 *
 * @see <a href="https://w3c.github.io/webrtc-pc/#rtcsctptransport-interface">W3C §6.1.1 RTCSctpTransport</a>
 */
public final class RTCSctpTransport extends EventTarget {
  public static final EventType<Event> STATECHANGE = EventType.plain("statechange");

  private final RTCDtlsTransport transport;
  private volatile RTCSctpTransportState state = RTCSctpTransportState.CONNECTING;
  private volatile double maxMessageSize;
  private volatile int maxChannels;

  RTCSctpTransport(RTCDtlsTransport transport, double maxMessageSize, Executor dispatcher) {
    super(dispatcher);
    this.transport = transport;
    this.maxMessageSize = maxMessageSize;
  }

  public RTCDtlsTransport transport() {
    return transport;
  }

  public RTCSctpTransportState state() {
    return state;
  }

  /**
   * W3C "update the data max message size": the smaller of the remote a=max-message-size and
   * what we can send ({@code Double.POSITIVE_INFINITY} if both are unlimited).
   */
  public double maxMessageSize() {
    return maxMessageSize;
  }

  /** The number of channels usable at once; absent until SCTP is connected. */
  /** W3C maxChannels: absent until the association is connected, then the streams it negotiated. */
  public OptionalInt maxChannels() {
    int m = maxChannels;
    return m > 0 ? OptionalInt.of(m) : OptionalInt.empty();
  }

  /** The association is up with {@code channels} streams each way: connected, statechange. */
  void connected(int channels) {
    if (state != RTCSctpTransportState.CONNECTING) {
      return;
    }
    maxChannels = channels;
    state = RTCSctpTransportState.CONNECTED;
    dispatchNow(Event.of(STATECHANGE.name()));
  }

  /** The association ended: closed, statechange (not after close() of the connection). */
  void closed() {
    if (state == RTCSctpTransportState.CLOSED) {
      return;
    }
    state = RTCSctpTransportState.CLOSED;
    dispatchNow(Event.of(STATECHANGE.name()));
  }

  void closeSilently() {
    state = RTCSctpTransportState.CLOSED;
  }

  public void setOnStateChange(EventListener<? super Event> handler) {
    setEventHandler(STATECHANGE, handler);
  }
}

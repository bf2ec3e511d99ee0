package dev.webrtc4j;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * The W3C {@code RTCDataChannel}: a bidirectional message channel over SCTP.
 *
 * <p>A channel made by {@code createDataChannel} starts in {@code connecting}; one announced by
 * the remote peer starts in {@code open}. State changes and events happen in tasks on the
 * connection's dispatch executor, so within a listener {@link #readyState()} is the state the
 * event reports. Events: {@code open}, {@code message} ({@link MessageEvent}), {@code
 * bufferedamountlow}, {@code error} ({@link RTCErrorEvent}), {@code closing} (the remote side or
 * the transport started closing), {@code close}.
 *
 * <p>The channel talks to the SCTP layer only through {@link Transport}; the data channel
 * transport calls back the package-private {@code announce...} methods.
 *
 * @see <a href="https://w3c.github.io/webrtc-pc/#rtcdatachannel">W3C §6.2 RTCDataChannel</a>
 */
public final class RTCDataChannel extends EventTarget {
  public static final EventType<Event> OPEN = EventType.plain("open");
  public static final EventType<MessageEvent> MESSAGE = EventType.of("message", MessageEvent.class);
  public static final EventType<Event> BUFFEREDAMOUNTLOW = EventType.plain("bufferedamountlow");
  public static final EventType<RTCErrorEvent> ERROR = EventType.of("error", RTCErrorEvent.class);
  public static final EventType<Event> CLOSING = EventType.plain("closing");
  public static final EventType<Event> CLOSE = EventType.plain("close");

  /**
   * The seam to the SCTP data channel transport. Its methods are called from application threads
   * and must not block: they hand the work to the connection's event loop.
   */
  interface Transport {
    /** The largest message the peer accepts, in bytes (SDP max-message-size); Long.MAX_VALUE if unlimited. */
    long maxMessageSize();

    /**
     * Queues one message on {@code channel}'s stream. {@code payload} is read-only and now belongs
     * to the transport; a text message arrives UTF-8 encoded.
     *
     * @return false if the send buffer has no room for it (nothing was queued)
     */
    boolean send(RTCDataChannel channel, boolean binary, ByteBuffer payload);

    /** Starts the closing procedure of {@code channel} (RFC 8831 §6.7 stream reset). */
    void close(RTCDataChannel channel);
  }

  private final String label;
  private final RTCDataChannelInit init;
  private final Object lock = new Object();
  // Guarded by lock.
  private RTCDataChannelState readyState;
  private OptionalInt id;
  private long bufferedAmount;
  private long bufferedAmountLowThreshold;
  private BinaryType binaryType = BinaryType.BLOB;
  private @Nullable Transport transport;

  private RTCDataChannel(String label, RTCDataChannelInit init, RTCDataChannelState initial, Executor dispatcher) {
    super(dispatcher);
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(init, "init");
    init.validate(label);
    this.label = RTCDataChannelInit.toUsvString(label);
    this.init = init;
    this.readyState = initial;
    this.id = init.initialId();
  }

  /**
   * A channel made by {@code createDataChannel(label, init)}: {@code connecting}, with the id
   * {@link RTCDataChannelInit#initialId()} (absent until the DTLS role is known, unless
   * negotiated).
   *
   * @throws IllegalArgumentException the TypeErrors of {@link RTCDataChannelInit#validate(String)}
   */
  static RTCDataChannel create(String label, RTCDataChannelInit init, Executor dispatcher) {
    return new RTCDataChannel(label, init, RTCDataChannelState.CONNECTING, dispatcher);
  }

  /**
   * A channel the remote peer opened (DATA_CHANNEL_OPEN, RFC 8832): already {@code open} and
   * attached to {@code transport}. The connection fires {@code datachannel} with it, then calls
   * {@link #announceOpen()}.
   */
  static RTCDataChannel remote(
      String label, RTCDataChannelInit init, int id, Transport transport, Executor dispatcher) {
    RTCDataChannel c = new RTCDataChannel(
        label, init.toBuilder().negotiated(false).build(), RTCDataChannelState.OPEN, dispatcher);
    c.id = OptionalInt.of(id);
    c.transport = Objects.requireNonNull(transport, "transport");
    return c;
  }

  /** The label given at creation. */
  public String label() {
    return label;
  }

  /** Whether messages are delivered in order. */
  public boolean ordered() {
    return init.ordered();
  }

  /** The lifetime limit of partially reliable delivery, in ms. */
  public OptionalInt maxPacketLifeTime() {
    return init.maxPacketLifeTime();
  }

  /** The retransmission limit of partially reliable delivery. */
  public OptionalInt maxRetransmits() {
    return init.maxRetransmits();
  }

  /** The sub-protocol name. */
  public String protocol() {
    return init.protocol();
  }

  /** Whether the application negotiated the channel out of band. */
  public boolean negotiated() {
    return init.negotiated();
  }

  /** The SCTP stream id; absent until the DTLS role is known for an in-band channel. */
  public OptionalInt id() {
    synchronized (lock) {
      return id;
    }
  }

  /** The channel's priority. */
  public RTCPriorityType priority() {
    return init.priority();
  }

  /** connecting, open, closing or closed. */
  public RTCDataChannelState readyState() {
    synchronized (lock) {
      return readyState;
    }
  }

  /** Bytes queued by {@link #send} and not yet handed to the network (text counts as UTF-8). */
  public long bufferedAmount() {
    synchronized (lock) {
      return bufferedAmount;
    }
  }

  /** The level at or below which {@code bufferedamountlow} fires; default 0. */
  public long bufferedAmountLowThreshold() {
    synchronized (lock) {
      return bufferedAmountLowThreshold;
    }
  }

  /**
   * Sets the {@code bufferedamountlow} threshold, an {@code unsigned long}.
   *
   * @throws IllegalArgumentException if outside 0..2^32-1
   */
  public void setBufferedAmountLowThreshold(long threshold) {
    if (threshold < 0 || threshold > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("bufferedAmountLowThreshold: " + threshold + " is outside the unsigned long range");
    }
    synchronized (lock) {
      bufferedAmountLowThreshold = threshold;
    }
  }

  /**
   * How binary messages are exposed; default {@code blob} as in browsers. Either way a binary
   * message arrives as {@link MessageEvent.Binary}.
   */
  public BinaryType binaryType() {
    synchronized (lock) {
      return binaryType;
    }
  }

  /** Sets {@link #binaryType()}. */
  public void setBinaryType(BinaryType binaryType) {
    Objects.requireNonNull(binaryType, "binaryType");
    synchronized (lock) {
      this.binaryType = binaryType;
    }
  }

  /**
   * Sends a text message (UTF-8 on the wire).
   *
   * @throws RTCException {@code InvalidStateError} if the channel is not open; {@code
   *     OperationError} if the send buffer is full
   * @throws IllegalArgumentException (TypeError) if its UTF-8 form is larger than the transport's
   *     maxMessageSize
   */
  public void send(String data) {
    Objects.requireNonNull(data, "data");
    // USVString: lone surrogates become U+FFFD (the JDK encoder would write '?').
    sendBytes(false, RTCDataChannelInit.toUsvString(data).getBytes(StandardCharsets.UTF_8));
  }

  /** Sends a binary message: the bytes are copied before this returns. See {@link #send(String)}. */
  public void send(byte[] data) {
    Objects.requireNonNull(data, "data");
    sendBytes(true, data.clone());
  }

  /**
   * Sends the remaining bytes of {@code data} as one binary message; they are copied before this
   * returns and the buffer's position is not moved. See {@link #send(String)}.
   */
  public void send(ByteBuffer data) {
    Objects.requireNonNull(data, "data");
    byte[] copy = new byte[data.remaining()];
    data.duplicate().get(copy);
    sendBytes(true, copy);
  }

  private void sendBytes(boolean binary, byte[] owned) {
    synchronized (lock) {
      // "If channel.[[ReadyState]] is not "open", throw an InvalidStateError."
      if (readyState != RTCDataChannelState.OPEN || transport == null) {
        throw new RTCException(
            RTCException.Name.INVALID_STATE_ERROR, "send: readyState is " + readyState.w3cName() + ", not open");
      }
      // "If the byte size of data exceeds the value of maxMessageSize on channel.[[SctpTransport]],
      // throw a TypeError."
      long max = transport.maxMessageSize();
      if (owned.length > max) {
        throw new IllegalArgumentException(
            "send: message of " + owned.length + " bytes exceeds maxMessageSize " + max);
      }
      // "If queuing data is not possible because not enough buffer space is available, throw an
      // OperationError."
      if (!transport.send(this, binary, ByteBuffer.wrap(owned).asReadOnlyBuffer())) {
        throw new RTCException(RTCException.Name.OPERATION_ERROR, "send: the send buffer is full");
      }
      // "Increase the value of the [[BufferedAmount]] slot by the byte size of data."
      bufferedAmount += owned.length;
    }
  }

  /**
   * Starts closing the channel: {@code readyState} becomes {@code closing} at once, {@code close}
   * fires when the transport has closed the stream. Does nothing if already closing or closed.
   */
  public void close() {
    Transport t;
    synchronized (lock) {
      // "If channel.[[ReadyState]] is "closing" or "closed", then abort these steps."
      if (readyState == RTCDataChannelState.CLOSING || readyState == RTCDataChannelState.CLOSED) {
        return;
      }
      readyState = RTCDataChannelState.CLOSING;
      t = transport;
    }
    if (t != null) {
      t.close(this);
    } else {
      // No transport yet: there is no stream to reset, so the closing procedure ends at once.
      announceClosed(null);
    }
  }

  /** Sets the {@code onopen} handler; {@code null} clears it. */
  public void setOnOpen(@Nullable EventListener<? super Event> handler) {
    setEventHandler(OPEN, handler);
  }

  /** Sets the {@code onmessage} handler; {@code null} clears it. */
  public void setOnMessage(@Nullable EventListener<? super MessageEvent> handler) {
    setEventHandler(MESSAGE, handler);
  }

  /** Sets the {@code onbufferedamountlow} handler; {@code null} clears it. */
  public void setOnBufferedAmountLow(@Nullable EventListener<? super Event> handler) {
    setEventHandler(BUFFEREDAMOUNTLOW, handler);
  }

  /** Sets the {@code onerror} handler; {@code null} clears it. */
  public void setOnError(@Nullable EventListener<? super RTCErrorEvent> handler) {
    setEventHandler(ERROR, handler);
  }

  /** Sets the {@code onclosing} handler; {@code null} clears it. */
  public void setOnClosing(@Nullable EventListener<? super Event> handler) {
    setEventHandler(CLOSING, handler);
  }

  /** Sets the {@code onclose} handler; {@code null} clears it. */
  public void setOnClose(@Nullable EventListener<? super Event> handler) {
    setEventHandler(CLOSE, handler);
  }

  // ---- called by the connection and the data channel transport ----

  /**
   * The transport the channel sends through, once the SCTP association exists. A channel closed
   * before that has already completed its closing procedure and ignores the transport.
   *
   * @return false if the channel is closing or closed and took no transport
   */
  boolean attachTransport(Transport transport) {
    Objects.requireNonNull(transport, "transport");
    synchronized (lock) {
      if (readyState == RTCDataChannelState.CLOSING || readyState == RTCDataChannelState.CLOSED) {
        return false;
      }
      this.transport = transport;
      return true;
    }
  }

  /** The stream id chosen from the DTLS role (RFC 8832 §6). */
  void assignId(int streamId) {
    if (streamId < 0 || streamId > RTCDataChannelInit.MAX_ID) {
      throw new IllegalArgumentException("stream id " + streamId + " is outside 0.." + RTCDataChannelInit.MAX_ID);
    }
    synchronized (lock) {
      id = OptionalInt.of(streamId);
    }
  }

  /**
   * "Announce the channel as open": queues a task that sets {@code open} and fires {@code open},
   * unless the channel is closing or closed by then.
   */
  void announceOpen() {
    queueTask(() -> {
      synchronized (lock) {
        if (readyState == RTCDataChannelState.CLOSING || readyState == RTCDataChannelState.CLOSED) {
          return false;
        }
        readyState = RTCDataChannelState.OPEN;
        return true;
      }
    }, Event.of(OPEN.name()));
  }

  /**
   * A message arrived: queues a task that fires {@code message}, unless the channel is no longer
   * open by then (W3C: "If channel.[[ReadyState]] is not "open", abort these steps and discard
   * data"). {@code payload} now belongs to the channel and then to the listeners.
   */
  void announceMessage(boolean binary, ByteBuffer payload) {
    Objects.requireNonNull(payload, "payload");
    MessageEvent.Data data = binary
        ? new MessageEvent.Binary(payload)
        : new MessageEvent.Text(StandardCharsets.UTF_8.decode(payload.duplicate()).toString());
    queueTask(() -> readyState() == RTCDataChannelState.OPEN, MessageEvent.of(data));
  }

  /**
   * {@code bytes} of queued messages have been handed to the network: queues a task that lowers
   * {@code bufferedAmount} and fires {@code bufferedamountlow} if it fell from above the
   * threshold to at or below it.
   */
  void announceBytesSent(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("bytes: " + bytes + " < 0");
    }
    queueTask(() -> {
      synchronized (lock) {
        long before = bufferedAmount;
        bufferedAmount = Math.max(0, before - bytes);
        return before > bufferedAmountLowThreshold && bufferedAmount <= bufferedAmountLowThreshold;
      }
    }, Event.of(BUFFEREDAMOUNTLOW.name()));
  }

  /**
   * The remote side or the transport started the closing procedure: queues a task that sets
   * {@code closing} and fires {@code closing}, unless {@link #close()} started it or the channel
   * is closed ("Unless the procedure was initiated by channel.close ...").
   */
  void announceClosing() {
    queueTask(() -> {
      synchronized (lock) {
        if (readyState == RTCDataChannelState.CLOSING || readyState == RTCDataChannelState.CLOSED) {
          return false;
        }
        readyState = RTCDataChannelState.CLOSING;
        return true;
      }
    }, Event.of(CLOSING.name()));
  }

  /**
   * The stream is closed: queues a task that sets {@code closed}, fires {@code error} if {@code
   * error} is given, then {@code close}; nothing if the channel was already closed.
   */
  void announceClosed(@Nullable RTCError error) {
    queueTask(() -> {
      synchronized (lock) {
        if (readyState == RTCDataChannelState.CLOSED) {
          return;
        }
        readyState = RTCDataChannelState.CLOSED;
      }
      if (error != null) {
        dispatchNow(new RTCErrorEvent(ERROR.name(), error));
      }
      dispatchNow(Event.of(CLOSE.name()));
    });
  }

  /** The connection closed ({@code RTCPeerConnection.close()}): closed at once, no events. */
  void closeWithoutEvents() {
    synchronized (lock) {
      readyState = RTCDataChannelState.CLOSED;
    }
  }

  /** The transport this channel sends through, if attached. */
  Optional<Transport> transport() {
    synchronized (lock) {
      return Optional.ofNullable(transport);
    }
  }

  @Override
  public String toString() {
    return "RTCDataChannel[" + label + " id=" + id() + " " + readyState().w3cName() + "]";
  }
}

package dev.webrtc4j;

import dev.webrtc4j.internal.pc.Direction;
import dev.webrtc4j.internal.pc.Transceiver;
import java.util.Objects;
import java.util.Optional;

/**
 * The W3C {@code RTCRtpTransceiver}: a sender and a receiver sharing one m-section (its mid).
 * Accessors read the connection's last published snapshot; {@link #setDirection} and
 * {@link #stop} run on the connection's event loop and return once applied.
 *
 * @see <a href="https://w3c.github.io/webrtc-pc/#rtcrtptransceiver-interface">W3C §5.4 RTCRtpTransceiver</a>
 */
public final class RTCRtpTransceiver {
  private final RTCPeerConnection pc;
  private final int id;
  private final RTCRtpSender sender;
  private final RTCRtpReceiver receiver;
  private volatile Transceiver.View last;

  RTCRtpTransceiver(RTCPeerConnection pc, Transceiver.View view, RTCRtpSender sender, RTCRtpReceiver receiver) {
    this.pc = pc;
    this.id = view.id();
    this.sender = sender;
    this.receiver = receiver;
    this.last = view;
  }

  int id() {
    return id;
  }

  void update(Transceiver.View view) {
    this.last = view;
  }

  Transceiver.View lastView() {
    return last;
  }

  Transceiver.View view() {
    return pc.transceiverView(id).orElse(last);
  }

  /** The media id of the m-section, once a description associating it is applied. */
  public Optional<String> mid() {
    return Optional.ofNullable(view().mid());
  }

  public RTCRtpSender sender() {
    return sender;
  }

  public RTCRtpReceiver receiver() {
    return receiver;
  }

  /** The preferred direction ({@code stopped} once stop() was called). */
  public RTCRtpTransceiverDirection direction() {
    return RTCPeerConnection.toApi(view().direction());
  }

  /**
   * W3C direction setter.
   *
   * @throws RTCException InvalidStateError when the connection is closed or the transceiver is
   *     stopping; {@link IllegalArgumentException} (TypeError) for {@code stopped}
   */
  public void setDirection(RTCRtpTransceiverDirection direction) {
    Objects.requireNonNull(direction, "direction");
    pc.setTransceiverDirection(this, direction);
  }

  /** The negotiated direction; empty before the first negotiation. */
  public Optional<RTCRtpTransceiverDirection> currentDirection() {
    Direction d = view().currentDirection();
    return d == null ? Optional.empty() : Optional.of(RTCPeerConnection.toApi(d));
  }

  /** W3C stop(): stopping now, stopped (and removed) once negotiated. */
  public void stop() {
    pc.stopTransceiver(this);
  }

  /** The legacy {@code stopped} attribute: true once stop() was called or negotiation stopped it. */
  public boolean stopped() {
    return view().stopping();
  }

  @Override
  public String toString() {
    Transceiver.View v = view();
    return "RTCRtpTransceiver[" + v.kind() + " mid=" + v.mid() + " " + v.direction() + "]";
  }
}

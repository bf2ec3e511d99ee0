package dev.webrtc4j;

import java.util.Optional;

/**
 * The W3C {@code RTCRtpReceiver}: its remote track exists from the start (muted until media
 * arrives, which the RTP issue brings).
 *
 * @see <a href="https://w3c.github.io/webrtc-pc/#rtcrtpreceiver-interface">W3C §5.3 RTCRtpReceiver</a>
 */
public final class RTCRtpReceiver {
  private final RTCPeerConnection pc;
  private final int transceiverId;
  private final MediaStreamTrack track;

  RTCRtpReceiver(RTCPeerConnection pc, int transceiverId, MediaStreamTrack track) {
    this.pc = pc;
    this.transceiverId = transceiverId;
    this.track = track;
  }

  /** The remote track (W3C: never null). */
  public MediaStreamTrack track() {
    return track;
  }

  /** The DTLS transport; empty until a description is applied. */
  public Optional<RTCDtlsTransport> transport() {
    return pc.transportFor(transceiverId);
  }
}

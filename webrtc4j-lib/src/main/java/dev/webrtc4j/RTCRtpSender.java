package dev.webrtc4j;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The W3C {@code RTCRtpSender}, at the signaling level: its track and streams, its DTMF sender.
 * Media sending comes with the RTP issue.
 *
 * @see <a href="https://w3c.github.io/webrtc-pc/#rtcrtpsender-interface">W3C §5.2 RTCRtpSender</a>
 */
public final class RTCRtpSender {
  private final RTCPeerConnection pc;
  private final int transceiverId;
  private final String kind;
  private volatile @Nullable MediaStreamTrack track;
  private final @Nullable RTCDTMFSender dtmf;

  RTCRtpSender(RTCPeerConnection pc, int transceiverId, String kind, @Nullable MediaStreamTrack track) {
    this.pc = pc;
    this.transceiverId = transceiverId;
    this.kind = kind;
    this.track = track;
    this.dtmf = kind.equals(MediaStreamTrack.AUDIO) ? new RTCDTMFSender(this, pc.dispatcherForChildren()) : null;
  }

  /** The track being sent, or empty. */
  public Optional<MediaStreamTrack> track() {
    return Optional.ofNullable(track);
  }

  void setTrackInternal(@Nullable MediaStreamTrack t) {
    this.track = t;
  }

  int transceiverId() {
    return transceiverId;
  }

  String kind() {
    return kind;
  }

  /** The DTLS transport; empty until the transceiver is associated and a description applied. */
  public Optional<RTCDtlsTransport> transport() {
    return pc.transportFor(transceiverId);
  }

  /** The DTMF sender, for audio senders only. */
  public Optional<RTCDTMFSender> dtmf() {
    return Optional.ofNullable(dtmf);
  }

  boolean transceiverStopping() {
    return pc.transceiverView(transceiverId).map(v -> v.stopping()).orElse(true);
  }

  /**
   * W3C replaceTrack (§5.2): swaps the track without renegotiation.
   *
   * @return fails with InvalidStateError when the transceiver is stopping or the connection closed,
   *     TypeError ({@link IllegalArgumentException}) when the kind differs
   */
  public CompletableFuture<Void> replaceTrack(@Nullable MediaStreamTrack withTrack) {
    if (withTrack != null && !withTrack.kind().equals(kind)) {
      return CompletableFuture.failedFuture(new IllegalArgumentException(
          "replaceTrack: track kind " + withTrack.kind() + " differs from the sender's " + kind));
    }
    return pc.replaceTrack(this, withTrack);
  }

  /** W3C setStreams (§5.2): the streams announced in a=msid; needs a renegotiation. */
  public void setStreams(MediaStream... streams) {
    Objects.requireNonNull(streams, "streams");
    pc.setStreams(this, List.of(streams));
  }
}

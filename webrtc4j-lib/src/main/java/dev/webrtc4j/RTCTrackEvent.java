package dev.webrtc4j;

import java.util.List;
import java.util.Objects;

/**
 * The W3C {@code RTCTrackEvent}: {@code track}, fired by setRemoteDescription when a transceiver
 * starts receiving a remote track.
 *
 * @param type {@code "track"}
 * @param receiver the receiver of the track
 * @param track the remote track
 * @param streams the remote streams the track belongs to (from a=msid)
 * @param transceiver the transceiver of the receiver
 * @see <a href="https://w3c.github.io/webrtc-pc/#rtctrackevent">W3C §5.7 RTCTrackEvent</a>
 */
public record RTCTrackEvent(String type, RTCRtpReceiver receiver, MediaStreamTrack track, List<MediaStream> streams,
    RTCRtpTransceiver transceiver) implements Event {
  public RTCTrackEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(receiver, "receiver");
    Objects.requireNonNull(track, "track");
    streams = List.copyOf(streams);
    Objects.requireNonNull(transceiver, "transceiver");
  }
}

package dev.webrtc4j;

import java.util.Objects;

/**
 * The W3C {@code MediaStreamTrackEvent}: {@code addtrack} and {@code removetrack} on a {@link
 * MediaStream}.
 *
 * @param type {@code "addtrack"} or {@code "removetrack"}
 * @param track the track added or removed
 * @see <a href="https://w3c.github.io/mediacapture-main/#mediastreamtrackevent">Media Capture §4.4 MediaStreamTrackEvent</a>
 */
public record MediaStreamTrackEvent(String type, MediaStreamTrack track) implements Event {
  public MediaStreamTrackEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(track, "track");
  }
}

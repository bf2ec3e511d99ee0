package dev.webrtc4j;

import java.util.Objects;

/**
 * The legacy {@code MediaStreamEvent} of {@code onaddstream} / {@code onremovestream}.
 *
 * @param type {@code "addstream"} or {@code "removestream"}
 * @param stream the remote stream
 * (the event of the deprecated {@code onaddstream}; prefer {@link RTCTrackEvent})
 */
public record MediaStreamEvent(String type, MediaStream stream) implements Event {
  public MediaStreamEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(stream, "stream");
  }
}

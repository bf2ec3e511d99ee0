package dev.webrtc4j;

import java.util.Objects;

/**
 * The W3C DOM {@code Event}: what every listener of an {@link EventTarget} receives. The specific
 * events are records named after their W3C interfaces ({@link RTCPeerConnectionIceEvent}, {@link
 * RTCTrackEvent}, {@link MessageEvent} ...); events with no payload ({@code open}, {@code close},
 * {@code negotiationneeded}, {@code connectionstatechange} ...) are {@link Event#of(String)}.
 *
 * @see <a href="https://dom.spec.whatwg.org/#interface-event">DOM §2.2 Event</a>
 */
public interface Event {
  /** The event's type, e.g. {@code "icecandidate"}. */
  String type();

  /** A plain event of {@code type}, carrying nothing else. */
  static Event of(String type) {
    return new Plain(type);
  }

  /**
   * A plain {@code Event}: only a type.
   *
   * @param type the event type
   */
  record Plain(String type) implements Event {
    public Plain {
      Objects.requireNonNull(type, "type");
    }
  }
}

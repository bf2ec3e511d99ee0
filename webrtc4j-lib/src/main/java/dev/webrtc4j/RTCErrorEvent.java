package dev.webrtc4j;

import java.util.Objects;

/**
 * The W3C {@code RTCErrorEvent}: {@code error} on a data channel or transport.
 *
 * @param type {@code "error"}
 * @param error what went wrong, with its W3C detail
 * @see <a href="https://w3c.github.io/webrtc-pc/#rtcerrorevent-interface">W3C §11.2 RTCErrorEvent</a>
 */
public record RTCErrorEvent(String type, RTCError error) implements Event {
  public RTCErrorEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(error, "error");
  }

  /** An {@code error} event for {@code error}. */
  public static RTCErrorEvent of(RTCError error) {
    return new RTCErrorEvent("error", error);
  }
}

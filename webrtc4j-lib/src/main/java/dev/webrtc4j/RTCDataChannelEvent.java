package dev.webrtc4j;

import java.util.Objects;

/**
 * The W3C {@code RTCDataChannelEvent}: {@code datachannel}, fired when the remote peer opens a
 * channel in band.
 *
 * @param type {@code "datachannel"}
 * @param channel the new channel
 * @see <a href="https://w3c.github.io/webrtc-pc/#rtcdatachannelevent">W3C §6.3 RTCDataChannelEvent</a>
 */
public record RTCDataChannelEvent(String type, RTCDataChannel channel) implements Event {
  public RTCDataChannelEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(channel, "channel");
  }

  /** A {@code datachannel} event for {@code channel}. */
  public static RTCDataChannelEvent of(RTCDataChannel channel) {
    return new RTCDataChannelEvent("datachannel", channel);
  }
}

package dev.webrtc4j;

import java.util.Objects;

/**
 * The W3C {@code RTCDTMFToneChangeEvent}: {@code tonechange}, fired when a DTMF tone starts and,
 * with an empty tone, when the tone buffer has been played out.
 *
 * @param type {@code "tonechange"}
 * @param tone the tone that started ({@code "0"}..{@code "9"}, {@code "A"}..{@code "D"}, {@code
 *     "#"}, {@code "*"}, {@code ","}), or {@code ""} at the end
 * @see <a href="https://w3c.github.io/webrtc-pc/#rtcdtmftonechangeevent">W3C §7.3 RTCDTMFToneChangeEvent</a>
 */
public record RTCDTMFToneChangeEvent(String type, String tone) implements Event {
  public RTCDTMFToneChangeEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(tone, "tone");
  }

  /** A {@code tonechange} event for {@code tone}. */
  public static RTCDTMFToneChangeEvent of(String tone) {
    return new RTCDTMFToneChangeEvent("tonechange", tone);
  }
}

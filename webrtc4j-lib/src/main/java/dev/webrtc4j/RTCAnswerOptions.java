package dev.webrtc4j;

/**
 * The W3C {@code RTCAnswerOptions} dictionary. It has no members today; it exists so that {@code
 * createAnswer(options)} keeps the W3C signature and can grow.
 *
 * @see <a href="https://w3c.github.io/webrtc-pc/#dom-rtcansweroptions">W3C §4.2.7 RTCAnswerOptions</a>
 */
public record RTCAnswerOptions() {
  /** The (empty) default options. */
  public static final RTCAnswerOptions DEFAULT = new RTCAnswerOptions();
}

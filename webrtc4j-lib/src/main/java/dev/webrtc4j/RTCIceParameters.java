package dev.webrtc4j;

import java.util.Objects;

/**
 * The W3C {@code RTCIceParameters} dictionary: the ICE credentials of one side, as {@code
 * RTCIceTransport.getLocalParameters()} and {@code getRemoteParameters()} return them.
 *
 * @param usernameFragment the ICE ufrag (RFC 8839 §5.4: 4 to 256 ice-chars)
 * @param password the ICE password (22 to 256 ice-chars)
 * @see <a href="https://w3c.github.io/webrtc-pc/#dom-rtciceparameters">W3C §5.6 RTCIceParameters</a>
 */
public record RTCIceParameters(String usernameFragment, String password) {
  public RTCIceParameters {
    Objects.requireNonNull(usernameFragment, "usernameFragment");
    Objects.requireNonNull(password, "password");
  }

  /** Hides the password, which is a credential. */
  @Override
  public String toString() {
    return "RTCIceParameters[usernameFragment=" + usernameFragment + ", password=<redacted>]";
  }
}

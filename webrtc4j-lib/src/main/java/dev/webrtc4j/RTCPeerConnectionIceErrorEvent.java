package dev.webrtc4j;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The W3C {@code RTCPeerConnectionIceErrorEvent}: {@code icecandidateerror}, fired when a STUN or
 * TURN server returns an error or cannot be reached.
 *
 * @param type {@code "icecandidateerror"}
 * @param address the local address used to reach the server; absent if not exposed
 * @param port the local port; absent if {@code address} is absent
 * @param url the STUN or TURN server URL
 * @param errorCode the STUN error code (300..699), or 701 when the server could not be reached
 * @param errorText the STUN reason phrase, or a description of the failure
 * @see <a href="https://w3c.github.io/webrtc-pc/#rtcpeerconnectioniceerrorevent">W3C §4.8.2 RTCPeerConnectionIceErrorEvent</a>
 */
public record RTCPeerConnectionIceErrorEvent(
    String type, Optional<String> address, OptionalInt port, String url, int errorCode, String errorText)
    implements Event {
  /** The code for "server could not be reached" (W3C §4.8.2). */
  public static final int SERVER_UNREACHABLE = 701;

  public RTCPeerConnectionIceErrorEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(port, "port");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(errorText, "errorText");
  }
}

package dev.webrtc4j;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The W3C {@code RTCIceServer} dictionary: one STUN or TURN server and its credentials.
 *
 * <p>The record holds the members as given; {@link #validate()} runs the W3C "validate an ICE
 * server" steps, which {@code RTCPeerConnection} applies when it sets a configuration.
 *
 * @param urls the server's URLs ({@code required}); a single string in WebIDL is a one-element list
 * @param username the TURN username; absent by default
 * @param credential the TURN password; absent by default
 * @see <a href="https://w3c.github.io/webrtc-pc/#rtciceserver-dictionary">W3C §4.2.2 RTCIceServer</a>
 */
public record RTCIceServer(List<String> urls, Optional<String> username, Optional<String> credential) {

  /** RFC 8489 §14.3: the USERNAME attribute holds at most 509 bytes (UTF-8). */
  public static final int MAX_USERNAME_BYTES = 509;

  public RTCIceServer {
    Objects.requireNonNull(urls, "urls");
    urls = List.copyOf(urls);
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(credential, "credential");
  }

  /** A server with these URLs and no credentials (a STUN server). */
  public static RTCIceServer of(String... urls) {
    return builder().urls(urls).build();
  }

  /** A server with these URLs and credentials (a TURN server). */
  public static RTCIceServer of(String url, String username, String credential) {
    return builder().urls(url).username(username).credential(credential).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The W3C "validate an ICE server" steps (§4.4.1.x, "set a configuration").
   *
   * @return the parsed URLs, in order
   * @throws RTCException {@code SyntaxError} if {@code urls} is empty or a URL does not parse;
   *     {@code NotSupportedError} for a scheme other than stun, stuns, turn, turns; {@code
   *     InvalidAccessError} for a turn/turns URL without {@code username} or {@code credential},
   *     or with a username longer than 509 bytes
   */
  public List<RTCIceServerUrl> validate() {
    if (urls.isEmpty()) {
      throw new RTCException(RTCException.Name.SYNTAX_ERROR, "iceServers: urls is empty");
    }
    List<RTCIceServerUrl> parsed = new ArrayList<>(urls.size());
    for (String url : urls) {
      RTCIceServerUrl u = RTCIceServerUrl.parse(url);
      if (u.scheme().isTurn()) {
        if (username.isEmpty() || credential.isEmpty()) {
          throw new RTCException(
              RTCException.Name.INVALID_ACCESS_ERROR,
              "iceServers: " + url + " needs "
                  + (username.isEmpty() ? "a username" : "a credential"));
        }
        if (username.get().getBytes(StandardCharsets.UTF_8).length > MAX_USERNAME_BYTES) {
          throw new RTCException(
              RTCException.Name.INVALID_ACCESS_ERROR,
              "iceServers: username is longer than " + MAX_USERNAME_BYTES + " bytes");
        }
      }
      parsed.add(u);
    }
    return List.copyOf(parsed);
  }

  /** Builds an {@link RTCIceServer}. */
  public static final class Builder {
    private List<String> urls = List.of();
    private Optional<String> username = Optional.empty();
    private Optional<String> credential = Optional.empty();

    private Builder() {}

    /** The server's URLs; required, there is no useful default (empty fails validation). */
    public Builder urls(String... urls) {
      this.urls = List.of(urls);
      return this;
    }

    /** The server's URLs; required, there is no useful default (empty fails validation). */
    public Builder urls(List<String> urls) {
      this.urls = List.copyOf(urls);
      return this;
    }

    /** The TURN username; default: absent. */
    public Builder username(String username) {
      this.username = Optional.of(username);
      return this;
    }

    /** The TURN credential (password); default: absent. */
    public Builder credential(String credential) {
      this.credential = Optional.of(credential);
      return this;
    }

    public RTCIceServer build() {
      return new RTCIceServer(urls, username, credential);
    }
  }
}

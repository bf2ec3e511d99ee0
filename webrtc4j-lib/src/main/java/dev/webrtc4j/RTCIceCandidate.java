package dev.webrtc4j;

import dev.webrtc4j.sdp.Candidate;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The W3C {@code RTCIceCandidate}: an ICE candidate, with the fields of its {@code
 * candidate-attribute} (RFC 8839 §5.1) broken out.
 *
 * <p>The constructor follows W3C §4.8.1: it throws a TypeError ({@link IllegalArgumentException})
 * when both {@code sdpMid} and {@code sdpMLineIndex} are absent; it does not validate the
 * candidate string. If the string parses, the attributes ({@link #foundation()}, {@link
 * #address()} ...) hold its fields; if it is empty (end-of-candidates) or does not parse, they
 * are all absent. {@link #relayProtocol()} and {@link #url()} are set only on local candidates
 * the connection gathers.
 *
 * @see <a href="https://w3c.github.io/webrtc-pc/#rtcicecandidate-interface">W3C §4.8.1 RTCIceCandidate</a>
 */
public final class RTCIceCandidate {
  private final RTCIceCandidateInit init;
  private final Fields fields;
  private final Optional<RTCIceServerTransportProtocol> relayProtocol;
  private final Optional<String> url;

  /**
   * The W3C constructor {@code new RTCIceCandidate(candidateInitDict)}.
   *
   * @throws IllegalArgumentException (TypeError) if both {@code sdpMid} and {@code sdpMLineIndex}
   *     are absent
   */
  public RTCIceCandidate(RTCIceCandidateInit init) {
    this(init, Optional.empty(), Optional.empty());
  }

  private RTCIceCandidate(
      RTCIceCandidateInit init, Optional<RTCIceServerTransportProtocol> relayProtocol, Optional<String> url) {
    Objects.requireNonNull(init, "init");
    // "If both the sdpMid and sdpMLineIndex members of candidateInitDict are null, throw a
    // TypeError."
    if (init.sdpMid().isEmpty() && init.sdpMLineIndex().isEmpty()) {
      throw new IllegalArgumentException("sdpMid and sdpMLineIndex: at least one must be present");
    }
    this.init = init;
    this.fields = Fields.parse(init.candidate());
    this.relayProtocol = Objects.requireNonNull(relayProtocol, "relayProtocol");
    this.url = Objects.requireNonNull(url, "url");
  }

  /**
   * A local candidate the connection gathered, with the members only local candidates have.
   *
   * @param relayProtocol for a relay candidate, the protocol to the TURN server
   * @param url the STUN or TURN URL it was gathered from; absent for host candidates
   */
  static RTCIceCandidate local(
      RTCIceCandidateInit init, Optional<RTCIceServerTransportProtocol> relayProtocol, Optional<String> url) {
    return new RTCIceCandidate(init, relayProtocol, url);
  }

  /** The candidate attribute, {@code "candidate:..."}, or {@code ""} for end-of-candidates. */
  public String candidate() {
    return init.candidate();
  }

  /** The mid of the m= section the candidate belongs to. */
  public Optional<String> sdpMid() {
    return init.sdpMid();
  }

  /** The index of the m= section the candidate belongs to. */
  public OptionalInt sdpMLineIndex() {
    return init.sdpMLineIndex();
  }

  /** The ICE username fragment the candidate belongs to. */
  public Optional<String> usernameFragment() {
    return init.usernameFragment();
  }

  /** The foundation (RFC 8445 §5.1.1.3). */
  public Optional<String> foundation() {
    return fields.foundation;
  }

  /** The component: {@code rtp} (1) or {@code rtcp} (2); absent for other component ids. */
  public Optional<RTCIceComponent> component() {
    return fields.component;
  }

  /** The priority, 0..2^32-1 (RFC 8445 §5.1.2). */
  public OptionalLong priority() {
    return fields.priority;
  }

  /** The address: an IP address or an mDNS {@code .local} name. */
  public Optional<String> address() {
    return fields.address;
  }

  /** The transport protocol, {@code udp} or {@code tcp}. */
  public Optional<RTCIceProtocol> protocol() {
    return fields.protocol;
  }

  /** The port. */
  public OptionalInt port() {
    return fields.port;
  }

  /** The candidate type: host, srflx, prflx or relay. */
  public Optional<RTCIceCandidateType> type() {
    return fields.type;
  }

  /** For TCP candidates, the tcptype (RFC 6544 §4.5). */
  public Optional<RTCIceTcpCandidateType> tcpType() {
    return fields.tcpType;
  }

  /** For reflexive and relayed candidates, the base address (raddr). */
  public Optional<String> relatedAddress() {
    return fields.relatedAddress;
  }

  /** For reflexive and relayed candidates, the base port (rport). */
  public OptionalInt relatedPort() {
    return fields.relatedPort;
  }

  /** For a local relay candidate, the protocol between the client and the TURN server. */
  public Optional<RTCIceServerTransportProtocol> relayProtocol() {
    return relayProtocol;
  }

  /** For a local server-reflexive or relay candidate, the STUN or TURN URL it came from. */
  public Optional<String> url() {
    return url;
  }

  /** The W3C {@code toJSON()}: candidate, sdpMid, sdpMLineIndex and usernameFragment. */
  public RTCIceCandidateInit toJSON() {
    return init;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RTCIceCandidate c && init.equals(c.init) && relayProtocol.equals(c.relayProtocol)
        && url.equals(c.url);
  }

  @Override
  public int hashCode() {
    return init.hashCode();
  }

  @Override
  public String toString() {
    return "RTCIceCandidate[" + init.candidate() + " mid=" + init.sdpMid().orElse(null) + "]";
  }

  /** The attributes parsed out of the candidate string; all absent if it does not parse. */
  private record Fields(
      Optional<String> foundation,
      Optional<RTCIceComponent> component,
      OptionalLong priority,
      Optional<String> address,
      Optional<RTCIceProtocol> protocol,
      OptionalInt port,
      Optional<RTCIceCandidateType> type,
      Optional<RTCIceTcpCandidateType> tcpType,
      Optional<String> relatedAddress,
      OptionalInt relatedPort) {

    static final Fields NONE = new Fields(
        Optional.empty(), Optional.empty(), OptionalLong.empty(), Optional.empty(), Optional.empty(),
        OptionalInt.empty(), Optional.empty(), Optional.empty(), Optional.empty(), OptionalInt.empty());

    /**
     * W3C §4.8.1 "create an RTCIceCandidate", step 4: parse with the candidate-attribute grammar;
     * "If parsing of candidate-attribute has failed, abort these steps. If any field in the parse
     * result represents an invalid value for the corresponding attribute in iceCandidate, abort
     * these steps." Aborting leaves every attribute null.
     */
    static Fields parse(String candidate) {
      if (candidate.isEmpty()) {
        return NONE;
      }
      Candidate c;
      try {
        c = Candidate.parse(candidate);
      } catch (IllegalArgumentException e) { // SdpParseException and record checks
        return NONE;
      }
      Optional<RTCIceComponent> component = switch (c.component()) {
        case 1 -> Optional.of(RTCIceComponent.RTP);
        case 2 -> Optional.of(RTCIceComponent.RTCP);
        default -> Optional.empty();
      };
      Optional<RTCIceProtocol> protocol = enumValue(c.transport().toLowerCase(Locale.ROOT), RTCIceProtocol::fromW3cName);
      Optional<RTCIceCandidateType> type = enumValue(c.type(), RTCIceCandidateType::fromW3cName);
      Optional<RTCIceTcpCandidateType> tcpType = c.tcpType().flatMap(t -> enumValue(t, RTCIceTcpCandidateType::fromW3cName));
      if (component.isEmpty() || protocol.isEmpty() || type.isEmpty()
          || (c.tcpType().isPresent() && tcpType.isEmpty())) {
        return NONE;
      }
      return new Fields(
          Optional.of(c.foundation()),
          component,
          OptionalLong.of(c.priority()),
          Optional.of(c.address()),
          protocol,
          OptionalInt.of(c.port()),
          type,
          protocol.get() == RTCIceProtocol.TCP ? tcpType : Optional.empty(),
          Optional.ofNullable(c.relatedAddress()),
          c.relatedPort());
    }

    private static <T> Optional<T> enumValue(String w3cName, java.util.function.Function<String, T> from) {
      try {
        return Optional.of(from.apply(w3cName));
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
  }
}

package dev.webrtc4j;

import java.time.InstantSource;
import java.util.List;
import java.util.Objects;

/**
 * The W3C {@code RTCConfiguration} dictionary: how a peer connection gathers and uses candidates.
 *
 * <p>The canonical constructor checks what WebIDL checks when it converts the dictionary (nulls,
 * the {@code [EnforceRange] octet} range of {@code iceCandidatePoolSize}), throwing {@link
 * IllegalArgumentException} or {@link NullPointerException} (TypeError). {@link
 * #validate(InstantSource)} runs the DOMException checks of the W3C "set a configuration" steps,
 * which {@code RTCPeerConnection}'s constructor and {@code setConfiguration} apply; {@link
 * #checkModification(RTCConfiguration)} adds the ones {@code setConfiguration} alone applies.
 *
 * @param iceServers the STUN and TURN servers; default empty
 * @param iceTransportPolicy which candidates may be used; default {@link RTCIceTransportPolicy#ALL}
 * @param bundlePolicy the bundle policy; default {@link RTCBundlePolicy#BALANCED}
 * @param rtcpMuxPolicy the RTCP mux policy; default {@link RTCRtcpMuxPolicy#REQUIRE}
 * @param certificates the DTLS certificates; default empty (the connection generates one)
 * @param iceCandidatePoolSize the size of the pre-gathered candidate pool, 0..255; default 0
 * @see <a href="https://w3c.github.io/webrtc-pc/#rtcconfiguration-dictionary">W3C §4.2.1 RTCConfiguration</a>
 */
public record RTCConfiguration(
    List<RTCIceServer> iceServers,
    RTCIceTransportPolicy iceTransportPolicy,
    RTCBundlePolicy bundlePolicy,
    RTCRtcpMuxPolicy rtcpMuxPolicy,
    List<RTCCertificate> certificates,
    int iceCandidatePoolSize) {

  /** The configuration with every member at its default. */
  public static final RTCConfiguration DEFAULT = builder().build();

  public RTCConfiguration {
    Objects.requireNonNull(iceServers, "iceServers");
    for (RTCIceServer s : iceServers) {
      Objects.requireNonNull(s, "iceServers: element is null");
    }
    iceServers = List.copyOf(iceServers);
    Objects.requireNonNull(iceTransportPolicy, "iceTransportPolicy");
    Objects.requireNonNull(bundlePolicy, "bundlePolicy");
    Objects.requireNonNull(rtcpMuxPolicy, "rtcpMuxPolicy");
    Objects.requireNonNull(certificates, "certificates");
    for (RTCCertificate c : certificates) {
      Objects.requireNonNull(c, "certificates: element is null");
    }
    certificates = List.copyOf(certificates);
    if (iceCandidatePoolSize < 0 || iceCandidatePoolSize > 255) {
      throw new IllegalArgumentException(
          "iceCandidatePoolSize: " + iceCandidatePoolSize + " is outside the octet range 0..255");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this configuration's members, to change some of them. */
  public Builder toBuilder() {
    return new Builder()
        .iceServers(iceServers)
        .iceTransportPolicy(iceTransportPolicy)
        .bundlePolicy(bundlePolicy)
        .rtcpMuxPolicy(rtcpMuxPolicy)
        .certificates(certificates)
        .iceCandidatePoolSize(iceCandidatePoolSize);
  }

  /**
   * The DOMException checks of "set a configuration": every ICE server is valid ({@link
   * RTCIceServer#validate()}) and no certificate has expired.
   *
   * @param clock the wall clock the certificates' expiry is compared with
   * @return the parsed ICE server URLs, all servers in order, with the server they belong to
   * @throws RTCException {@code InvalidAccessError} for an expired certificate, or the errors of
   *     {@link RTCIceServer#validate()}
   */
  public List<ParsedIceServer> validate(InstantSource clock) {
    Objects.requireNonNull(clock, "clock");
    for (RTCCertificate c : certificates) {
      // W3C "set a configuration": "If any of the certificates in configuration.certificates
      // have an expires that is less than or equal to the current time, throw an
      // InvalidAccessError."
      if (c.isExpired(clock)) {
        throw new RTCException(
            RTCException.Name.INVALID_ACCESS_ERROR,
            "certificates: a certificate expired at " + c.expires() + " ms since the epoch");
      }
    }
    return iceServers.stream()
        .flatMap(s -> s.validate().stream().map(u -> new ParsedIceServer(u, s)))
        .toList();
  }

  /**
   * The checks "set a configuration" applies when {@code setConfiguration} replaces {@code this}
   * (the current configuration) with {@code next}.
   *
   * @throws RTCException {@code InvalidModificationError} if {@code next} changes {@code
   *     certificates} (when it names any), {@code bundlePolicy} or {@code rtcpMuxPolicy}
   */
  public void checkModification(RTCConfiguration next) {
    checkModification(next, false);
  }

  /**
   * As {@link #checkModification(RTCConfiguration)}, and also: once a local description has been
   * set, {@code iceCandidatePoolSize} cannot change.
   *
   * @param localDescriptionSet whether {@code setLocalDescription} has succeeded on the connection
   * @throws RTCException {@code InvalidModificationError} as described
   */
  public void checkModification(RTCConfiguration next, boolean localDescriptionSet) {
    Objects.requireNonNull(next, "next");
    // "If the value of configuration.iceCandidatePoolSize differs from connection's
    // [[Configuration]].iceCandidatePoolSize, and setLocalDescription has already been called,
    // throw an InvalidModificationError."
    if (localDescriptionSet && next.iceCandidatePoolSize != iceCandidatePoolSize) {
      throw new RTCException(
          RTCException.Name.INVALID_MODIFICATION_ERROR,
          "iceCandidatePoolSize: cannot change after setLocalDescription");
    }
    // "If configuration.certificates is set and the set of certificates differs from the ones
    // used when connection was constructed, throw an InvalidModificationError."
    if (!next.certificates.isEmpty() && !next.certificates.equals(certificates)) {
      throw new RTCException(
          RTCException.Name.INVALID_MODIFICATION_ERROR, "certificates: cannot be changed");
    }
    if (next.bundlePolicy != bundlePolicy) {
      throw new RTCException(
          RTCException.Name.INVALID_MODIFICATION_ERROR,
          "bundlePolicy: cannot change from " + bundlePolicy.w3cName() + " to " + next.bundlePolicy.w3cName());
    }
    if (next.rtcpMuxPolicy != rtcpMuxPolicy) {
      throw new RTCException(
          RTCException.Name.INVALID_MODIFICATION_ERROR,
          "rtcpMuxPolicy: cannot change from " + rtcpMuxPolicy.w3cName() + " to " + next.rtcpMuxPolicy.w3cName());
    }
  }

  /**
   * One validated ICE server URL and the server entry it came from (for its credentials).
   *
   * @param url the parsed URL
   * @param server the server entry holding {@code url}
   */
  public record ParsedIceServer(RTCIceServerUrl url, RTCIceServer server) {
    public ParsedIceServer {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(server, "server");
    }
  }

  /** Builds an {@link RTCConfiguration}; every member starts at its W3C default. */
  public static final class Builder {
    private List<RTCIceServer> iceServers = List.of();
    private RTCIceTransportPolicy iceTransportPolicy = RTCIceTransportPolicy.ALL;
    private RTCBundlePolicy bundlePolicy = RTCBundlePolicy.BALANCED;
    private RTCRtcpMuxPolicy rtcpMuxPolicy = RTCRtcpMuxPolicy.REQUIRE;
    private List<RTCCertificate> certificates = List.of();
    private int iceCandidatePoolSize;

    private Builder() {}

    /** The STUN and TURN servers; default: none. */
    public Builder iceServers(List<RTCIceServer> iceServers) {
      this.iceServers = List.copyOf(iceServers);
      return this;
    }

    /** The STUN and TURN servers; default: none. */
    public Builder iceServers(RTCIceServer... iceServers) {
      this.iceServers = List.of(iceServers);
      return this;
    }

    /** Which candidates ICE may use; default {@link RTCIceTransportPolicy#ALL}. */
    public Builder iceTransportPolicy(RTCIceTransportPolicy iceTransportPolicy) {
      this.iceTransportPolicy = Objects.requireNonNull(iceTransportPolicy, "iceTransportPolicy");
      return this;
    }

    /** The bundle policy; default {@link RTCBundlePolicy#BALANCED}. */
    public Builder bundlePolicy(RTCBundlePolicy bundlePolicy) {
      this.bundlePolicy = Objects.requireNonNull(bundlePolicy, "bundlePolicy");
      return this;
    }

    /** The RTCP mux policy; default (and only value) {@link RTCRtcpMuxPolicy#REQUIRE}. */
    public Builder rtcpMuxPolicy(RTCRtcpMuxPolicy rtcpMuxPolicy) {
      this.rtcpMuxPolicy = Objects.requireNonNull(rtcpMuxPolicy, "rtcpMuxPolicy");
      return this;
    }

    /** The DTLS certificates; default: none, so the connection generates an ECDSA P-256 one. */
    public Builder certificates(List<RTCCertificate> certificates) {
      this.certificates = List.copyOf(certificates);
      return this;
    }

    /** The DTLS certificates; default: none, so the connection generates an ECDSA P-256 one. */
    public Builder certificates(RTCCertificate... certificates) {
      this.certificates = List.of(certificates);
      return this;
    }

    /** The size of the pre-gathered ICE candidate pool, 0..255; default 0. */
    public Builder iceCandidatePoolSize(int iceCandidatePoolSize) {
      this.iceCandidatePoolSize = iceCandidatePoolSize;
      return this;
    }

    /**
     * @throws IllegalArgumentException if {@code iceCandidatePoolSize} is outside 0..255
     */
    public RTCConfiguration build() {
      return new RTCConfiguration(
          iceServers, iceTransportPolicy, bundlePolicy, rtcpMuxPolicy, certificates, iceCandidatePoolSize);
    }
  }
}

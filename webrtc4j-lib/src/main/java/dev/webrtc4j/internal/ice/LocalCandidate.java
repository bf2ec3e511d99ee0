package dev.webrtc4j.internal.ice;

import java.net.InetSocketAddress;
import org.jspecify.annotations.Nullable;

/**
 * A local candidate with what only the local side knows: its base (RFC 8445 §5.1.1: the local
 * socket address checks and data leave from), the local preference it was built with, and for
 * server-reflexive and relay candidates the server's url and, for relay ones, how the server is
 * reached (W3C {@code RTCIceCandidate.url} and {@code relayProtocol}).
 */
record LocalCandidate(IceCandidate candidate, InetSocketAddress base, int localPreference, @Nullable String url,
    @Nullable RelayProtocol relayProtocol) {
  /** A host or peer-reflexive candidate: no server. */
  LocalCandidate(IceCandidate candidate, InetSocketAddress base, int localPreference) {
    this(candidate, base, localPreference, null, null);
  }

  CandidateType type() {
    return candidate.type();
  }

  InetSocketAddress address() {
    return candidate.address();
  }
}

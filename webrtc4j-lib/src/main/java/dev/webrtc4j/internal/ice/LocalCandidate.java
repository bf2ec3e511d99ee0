package dev.webrtc4j.internal.ice;

import java.net.InetSocketAddress;

/**
 * A local candidate with what only the local side knows: its base (RFC 8445 §5.1.1: the local
 * socket address checks and data leave from) and the local preference it was built with.
 */
record LocalCandidate(IceCandidate candidate, InetSocketAddress base, int localPreference) {
  CandidateType type() {
    return candidate.type();
  }

  InetSocketAddress address() {
    return candidate.address();
  }
}

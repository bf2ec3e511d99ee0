package dev.webrtc4j.internal.ice;

import org.jspecify.annotations.Nullable;

/**
 * A candidate pair in a checklist or the valid list (RFC 8445 §6.1.2). Mutable, confined to the
 * agent's event loop; events expose {@link #view()} instead.
 */
final class Pair {
  final LocalCandidate local;
  IceCandidate remote;
  long priority;
  PairState state = PairState.FROZEN;
  /** In the valid list (RFC 8445 §7.2.5.3.2). */
  boolean valid;
  /** The valid pair this pair's successful check produced (itself in the usual case). */
  @Nullable Pair validPair;
  /** Nominated (RFC 8445 §8.1.1). */
  boolean nominated;
  /** The controlled agent saw USE-CANDIDATE before this pair's own check succeeded (§7.3.1.5). */
  boolean nominateOnSuccess;
  long requestsSent;
  long responsesReceived;
  long requestsReceived;
  long responsesSent;
  long currentRtt = -1;
  long totalRtt;
  long rttSamples;
  long packetsSent;
  long bytesSent;
  long packetsReceived;
  long bytesReceived;

  Pair(LocalCandidate local, IceCandidate remote, IceRole role) {
    this.local = local;
    this.remote = remote;
    updatePriority(role);
  }

  void updatePriority(IceRole role) {
    long l = local.candidate().priority();
    long r = remote.priority();
    priority = role == IceRole.CONTROLLING ? Priorities.pairPriority(l, r) : Priorities.pairPriority(r, l);
  }

  /** The pair foundation: the local and remote foundations joined (RFC 8445 §6.1.2.6). */
  String foundation() {
    return local.candidate().foundation() + ":" + remote.foundation();
  }

  boolean matches(java.net.InetSocketAddress base, java.net.InetSocketAddress remoteAddress) {
    return local.base().equals(base) && remote.address().equals(remoteAddress);
  }

  IcePairStats stats(boolean selected) {
    String w3cState = switch (state) {
      case PairState.Frozen f -> "frozen";
      case PairState.Waiting w -> "waiting";
      case PairState.InProgress ip -> "in-progress";
      case PairState.Succeeded ok -> "succeeded";
      case PairState.Failed x -> "failed";
    };
    return new IcePairStats(view(), w3cState, nominated, selected, requestsSent, responsesReceived, requestsReceived,
        responsesSent, currentRtt, totalRtt, rttSamples, packetsSent, bytesSent, packetsReceived, bytesReceived);
  }

  CandidatePair view() {
    return new CandidatePair(local.candidate(), remote, local.base());
  }

  @Override
  public String toString() {
    return "Pair[" + Pii.of(local.base()) + "->" + Pii.of(remote.address()) + " " + local.type().w3cName() + "/"
        + remote.type().w3cName() + " " + state.getClass().getSimpleName() + (nominated ? " nominated" : "") + "]";
  }
}

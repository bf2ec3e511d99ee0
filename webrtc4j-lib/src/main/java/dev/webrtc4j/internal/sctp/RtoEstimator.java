package dev.webrtc4j.internal.sctp;

/**
 * RTO per RFC 9260 §6.3.1 (the RFC 6298 algorithm): SRTT and RTTVAR with alpha 1/8 and beta
 * 1/4, RTO = SRTT + 4 * RTTVAR, clamped to [RTO.Min, RTO.Max]; doubled on timeout (§6.3.3 E2).
 */
final class RtoEstimator {
  private final long min;
  private final long max;
  private long srtt;
  private long rttvar;
  private long rto;
  private boolean measured;

  RtoEstimator(long initial, long min, long max) {
    this.min = min;
    this.max = max;
    this.rto = initial;
  }

  long rto() {
    return rto;
  }

  long srtt() {
    return srtt;
  }

  void observe(long rtt) {
    if (rtt < 0) {
      return;
    }
    if (!measured) {
      // C2: "SRTT <- R, RTTVAR <- R/2, RTO <- SRTT + 4 * RTTVAR"
      srtt = rtt;
      rttvar = rtt / 2;
      measured = true;
    } else {
      // C3: "RTTVAR <- (1 - RTO.Beta) * RTTVAR + RTO.Beta * |SRTT - R'|, SRTT <- (1 - RTO.Alpha) * SRTT + RTO.Alpha * R'"
      rttvar = rttvar - rttvar / 4 + Math.abs(srtt - rtt) / 4;
      srtt = srtt - srtt / 8 + rtt / 8;
    }
    rto = clamp(srtt + 4 * rttvar);
  }

  /** E2: "RTO <- RTO * 2 ('back off the timer')", capped at RTO.Max. */
  void backoff() {
    rto = clamp(rto * 2);
  }

  private long clamp(long v) {
    return Math.max(min, Math.min(max, v));
  }
}

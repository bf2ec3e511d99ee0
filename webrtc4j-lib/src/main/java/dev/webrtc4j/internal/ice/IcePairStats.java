package dev.webrtc4j.internal.ice;

/**
 * Counters of one candidate pair, the raw material of the W3C {@code RTCIceCandidatePairStats}.
 *
 * @param pair the pair
 * @param state W3C {@code RTCStatsIceCandidatePairState}: frozen, waiting, in-progress, succeeded,
 *     failed
 * @param nominated the nominated flag (RFC 8445 §8.1.1)
 * @param selected this is the selected pair
 * @param requestsSent Binding requests sent on it, retransmissions included
 * @param responsesReceived authenticated success responses received
 * @param requestsReceived authenticated Binding requests received
 * @param responsesSent success responses sent
 * @param currentRoundTripTimeNanos the last RTT sample (from a response to a request sent once), or
 *     -1
 * @param totalRoundTripTimeNanos sum of all RTT samples
 * @param roundTripTimeSamples how many samples {@code totalRoundTripTimeNanos} sums
 * @param packetsSent application datagrams sent
 * @param bytesSent application bytes sent
 * @param packetsReceived application datagrams received
 * @param bytesReceived application bytes received
 */
public record IcePairStats(
    CandidatePair pair,
    String state,
    boolean nominated,
    boolean selected,
    long requestsSent,
    long responsesReceived,
    long requestsReceived,
    long responsesSent,
    long currentRoundTripTimeNanos,
    long totalRoundTripTimeNanos,
    long roundTripTimeSamples,
    long packetsSent,
    long bytesSent,
    long packetsReceived,
    long bytesReceived) {}

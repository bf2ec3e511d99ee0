package dev.webrtc4j.testkit.net;

/**
 * What a one-way link does to datagrams. All probabilities are in [0, 1].
 *
 * @param latencyNanos fixed one-way delay
 * @param jitterNanos extra delay drawn uniformly from [0, jitter]
 * @param lossProbability independent random loss (used when {@code gilbertElliott} is null)
 * @param gilbertElliott bursty loss model, or null
 * @param duplicateProbability chance a datagram is delivered twice
 * @param reorderProbability chance a datagram is held back by {@code reorderDelayNanos} extra
 * @param reorderDelayNanos the extra delay of a reordered datagram
 * @param bytesPerSecond serialization rate; 0 means unlimited
 * @param mtu datagrams longer than this are dropped; 0 means unlimited
 */
public record LinkConditions(
    long latencyNanos,
    long jitterNanos,
    double lossProbability,
    GilbertElliott gilbertElliott,
    double duplicateProbability,
    double reorderProbability,
    long reorderDelayNanos,
    long bytesPerSecond,
    int mtu) {

  /** A perfect link with no delay. */
  public static final LinkConditions IDEAL = new LinkConditions(0, 0, 0, null, 0, 0, 0, 0, 0);

  public LinkConditions {
    if (latencyNanos < 0 || jitterNanos < 0 || reorderDelayNanos < 0 || bytesPerSecond < 0 || mtu < 0) {
      throw new IllegalArgumentException("negative link parameter");
    }
    checkProbability("lossProbability", lossProbability);
    checkProbability("duplicateProbability", duplicateProbability);
    checkProbability("reorderProbability", reorderProbability);
  }

  static void checkProbability(String name, double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException(name + " must be in [0, 1]: " + p);
    }
  }

  public static LinkConditions delay(long latencyNanos) {
    return IDEAL.withLatency(latencyNanos);
  }

  public LinkConditions withLatency(long nanos) {
    return new LinkConditions(nanos, jitterNanos, lossProbability, gilbertElliott, duplicateProbability, reorderProbability, reorderDelayNanos, bytesPerSecond, mtu);
  }

  public LinkConditions withJitter(long nanos) {
    return new LinkConditions(latencyNanos, nanos, lossProbability, gilbertElliott, duplicateProbability, reorderProbability, reorderDelayNanos, bytesPerSecond, mtu);
  }

  public LinkConditions withLoss(double probability) {
    return new LinkConditions(latencyNanos, jitterNanos, probability, null, duplicateProbability, reorderProbability, reorderDelayNanos, bytesPerSecond, mtu);
  }

  public LinkConditions withBurstLoss(GilbertElliott model) {
    return new LinkConditions(latencyNanos, jitterNanos, 0, model, duplicateProbability, reorderProbability, reorderDelayNanos, bytesPerSecond, mtu);
  }

  public LinkConditions withDuplication(double probability) {
    return new LinkConditions(latencyNanos, jitterNanos, lossProbability, gilbertElliott, probability, reorderProbability, reorderDelayNanos, bytesPerSecond, mtu);
  }

  public LinkConditions withReordering(double probability, long extraDelayNanos) {
    return new LinkConditions(latencyNanos, jitterNanos, lossProbability, gilbertElliott, duplicateProbability, probability, extraDelayNanos, bytesPerSecond, mtu);
  }

  public LinkConditions withRate(long bytesPerSecond) {
    return new LinkConditions(latencyNanos, jitterNanos, lossProbability, gilbertElliott, duplicateProbability, reorderProbability, reorderDelayNanos, bytesPerSecond, mtu);
  }

  public LinkConditions withMtu(int mtu) {
    return new LinkConditions(latencyNanos, jitterNanos, lossProbability, gilbertElliott, duplicateProbability, reorderProbability, reorderDelayNanos, bytesPerSecond, mtu);
  }

  /**
   * The two-state Gilbert-Elliott loss model: in the good state datagrams are lost with {@code
   * lossInGood}, in the bad state with {@code lossInBad}; each datagram the state flips good→bad
   * with {@code goodToBad} and bad→good with {@code badToGood}.
   */
  public record GilbertElliott(double goodToBad, double badToGood, double lossInGood, double lossInBad) {
    public GilbertElliott {
      checkProbability("goodToBad", goodToBad);
      checkProbability("badToGood", badToGood);
      checkProbability("lossInGood", lossInGood);
      checkProbability("lossInBad", lossInBad);
    }
  }
}

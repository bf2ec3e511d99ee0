package dev.webrtc4j.cli.echo;

/**
 * How much an echo session may hold for a client that sends faster than it reads back.
 *
 * <p>Each channel hands its echoes to the library while the channel's {@code bufferedAmount} stays
 * at or under {@code highWaterBytes}; above that they wait in the echo's own backlog and are sent
 * when {@code bufferedamountlow} reports the buffer drained to {@code lowWaterBytes}. The backlogs
 * of all channels of one session together hold at most {@code maxSessionBacklogBytes}; the message
 * that would exceed it closes its channel (logged), because a data channel has no way to pause the
 * remote sender and dropping a message would break the echo. So a session's memory is bounded by
 * the library's send buffer (16 MiB per association) plus {@code maxSessionBacklogBytes}.
 *
 * @param highWaterBytes a channel stops handing messages to the library above this buffered amount
 * @param lowWaterBytes the channel's {@code bufferedAmountLowThreshold}: sending resumes at or below it
 * @param maxSessionBacklogBytes the bound of the echo backlogs of one session, over all its channels
 */
public record EchoLimits(long highWaterBytes, long lowWaterBytes, long maxSessionBacklogBytes) {
  /** 1 MiB high water, 256 KiB low water, 8 MiB backlog per session. */
  public static final EchoLimits DEFAULT = new EchoLimits(1 << 20, 256 << 10, 8 << 20);

  public EchoLimits {
    if (lowWaterBytes < 0 || highWaterBytes <= lowWaterBytes) {
      throw new IllegalArgumentException(
          "need 0 <= lowWaterBytes < highWaterBytes: " + lowWaterBytes + ", " + highWaterBytes);
    }
    if (lowWaterBytes > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("lowWaterBytes " + lowWaterBytes + " exceeds the unsigned long range");
    }
    if (maxSessionBacklogBytes < 0) {
      throw new IllegalArgumentException("maxSessionBacklogBytes < 0: " + maxSessionBacklogBytes);
    }
  }
}

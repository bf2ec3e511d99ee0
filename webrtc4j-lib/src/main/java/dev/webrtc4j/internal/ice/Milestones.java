package dev.webrtc4j.internal.ice;

import static java.lang.System.Logger.Level.DEBUG;

import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The first occurrence of each step of connection setup, logged at DEBUG on the logger
 * {@value #LOGGER} as {@code "<ufrag> <milestone>"}, where {@code <ufrag>} is the local ufrag
 * redacted as {@link Pii} prints it ({@code #} and the low 16 bits of its hash in hex). The
 * timeline of {@code webrtc4j bench datachannel --timeline} reads them; the logger's handler stamps
 * the time. The record goes out on the loop thread at the moment of the step, so the stamp is as
 * close to the step as the loop is. Off (one level check per step) unless the logger is at DEBUG.
 *
 * <p>Loop-confined, one per ICE agent (or transport stack).
 */
public final class Milestones {
  /** The logger name. */
  public static final String LOGGER = "dev.webrtc4j.milestones";

  private static final System.Logger LOG = System.getLogger(LOGGER);

  /** The steps, in the order a happy setup reaches them. */
  public enum Milestone {
    CHECK_SENT("check-sent"),
    CHECK_RECEIVED("check-received"),
    CHECK_SUCCEEDED("check-succeeded"),
    NOMINATION_SENT("nomination-sent"),
    NOMINATION_RECEIVED("nomination-received"),
    SELECTED("selected"),
    DTLS_STARTED("dtls-started"),
    DTLS_CONNECTED("dtls-connected"),
    SCTP_STARTED("sctp-started"),
    /** Counted: the k-th DTLS datagram the loop handed to ICE ({@link #reachCounted}). */
    DTLS_OUT("dtls-out"),
    /** Counted: the k-th DTLS datagram ICE handed to the engine. */
    DTLS_IN("dtls-in");

    private final String text;

    Milestone(String text) {
      this.text = text;
    }

    /** The word in the log record. */
    public String text() {
      return text;
    }
  }

  /** Counted milestones are logged up to this count: a handshake's flights, not the data after. */
  public static final int MAX_COUNTED = 6;

  private final Set<Milestone> reached = EnumSet.noneOf(Milestone.class);
  private @Nullable String ufrag;

  /**
   * Logs {@code m} if it is the first time for {@code localUfrag}: a new ufrag (an ICE restart)
   * makes every step count again.
   */
  public void reach(String localUfrag, Milestone m) {
    if (!LOG.isLoggable(DEBUG)) {
      return;
    }
    if (!localUfrag.equals(ufrag)) {
      ufrag = localUfrag;
      reached.clear();
    }
    if (reached.add(m)) {
      LOG.log(DEBUG, Pii.of(localUfrag) + " " + m.text());
    }
  }

  /**
   * Logs {@code m} as {@code "<text>-<k>"} for {@code k} from 1 to {@link #MAX_COUNTED}: where the
   * time between the handshake's flights goes on the loop (the timeline lists each).
   */
  public void reachCounted(String localUfrag, Milestone m, int k) {
    if (k <= MAX_COUNTED && LOG.isLoggable(DEBUG)) {
      LOG.log(DEBUG, Pii.of(localUfrag) + " " + m.text() + "-" + k);
    }
  }
}

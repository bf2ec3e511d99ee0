package dev.webrtc4j;

import java.util.Locale;
import java.util.concurrent.Executor;

/**
 * The W3C {@code RTCDTMFSender} of an audio sender. Tones need a connected transport, which this
 * issue does not have yet: {@link #canInsertDTMF()} is false, so {@link #insertDTMF} throws
 * {@code InvalidStateError} as the spec requires until media flows.
 *
 * @see <a href="https://w3c.github.io/webrtc-pc/#rtcdtmfsender">W3C §7.2 RTCDTMFSender</a>
 */
public final class RTCDTMFSender extends EventTarget {
  public static final EventType<RTCDTMFToneChangeEvent> TONECHANGE = EventType.of("tonechange", RTCDTMFToneChangeEvent.class);

  private final RTCRtpSender sender;
  private volatile String toneBuffer = "";

  RTCDTMFSender(RTCRtpSender sender, Executor dispatcher) {
    super(dispatcher);
    this.sender = sender;
  }

  /**
   * W3C canInsertDTMF: the sender's transceiver is sending and negotiated telephone-event, and its
   * transport is connected. No transport connects yet, so false.
   */
  public boolean canInsertDTMF() {
    return false;
  }

  public String toneBuffer() {
    return toneBuffer;
  }

  /** W3C insertDTMF with the default duration (100 ms) and gap (70 ms). */
  public void insertDTMF(String tones) {
    insertDTMF(tones, 100, 70);
  }

  /**
   * W3C insertDTMF (§7.2.1).
   *
   * @throws RTCException InvalidStateError when the sender cannot send DTMF (stopped transceiver,
   *     no connected transport); InvalidCharacterError-like input is an IllegalArgumentException
   */
  public void insertDTMF(String tones, long duration, long interToneGap) {
    String upper = tones.toUpperCase(Locale.ROOT);
    for (int i = 0; i < upper.length(); i++) {
      if ("0123456789ABCD#*,".indexOf(upper.charAt(i)) < 0) {
        // W3C: "If tones contains any unrecognized characters, throw an InvalidCharacterError."
        throw new IllegalArgumentException("InvalidCharacterError: '" + tones.charAt(i) + "' is not a DTMF tone");
      }
    }
    if (sender.transceiverStopping() || !canInsertDTMF()) {
      throw new RTCException(RTCException.Name.INVALID_STATE_ERROR, "the sender cannot send DTMF (no connected transport)");
    }
    toneBuffer = upper;
  }

  public void setOnToneChange(EventListener<? super RTCDTMFToneChangeEvent> handler) {
    setEventHandler(TONECHANGE, handler);
  }
}

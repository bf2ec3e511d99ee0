package dev.webrtc4j.internal.dcep;

/**
 * SCTP Payload Protocol Identifiers of WebRTC data channels (RFC 8831 §8, RFC 8832 §8.1).
 * Empty messages travel as one byte with PPID 56/57, since SCTP cannot carry empty user data.
 */
public final class Ppid {
  public static final int DCEP = 50;
  public static final int STRING = 51;
  /** Deprecated "WebRTC Binary Partial" (accepted on receive, never sent). */
  public static final int BINARY_PARTIAL = 52;
  public static final int BINARY = 53;
  /** Deprecated "WebRTC String Partial" (accepted on receive, never sent). */
  public static final int STRING_PARTIAL = 54;
  public static final int STRING_EMPTY = 56;
  public static final int BINARY_EMPTY = 57;

  private Ppid() {}

  /** Whether the PPID carries user data (string, binary, empty or deprecated partial). */
  public static boolean isUserData(int ppid) {
    return ppid == STRING || ppid == BINARY || ppid == STRING_EMPTY || ppid == BINARY_EMPTY
        || ppid == STRING_PARTIAL || ppid == BINARY_PARTIAL;
  }

  public static boolean isString(int ppid) {
    return ppid == STRING || ppid == STRING_EMPTY || ppid == STRING_PARTIAL;
  }

  public static boolean isEmpty(int ppid) {
    return ppid == STRING_EMPTY || ppid == BINARY_EMPTY;
  }

  /** The PPID to send a message with. */
  public static int forSend(boolean binary, boolean empty) {
    if (binary) {
      return empty ? BINARY_EMPTY : BINARY;
    }
    return empty ? STRING_EMPTY : STRING;
  }
}

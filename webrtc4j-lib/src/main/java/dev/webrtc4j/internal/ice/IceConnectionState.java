package dev.webrtc4j.internal.ice;

/**
 * W3C {@code RTCIceConnectionState}. The agent never stores it: {@link IceAgent#connectionState()}
 * derives it from the checklist, the selected pair and consent.
 */
public enum IceConnectionState {
  NEW("new"),
  CHECKING("checking"),
  CONNECTED("connected"),
  COMPLETED("completed"),
  DISCONNECTED("disconnected"),
  FAILED("failed"),
  CLOSED("closed");

  private final String w3cName;

  IceConnectionState(String w3cName) {
    this.w3cName = w3cName;
  }

  public String w3cName() {
    return w3cName;
  }

  public static IceConnectionState fromW3cName(String name) {
    for (IceConnectionState s : values()) {
      if (s.w3cName.equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown RTCIceConnectionState: " + name);
  }
}

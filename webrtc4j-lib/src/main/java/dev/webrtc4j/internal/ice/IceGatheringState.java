package dev.webrtc4j.internal.ice;

/** W3C {@code RTCIceGatheringState}. */
public enum IceGatheringState {
  NEW("new"),
  GATHERING("gathering"),
  COMPLETE("complete");

  private final String w3cName;

  IceGatheringState(String w3cName) {
    this.w3cName = w3cName;
  }

  public String w3cName() {
    return w3cName;
  }

  public static IceGatheringState fromW3cName(String name) {
    for (IceGatheringState s : values()) {
      if (s.w3cName.equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown RTCIceGatheringState: " + name);
  }
}

package dev.webrtc4j.internal.dtls;

/** The engine's state, the values of W3C {@code RTCDtlsTransportState}. */
public enum DtlsState {
  NEW("new"),
  CONNECTING("connecting"),
  CONNECTED("connected"),
  CLOSED("closed"),
  FAILED("failed");

  private final String w3cName;

  DtlsState(String w3cName) {
    this.w3cName = w3cName;
  }

  public String w3cName() {
    return w3cName;
  }

  public static DtlsState fromW3cName(String name) {
    for (DtlsState s : values()) {
      if (s.w3cName.equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException("not an RTCDtlsTransportState: " + name);
  }
}

package dev.webrtc4j.internal.ice;

/**
 * ICE candidate types (RFC 8445 §5.1.1) with the type preferences of RFC 8445 §5.1.2.2 as WebRTC
 * stacks use them: host 126, peer-reflexive 110, server-reflexive 100, relayed 0.
 */
public enum CandidateType {
  HOST("host", 126),
  PRFLX("prflx", 110),
  SRFLX("srflx", 100),
  RELAY("relay", 0);

  private final String w3cName;
  private final int typePreference;

  CandidateType(String w3cName, int typePreference) {
    this.w3cName = w3cName;
    this.typePreference = typePreference;
  }

  /** The name in SDP {@code typ} and in W3C {@code RTCIceCandidateType}. */
  public String w3cName() {
    return w3cName;
  }

  public int typePreference() {
    return typePreference;
  }

  public static CandidateType fromW3cName(String name) {
    for (CandidateType t : values()) {
      if (t.w3cName.equals(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown candidate type: " + name);
  }
}

package dev.webrtc4j.internal.ice;

/** W3C {@code RTCIceTransportPolicy}: which local candidates are gathered and paired. */
public enum IceTransportPolicy {
  /** Every candidate type. */
  ALL("all"),
  /** Only relayed candidates are gathered, signalled and paired. */
  RELAY("relay");

  private final String w3cName;

  IceTransportPolicy(String w3cName) {
    this.w3cName = w3cName;
  }

  public String w3cName() {
    return w3cName;
  }

  public static IceTransportPolicy fromW3cName(String name) {
    for (IceTransportPolicy p : values()) {
      if (p.w3cName.equals(name)) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown iceTransportPolicy: " + name);
  }
}

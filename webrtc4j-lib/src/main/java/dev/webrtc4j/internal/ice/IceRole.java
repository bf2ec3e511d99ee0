package dev.webrtc4j.internal.ice;

/** The agent's role (RFC 8445 §6.1.1): the offerer starts controlling. */
public enum IceRole {
  CONTROLLING,
  CONTROLLED;

  public IceRole opposite() {
    return this == CONTROLLING ? CONTROLLED : CONTROLLING;
  }
}

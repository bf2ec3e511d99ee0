package dev.webrtc4j.internal.stun;

/** Outcome of checking the message integrity of a received STUN message. */
public enum IntegrityCheck {
  /** The message carries no MESSAGE-INTEGRITY or MESSAGE-INTEGRITY-SHA256. */
  ABSENT,
  /** The HMAC matches the key. */
  VALID,
  /** The HMAC does not match (or the attribute is malformed). */
  INVALID
}

package dev.webrtc4j.internal.ice;

import dev.webrtc4j.internal.util.MalformedPacketException;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * The agent's seam to the STUN codec of {@code internal.stun}. The production implementation is
 * {@link StunCodecBridge}; nothing else implements it outside tests.
 */
interface IceStunCodec {
  /** Parses one STUN message (position to limit; the buffer is not kept). */
  IceStunMessage decode(ByteBuffer raw) throws MalformedPacketException;

  /**
   * True when the message carries a MESSAGE-INTEGRITY that verifies with the short-term key of
   * {@code password} (RFC 8489 §9.1) and a valid FINGERPRINT (RFC 8445 §7.1: both are mandatory
   * for connectivity checks).
   */
  boolean authenticated(ByteBuffer raw, String password);

  /**
   * Encodes a message for sending, with MESSAGE-INTEGRITY keyed by {@code password} when it is not
   * null, and always a FINGERPRINT.
   */
  ByteBuffer encode(IceStunMessage message, @Nullable String password);
}

package dev.webrtc4j.internal.stun;

import dev.webrtc4j.internal.stun.StunAttribute.ErrorCode;
import dev.webrtc4j.internal.stun.StunAttribute.Fingerprint;
import dev.webrtc4j.internal.stun.StunAttribute.MessageIntegrity;
import dev.webrtc4j.internal.stun.StunAttribute.MessageIntegritySha256;
import dev.webrtc4j.internal.stun.StunAttribute.Username;
import dev.webrtc4j.internal.util.MalformedPacketException;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The server side of the short-term credential mechanism (RFC 8489 §9.1.3), as an ICE agent
 * answering connectivity checks needs it: decides whether a received request is accepted,
 * answered with an error, or silently dropped, in the order the RFC gives.
 */
public final class StunRequestValidator {
  private StunRequestValidator() {}

  /** The decision for one received datagram. */
  public sealed interface Result {}

  /** Authenticated request; respond with {@code key} (the same key must protect the response). */
  public record Accepted(StunMessage request, String username, IntegrityKey key) implements Result {}

  /**
   * Answer with {@code response}: encode it with {@code key} when non-null (a 420 after successful
   * authentication), without integrity otherwise (400 and 401 cannot be protected).
   */
  public record Rejected(StunMessage response, @Nullable IntegrityKey key) implements Result {
    /** The bytes to send, FINGERPRINT included. */
    public ByteBuffer encode() {
      return response.encode(key, true);
    }
  }

  /** Drop silently (not STUN, not a request, bad FINGERPRINT): no answer. */
  public record Dropped(String reason) implements Result {}

  /**
   * Checks a request received as {@code raw} (position..limit, not moved).
   *
   * @param passwordFor the password of a currently valid username, or null when it is not valid
   * @param requireFingerprint true for ICE (RFC 8445 §7.3: connectivity checks carry FINGERPRINT)
   */
  public static Result checkShortTerm(ByteBuffer raw, Function<String, @Nullable String> passwordFor, boolean requireFingerprint) {
    StunMessage m;
    try {
      m = StunMessage.parse(raw.duplicate());
    } catch (MalformedPacketException e) {
      return new Dropped("malformed: " + e.getMessage());
    }
    // RFC 8489 §14.7: FINGERPRINT lets an agent tell STUN from other protocols on the same port;
    // a message whose FINGERPRINT is wrong is not taken as STUN.
    boolean hasFingerprint = m.has(Fingerprint.class);
    if ((hasFingerprint || requireFingerprint) && !StunIntegrity.hasValidFingerprint(raw)) {
      return new Dropped(hasFingerprint ? "FINGERPRINT does not match" : "no FINGERPRINT");
    }
    if (m.messageClass() != StunClass.REQUEST) {
      return new Dropped("not a request: " + m.messageClass());
    }
    Optional<Username> username = m.find(Username.class);
    // RFC 8489 §9.1.3: "If the message does not contain 1) a MESSAGE-INTEGRITY or a
    // MESSAGE-INTEGRITY-SHA256 attribute and 2) a USERNAME attribute: If the message is a request,
    // the server MUST reject the request with an error response. This response MUST use an error
    // code of 400 (Bad Request)."
    if (username.isEmpty() || !(m.has(MessageIntegrity.class) || m.has(MessageIntegritySha256.class))) {
      return new Rejected(StunMessage.errorResponse(m, ErrorCode.BAD_REQUEST, "Bad Request"), null);
    }
    // "If the USERNAME does not contain a username value currently valid within the server: If
    // the message is a request, the server MUST reject the request with an error response. This
    // response MUST use an error code of 401 (Unauthenticated)."
    String password = passwordFor.apply(username.get().value());
    if (password == null) {
      return new Rejected(StunMessage.errorResponse(m, ErrorCode.UNAUTHENTICATED, "Unauthenticated"), null);
    }
    IntegrityKey key = IntegrityKey.shortTerm(password);
    // "If the value does not match ... the server MUST reject the request with an error response.
    // This response MUST use an error code of 401 (Unauthenticated)."
    if (StunIntegrity.check(raw, key) != IntegrityCheck.VALID) {
      return new Rejected(StunMessage.errorResponse(m, ErrorCode.UNAUTHENTICATED, "Unauthenticated"), null);
    }
    // RFC 8489 §6.3.1: after authentication, a request with unknown comprehension-required
    // attributes gets 420 (Unknown Attribute) with UNKNOWN-ATTRIBUTES.
    Optional<StunMessage> unknown = StunMessage.unknownAttributesResponse(m);
    if (unknown.isPresent()) {
      return new Rejected(unknown.get(), key);
    }
    return new Accepted(m, username.get().value(), key);
  }
}

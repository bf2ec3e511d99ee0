package dev.webrtc4j.internal.io;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The minimal STUN reading {@link UdpMux} needs to route a first datagram: is it a Binding
 * request, and what is its USERNAME. {@code internal.io} may not import {@code internal.stun}, so
 * this is a small, bounds-checked scanner of the attribute list and nothing more: it does not
 * check MESSAGE-INTEGRITY or FINGERPRINT (the ICE agent that receives the datagram does).
 *
 * <pre>
 * RFC 8489 §5 header                         §14 attribute (value padded to 4 bytes)
 *  0                   1                   2                   3
 * |0 0|  STUN Message Type        |       Message Length          |   |  Type  | Length | Value ...
 * |                  Magic Cookie 0x2112A442                      |
 * |                  Transaction ID (96 bits)                     |
 * </pre>
 *
 * <p>Rules, all strict so that garbage is dropped rather than guessed at: the header is 20 bytes;
 * the message length is a multiple of 4 and fits in the datagram; every attribute header and its
 * padded value fit inside the message length; USERNAME (0x0006) is at most 512 bytes of valid
 * UTF-8 (RFC 8489 §14.3 says senders use "fewer than 509 bytes"; we accept RFC 5389's "less than
 * 513 bytes" so older peers still route). Only the first USERNAME counts (§14: "only the
 * first occurrence needs to be processed"), and scanning stops at MESSAGE-INTEGRITY,
 * MESSAGE-INTEGRITY-SHA256 and FINGERPRINT, since attributes after them are not protected
 * (§14.5). Nothing here throws for any input, and the buffer's position is not moved.
 */
final class UdpMuxStunScanner {
  static final int HEADER_LENGTH = 20;
  static final int MAGIC_COOKIE = 0x2112A442;
  static final int BINDING_REQUEST = 0x0001;
  static final int ATTR_USERNAME = 0x0006;
  static final int ATTR_MESSAGE_INTEGRITY = 0x0008;
  static final int ATTR_MESSAGE_INTEGRITY_SHA256 = 0x001C;
  static final int ATTR_FINGERPRINT = 0x8028;
  static final int MAX_USERNAME_BYTES = 512;

  private UdpMuxStunScanner() {}

  /** True when the bytes start like a STUN message: first two bits 0 and the magic cookie. */
  static boolean looksLikeStun(ByteBuffer b) {
    int p = b.position();
    return b.remaining() >= HEADER_LENGTH && (b.get(p) & 0xC0) == 0 && b.getInt(p + 4) == MAGIC_COOKIE;
  }

  /** True for a STUN Binding request (class request, method Binding). */
  static boolean isBindingRequest(ByteBuffer b) {
    return looksLikeStun(b) && Short.toUnsignedInt(b.getShort(b.position())) == BINDING_REQUEST;
  }

  /**
   * The USERNAME of a well-formed STUN message, or null when the message is malformed, has no
   * USERNAME before the integrity attributes, or the USERNAME is not valid UTF-8.
   */
  static @Nullable String username(ByteBuffer b) {
    if (!looksLikeStun(b)) {
      return null;
    }
    int start = b.position();
    int length = Short.toUnsignedInt(b.getShort(start + 2));
    if ((length & 3) != 0 || length > b.remaining() - HEADER_LENGTH) {
      return null;
    }
    int end = start + HEADER_LENGTH + length;
    int p = start + HEADER_LENGTH;
    while (end - p >= 4) {
      int type = Short.toUnsignedInt(b.getShort(p));
      int valueLength = Short.toUnsignedInt(b.getShort(p + 2));
      int padded = (valueLength + 3) & ~3;
      if (padded > end - p - 4) {
        return null; // attribute runs past the message
      }
      if (type == ATTR_USERNAME) {
        return valueLength > MAX_USERNAME_BYTES ? null : utf8(b, p + 4, valueLength);
      }
      if (type == ATTR_MESSAGE_INTEGRITY || type == ATTR_MESSAGE_INTEGRITY_SHA256 || type == ATTR_FINGERPRINT) {
        return null;
      }
      p += 4 + padded;
    }
    return null; // end - p is 0 here: the length is a multiple of 4 and so is every step
  }

  /**
   * The receiver's own ufrag from a Binding request: ICE usernames are "RFRAG:LFRAG" as the
   * sender writes them (RFC 8445 §7.2.2), so the part before the first colon is ours. Null unless
   * this is a well-formed Binding request whose USERNAME has a non-empty part on each side.
   */
  static @Nullable String localUfrag(ByteBuffer b) {
    if (!isBindingRequest(b)) {
      return null;
    }
    String username = username(b);
    if (username == null) {
      return null;
    }
    int colon = username.indexOf(':');
    if (colon <= 0 || colon == username.length() - 1) {
      return null;
    }
    return username.substring(0, colon);
  }

  private static @Nullable String utf8(ByteBuffer b, int offset, int length) {
    ByteBuffer value = b.duplicate();
    value.limit(offset + length).position(offset);
    try {
      CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(value);
      return chars.toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}

package dev.webrtc4j.sdp;

import org.jspecify.annotations.Nullable;

/**
 * <a href="https://www.rfc-editor.org/rfc/rfc8841#section-6">RFC 8841 §6</a>:
 * {@code a=max-message-size:<size>}; 0 means no limit, absent means 64 KiB (RFC 8841 §6.1).
 *
 * @param size in bytes, not negative
 */
public record MaxMessageSize(long size) implements TypedAttribute {
  public MaxMessageSize {
    Tokens.check(size >= 0, "max-message-size is negative: " + size);
  }

  public static MaxMessageSize parse(@Nullable String value) {
    return new MaxMessageSize(Tokens.number(Tokens.valueOf(value, "max-message-size"), 0, Long.MAX_VALUE, "max-message-size"));
  }

  @Override
  public String attributeName() {
    return "max-message-size";
  }

  @Override
  public String value() {
    return Long.toString(size);
  }
}

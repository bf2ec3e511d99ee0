package dev.webrtc4j.internal.sctp;

import dev.webrtc4j.internal.util.Bytes;
import java.nio.ByteBuffer;

/**
 * RFC 9260 §3.3.11: State Cookie (COOKIE ECHO, type 10), the cookie of the INIT ACK echoed back.
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Type = 10   |  Chunk Flags  |            Length             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * /                            Cookie                             /
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record CookieEchoChunk(Bytes cookie) implements Chunk {
  @Override
  public int type() {
    return COOKIE_ECHO;
  }

  @Override
  public int flags() {
    return 0;
  }

  @Override
  public int valueLength() {
    return cookie.length();
  }

  @Override
  public void writeValue(ByteBuffer out) {
    cookie.writeTo(out);
  }
}

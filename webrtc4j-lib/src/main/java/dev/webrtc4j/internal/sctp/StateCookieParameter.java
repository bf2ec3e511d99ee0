package dev.webrtc4j.internal.sctp;

import dev.webrtc4j.internal.util.Bytes;
import java.nio.ByteBuffer;

/**
 * RFC 9260 §3.3.3.1: the State Cookie parameter (type 7) of INIT ACK, opaque to the peer.
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           Type = 7            |            Length             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * /                            Cookie                             /
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record StateCookieParameter(Bytes cookie) implements Parameter {
  @Override
  public int type() {
    return STATE_COOKIE;
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

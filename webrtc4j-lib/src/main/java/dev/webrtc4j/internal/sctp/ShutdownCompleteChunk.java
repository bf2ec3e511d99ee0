package dev.webrtc4j.internal.sctp;

import java.nio.ByteBuffer;

/**
 * RFC 9260 §3.3.13: Shutdown Complete (SHUTDOWN COMPLETE, type 14).
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Type = 14   |  Reserved   |T|          Length = 4           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param tagReflected the T bit
 */
public record ShutdownCompleteChunk(boolean tagReflected) implements Chunk {
  @Override
  public int type() {
    return SHUTDOWN_COMPLETE;
  }

  @Override
  public int flags() {
    return tagReflected ? 1 : 0;
  }

  @Override
  public int valueLength() {
    return 0;
  }

  @Override
  public void writeValue(ByteBuffer out) {}
}

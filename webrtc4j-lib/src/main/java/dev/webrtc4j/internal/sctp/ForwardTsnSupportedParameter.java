package dev.webrtc4j.internal.sctp;

import java.nio.ByteBuffer;

/**
 * RFC 3758 §3.1: the Forward-TSN-Supported parameter (type 0xC000) of INIT and INIT ACK, saying
 * the sender implements partial reliability.
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |    Parameter Type = 49152     |  Parameter Length = 4         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record ForwardTsnSupportedParameter() implements Parameter {
  @Override
  public int type() {
    return FORWARD_TSN_SUPPORTED;
  }

  @Override
  public int valueLength() {
    return 0;
  }

  @Override
  public void writeValue(ByteBuffer out) {}
}

package dev.webrtc4j.internal.util;

/**
 * Bytes from the network that do not decode. Codecs throw it; the core that called the codec
 * catches it, drops the datagram and counts it, so it never reaches the application.
 */
public final class MalformedPacketException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int offset;

  public MalformedPacketException(int offset, String reason) {
    super(reason + " (at offset " + offset + ")");
    this.offset = offset;
  }

  /** Byte offset into the buffer where decoding failed. */
  public int offset() {
    return offset;
  }
}

package dev.webrtc4j.internal.sctp;

/**
 * An SCTP stream identifier (RFC 9260 §3.3.1), 0..65535. In WebRTC one data channel is one stream.
 *
 * @param value the 16-bit id
 */
public record StreamId(int value) {
  public StreamId {
    if (value < 0 || value > 0xFFFF) {
      throw new IllegalArgumentException("stream id out of range: " + value);
    }
  }

  public static StreamId of(int value) {
    return new StreamId(value);
  }
}

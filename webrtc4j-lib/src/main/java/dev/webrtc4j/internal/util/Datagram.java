package dev.webrtc4j.internal.util;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One UDP datagram (or one framed TCP message) between two transport addresses. The currency of
 * every sans-I/O core's {@code handleDatagram}/{@code pollTransmit}.
 *
 * <p>The payload is owned by whoever holds the datagram: a core that keeps bytes past the call
 * copies them. It is not a wire record, so it compares by identity of the buffer.
 *
 * @param source where it came from (for a transmit: the local address it leaves from)
 * @param destination where it goes
 * @param payload the bytes, position to limit
 */
public record Datagram(InetSocketAddress source, InetSocketAddress destination, ByteBuffer payload) {
  public Datagram {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(payload, "payload");
  }

  /** Wraps a copy of {@code bytes}. */
  public static Datagram of(InetSocketAddress source, InetSocketAddress destination, byte[] bytes) {
    return new Datagram(source, destination, ByteBuffer.wrap(bytes.clone()));
  }

  public int length() {
    return payload.remaining();
  }
}

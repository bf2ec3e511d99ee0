package dev.webrtc4j.internal.ice;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * What the agent asks of its I/O layer for TURN over TCP or TLS (RFC 8656 §3.1): open a stream to a
 * server, write bytes on it, close it. Polled with {@link IceAgent#pollStreamCommand()}, in order;
 * the I/O layer reports back with {@link IceAgent#handleStreamOpened}, {@link
 * IceAgent#handleStreamData} and {@link IceAgent#handleStreamClosed}, naming the stream by its id.
 *
 * <p>Framing is the agent's business: each {@link Write} is one whole STUN message or one
 * ChannelData message padded to 4 bytes (RFC 8656 §12.5), so an I/O layer that must shed load may
 * drop a whole write without breaking the stream's framing. Received bytes are handed in as they
 * come, in chunks of any size.
 */
public sealed interface StreamCommand {
  /** The stream's id, unique within the agent. */
  int stream();

  /**
   * Connect a TCP stream from {@code localIp} (any port) to {@code server}; with {@code tls}, run a
   * TLS handshake on it that verifies the server's certificate for {@code serverName} (the host of
   * the {@code turns:} url: a DNS name, also sent as SNI, or an IP literal).
   */
  record Open(int stream, InetAddress localIp, InetSocketAddress server, boolean tls, String serverName)
      implements StreamCommand {
    public Open {
      Objects.requireNonNull(localIp, "localIp");
      Objects.requireNonNull(server, "server");
      Objects.requireNonNull(serverName, "serverName");
    }
  }

  /** Write {@code bytes} (position to limit; the buffer is the I/O layer's to keep). */
  record Write(int stream, ByteBuffer bytes) implements StreamCommand {
    public Write {
      Objects.requireNonNull(bytes, "bytes");
    }
  }

  /** Close the stream once what was written before has gone out; no input for it follows. */
  record Close(int stream) implements StreamCommand {}
}

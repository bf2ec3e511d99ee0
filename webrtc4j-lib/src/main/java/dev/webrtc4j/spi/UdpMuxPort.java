package dev.webrtc4j.spi;

import dev.webrtc4j.internal.io.UdpIo;
import dev.webrtc4j.internal.io.UdpMux;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One UDP port shared by many peer connections (a server's single media port). Datagrams are
 * handed to the connection whose local ICE ufrag the first STUN request names, then by remote
 * address. Pass it to {@link Settings.Builder#udpMux}; close it when the server stops (connections
 * still using it lose their host candidate).
 */
public final class UdpMuxPort implements AutoCloseable {
  private final UdpMux mux;

  private UdpMuxPort(UdpMux mux) {
    this.mux = mux;
  }

  /** Binds {@code address} (port 0: an ephemeral port) on the shared socket reactor. */
  public static UdpMuxPort open(InetSocketAddress address) {
    Objects.requireNonNull(address, "address");
    try {
      return new UdpMuxPort(UdpMux.open(UdpIo.shared(), address));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind UDP mux on " + address, e);
    }
  }

  /** The bound address. */
  public InetSocketAddress localAddress() {
    return mux.localAddress();
  }

  /** The number of remote addresses currently associated with a connection. */
  public int associations() {
    return mux.associations();
  }

  /** Internal: the mux the connection registers on (its type is not exported from the module). */
  public UdpMux mux() {
    return mux;
  }

  @Override
  public void close() {
    mux.close();
  }

  @Override
  public String toString() {
    return "UdpMuxPort[" + localAddress() + "]";
  }
}

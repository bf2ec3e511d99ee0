package dev.webrtc4j.internal.ice;

import java.net.InetSocketAddress;

/**
 * A redacting wrapper for log arguments (str0m's {@code Pii}): addresses and ufrags are printed as
 * a short stable hash, ports as they are, so logs can correlate without leaking who talked.
 */
final class Pii {
  private final String text;

  private Pii(String text) {
    this.text = text;
  }

  static Pii of(String value) {
    return new Pii("#" + Integer.toHexString(value.hashCode() & 0xffff));
  }

  static Pii of(InetSocketAddress address) {
    String host = address.isUnresolved() ? address.getHostString() : address.getAddress().getHostAddress();
    return new Pii("#" + Integer.toHexString(host.hashCode() & 0xffff) + ":" + address.getPort());
  }

  @Override
  public String toString() {
    return text;
  }
}

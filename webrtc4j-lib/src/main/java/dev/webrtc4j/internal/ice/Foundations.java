package dev.webrtc4j.internal.ice;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import org.jspecify.annotations.Nullable;

/**
 * Candidate foundations (RFC 8445 §5.1.1.3): two candidates share a foundation exactly when they
 * have the same type, the same base IP address, the same STUN/TURN server IP address (or none) and
 * the same transport protocol. The foundation is the decimal CRC-32 of those four, as Chrome does,
 * so it is stable across ICE restarts and unique within the agent.
 */
final class Foundations {
  private Foundations() {}

  static String of(CandidateType type, InetAddress base, @Nullable InetAddress server, String protocol) {
    CRC32 crc = new CRC32();
    String key = type.w3cName() + "|" + base.getHostAddress() + "|" + (server == null ? "" : server.getHostAddress()) + "|" + protocol;
    crc.update(key.getBytes(StandardCharsets.UTF_8));
    return Long.toString(crc.getValue());
  }
}

package dev.webrtc4j.internal.pc;

import java.util.Objects;

/** An {@code a=extmap} line (RFC 8285 §8): the negotiated id and the extension's URI. */
public record HeaderExtension(int id, String uri) {
  public HeaderExtension {
    Objects.requireNonNull(uri, "uri");
  }
}

package dev.webrtc4j.internal.pc;

import java.util.Objects;

/** An {@code a=fingerprint} (RFC 8122 §5): hash function name and upper-case hex with colons. */
public record Fingerprint(String algorithm, String value) {
  public Fingerprint {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(value, "value");
  }
}

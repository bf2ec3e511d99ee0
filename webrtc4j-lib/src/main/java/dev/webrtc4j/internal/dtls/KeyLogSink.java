package dev.webrtc4j.internal.dtls;

import dev.webrtc4j.internal.util.Bytes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Function;

/**
 * Receives TLS secrets in the NSS key log format
 * (<a href="https://firefox-source-docs.mozilla.org/security/nss/legacy/key_log_format/index.html">NSS
 * key log format</a>), which Wireshark reads to decrypt captured DTLS. For DTLS 1.2 one line per
 * handshake: {@code CLIENT_RANDOM <64 hex digits of client random> <96 hex digits of master secret>}.
 *
 * <p>Called on the engine's handshake thread; implementations must be thread-safe and quick.
 * Logging secrets defeats the encryption: only for debugging.
 */
@FunctionalInterface
public interface KeyLogSink {
  /** Takes one line, without the line terminator. */
  void log(String line);

  /** The DTLS 1.2 line for a handshake. */
  static String clientRandomLine(Bytes clientRandom, Bytes masterSecret) {
    if (clientRandom.length() != 32 || masterSecret.length() != 48) {
      throw new IllegalArgumentException(
          "client random must be 32 bytes and master secret 48, not " + clientRandom.length() + " and " + masterSecret.length());
    }
    HexFormat hex = HexFormat.of();
    return "CLIENT_RANDOM " + hex.formatHex(clientRandom.toArray()) + " " + hex.formatHex(masterSecret.toArray());
  }

  /** A sink that appends each line (with {@code \n}) to {@code file}, creating it if needed. */
  static KeyLogSink appendingTo(Path file) {
    return line -> {
      synchronized (KeyLogSink.class) {
        try {
          Files.writeString(
              file, line + "\n", StandardCharsets.US_ASCII, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot append to key log " + file, e);
        }
      }
    };
  }

  /**
   * The sink for the file named by {@code SSLKEYLOGFILE}, when that variable is set and not blank.
   *
   * @param environment looks up an environment variable ({@code System::getenv} in production),
   *     returning null when unset
   */
  static Optional<KeyLogSink> fromEnvironment(Function<String, String> environment) {
    String file = environment.apply("SSLKEYLOGFILE");
    if (file == null || file.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(appendingTo(Path.of(file)));
  }
}

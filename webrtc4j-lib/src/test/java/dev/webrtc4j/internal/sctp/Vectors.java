package dev.webrtc4j.internal.sctp;

import dev.webrtc4j.internal.util.Bytes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Loads hex vectors from src/test/resources/vectors/sctp ('#' lines are provenance comments). */
final class Vectors {
  private Vectors() {}

  static String text(String name) {
    try (InputStream in = Vectors.class.getResourceAsStream("/vectors/sctp/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no vector " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Bytes hex(String name) {
    StringBuilder sb = new StringBuilder();
    for (String line : text(name).split("\n")) {
      if (!line.startsWith("#")) {
        sb.append(line);
      }
    }
    return Bytes.fromHex(sb.toString());
  }

  /** "name hex..." lines. */
  static Map<String, Bytes> table(String name) {
    Map<String, Bytes> out = new LinkedHashMap<>();
    for (String line : text(name).split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.trim().split("\\s+", 2);
      out.put(parts[0], Bytes.fromHex(parts[1]));
    }
    return out;
  }
}

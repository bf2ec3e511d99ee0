package dev.webrtc4j.internal.sctp;

import dev.webrtc4j.internal.util.ByteReader;
import dev.webrtc4j.internal.util.MalformedPacketException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Shared helpers of the chunk and parameter codecs: 4-byte padding and TLV lists. */
final class Codec {
  private Codec() {}

  static int pad4(int n) {
    return (n + 3) & ~3;
  }

  static void writePadding(ByteBuffer out, int unpadded) {
    for (int i = unpadded; i < pad4(unpadded); i++) {
      out.put((byte) 0);
    }
  }

  /** Parses parameters until the reader is exhausted. */
  static List<Parameter> parseParameters(ByteReader r) throws MalformedPacketException {
    List<Parameter> out = new ArrayList<>();
    while (r.hasRemaining()) {
      out.add(Parameter.parse(r.buffer()));
    }
    return List.copyOf(out);
  }

  static int parametersLength(List<? extends Parameter> params) {
    int n = 0;
    for (Parameter p : params) {
      n += p.encodedLength();
    }
    return n;
  }

  static void writeParameters(ByteBuffer out, List<? extends Parameter> params) {
    for (Parameter p : params) {
      p.writeTo(out);
    }
  }

  static List<ErrorCause> parseCauses(ByteReader r) throws MalformedPacketException {
    List<ErrorCause> out = new ArrayList<>();
    while (r.hasRemaining()) {
      out.add(ErrorCause.parse(r.buffer()));
    }
    return List.copyOf(out);
  }

  static int causesLength(List<ErrorCause> causes) {
    int n = 0;
    for (ErrorCause c : causes) {
      n += c.encodedLength();
    }
    return n;
  }
}

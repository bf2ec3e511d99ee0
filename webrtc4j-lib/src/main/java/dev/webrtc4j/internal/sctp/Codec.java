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

  /**
   * RFC 9260 §3.2: "The Chunk Length value does not include terminating padding of the chunk.
   * However, it does include padding of any variable-length parameter except the last parameter
   * in the chunk." So the last parameter counts unpadded; the chunk's own padding follows it.
   */
  static int parametersLength(List<? extends Parameter> params) {
    int n = 0;
    for (int i = 0; i < params.size(); i++) {
      Parameter p = params.get(i);
      n += i == params.size() - 1 ? 4 + p.valueLength() : p.encodedLength();
    }
    return n;
  }

  static void writeParameters(ByteBuffer out, List<? extends Parameter> params) {
    for (int i = 0; i < params.size(); i++) {
      Parameter p = params.get(i);
      if (i == params.size() - 1) {
        out.putShort((short) p.type()).putShort((short) (4 + p.valueLength()));
        p.writeValue(out);
      } else {
        p.writeTo(out);
      }
    }
  }

  static List<ErrorCause> parseCauses(ByteReader r) throws MalformedPacketException {
    List<ErrorCause> out = new ArrayList<>();
    while (r.hasRemaining()) {
      out.add(ErrorCause.parse(r.buffer()));
    }
    return List.copyOf(out);
  }

  /** Like {@link #parametersLength}: the last cause counts without its padding. */
  static int causesLength(List<ErrorCause> causes) {
    int n = 0;
    for (int i = 0; i < causes.size(); i++) {
      ErrorCause c = causes.get(i);
      n += i == causes.size() - 1 ? 4 + c.info().length() : c.encodedLength();
    }
    return n;
  }

  static void writeCauses(ByteBuffer out, List<ErrorCause> causes) {
    for (int i = 0; i < causes.size(); i++) {
      ErrorCause c = causes.get(i);
      if (i == causes.size() - 1) {
        out.putShort((short) c.code()).putShort((short) (4 + c.info().length()));
        c.info().writeTo(out);
      } else {
        c.writeTo(out);
      }
    }
  }
}

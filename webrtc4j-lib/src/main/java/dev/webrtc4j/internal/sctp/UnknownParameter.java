package dev.webrtc4j.internal.sctp;

import dev.webrtc4j.internal.util.Bytes;
import java.nio.ByteBuffer;

/**
 * RFC 9260 §3.2.1: a parameter of a type this stack does not implement, kept with its value.
 * The upper two bits of the type say what to do with it: {@code 00} stop processing and
 * discard, {@code 01} stop and report, {@code 10} skip, {@code 11} skip and report.
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |        Parameter Type         |       Parameter Length        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * /                        Parameter Value                        /
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record UnknownParameter(int type, Bytes value) implements Parameter {
  public UnknownParameter {
    if (type < 0 || type > 0xFFFF) {
      throw new IllegalArgumentException("parameter type " + type);
    }
  }

  /** Upper bit clear: stop processing the rest of the parameters. */
  public boolean stopProcessing() {
    return (type & 0x8000) == 0;
  }

  /** Second-highest bit set: report it (Unrecognized Parameter / ERROR). */
  public boolean report() {
    return (type & 0x4000) != 0;
  }

  @Override
  public int valueLength() {
    return value.length();
  }

  @Override
  public void writeValue(ByteBuffer out) {
    value.writeTo(out);
  }
}

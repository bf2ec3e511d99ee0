package dev.webrtc4j.internal.util;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable byte string, equal by content, so that records holding bytes compare by value
 * (a {@code byte[]} component would break record {@code equals}).
 */
public final class Bytes {
  public static final Bytes EMPTY = new Bytes(new byte[0]);
  private static final HexFormat HEX = HexFormat.of();

  private final byte[] data;

  private Bytes(byte[] data) {
    this.data = data;
  }

  /** Copies {@code data}. */
  public static Bytes of(byte[] data) {
    return data.length == 0 ? EMPTY : new Bytes(data.clone());
  }

  /** Copies {@code length} bytes of {@code data} from {@code offset}. */
  public static Bytes of(byte[] data, int offset, int length) {
    return length == 0 ? EMPTY : new Bytes(Arrays.copyOfRange(data, offset, offset + length));
  }

  /** Copies the remaining bytes of {@code buffer} without moving its position. */
  public static Bytes copyOf(ByteBuffer buffer) {
    byte[] out = new byte[buffer.remaining()];
    buffer.duplicate().get(out);
    return out.length == 0 ? EMPTY : new Bytes(out);
  }

  /** Takes ownership of {@code data}: the caller must not change it afterwards. */
  public static Bytes wrapOwned(byte[] data) {
    return data.length == 0 ? EMPTY : new Bytes(data);
  }

  /** Parses hexadecimal digits, ignoring whitespace (for test vectors). */
  public static Bytes fromHex(String hex) {
    return wrapOwned(HEX.parseHex(hex.replaceAll("\\s+", "")));
  }

  public int length() {
    return data.length;
  }

  public boolean isEmpty() {
    return data.length == 0;
  }

  public byte get(int index) {
    return data[index];
  }

  /** A fresh copy of the content. */
  public byte[] toArray() {
    return data.clone();
  }

  /** A read-only view of the content. */
  public ByteBuffer asReadOnlyBuffer() {
    return ByteBuffer.wrap(data).asReadOnlyBuffer();
  }

  /**
   * A view of the content backed by its array, for readers that need {@code hasArray()} to be
   * fast (CRC32c, parsers) and may keep slices of it: the receiver must never write to it. This
   * is what lets one decrypted SCTP packet reach the association without another copy.
   */
  public ByteBuffer unsafeReadView() {
    return ByteBuffer.wrap(data);
  }

  public void writeTo(ByteBuffer out) {
    out.put(data);
  }

  public String toHex() {
    return HEX.formatHex(data);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bytes other && Arrays.equals(data, other.data);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return data.length <= 64 ? "Bytes[" + toHex() + "]" : "Bytes[" + data.length + " bytes]";
  }
}

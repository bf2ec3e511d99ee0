package dev.webrtc4j.internal.util;

import java.nio.ByteBuffer;

/**
 * Bounds-checked big-endian reads from a {@link ByteBuffer}: every read past the limit throws
 * {@link MalformedPacketException} with the offset, never {@link IndexOutOfBoundsException}.
 * Reads advance the buffer's position.
 */
public final class ByteReader {
  private final ByteBuffer buffer;
  private final int base;

  public ByteReader(ByteBuffer buffer) {
    this.buffer = buffer;
    this.base = buffer.position();
  }

  /** Offset of the next byte, counted from where this reader started. */
  public int offset() {
    return buffer.position() - base;
  }

  public int remaining() {
    return buffer.remaining();
  }

  public boolean hasRemaining() {
    return buffer.hasRemaining();
  }

  public ByteBuffer buffer() {
    return buffer;
  }

  private void require(int n, String what) throws MalformedPacketException {
    if (n < 0 || buffer.remaining() < n) {
      throw new MalformedPacketException(offset(), "truncated " + what + ": need " + n + " bytes, have " + buffer.remaining());
    }
  }

  public int u8(String what) throws MalformedPacketException {
    require(1, what);
    return Byte.toUnsignedInt(buffer.get());
  }

  public int u16(String what) throws MalformedPacketException {
    require(2, what);
    return Short.toUnsignedInt(buffer.getShort());
  }

  public int u24(String what) throws MalformedPacketException {
    require(3, what);
    return (Byte.toUnsignedInt(buffer.get()) << 16) | Short.toUnsignedInt(buffer.getShort());
  }

  /** An unsigned 32-bit field as the raw {@code int} bits. */
  public int i32(String what) throws MalformedPacketException {
    require(4, what);
    return buffer.getInt();
  }

  public long u32(String what) throws MalformedPacketException {
    return Integer.toUnsignedLong(i32(what));
  }

  public long i64(String what) throws MalformedPacketException {
    require(8, what);
    return buffer.getLong();
  }

  /** Copies the next {@code n} bytes. */
  public Bytes bytes(int n, String what) throws MalformedPacketException {
    require(n, what);
    byte[] out = new byte[n];
    buffer.get(out);
    return Bytes.wrapOwned(out);
  }

  /** A read-only view of the next {@code n} bytes; the reader moves past them. */
  public ByteBuffer slice(int n, String what) throws MalformedPacketException {
    require(n, what);
    ByteBuffer view = buffer.slice(buffer.position(), n).asReadOnlyBuffer();
    buffer.position(buffer.position() + n);
    return view;
  }

  public void skip(int n, String what) throws MalformedPacketException {
    require(n, what);
    buffer.position(buffer.position() + n);
  }

  public MalformedPacketException malformed(String reason) {
    return new MalformedPacketException(offset(), reason);
  }
}

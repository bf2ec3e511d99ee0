package dev.webrtc4j.internal.sctp;

import dev.webrtc4j.internal.util.Bytes;
import dev.webrtc4j.internal.util.ByteReader;
import dev.webrtc4j.internal.util.MalformedPacketException;
import java.nio.ByteBuffer;

/**
 * RFC 5061 §4.2.7: the Supported Extensions parameter (type 0x8008), listing chunk types the
 * sender implements beyond RFC 9260 (here RE-CONFIG 130 and FORWARD TSN 192).
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Parameter Type = 0x8008   |      Parameter Length         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | CHUNK TYPE 1  |  CHUNK TYPE 2 |  CHUNK TYPE 3 |  CHUNK TYPE 4 |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                             ....                              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param chunkTypes one byte per supported chunk type
 */
public record SupportedExtensionsParameter(Bytes chunkTypes) implements Parameter {
  static SupportedExtensionsParameter parseValue(ByteReader v) throws MalformedPacketException {
    return new SupportedExtensionsParameter(v.bytes(v.remaining(), "chunk types"));
  }

  public static SupportedExtensionsParameter of(int... types) {
    byte[] b = new byte[types.length];
    for (int i = 0; i < types.length; i++) {
      b[i] = (byte) types[i];
    }
    return new SupportedExtensionsParameter(Bytes.wrapOwned(b));
  }

  public boolean supports(int chunkType) {
    for (int i = 0; i < chunkTypes.length(); i++) {
      if (Byte.toUnsignedInt(chunkTypes.get(i)) == chunkType) {
        return true;
      }
    }
    return false;
  }

  @Override
  public int type() {
    return SUPPORTED_EXTENSIONS;
  }

  @Override
  public int valueLength() {
    return chunkTypes.length();
  }

  @Override
  public void writeValue(ByteBuffer out) {
    chunkTypes.writeTo(out);
  }
}

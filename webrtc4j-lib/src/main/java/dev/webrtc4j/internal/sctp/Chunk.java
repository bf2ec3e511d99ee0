package dev.webrtc4j.internal.sctp;

import dev.webrtc4j.internal.util.ByteReader;
import dev.webrtc4j.internal.util.MalformedPacketException;
import java.nio.ByteBuffer;

/**
 * An SCTP chunk (RFC 9260 §3.2): type, flags, length, value padded to a multiple of 4 bytes.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Chunk Type  | Chunk  Flags  |        Chunk Length           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * \                                                               \
 * /                          Chunk Value                          /
 * \                                                               \
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public sealed interface Chunk
    permits DataChunk,
        InitChunk,
        InitAckChunk,
        SackChunk,
        HeartbeatChunk,
        HeartbeatAckChunk,
        AbortChunk,
        ShutdownChunk,
        ShutdownAckChunk,
        ErrorChunk,
        CookieEchoChunk,
        CookieAckChunk,
        ShutdownCompleteChunk,
        ForwardTsnChunk,
        ReConfigChunk,
        UnknownChunk {
  int DATA = 0;
  int INIT = 1;
  int INIT_ACK = 2;
  int SACK = 3;
  int HEARTBEAT = 4;
  int HEARTBEAT_ACK = 5;
  int ABORT = 6;
  int SHUTDOWN = 7;
  int SHUTDOWN_ACK = 8;
  int ERROR = 9;
  int COOKIE_ECHO = 10;
  int COOKIE_ACK = 11;
  int SHUTDOWN_COMPLETE = 14;
  int RE_CONFIG = 130;
  int FORWARD_TSN = 192;

  int type();

  int flags();

  /** Length of the value, without the 4-byte header and the padding. */
  int valueLength();

  void writeValue(ByteBuffer out);

  default int encodedLength() {
    return Codec.pad4(4 + valueLength());
  }

  default void writeTo(ByteBuffer out) {
    int len = 4 + valueLength();
    out.put((byte) type()).put((byte) flags()).putShort((short) len);
    writeValue(out);
    Codec.writePadding(out, len);
  }

  /**
   * Reads one chunk and its padding. DATA payloads are read-only views of {@code in} (no copy);
   * everything else is copied.
   */
  static Chunk parse(ByteBuffer in) throws MalformedPacketException {
    int p = in.position();
    if (in.remaining() >= DataChunk.HEADER_LENGTH && in.get(p) == DATA) {
      int length = Short.toUnsignedInt(in.getShort(p + 2));
      if (length >= DataChunk.HEADER_LENGTH && length <= in.remaining()) {
        // The hot path: a well-formed DATA chunk read in place, without readers or a value slice.
        // Anything odd about it takes the general path below, which reports it.
        in.position(p + Math.min(Codec.pad4(length), in.remaining()));
        return DataChunk.parseInPlace(in, p, length);
      }
    }
    ByteReader r = new ByteReader(in);
    int type = r.u8("chunk type");
    int flags = r.u8("chunk flags");
    int length = r.u16("chunk length");
    if (length < 4) {
      throw r.malformed("chunk length " + length + " < 4");
    }
    ByteReader v = new ByteReader(r.slice(length - 4, "chunk value"));
    // §3.2: "The receiver MUST ignore the padding." A last chunk without padding is tolerated.
    r.skip(Math.min(Codec.pad4(length) - length, r.remaining()), "chunk padding");
    Chunk c =
        switch (type) {
          case DATA -> DataChunk.parseValue(flags, v);
          case INIT -> InitChunk.parseValue(v);
          case INIT_ACK -> InitAckChunk.parseValue(v);
          case SACK -> SackChunk.parseValue(v);
          case HEARTBEAT -> new HeartbeatChunk(HeartbeatChunk.parseInfo(v));
          case HEARTBEAT_ACK -> new HeartbeatAckChunk(HeartbeatChunk.parseInfo(v));
          case ABORT -> new AbortChunk((flags & 1) != 0, Codec.parseCauses(v));
          case SHUTDOWN -> new ShutdownChunk(new Tsn(v.i32("cumulative tsn ack")));
          case SHUTDOWN_ACK -> new ShutdownAckChunk();
          case ERROR -> new ErrorChunk(Codec.parseCauses(v));
          case COOKIE_ECHO -> new CookieEchoChunk(v.bytes(v.remaining(), "cookie"));
          case COOKIE_ACK -> new CookieAckChunk();
          case SHUTDOWN_COMPLETE -> new ShutdownCompleteChunk((flags & 1) != 0);
          case FORWARD_TSN -> ForwardTsnChunk.parseValue(v);
          case RE_CONFIG -> new ReConfigChunk(Codec.parseParameters(v));
          default -> new UnknownChunk(type, flags, v.bytes(v.remaining(), "chunk value"));
        };
    return c;
  }
}

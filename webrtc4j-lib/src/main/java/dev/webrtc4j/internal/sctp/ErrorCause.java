package dev.webrtc4j.internal.sctp;

import dev.webrtc4j.internal.util.Bytes;
import dev.webrtc4j.internal.util.ByteReader;
import dev.webrtc4j.internal.util.MalformedPacketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * RFC 9260 §3.3.10: an error cause of an ERROR or ABORT chunk, kept as code plus opaque info
 * (the info layout depends on the code; helpers below build and read the ones this stack uses).
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           Cause Code          |         Cause Length          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * /                    Cause-Specific Information                 /
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record ErrorCause(int code, Bytes info) {
  public static final int INVALID_STREAM_IDENTIFIER = 1;
  public static final int MISSING_MANDATORY_PARAMETER = 2;
  public static final int STALE_COOKIE = 3;
  public static final int OUT_OF_RESOURCE = 4;
  public static final int UNRECOGNIZED_CHUNK_TYPE = 6;
  public static final int INVALID_MANDATORY_PARAMETER = 7;
  public static final int UNRECOGNIZED_PARAMETERS = 8;
  public static final int NO_USER_DATA = 9;
  public static final int COOKIE_WHILE_SHUTTING_DOWN = 10;
  public static final int USER_INITIATED_ABORT = 12;
  public static final int PROTOCOL_VIOLATION = 13;

  public ErrorCause {
    if (code < 0 || code > 0xFFFF) {
      throw new IllegalArgumentException("cause code " + code);
    }
  }

  /** §3.3.10.3: Stale Cookie with the Measure of Staleness in microseconds. */
  public static ErrorCause staleCookie(long stalenessMicros) {
    long m = Math.min(0xFFFF_FFFFL, Math.max(0, stalenessMicros));
    return new ErrorCause(STALE_COOKIE, Bytes.wrapOwned(ByteBuffer.allocate(4).putInt((int) m).array()));
  }

  public static ErrorCause protocolViolation(String what) {
    return new ErrorCause(PROTOCOL_VIOLATION, Bytes.of(what.getBytes(StandardCharsets.UTF_8)));
  }

  public static ErrorCause userInitiatedAbort(String why) {
    return new ErrorCause(USER_INITIATED_ABORT, Bytes.of(why.getBytes(StandardCharsets.UTF_8)));
  }

  public static ErrorCause noUserData(Tsn tsn) {
    return new ErrorCause(NO_USER_DATA, Bytes.wrapOwned(ByteBuffer.allocate(4).putInt(tsn.value()).array()));
  }

  /** §3.3.10.1: the stream identifier and 16 reserved bits. */
  public static ErrorCause invalidStreamIdentifier(StreamId id) {
    return new ErrorCause(INVALID_STREAM_IDENTIFIER, Bytes.wrapOwned(ByteBuffer.allocate(4).putShort((short) id.value()).array()));
  }

  public static ErrorCause outOfResource() {
    return new ErrorCause(OUT_OF_RESOURCE, Bytes.EMPTY);
  }

  /** §3.3.10.6: carries the whole unrecognized chunk. */
  public static ErrorCause unrecognizedChunk(Chunk chunk) {
    ByteBuffer b = ByteBuffer.allocate(chunk.encodedLength());
    chunk.writeTo(b);
    return new ErrorCause(UNRECOGNIZED_CHUNK_TYPE, Bytes.wrapOwned(b.array()));
  }

  /** A short human-readable description for logs and close reasons. */
  public String describe() {
    String name =
        switch (code) {
          case INVALID_STREAM_IDENTIFIER -> "Invalid Stream Identifier";
          case MISSING_MANDATORY_PARAMETER -> "Missing Mandatory Parameter";
          case STALE_COOKIE -> "Stale Cookie";
          case OUT_OF_RESOURCE -> "Out of Resource";
          case UNRECOGNIZED_CHUNK_TYPE -> "Unrecognized Chunk Type";
          case INVALID_MANDATORY_PARAMETER -> "Invalid Mandatory Parameter";
          case UNRECOGNIZED_PARAMETERS -> "Unrecognized Parameters";
          case NO_USER_DATA -> "No User Data";
          case COOKIE_WHILE_SHUTTING_DOWN -> "Cookie Received While Shutting Down";
          case USER_INITIATED_ABORT -> "User-Initiated Abort";
          case PROTOCOL_VIOLATION -> "Protocol Violation";
          default -> "cause " + code;
        };
    if (code == USER_INITIATED_ABORT || code == PROTOCOL_VIOLATION) {
      return name + ": " + new String(info.toArray(), StandardCharsets.UTF_8);
    }
    return name;
  }

  public static ErrorCause parse(ByteBuffer in) throws MalformedPacketException {
    ByteReader r = new ByteReader(in);
    int code = r.u16("cause code");
    int length = r.u16("cause length");
    if (length < 4) {
      throw r.malformed("cause length " + length + " < 4");
    }
    Bytes info = r.bytes(length - 4, "cause info");
    r.skip(Math.min(Codec.pad4(length) - length, r.remaining()), "cause padding");
    return new ErrorCause(code, info);
  }

  public int encodedLength() {
    return Codec.pad4(4 + info.length());
  }

  public void writeTo(ByteBuffer out) {
    out.putShort((short) code).putShort((short) (4 + info.length()));
    info.writeTo(out);
    Codec.writePadding(out, 4 + info.length());
  }
}

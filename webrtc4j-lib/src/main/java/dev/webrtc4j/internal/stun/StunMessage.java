package dev.webrtc4j.internal.stun;

import dev.webrtc4j.internal.stun.StunAttribute.ErrorCode;
import dev.webrtc4j.internal.stun.StunAttribute.Fingerprint;
import dev.webrtc4j.internal.stun.StunAttribute.MessageIntegrity;
import dev.webrtc4j.internal.stun.StunAttribute.MessageIntegritySha256;
import dev.webrtc4j.internal.stun.StunAttribute.Unknown;
import dev.webrtc4j.internal.stun.StunAttribute.UnknownAttributes;
import dev.webrtc4j.internal.util.ByteReader;
import dev.webrtc4j.internal.util.MalformedPacketException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A STUN message, RFC 8489 §5.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |0 0|     STUN Message Type     |         Message Length        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         Magic Cookie                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                                                               |
 * |                     Transaction ID (96 bits)                  |
 * |                                                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 *                   0                 1
 *                   2  3  4 5 6 7 8 9 0 1 2 3 4 5
 *                  +--+--+-+-+-+-+-+-+-+-+-+-+-+-+
 *                  |M |M |M|M|M|C|M|M|M|C|M|M|M|M|
 *                  |11|10|9|8|7|1|6|5|4|0|3|2|1|0|
 *                  +--+--+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>{@link #writeTo} writes the attributes as they are (for vectors and relays); {@link #encode}
 * is what senders use: it computes MESSAGE-INTEGRITY(-SHA256) and FINGERPRINT in one pass. Checking
 * the integrity of a received message needs its raw bytes: see {@link StunIntegrity}.
 */
public record StunMessage(StunMethod method, StunClass messageClass, TransactionId transactionId, List<StunAttribute> attributes) {
  /** RFC 8489 §5: "The Magic Cookie field MUST contain the fixed value 0x2112A442". */
  public static final int MAGIC_COOKIE = 0x2112A442;

  public static final int HEADER_LENGTH = 20;

  public StunMessage {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(messageClass, "messageClass");
    Objects.requireNonNull(transactionId, "transactionId");
    attributes = List.copyOf(attributes);
  }

  public static StunMessage of(StunMethod method, StunClass cls, TransactionId tid, StunAttribute... attributes) {
    return new StunMessage(method, cls, tid, Arrays.asList(attributes));
  }

  /**
   * True when {@code datagram} (position to limit, not moved) starts like a STUN message: RFC 7983
   * first byte 0..3 and the magic cookie. For demultiplexing; it does not validate the rest.
   */
  public static boolean looksLikeStun(ByteBuffer datagram) {
    int p = datagram.position();
    return datagram.remaining() >= HEADER_LENGTH
        && (datagram.get(p) & 0xC0) == 0
        && datagram.getInt(p + 4) == MAGIC_COOKIE;
  }

  /**
   * Parses one message occupying exactly position..limit (one UDP datagram or one deframed stream
   * message) and moves the position to the limit.
   *
   * <p>Attributes after MESSAGE-INTEGRITY are dropped as RFC 8489 §14.5 asks, except
   * MESSAGE-INTEGRITY-SHA256 and FINGERPRINT; anything after FINGERPRINT is malformed.
   */
  public static StunMessage parse(ByteBuffer in) throws MalformedPacketException {
    ByteReader r = new ByteReader(in);
    int type = r.u16("message type");
    // RFC 8489 §6.3: "the most significant 2 bits of every STUN message MUST be zeroes".
    if ((type & 0xC000) != 0) {
      throw new MalformedPacketException(0, "not STUN: top bits of message type set");
    }
    int length = r.u16("message length");
    if (r.i32("magic cookie") != MAGIC_COOKIE) {
      throw new MalformedPacketException(4, "bad magic cookie");
    }
    TransactionId tid = new TransactionId(r.bytes(TransactionId.LENGTH, "transaction id"));
    // RFC 8489 §5: "the message length MUST contain the size of the message in bytes, not
    // including the 20-byte STUN header. Since all STUN attributes are padded to a multiple of 4
    // bytes, the last 2 bits of this field are always zero."
    if ((length & 3) != 0) {
      throw new MalformedPacketException(2, "message length " + length + " not a multiple of 4");
    }
    if (r.remaining() != length) {
      throw new MalformedPacketException(2, "message length " + length + " but " + r.remaining() + " bytes follow the header");
    }
    List<StunAttribute> attributes = new ArrayList<>(8);
    boolean afterIntegrity = false;
    boolean afterIntegritySha256 = false;
    while (r.hasRemaining()) {
      int attrType = r.u16("attribute type");
      int attrLength = r.u16("attribute length");
      StunAttribute a = StunAttribute.parseValue(attrType, attrLength, r, tid);
      int pad = StunAttribute.padded(attrLength) - attrLength;
      if (pad > 0) {
        r.skip(pad, "attribute padding");
      }
      if (a instanceof Fingerprint) {
        // RFC 8489 §14.7: "When present, the FINGERPRINT attribute MUST be the last attribute in
        // the message".
        if (r.hasRemaining()) {
          throw r.malformed("attributes after FINGERPRINT");
        }
        attributes.add(a);
      } else if (a instanceof MessageIntegritySha256) {
        if (!afterIntegritySha256) {
          attributes.add(a);
        }
        afterIntegritySha256 = true;
      } else if (!afterIntegrity && !afterIntegritySha256) {
        // RFC 8489 §14.5: "With the exception of the MESSAGE-INTEGRITY-SHA256 and FINGERPRINT
        // attributes, which appear after MESSAGE-INTEGRITY, agents MUST ignore all other
        // attributes that follow MESSAGE-INTEGRITY." §14.6 says the same of
        // MESSAGE-INTEGRITY-SHA256 (all but FINGERPRINT).
        attributes.add(a);
        if (a instanceof MessageIntegrity) {
          afterIntegrity = true;
        }
      }
    }
    return new StunMessage(StunMethod.fromMessageType(type), StunMethod.classOfMessageType(type), tid, attributes);
  }

  /** The first attribute of the given record type. */
  public <T extends StunAttribute> Optional<T> find(Class<T> type) {
    for (StunAttribute a : attributes) {
      if (type.isInstance(a)) {
        return Optional.of(type.cast(a));
      }
    }
    return Optional.empty();
  }

  /** Every attribute of the given record type, in order. */
  public <T extends StunAttribute> List<T> findAll(Class<T> type) {
    List<T> out = new ArrayList<>(2);
    for (StunAttribute a : attributes) {
      if (type.isInstance(a)) {
        out.add(type.cast(a));
      }
    }
    return out;
  }

  public boolean has(Class<? extends StunAttribute> type) {
    return find(type).isPresent();
  }

  /** The error code of an error response, or empty. */
  public Optional<ErrorCode> errorCode() {
    return find(ErrorCode.class);
  }

  /**
   * The comprehension-required attribute types (0x0000..0x7FFF) this codec does not understand.
   * RFC 8489 §6.3.1: "If the request contains one or more unknown comprehension-required
   * attributes, the server replies with an error response with an error code of 420 (Unknown
   * Attribute) and includes an UNKNOWN-ATTRIBUTES attribute in the response that lists the unknown
   * comprehension-required attributes." A client drops such a response (§6.3.3) and treats such an
   * indication as malformed (§6.3.2).
   */
  public List<Integer> unknownComprehensionRequired() {
    List<Integer> out = null;
    for (StunAttribute a : attributes) {
      if (a instanceof Unknown u && StunAttribute.isComprehensionRequired(u.type())) {
        if (out == null) {
          out = new ArrayList<>(2);
        }
        if (!out.contains(u.type())) {
          out.add(u.type());
        }
      }
    }
    return out == null ? List.of() : out;
  }

  /** A copy with {@code attribute} appended. */
  public StunMessage with(StunAttribute attribute) {
    List<StunAttribute> list = new ArrayList<>(attributes.size() + 1);
    list.addAll(attributes);
    list.add(attribute);
    return new StunMessage(method, messageClass, transactionId, list);
  }

  // ------------------------------------------------------------------ builders for responses

  /** A success response to {@code request}: same method and transaction id. */
  public static StunMessage successResponse(StunMessage request, StunAttribute... attributes) {
    return new StunMessage(request.method(), StunClass.SUCCESS_RESPONSE, request.transactionId(), Arrays.asList(attributes));
  }

  /** An error response to {@code request} with ERROR-CODE first, then {@code extra}. */
  public static StunMessage errorResponse(StunMessage request, int code, String reason, StunAttribute... extra) {
    List<StunAttribute> list = new ArrayList<>(extra.length + 1);
    list.add(new ErrorCode(code, reason));
    list.addAll(Arrays.asList(extra));
    return new StunMessage(request.method(), StunClass.ERROR_RESPONSE, request.transactionId(), list);
  }

  /**
   * The 420 (Unknown Attribute) response to {@code request} with UNKNOWN-ATTRIBUTES listing
   * {@link #unknownComprehensionRequired()} of the request (RFC 8489 §6.3.1.1). Returns empty when
   * the request has no unknown comprehension-required attribute.
   */
  public static Optional<StunMessage> unknownAttributesResponse(StunMessage request) {
    List<Integer> unknown = request.unknownComprehensionRequired();
    if (unknown.isEmpty() || request.messageClass() != StunClass.REQUEST) {
      return Optional.empty();
    }
    return Optional.of(errorResponse(request, ErrorCode.UNKNOWN_ATTRIBUTE, "Unknown Attribute", new UnknownAttributes(unknown)));
  }

  // ------------------------------------------------------------------ encoding

  public int messageType() {
    return method.messageType(messageClass);
  }

  public int encodedLength() {
    int n = HEADER_LENGTH;
    for (StunAttribute a : attributes) {
      n += a.encodedLength();
    }
    return n;
  }

  /** Writes the message with its attributes exactly as held (integrity values are not recomputed). */
  public void writeTo(ByteBuffer out) {
    int bodyLength = encodedLength() - HEADER_LENGTH;
    writeHeader(out, bodyLength);
    for (StunAttribute a : attributes) {
      writeAttribute(out, a, transactionId);
    }
  }

  /** A fresh buffer holding {@link #writeTo} output, position 0. */
  public ByteBuffer toBuffer() {
    ByteBuffer out = ByteBuffer.allocate(encodedLength());
    writeTo(out);
    return out.flip();
  }

  /**
   * Encodes for sending: the attributes (without any MESSAGE-INTEGRITY, MESSAGE-INTEGRITY-SHA256 or
   * FINGERPRINT they hold), then MESSAGE-INTEGRITY or MESSAGE-INTEGRITY-SHA256 computed with {@code
   * key} if given, then FINGERPRINT if asked. Returns a fresh buffer, position 0.
   */
  public ByteBuffer encode(@Nullable IntegrityKey key, boolean fingerprint) {
    boolean strip = key != null || fingerprint;
    int body = 0;
    for (StunAttribute a : attributes) {
      if (!(strip && isTrailer(a))) {
        body += a.encodedLength();
      }
    }
    int macLength = key == null ? 0 : 4 + key.macLength();
    int total = HEADER_LENGTH + body + macLength + (fingerprint ? 8 : 0);
    byte[] buf = new byte[total];
    ByteBuffer out = ByteBuffer.wrap(buf);
    // RFC 8489 §14.5: "the Length field in the STUN header MUST contain the length up to and
    // including the MESSAGE-INTEGRITY attribute itself but excluding any other attributes after
    // it". So the length written first covers the integrity attribute but not FINGERPRINT.
    writeHeader(out, body + macLength);
    for (StunAttribute a : attributes) {
      if (!(strip && isTrailer(a))) {
        writeAttribute(out, a, transactionId);
      }
    }
    if (key != null) {
      int at = out.position();
      byte[] mac = StunIntegrity.hmac(key, buf, 0, at);
      out.putShort((short) (key.sha256() ? StunAttribute.MESSAGE_INTEGRITY_SHA256 : StunAttribute.MESSAGE_INTEGRITY));
      out.putShort((short) key.macLength());
      out.put(mac, 0, key.macLength());
    }
    if (fingerprint) {
      // RFC 8489 §14.7: the CRC covers the message up to (but excluding) FINGERPRINT, with the
      // header length already counting FINGERPRINT.
      out.putShort(2, (short) (total - HEADER_LENGTH));
      int at = out.position();
      int crc = StunIntegrity.fingerprint(buf, 0, at);
      out.putShort((short) StunAttribute.FINGERPRINT);
      out.putShort((short) 4);
      out.putInt(crc);
    }
    return out.flip();
  }

  private static boolean isTrailer(StunAttribute a) {
    return a instanceof MessageIntegrity || a instanceof MessageIntegritySha256 || a instanceof Fingerprint;
  }

  private void writeHeader(ByteBuffer out, int bodyLength) {
    if (bodyLength > 0xFFFF) {
      throw new IllegalStateException("STUN message too long: " + bodyLength);
    }
    out.putShort((short) messageType());
    out.putShort((short) bodyLength);
    out.putInt(MAGIC_COOKIE);
    transactionId.value().writeTo(out);
  }

  private static void writeAttribute(ByteBuffer out, StunAttribute a, TransactionId tid) {
    int length = a.valueLength();
    if (length > 0xFFFF) {
      throw new IllegalStateException("attribute too long: " + length);
    }
    out.putShort((short) a.type());
    out.putShort((short) length);
    int start = out.position();
    a.writeValue(out, tid);
    if (out.position() - start != length) {
      throw new IllegalStateException(a.getClass().getSimpleName() + " wrote " + (out.position() - start) + " bytes, declared " + length);
    }
    // RFC 8489 §14: "the padding bits MUST be set to zero on sending and MUST be ignored by the
    // receiver."
    for (int i = length; (i & 3) != 0; i++) {
      out.put((byte) 0);
    }
  }

  @Override
  public String toString() {
    return method + " " + messageClass + " " + transactionId.value().toHex() + " " + attributes;
  }
}

package dev.webrtc4j.internal.stun;

import dev.webrtc4j.internal.util.ByteReader;
import dev.webrtc4j.internal.util.Bytes;
import dev.webrtc4j.internal.util.MalformedPacketException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A STUN attribute (RFC 8489 §14): one TLV after the 20-byte header.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Type                  |            Length             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         Value (variable)                ....
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>Each record is one attribute type; a type we do not know is kept as {@link Unknown}. The
 * XOR-*-ADDRESS records hold the real (un-XORed) address; the transaction id needed to XOR it is
 * passed to {@link #writeValue}.
 */
public sealed interface StunAttribute {
  // RFC 8489 §18.3, comprehension-required range 0x0000-0x7FFF.
  int MAPPED_ADDRESS = 0x0001;
  int USERNAME = 0x0006;
  int MESSAGE_INTEGRITY = 0x0008;
  int ERROR_CODE = 0x0009;
  int UNKNOWN_ATTRIBUTES = 0x000A;
  int CHANNEL_NUMBER = 0x000C;
  int LIFETIME = 0x000D;
  int XOR_PEER_ADDRESS = 0x0012;
  int DATA = 0x0013;
  int REALM = 0x0014;
  int NONCE = 0x0015;
  int XOR_RELAYED_ADDRESS = 0x0016;
  int REQUESTED_ADDRESS_FAMILY = 0x0017;
  int EVEN_PORT = 0x0018;
  int REQUESTED_TRANSPORT = 0x0019;
  int DONT_FRAGMENT = 0x001A;
  int MESSAGE_INTEGRITY_SHA256 = 0x001C;
  int PASSWORD_ALGORITHM = 0x001D;
  int USERHASH = 0x001E;
  int XOR_MAPPED_ADDRESS = 0x0020;
  int RESERVATION_TOKEN = 0x0022;
  int PRIORITY = 0x0024;
  int USE_CANDIDATE = 0x0025;
  // Comprehension-optional range 0x8000-0xFFFF.
  int ADDITIONAL_ADDRESS_FAMILY = 0x8000;
  int ADDRESS_ERROR_CODE = 0x8001;
  int PASSWORD_ALGORITHMS = 0x8002;
  int ICMP = 0x8004;
  int SOFTWARE = 0x8022;
  int ALTERNATE_SERVER = 0x8023;
  int FINGERPRINT = 0x8028;
  int ICE_CONTROLLED = 0x8029;
  int ICE_CONTROLLING = 0x802A;

  /** Address family values of the address attributes (RFC 8489 §14.1). */
  int FAMILY_IPV4 = 0x01;
  int FAMILY_IPV6 = 0x02;

  /** The attribute type. */
  int type();

  /** Length of the value before padding. */
  int valueLength();

  /** Writes the value (without header or padding); {@code tid} is the message's transaction id. */
  void writeValue(ByteBuffer out, TransactionId tid);

  /**
   * RFC 8489 §14: "Attributes with type values between 0x0000 and 0x7FFF are
   * comprehension-required attributes".
   */
  static boolean isComprehensionRequired(int type) {
    return type < 0x8000;
  }

  /** Bytes this attribute takes on the wire: header, value and padding to 4 bytes. */
  default int encodedLength() {
    return 4 + padded(valueLength());
  }

  static int padded(int n) {
    return (n + 3) & ~3;
  }

  // ---------------------------------------------------------------- addresses

  /** An attribute that carries a transport address. */
  sealed interface AddressAttribute extends StunAttribute {
    InetSocketAddress address();
  }

  /**
   * MAPPED-ADDRESS, RFC 8489 §14.1.
   *
   * <pre>
   *  0                   1                   2                   3
   *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
   * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   * |0 0 0 0 0 0 0 0|    Family     |           Port                |
   * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   * |                 Address (32 bits or 128 bits)                 |
   * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   * </pre>
   */
  record MappedAddress(InetSocketAddress address) implements AddressAttribute {
    public MappedAddress {
      Addresses.check(address);
    }

    @Override
    public int type() {
      return MAPPED_ADDRESS;
    }

    @Override
    public int valueLength() {
      return Addresses.length(address);
    }

    @Override
    public void writeValue(ByteBuffer out, TransactionId tid) {
      Addresses.write(out, address, null);
    }
  }

  /**
   * ALTERNATE-SERVER, RFC 8489 §14.15: same layout as MAPPED-ADDRESS.
   */
  record AlternateServer(InetSocketAddress address) implements AddressAttribute {
    public AlternateServer {
      Addresses.check(address);
    }

    @Override
    public int type() {
      return ALTERNATE_SERVER;
    }

    @Override
    public int valueLength() {
      return Addresses.length(address);
    }

    @Override
    public void writeValue(ByteBuffer out, TransactionId tid) {
      Addresses.write(out, address, null);
    }
  }

  /**
   * XOR-MAPPED-ADDRESS, RFC 8489 §14.2.
   *
   * <pre>
   *  0                   1                   2                   3
   *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
   * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   * |0 0 0 0 0 0 0 0|    Family     |         X-Port                |
   * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   * |                X-Address (Variable)
   * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   * </pre>
   *
   * X-Port is the port XORed with the top 16 bits of the magic cookie; X-Address is the address
   * XORed with the magic cookie (IPv4) or with the cookie and the transaction id (IPv6).
   */
  record XorMappedAddress(InetSocketAddress address) implements AddressAttribute {
    public XorMappedAddress {
      Addresses.check(address);
    }

    @Override
    public int type() {
      return XOR_MAPPED_ADDRESS;
    }

    @Override
    public int valueLength() {
      return Addresses.length(address);
    }

    @Override
    public void writeValue(ByteBuffer out, TransactionId tid) {
      Addresses.write(out, address, tid);
    }
  }

  /** XOR-PEER-ADDRESS, RFC 8656 §18.3: same layout and XOR as XOR-MAPPED-ADDRESS. */
  record XorPeerAddress(InetSocketAddress address) implements AddressAttribute {
    public XorPeerAddress {
      Addresses.check(address);
    }

    @Override
    public int type() {
      return XOR_PEER_ADDRESS;
    }

    @Override
    public int valueLength() {
      return Addresses.length(address);
    }

    @Override
    public void writeValue(ByteBuffer out, TransactionId tid) {
      Addresses.write(out, address, tid);
    }
  }

  /** XOR-RELAYED-ADDRESS, RFC 8656 §18.5: same layout and XOR as XOR-MAPPED-ADDRESS. */
  record XorRelayedAddress(InetSocketAddress address) implements AddressAttribute {
    public XorRelayedAddress {
      Addresses.check(address);
    }

    @Override
    public int type() {
      return XOR_RELAYED_ADDRESS;
    }

    @Override
    public int valueLength() {
      return Addresses.length(address);
    }

    @Override
    public void writeValue(ByteBuffer out, TransactionId tid) {
      Addresses.write(out, address, tid);
    }
  }

  // ---------------------------------------------------------------- strings

  /**
   * USERNAME, RFC 8489 §14.3: UTF-8, "MUST contain a UTF-8-encoded sequence of fewer than 509
   * bytes".
   *
   * <pre>
   * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   * |                 Username (variable, UTF-8)           ....
   * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   * </pre>
   */
  record Username(String value) implements StunAttribute {
    public Username {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public int type() {
      return USERNAME;
    }

    @Override
    public int valueLength() {
      return Strings.utf8Length(value);
    }

    @Override
    public void writeValue(ByteBuffer out, TransactionId tid) {
      out.put(value.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** REALM, RFC 8489 §14.9: UTF-8 quoted-string text, fewer than 128 characters. */
  record Realm(String value) implements StunAttribute {
    public Realm {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public int type() {
      return REALM;
    }

    @Override
    public int valueLength() {
      return Strings.utf8Length(value);
    }

    @Override
    public void writeValue(ByteBuffer out, TransactionId tid) {
      out.put(value.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** NONCE, RFC 8489 §14.10: qdtext or quoted-pair, fewer than 128 characters. */
  record Nonce(String value) implements StunAttribute {
    public Nonce {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public int type() {
      return NONCE;
    }

    @Override
    public int valueLength() {
      return Strings.utf8Length(value);
    }

    @Override
    public void writeValue(ByteBuffer out, TransactionId tid) {
      out.put(value.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** SOFTWARE, RFC 8489 §14.14: UTF-8 description of the agent, fewer than 128 characters. */
  record Software(String value) implements StunAttribute {
    public Software {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public int type() {
      return SOFTWARE;
    }

    @Override
    public int valueLength() {
      return Strings.utf8Length(value);
    }

    @Override
    public void writeValue(ByteBuffer out, TransactionId tid) {
      out.put(value.getBytes(StandardCharsets.UTF_8));
    }
  }

  // ---------------------------------------------------------------- integrity

  /**
   * MESSAGE-INTEGRITY, RFC 8489 §14.5: the 20-byte HMAC-SHA1 of the message up to this attribute,
   * with the header length covering this attribute. Computed by {@link StunMessage#encode}.
   *
   * <pre>
   * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   * |                 HMAC-SHA1 (20 bytes)                          |
   * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   * </pre>
   */
  record MessageIntegrity(Bytes hmac) implements StunAttribute {
    public static final int LENGTH = 20;

    public MessageIntegrity {
      if (hmac.length() != LENGTH) {
        throw new IllegalArgumentException("MESSAGE-INTEGRITY must be 20 bytes, got " + hmac.length());
      }
    }

    @Override
    public int type() {
      return MESSAGE_INTEGRITY;
    }

    @Override
    public int valueLength() {
      return LENGTH;
    }

    @Override
    public void writeValue(ByteBuffer out, TransactionId tid) {
      hmac.writeTo(out);
    }
  }

  /**
   * MESSAGE-INTEGRITY-SHA256, RFC 8489 §14.6: HMAC-SHA256, possibly truncated: "The value will be
   * at most 32 bytes, but it MUST be at least 16 bytes and MUST be a multiple of 4 bytes."
   *
   * <pre>
   * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   * |             HMAC-SHA256, truncated (16..32 bytes)             |
   * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   * </pre>
   */
  record MessageIntegritySha256(Bytes hmac) implements StunAttribute {
    public MessageIntegritySha256 {
      int n = hmac.length();
      if (n < 16 || n > 32 || n % 4 != 0) {
        throw new IllegalArgumentException("MESSAGE-INTEGRITY-SHA256 length must be 16..32 and a multiple of 4, got " + n);
      }
    }

    @Override
    public int type() {
      return MESSAGE_INTEGRITY_SHA256;
    }

    @Override
    public int valueLength() {
      return hmac.length();
    }

    @Override
    public void writeValue(ByteBuffer out, TransactionId tid) {
      hmac.writeTo(out);
    }
  }

  /**
   * FINGERPRINT, RFC 8489 §14.7: CRC-32 of the message up to this attribute, XORed with
   * 0x5354554e. Computed by {@link StunMessage#encode}.
   *
   * <pre>
   * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   * |                  CRC-32 XOR 0x5354554e                        |
   * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   * </pre>
   *
   * @param crc the 32 bits as sent
   */
  record Fingerprint(int crc) implements StunAttribute {
    @Override
    public int type() {
      return FINGERPRINT;
    }

    @Override
    public int valueLength() {
      return 4;
    }

    @Override
    public void writeValue(ByteBuffer out, TransactionId tid) {
      out.putInt(crc);
    }
  }

  /**
   * PASSWORD-ALGORITHM, RFC 8489 §14.12; also one entry of PASSWORD-ALGORITHMS (§14.11).
   *
   * <pre>
   *  0                   1                   2                   3
   *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
   * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   * |          Algorithm            |  Algorithm Parameters Length  |
   * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   * |                    Algorithm Parameters (variable)
   * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   * </pre>
   *
   * @param algorithm {@link #MD5} or {@link #SHA256} (RFC 8489 §18.5)
   */
  record PasswordAlgorithm(int algorithm, Bytes parameters) implements StunAttribute {
    public static final int MD5 = 0x0001;
    public static final int SHA256 = 0x0002;

    public PasswordAlgorithm {
      if (algorithm < 0 || algorithm > 0xFFFF || parameters.length() > 0xFFFF) {
        throw new IllegalArgumentException("bad PASSWORD-ALGORITHM " + algorithm);
      }
    }

    public PasswordAlgorithm(int algorithm) {
      this(algorithm, Bytes.EMPTY);
    }

    @Override
    public int type() {
      return PASSWORD_ALGORITHM;
    }

    @Override
    public int valueLength() {
      return 4 + parameters.length();
    }

    /** Length of this entry inside PASSWORD-ALGORITHMS, parameters padded to 4 bytes. */
    int entryLength() {
      return 4 + padded(parameters.length());
    }

    @Override
    public void writeValue(ByteBuffer out, TransactionId tid) {
      out.putShort((short) algorithm);
      out.putShort((short) parameters.length());
      parameters.writeTo(out);
    }

    static PasswordAlgorithm read(ByteReader r) throws MalformedPacketException {
      int algorithm = r.u16("password algorithm");
      int len = r.u16("password algorithm parameters length");
      Bytes params = r.bytes(len, "password algorithm parameters");
      return new PasswordAlgorithm(algorithm, params);
    }
  }

  /**
   * PASSWORD-ALGORITHMS, RFC 8489 §14.11: the algorithms a server supports, in its order of
   * preference; each entry is a PASSWORD-ALGORITHM body with its parameters padded to 4 bytes.
   */
  record PasswordAlgorithms(List<PasswordAlgorithm> algorithms) implements StunAttribute {
    public PasswordAlgorithms {
      algorithms = List.copyOf(algorithms);
    }

    @Override
    public int type() {
      return PASSWORD_ALGORITHMS;
    }

    @Override
    public int valueLength() {
      int n = 0;
      for (PasswordAlgorithm a : algorithms) {
        n += a.entryLength();
      }
      return n;
    }

    @Override
    public void writeValue(ByteBuffer out, TransactionId tid) {
      for (PasswordAlgorithm a : algorithms) {
        a.writeValue(out, tid);
        for (int i = a.parameters().length(); i % 4 != 0; i++) {
          out.put((byte) 0);
        }
      }
    }

    public boolean offers(int algorithm) {
      for (PasswordAlgorithm a : algorithms) {
        if (a.algorithm() == algorithm) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * USERHASH, RFC 8489 §14.4: SHA-256(OpaqueString(username) ":" OpaqueString(realm)).
   *
   * <pre>
   * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   * |                    Userhash (32 bytes)                        |
   * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   * </pre>
   */
  record Userhash(Bytes hash) implements StunAttribute {
    public Userhash {
      if (hash.length() != 32) {
        throw new IllegalArgumentException("USERHASH must be 32 bytes, got " + hash.length());
      }
    }

    @Override
    public int type() {
      return USERHASH;
    }

    @Override
    public int valueLength() {
      return 32;
    }

    @Override
    public void writeValue(ByteBuffer out, TransactionId tid) {
      hash.writeTo(out);
    }
  }

  // ---------------------------------------------------------------- errors

  /**
   * ERROR-CODE, RFC 8489 §14.8.
   *
   * <pre>
   *  0                   1                   2                   3
   *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
   * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   * |           Reserved, should be 0         |Class|     Number    |
   * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   * |      Reason Phrase (variable)                                ..
   * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   * </pre>
   *
   * @param code 300..699 (class * 100 + number)
   */
  record ErrorCode(int code, String reason) implements StunAttribute {
    public static final int TRY_ALTERNATE = 300;
    public static final int BAD_REQUEST = 400;
    public static final int UNAUTHENTICATED = 401;
    public static final int FORBIDDEN = 403;
    public static final int MOBILITY_FORBIDDEN = 405;
    public static final int UNKNOWN_ATTRIBUTE = 420;
    public static final int ALLOCATION_MISMATCH = 437;
    public static final int STALE_NONCE = 438;
    public static final int ADDRESS_FAMILY_NOT_SUPPORTED = 440;
    public static final int WRONG_CREDENTIALS = 441;
    public static final int UNSUPPORTED_TRANSPORT_PROTOCOL = 442;
    public static final int PEER_ADDRESS_FAMILY_MISMATCH = 443;
    public static final int ALLOCATION_QUOTA_REACHED = 486;
    public static final int ROLE_CONFLICT = 487;
    public static final int SERVER_ERROR = 500;
    public static final int INSUFFICIENT_CAPACITY = 508;

    public ErrorCode {
      if (code < 300 || code > 699) {
        throw new IllegalArgumentException("STUN error code must be 300..699, got " + code);
      }
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public int type() {
      return ERROR_CODE;
    }

    @Override
    public int valueLength() {
      return 4 + Strings.utf8Length(reason);
    }

    @Override
    public void writeValue(ByteBuffer out, TransactionId tid) {
      out.putShort((short) 0);
      out.put((byte) (code / 100));
      out.put((byte) (code % 100));
      out.put(reason.getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * UNKNOWN-ATTRIBUTES, RFC 8489 §14.13: the 16-bit types the server did not understand, in a
   * 420 response.
   *
   * <pre>
   *  0                   1                   2                   3
   *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
   * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   * |      Attribute 1 Type         |       Attribute 2 Type        |
   * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   * |      Attribute 3 Type         |       Attribute 4 Type    ...
   * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   * </pre>
   */
  record UnknownAttributes(List<Integer> types) implements StunAttribute {
    public UnknownAttributes {
      types = List.copyOf(types);
      for (int t : types) {
        if (t < 0 || t > 0xFFFF) {
          throw new IllegalArgumentException("attribute type out of range: " + t);
        }
      }
    }

    @Override
    public int type() {
      return UNKNOWN_ATTRIBUTES;
    }

    @Override
    public int valueLength() {
      return 2 * types.size();
    }

    @Override
    public void writeValue(ByteBuffer out, TransactionId tid) {
      for (int t : types) {
        out.putShort((short) t);
      }
    }
  }

  // ---------------------------------------------------------------- ICE (RFC 8445 §16.1)

  /**
   * PRIORITY, RFC 8445 §7.1.1 / §16.1: 32-bit unsigned priority of a peer-reflexive candidate.
   *
   * <pre>
   *  0                   1                   2                   3
   *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
   * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   * |                            Priority                           |
   * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   * </pre>
   */
  record Priority(long priority) implements StunAttribute {
    public Priority {
      if (priority < 0 || priority > 0xFFFF_FFFFL) {
        throw new IllegalArgumentException("PRIORITY out of range: " + priority);
      }
    }

    @Override
    public int type() {
      return PRIORITY;
    }

    @Override
    public int valueLength() {
      return 4;
    }

    @Override
    public void writeValue(ByteBuffer out, TransactionId tid) {
      out.putInt((int) priority);
    }
  }

  /** USE-CANDIDATE, RFC 8445 §7.1.2 / §16.1: a flag, no value (length 0). */
  record UseCandidate() implements StunAttribute {
    @Override
    public int type() {
      return USE_CANDIDATE;
    }

    @Override
    public int valueLength() {
      return 0;
    }

    @Override
    public void writeValue(ByteBuffer out, TransactionId tid) {}
  }

  /**
   * ICE-CONTROLLED, RFC 8445 §16.1: 64-bit tie-breaker.
   *
   * <pre>
   * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   * |                    Tie-breaker (64 bits)                      |
   * |                                                               |
   * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   * </pre>
   */
  record IceControlled(long tieBreaker) implements StunAttribute {
    @Override
    public int type() {
      return ICE_CONTROLLED;
    }

    @Override
    public int valueLength() {
      return 8;
    }

    @Override
    public void writeValue(ByteBuffer out, TransactionId tid) {
      out.putLong(tieBreaker);
    }
  }

  /** ICE-CONTROLLING, RFC 8445 §16.1: 64-bit tie-breaker, same layout as ICE-CONTROLLED. */
  record IceControlling(long tieBreaker) implements StunAttribute {
    @Override
    public int type() {
      return ICE_CONTROLLING;
    }

    @Override
    public int valueLength() {
      return 8;
    }

    @Override
    public void writeValue(ByteBuffer out, TransactionId tid) {
      out.putLong(tieBreaker);
    }
  }

  // ---------------------------------------------------------------- TURN (RFC 8656 §18)

  /**
   * CHANNEL-NUMBER, RFC 8656 §18.1.
   *
   * <pre>
   *  0                   1                   2                   3
   *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
   * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   * |        Channel Number         |         RFFU = 0              |
   * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   * </pre>
   */
  record ChannelNumber(int number) implements StunAttribute {
    public ChannelNumber {
      if (number < 0 || number > 0xFFFF) {
        throw new IllegalArgumentException("channel number out of range: " + number);
      }
    }

    @Override
    public int type() {
      return CHANNEL_NUMBER;
    }

    @Override
    public int valueLength() {
      return 4;
    }

    @Override
    public void writeValue(ByteBuffer out, TransactionId tid) {
      out.putShort((short) number);
      out.putShort((short) 0);
    }
  }

  /**
   * LIFETIME, RFC 8656 §18.2: seconds until the allocation expires, 32-bit unsigned.
   *
   * <pre>
   *  0                   1                   2                   3
   *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
   * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   * |                       Lifetime (seconds)                      |
   * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   * </pre>
   */
  record Lifetime(long seconds) implements StunAttribute {
    public Lifetime {
      if (seconds < 0 || seconds > 0xFFFF_FFFFL) {
        throw new IllegalArgumentException("LIFETIME out of range: " + seconds);
      }
    }

    @Override
    public int type() {
      return LIFETIME;
    }

    @Override
    public int valueLength() {
      return 4;
    }

    @Override
    public void writeValue(ByteBuffer out, TransactionId tid) {
      out.putInt((int) seconds);
    }
  }

  /**
   * DATA, RFC 8656 §18.4: the application data of a Send or Data indication, padded to 4 bytes.
   *
   * <pre>
   * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   * |                    Data (variable)                      ....
   * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   * </pre>
   */
  record Data(Bytes data) implements StunAttribute {
    @Override
    public int type() {
      return DATA;
    }

    @Override
    public int valueLength() {
      return data.length();
    }

    @Override
    public void writeValue(ByteBuffer out, TransactionId tid) {
      data.writeTo(out);
    }
  }

  /**
   * REQUESTED-ADDRESS-FAMILY, RFC 8656 §18.6.
   *
   * <pre>
   *  0                   1                   2                   3
   *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
   * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   * |     Family    |            Reserved                           |
   * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   * </pre>
   */
  record RequestedAddressFamily(int family) implements StunAttribute {
    public RequestedAddressFamily {
      Strings.checkU8(family, "family");
    }

    @Override
    public int type() {
      return REQUESTED_ADDRESS_FAMILY;
    }

    @Override
    public int valueLength() {
      return 4;
    }

    @Override
    public void writeValue(ByteBuffer out, TransactionId tid) {
      out.putInt(family << 24);
    }
  }

  /** ADDITIONAL-ADDRESS-FAMILY, RFC 8656 §18.11: same layout as REQUESTED-ADDRESS-FAMILY. */
  record AdditionalAddressFamily(int family) implements StunAttribute {
    public AdditionalAddressFamily {
      Strings.checkU8(family, "family");
    }

    @Override
    public int type() {
      return ADDITIONAL_ADDRESS_FAMILY;
    }

    @Override
    public int valueLength() {
      return 4;
    }

    @Override
    public void writeValue(ByteBuffer out, TransactionId tid) {
      out.putInt(family << 24);
    }
  }

  /**
   * EVEN-PORT, RFC 8656 §18.7: one byte whose top bit R asks the server to reserve the next port.
   *
   * <pre>
   *  0
   *  0 1 2 3 4 5 6 7
   * +-+-+-+-+-+-+-+-+
   * |R|    RFFU     |
   * +-+-+-+-+-+-+-+-+
   * </pre>
   */
  record EvenPort(boolean reserve) implements StunAttribute {
    @Override
    public int type() {
      return EVEN_PORT;
    }

    @Override
    public int valueLength() {
      return 1;
    }

    @Override
    public void writeValue(ByteBuffer out, TransactionId tid) {
      out.put((byte) (reserve ? 0x80 : 0));
    }
  }

  /**
   * REQUESTED-TRANSPORT, RFC 8656 §18.8.
   *
   * <pre>
   *  0                   1                   2                   3
   *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
   * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   * |    Protocol   |                    RFFU                       |
   * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   * </pre>
   *
   * @param protocol an IANA protocol number; {@link #UDP} = 17
   */
  record RequestedTransport(int protocol) implements StunAttribute {
    public static final int UDP = 17;

    public RequestedTransport {
      Strings.checkU8(protocol, "protocol");
    }

    @Override
    public int type() {
      return REQUESTED_TRANSPORT;
    }

    @Override
    public int valueLength() {
      return 4;
    }

    @Override
    public void writeValue(ByteBuffer out, TransactionId tid) {
      out.putInt(protocol << 24);
    }
  }

  /** DONT-FRAGMENT, RFC 8656 §18.9: a flag, no value (length 0). */
  record DontFragment() implements StunAttribute {
    @Override
    public int type() {
      return DONT_FRAGMENT;
    }

    @Override
    public int valueLength() {
      return 0;
    }

    @Override
    public void writeValue(ByteBuffer out, TransactionId tid) {}
  }

  /**
   * RESERVATION-TOKEN, RFC 8656 §18.10: an 8-byte token naming a reserved relayed address.
   *
   * <pre>
   * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   * |                    Token (64 bits)                            |
   * |                                                               |
   * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   * </pre>
   */
  record ReservationToken(Bytes token) implements StunAttribute {
    public ReservationToken {
      if (token.length() != 8) {
        throw new IllegalArgumentException("RESERVATION-TOKEN must be 8 bytes, got " + token.length());
      }
    }

    @Override
    public int type() {
      return RESERVATION_TOKEN;
    }

    @Override
    public int valueLength() {
      return 8;
    }

    @Override
    public void writeValue(ByteBuffer out, TransactionId tid) {
      token.writeTo(out);
    }
  }

  /**
   * ADDRESS-ERROR-CODE, RFC 8656 §18.12.
   *
   * <pre>
   *  0                   1                   2                   3
   *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
   * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   * |  Family       |    Reserved             |Class|     Number    |
   * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   * |      Reason Phrase (variable)                                ..
   * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   * </pre>
   */
  record AddressErrorCode(int family, int code, String reason) implements StunAttribute {
    public AddressErrorCode {
      Strings.checkU8(family, "family");
      if (code < 300 || code > 699) {
        throw new IllegalArgumentException("error code must be 300..699, got " + code);
      }
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public int type() {
      return ADDRESS_ERROR_CODE;
    }

    @Override
    public int valueLength() {
      return 4 + Strings.utf8Length(reason);
    }

    @Override
    public void writeValue(ByteBuffer out, TransactionId tid) {
      out.put((byte) family);
      out.put((byte) 0);
      out.put((byte) (code / 100));
      out.put((byte) (code % 100));
      out.put(reason.getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * ICMP, RFC 8656 §18.13: an ICMP error the server received for a relayed packet.
   *
   * <pre>
   *  0                   1                   2                   3
   *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
   * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   * |  Reserved                     |  ICMP Type  |  ICMP Code      |
   * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   * |                          Error Data                           |
   * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
   * </pre>
   */
  record Icmp(int icmpType, int icmpCode, int errorData) implements StunAttribute {
    public Icmp {
      Strings.checkU8(icmpType, "ICMP type");
      Strings.checkU8(icmpCode, "ICMP code");
    }

    @Override
    public int type() {
      return ICMP;
    }

    @Override
    public int valueLength() {
      return 8;
    }

    @Override
    public void writeValue(ByteBuffer out, TransactionId tid) {
      out.putShort((short) 0);
      out.put((byte) icmpType);
      out.put((byte) icmpCode);
      out.putInt(errorData);
    }
  }

  /**
   * An attribute type this codec does not know (RFC 8489 §14 TLV), kept with its raw value so it
   * survives a re-encode; see {@link StunMessage#unknownComprehensionRequired()}.
   */
  record Unknown(int type, Bytes value) implements StunAttribute {
    public Unknown {
      if (type < 0 || type > 0xFFFF || value.length() > 0xFFFF) {
        throw new IllegalArgumentException("bad attribute type " + type);
      }
    }

    @Override
    public int valueLength() {
      return value.length();
    }

    @Override
    public void writeValue(ByteBuffer out, TransactionId tid) {
      value.writeTo(out);
    }
  }

  // ---------------------------------------------------------------- parsing

  /**
   * Decodes one attribute value of {@code length} bytes at the reader's position (padding not
   * included). Throws for a value whose length or content does not fit its type.
   */
  static StunAttribute parseValue(int type, int length, ByteReader r, TransactionId tid)
      throws MalformedPacketException {
    int start = r.offset();
    StunAttribute a =
        switch (type) {
          case MAPPED_ADDRESS -> new MappedAddress(Addresses.read(r, length, null));
          case ALTERNATE_SERVER -> new AlternateServer(Addresses.read(r, length, null));
          case XOR_MAPPED_ADDRESS -> new XorMappedAddress(Addresses.read(r, length, tid));
          case XOR_PEER_ADDRESS -> new XorPeerAddress(Addresses.read(r, length, tid));
          case XOR_RELAYED_ADDRESS -> new XorRelayedAddress(Addresses.read(r, length, tid));
          case USERNAME -> new Username(Strings.read(r, length, "USERNAME"));
          case REALM -> new Realm(Strings.read(r, length, "REALM"));
          case NONCE -> new Nonce(Strings.read(r, length, "NONCE"));
          case SOFTWARE -> new Software(Strings.read(r, length, "SOFTWARE"));
          case MESSAGE_INTEGRITY -> {
            fixed(r, length, MessageIntegrity.LENGTH, "MESSAGE-INTEGRITY");
            yield new MessageIntegrity(r.bytes(length, "MESSAGE-INTEGRITY"));
          }
          case MESSAGE_INTEGRITY_SHA256 -> {
            if (length < 16 || length > 32 || length % 4 != 0) {
              throw r.malformed("MESSAGE-INTEGRITY-SHA256 length " + length);
            }
            yield new MessageIntegritySha256(r.bytes(length, "MESSAGE-INTEGRITY-SHA256"));
          }
          case FINGERPRINT -> {
            fixed(r, length, 4, "FINGERPRINT");
            yield new Fingerprint(r.i32("FINGERPRINT"));
          }
          case PASSWORD_ALGORITHM -> {
            ByteReader v = sub(r, length, "PASSWORD-ALGORITHM");
            PasswordAlgorithm p = PasswordAlgorithm.read(v);
            if (v.hasRemaining()) {
              throw r.malformed("PASSWORD-ALGORITHM parameters length does not match attribute length");
            }
            yield p;
          }
          case PASSWORD_ALGORITHMS -> {
            ByteReader v = sub(r, length, "PASSWORD-ALGORITHMS");
            List<PasswordAlgorithm> list = new ArrayList<>();
            while (v.hasRemaining()) {
              PasswordAlgorithm p = PasswordAlgorithm.read(v);
              int pad = padded(p.parameters().length()) - p.parameters().length();
              if (pad > 0) {
                v.skip(pad, "PASSWORD-ALGORITHMS padding");
              }
              list.add(p);
            }
            yield new PasswordAlgorithms(list);
          }
          case USERHASH -> {
            fixed(r, length, 32, "USERHASH");
            yield new Userhash(r.bytes(32, "USERHASH"));
          }
          case ERROR_CODE -> {
            if (length < 4) {
              throw r.malformed("ERROR-CODE length " + length);
            }
            r.skip(2, "ERROR-CODE reserved");
            int cls = r.u8("ERROR-CODE class") & 0x07;
            int number = r.u8("ERROR-CODE number");
            // RFC 8489 §14.8: "The Class represents the hundreds digit of the error code. The
            // value MUST be between 3 and 6. The Number represents the binary encoding of the
            // error code modulo 100, and its value MUST be between 0 and 99."
            if (cls < 3 || cls > 6 || number > 99) {
              throw r.malformed("ERROR-CODE class " + cls + " number " + number);
            }
            yield new ErrorCode(cls * 100 + number, Strings.read(r, length - 4, "ERROR-CODE reason"));
          }
          case UNKNOWN_ATTRIBUTES -> {
            if (length % 2 != 0) {
              throw r.malformed("UNKNOWN-ATTRIBUTES length " + length + " is odd");
            }
            List<Integer> types = new ArrayList<>(length / 2);
            for (int i = 0; i < length / 2; i++) {
              types.add(r.u16("UNKNOWN-ATTRIBUTES type"));
            }
            yield new UnknownAttributes(types);
          }
          case PRIORITY -> {
            fixed(r, length, 4, "PRIORITY");
            yield new Priority(r.u32("PRIORITY"));
          }
          case USE_CANDIDATE -> {
            fixed(r, length, 0, "USE-CANDIDATE");
            yield new UseCandidate();
          }
          case ICE_CONTROLLED -> {
            fixed(r, length, 8, "ICE-CONTROLLED");
            yield new IceControlled(r.i64("ICE-CONTROLLED"));
          }
          case ICE_CONTROLLING -> {
            fixed(r, length, 8, "ICE-CONTROLLING");
            yield new IceControlling(r.i64("ICE-CONTROLLING"));
          }
          case CHANNEL_NUMBER -> {
            fixed(r, length, 4, "CHANNEL-NUMBER");
            int number = r.u16("CHANNEL-NUMBER");
            r.skip(2, "CHANNEL-NUMBER RFFU");
            yield new ChannelNumber(number);
          }
          case LIFETIME -> {
            fixed(r, length, 4, "LIFETIME");
            yield new Lifetime(r.u32("LIFETIME"));
          }
          case DATA -> new Data(r.bytes(length, "DATA"));
          case REQUESTED_ADDRESS_FAMILY -> {
            fixed(r, length, 4, "REQUESTED-ADDRESS-FAMILY");
            yield new RequestedAddressFamily((int) (r.u32("REQUESTED-ADDRESS-FAMILY") >>> 24));
          }
          case ADDITIONAL_ADDRESS_FAMILY -> {
            fixed(r, length, 4, "ADDITIONAL-ADDRESS-FAMILY");
            yield new AdditionalAddressFamily((int) (r.u32("ADDITIONAL-ADDRESS-FAMILY") >>> 24));
          }
          case EVEN_PORT -> {
            fixed(r, length, 1, "EVEN-PORT");
            yield new EvenPort((r.u8("EVEN-PORT") & 0x80) != 0);
          }
          case REQUESTED_TRANSPORT -> {
            fixed(r, length, 4, "REQUESTED-TRANSPORT");
            yield new RequestedTransport((int) (r.u32("REQUESTED-TRANSPORT") >>> 24));
          }
          case DONT_FRAGMENT -> {
            fixed(r, length, 0, "DONT-FRAGMENT");
            yield new DontFragment();
          }
          case RESERVATION_TOKEN -> {
            fixed(r, length, 8, "RESERVATION-TOKEN");
            yield new ReservationToken(r.bytes(8, "RESERVATION-TOKEN"));
          }
          case ADDRESS_ERROR_CODE -> {
            if (length < 4) {
              throw r.malformed("ADDRESS-ERROR-CODE length " + length);
            }
            int family = r.u8("ADDRESS-ERROR-CODE family");
            r.skip(1, "ADDRESS-ERROR-CODE reserved");
            int cls = r.u8("ADDRESS-ERROR-CODE class") & 0x07;
            int number = r.u8("ADDRESS-ERROR-CODE number");
            if (cls < 3 || cls > 6 || number > 99) {
              throw r.malformed("ADDRESS-ERROR-CODE class " + cls + " number " + number);
            }
            yield new AddressErrorCode(family, cls * 100 + number, Strings.read(r, length - 4, "ADDRESS-ERROR-CODE reason"));
          }
          case ICMP -> {
            fixed(r, length, 8, "ICMP");
            r.skip(2, "ICMP reserved");
            int icmpType = r.u8("ICMP type");
            int icmpCode = r.u8("ICMP code");
            yield new Icmp(icmpType, icmpCode, r.i32("ICMP error data"));
          }
          default -> new Unknown(type, r.bytes(length, "attribute value"));
        };
    if (r.offset() - start != length) {
      throw r.malformed("attribute 0x" + Integer.toHexString(type) + " value not fully read");
    }
    return a;
  }

  private static void fixed(ByteReader r, int length, int expected, String what) throws MalformedPacketException {
    if (length != expected) {
      throw r.malformed(what + " length " + length + ", expected " + expected);
    }
  }

  private static ByteReader sub(ByteReader r, int length, String what) throws MalformedPacketException {
    return new ByteReader(r.slice(length, what));
  }

  /** Address encoding shared by the (XOR-)address attributes. */
  final class Addresses {
    private Addresses() {}

    static void check(InetSocketAddress address) {
      if (address.isUnresolved() || address.getAddress() == null) {
        throw new IllegalArgumentException("STUN address must be resolved: " + address);
      }
    }

    static int length(InetSocketAddress address) {
      return address.getAddress() instanceof Inet4Address ? 8 : 20;
    }

    static void write(ByteBuffer out, InetSocketAddress address, TransactionId xorWith) {
      byte[] ip = address.getAddress().getAddress();
      int port = address.getPort();
      out.put((byte) 0);
      out.put((byte) (ip.length == 4 ? FAMILY_IPV4 : FAMILY_IPV6));
      if (xorWith != null) {
        port ^= StunMessage.MAGIC_COOKIE >>> 16;
        xor(ip, xorWith);
      }
      out.putShort((short) port);
      out.put(ip);
    }

    static InetSocketAddress read(ByteReader r, int length, TransactionId xorWith) throws MalformedPacketException {
      if (length != 8 && length != 20) {
        throw r.malformed("address attribute length " + length);
      }
      r.skip(1, "address reserved");
      int family = r.u8("address family");
      int port = r.u16("port");
      int ipLength =
          switch (family) {
            case FAMILY_IPV4 -> 4;
            case FAMILY_IPV6 -> 16;
            default -> throw r.malformed("unknown address family " + family);
          };
      if (ipLength + 4 != length) {
        throw r.malformed("address family " + family + " with attribute length " + length);
      }
      byte[] ip = new byte[ipLength];
      r.slice(ipLength, "address").get(ip);
      if (xorWith != null) {
        port ^= StunMessage.MAGIC_COOKIE >>> 16;
        xor(ip, xorWith);
      }
      try {
        InetAddress a = ip.length == 4 ? Inet4Address.getByAddress(ip) : Inet6Address.getByAddress(null, ip, -1);
        return new InetSocketAddress(a, port);
      } catch (UnknownHostException e) {
        throw r.malformed("bad address: " + e.getMessage());
      }
    }

    /** XOR with the magic cookie, then (IPv6) with the transaction id, per RFC 8489 §14.2. */
    private static void xor(byte[] ip, TransactionId tid) {
      int cookie = StunMessage.MAGIC_COOKIE;
      for (int i = 0; i < 4; i++) {
        ip[i] ^= (byte) (cookie >>> (24 - 8 * i));
      }
      if (ip.length == 16) {
        Bytes id = tid.value();
        for (int i = 0; i < 12; i++) {
          ip[4 + i] ^= id.get(i);
        }
      }
    }
  }

  /** UTF-8 helpers for the text attributes. */
  final class Strings {
    private Strings() {}

    static String read(ByteReader r, int length, String what) throws MalformedPacketException {
      if (length == 0) {
        return "";
      }
      if (r.remaining() < length) {
        r.skip(length, what); // throws with the offset
      }
      ByteBuffer b = r.buffer();
      String s;
      if (b.hasArray()) {
        s = new String(b.array(), b.arrayOffset() + b.position(), length, StandardCharsets.UTF_8);
      } else {
        byte[] copy = new byte[length];
        b.get(b.position(), copy);
        s = new String(copy, StandardCharsets.UTF_8);
      }
      r.skip(length, what);
      return s;
    }

    static int utf8Length(String s) {
      int n = s.length();
      int bytes = 0;
      for (int i = 0; i < n; i++) {
        char c = s.charAt(i);
        if (c < 0x80) {
          bytes += 1;
        } else if (c < 0x800) {
          bytes += 2;
        } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          bytes += 4;
          i++;
        } else {
          bytes += 3; // includes a lone surrogate, which the encoder replaces with '?' (1 byte)
          if (Character.isSurrogate(c)) {
            bytes -= 2;
          }
        }
      }
      return bytes;
    }

    static void checkU8(int v, String what) {
      if (v < 0 || v > 0xFF) {
        throw new IllegalArgumentException(what + " out of range: " + v);
      }
    }
  }
}

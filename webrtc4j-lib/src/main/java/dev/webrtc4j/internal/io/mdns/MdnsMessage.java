package dev.webrtc4j.internal.io.mdns;

import dev.webrtc4j.internal.util.ByteReader;
import dev.webrtc4j.internal.util.Bytes;
import dev.webrtc4j.internal.util.MalformedPacketException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A DNS message as mDNS uses it, RFC 1035 §4.1 and RFC 6762 §18.
 *
 * <pre>
 *  +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 *  |                      ID                       |
 *  |QR|   Opcode  |AA|TC|RD|RA|   Z    |   RCODE   |
 *  |                    QDCOUNT                    |
 *  |                    ANCOUNT                    |
 *  |                    NSCOUNT                    |
 *  |                    ARCOUNT                    |
 *  +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 *  questions, answers, authority records, additional records
 * </pre>
 *
 * <p>Names are compared case-insensitively (RFC 6762 §16), so they are kept lower-case.
 */
public record MdnsMessage(
    int id,
    int flags,
    List<MdnsQuestion> questions,
    List<MdnsRecord> answers,
    List<MdnsRecord> authorities,
    List<MdnsRecord> additionals) {
  public static final int TYPE_A = 1;
  public static final int TYPE_AAAA = 28;
  public static final int CLASS_IN = 1;
  /** The QU bit in QCLASS (RFC 6762 §5.4) and the cache-flush bit in CLASS (§10.2). */
  public static final int TOP_BIT = 0x8000;
  /** QR: the message is a response. */
  public static final int FLAG_RESPONSE = 0x8000;
  /** RFC 1035 §3.1: "the total length of a domain name ... is restricted to 255 octets". */
  static final int MAX_NAME_OCTETS = 255;
  static final int MAX_LABEL_OCTETS = 63;
  /** Compression pointers followed for one name before it is called a loop. */
  static final int MAX_POINTER_JUMPS = 64;
  private static final int HEADER_LENGTH = 12;

  public MdnsMessage {
    questions = List.copyOf(questions);
    answers = List.copyOf(answers);
    authorities = List.copyOf(authorities);
    additionals = List.copyOf(additionals);
  }

  public boolean isResponse() {
    return (flags & FLAG_RESPONSE) != 0;
  }

  /** Opcode (RFC 1035 §4.1.1); RFC 6762 §18.3: messages with a non-zero opcode "MUST be silently ignored". */
  public int opcode() {
    return (flags >>> 11) & 0xF;
  }

  /** Every resource record of the three record sections, in order. */
  public List<MdnsRecord> allRecords() {
    List<MdnsRecord> all = new ArrayList<>(answers.size() + authorities.size() + additionals.size());
    all.addAll(answers);
    all.addAll(authorities);
    all.addAll(additionals);
    return all;
  }

  /**
   * The A and AAAA records for {@code name} (case-insensitive), from every record section: RFC 6762
   * §6 lets a responder put the other address family in the additional section.
   */
  public List<MdnsRecord> addressRecordsFor(String name) {
    String wanted = normalize(name);
    List<MdnsRecord> out = new ArrayList<>();
    for (MdnsRecord r : allRecords()) {
      if (r.name().equals(wanted) && r.address().isPresent()) {
        out.add(r);
      }
    }
    return out;
  }

  /** Lower-cases ASCII and drops one trailing dot. */
  public static String normalize(String name) {
    String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    return n.toLowerCase(Locale.ROOT);
  }

  // ---------------------------------------------------------------------------------------------
  // Query

  /**
   * One query message asking for the A and AAAA records of {@code name}, both questions with the
   * QU bit (RFC 6762 §5.4: "the querier SHOULD set the unicast-response bit" on the first query),
   * ID 0 (§18.1), the second question's name compressed to the first. Throws
   * {@link IllegalArgumentException} for a name that cannot be encoded.
   */
  public static ByteBuffer encodeQuery(String name) {
    List<byte[]> labels = labels(normalize(name));
    ByteBuffer out = ByteBuffer.allocate(HEADER_LENGTH + encodedLength(labels) + 4 + 2 + 4).order(ByteOrder.BIG_ENDIAN);
    out.putShort((short) 0).putShort((short) 0); // ID 0, flags 0 (standard query)
    out.putShort((short) 2).putShort((short) 0).putShort((short) 0).putShort((short) 0);
    putName(out, labels);
    out.putShort((short) TYPE_A).putShort((short) (TOP_BIT | CLASS_IN));
    out.putShort((short) (0xC000 | HEADER_LENGTH)); // pointer to the first QNAME
    out.putShort((short) TYPE_AAAA).putShort((short) (TOP_BIT | CLASS_IN));
    return out.flip();
  }

  /**
   * One response (RFC 6762 §6: QR and AA set, ID 0, no questions) carrying the A or AAAA record
   * of {@code name} with the cache-flush bit (§10.2: the name is unique, ours).
   */
  public static ByteBuffer encodeResponse(String name, InetAddress address, long ttlSeconds) {
    List<byte[]> labels = labels(normalize(name));
    byte[] rdata = address.getAddress();
    ByteBuffer out = ByteBuffer.allocate(HEADER_LENGTH + encodedLength(labels) + 10 + rdata.length)
        .order(ByteOrder.BIG_ENDIAN);
    out.putShort((short) 0).putShort((short) (FLAG_RESPONSE | 0x0400));
    out.putShort((short) 0).putShort((short) 1).putShort((short) 0).putShort((short) 0);
    putName(out, labels);
    out.putShort((short) (rdata.length == 4 ? TYPE_A : TYPE_AAAA)).putShort((short) (TOP_BIT | CLASS_IN));
    out.putInt((int) ttlSeconds).putShort((short) rdata.length).put(rdata);
    return out.flip();
  }

  /** The octets of an uncompressed name: a length byte per label, the labels, the root's zero. */
  private static int encodedLength(List<byte[]> labels) {
    int n = 1;
    for (byte[] l : labels) {
      n += 1 + l.length;
    }
    return n;
  }

  private static void putName(ByteBuffer out, List<byte[]> labels) {
    for (byte[] l : labels) {
      out.put((byte) l.length).put(l);
    }
    out.put((byte) 0);
  }

  private static List<byte[]> labels(String name) {
    if (name.isEmpty()) {
      throw new IllegalArgumentException("empty mDNS name");
    }
    List<byte[]> out = new ArrayList<>();
    int total = 1;
    for (String label : name.split("\\.", -1)) {
      byte[] b = label.getBytes(StandardCharsets.UTF_8);
      if (b.length == 0 || b.length > MAX_LABEL_OCTETS) {
        throw new IllegalArgumentException("bad label length " + b.length + " in mDNS name " + name);
      }
      total += 1 + b.length;
      out.add(b);
    }
    if (total > MAX_NAME_OCTETS) {
      throw new IllegalArgumentException("mDNS name longer than 255 octets: " + name);
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Parse

  /** Like {@link #parse} but returns empty instead of throwing for bytes that do not decode. */
  public static Optional<MdnsMessage> tryParse(ByteBuffer in) {
    try {
      return Optional.of(parse(in));
    } catch (MalformedPacketException e) {
      return Optional.empty();
    }
  }

  /**
   * Parses one message from position to limit and advances the position to the limit. Every read
   * is bounds-checked; compression pointers must point backwards and a name may follow at most
   * {@link #MAX_POINTER_JUMPS} of them, so a loop ends in {@link MalformedPacketException}.
   */
  public static MdnsMessage parse(ByteBuffer in) throws MalformedPacketException {
    Objects.requireNonNull(in, "in");
    ByteBuffer msg = in.slice().order(ByteOrder.BIG_ENDIAN); // offsets count from the message start
    in.position(in.limit());
    ByteReader r = new ByteReader(msg);
    int id = r.u16("ID");
    int flags = r.u16("flags");
    int qd = r.u16("QDCOUNT");
    int an = r.u16("ANCOUNT");
    int ns = r.u16("NSCOUNT");
    int ar = r.u16("ARCOUNT");
    List<MdnsQuestion> questions = new ArrayList<>(Math.min(qd, 16));
    for (int i = 0; i < qd; i++) {
      String name = readName(msg);
      int type = r.u16("QTYPE");
      int qclass = r.u16("QCLASS");
      questions.add(new MdnsQuestion(name, type, qclass & ~TOP_BIT, (qclass & TOP_BIT) != 0));
    }
    List<MdnsRecord> answers = readRecords(msg, r, an);
    List<MdnsRecord> authorities = readRecords(msg, r, ns);
    List<MdnsRecord> additionals = readRecords(msg, r, ar);
    return new MdnsMessage(id, flags, questions, answers, authorities, additionals);
  }

  private static List<MdnsRecord> readRecords(ByteBuffer msg, ByteReader r, int count) throws MalformedPacketException {
    List<MdnsRecord> out = new ArrayList<>(Math.min(count, 16));
    for (int i = 0; i < count; i++) {
      String name = readName(msg);
      int type = r.u16("TYPE");
      int cls = r.u16("CLASS");
      long ttl = r.u32("TTL");
      int rdLength = r.u16("RDLENGTH");
      Bytes rdata = r.bytes(rdLength, "RDATA");
      out.add(new MdnsRecord(name, type, cls & ~TOP_BIT, (cls & TOP_BIT) != 0, ttl, rdata));
    }
    return out;
  }

  /**
   * Reads a name at the buffer's position (RFC 1035 §4.1.4) and leaves the position after it (after
   * the first pointer, if any). Absolute offsets: the buffer starts at the message's first byte.
   */
  static String readName(ByteBuffer msg) throws MalformedPacketException {
    int pos = msg.position();
    int end = -1;
    int jumps = 0;
    int octets = 1;
    StringBuilder name = new StringBuilder();
    while (true) {
      if (pos >= msg.limit()) {
        throw new MalformedPacketException(pos, "truncated name");
      }
      int len = Byte.toUnsignedInt(msg.get(pos));
      int kind = len & 0xC0;
      if (kind == 0xC0) {
        if (pos + 1 >= msg.limit()) {
          throw new MalformedPacketException(pos, "truncated compression pointer");
        }
        int target = ((len & 0x3F) << 8) | Byte.toUnsignedInt(msg.get(pos + 1));
        // RFC 1035 §4.1.4: a pointer replaces a name with "a prior occurance of the same name".
        if (target >= pos) {
          throw new MalformedPacketException(pos, "compression pointer to " + target + " does not point backwards");
        }
        if (++jumps > MAX_POINTER_JUMPS) {
          throw new MalformedPacketException(pos, "compression pointer loop");
        }
        if (end < 0) {
          end = pos + 2;
        }
        pos = target;
        continue;
      }
      if (kind != 0) {
        throw new MalformedPacketException(pos, "reserved label type 0x" + Integer.toHexString(kind));
      }
      if (len == 0) {
        if (end < 0) {
          end = pos + 1;
        }
        break;
      }
      if (pos + 1 + len > msg.limit()) {
        throw new MalformedPacketException(pos, "label of " + len + " octets runs past the message");
      }
      octets += 1 + len;
      if (octets > MAX_NAME_OCTETS) {
        throw new MalformedPacketException(pos, "name longer than 255 octets (or a compression loop)");
      }
      if (!name.isEmpty()) {
        name.append('.');
      }
      byte[] label = new byte[len];
      msg.get(pos + 1, label);
      name.append(new String(label, StandardCharsets.UTF_8));
      pos += 1 + len;
    }
    msg.position(end);
    return name.toString().toLowerCase(Locale.ROOT);
  }

  /** The addresses of {@link #addressRecordsFor}, in record order. */
  public List<InetAddress> addressesFor(String name) {
    List<InetAddress> out = new ArrayList<>();
    for (MdnsRecord r : addressRecordsFor(name)) {
      r.address().ifPresent(out::add);
    }
    return out;
  }
}

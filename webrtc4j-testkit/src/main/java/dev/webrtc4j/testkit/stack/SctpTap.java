package dev.webrtc4j.testkit.stack;

import dev.webrtc4j.internal.sctp.Chunk;
import dev.webrtc4j.internal.sctp.DataChunk;
import dev.webrtc4j.internal.sctp.ForwardTsnChunk;
import dev.webrtc4j.internal.sctp.SackChunk;
import dev.webrtc4j.internal.sctp.SctpPacket;
import dev.webrtc4j.internal.sctp.Tsn;
import dev.webrtc4j.internal.util.MalformedPacketException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one node put on the wire and took off it, seen at the SCTP level: every datagram that is a
 * fake-DTLS application record ({@code [23][SCTP packet]}, see {@code FakeDtlsEngine}) is parsed
 * and its DATA, FORWARD TSN and SACK chunks are logged with the virtual time and a per-direction
 * sequence number that follows the order in which the chunks were processed (chunk order within a
 * packet included). Other datagrams (STUN, handshake records) are counted only.
 *
 * <p>Only what the analysis needs is kept (no payload beyond its first four bytes), so a run of many
 * megabytes stays small. Comparing a sender's {@link #sent()} with the receiver's {@link
 * #received()} tells exactly which transmissions the network dropped, whatever the link did in
 * between: a DATA chunk transmitted once and never received was lost with its datagram.
 */
public final class SctpTap {
  /** Application record content type of the fake DTLS engine. */
  static final int APPLICATION_DATA = 23;

  /** One chunk seen on the wire. */
  public sealed interface Seen {
    /** Virtual time (nanoseconds). */
    long at();

    /** Position in this direction's log: chunks are processed in this order. */
    long order();
  }

  /**
   * A DATA chunk.
   *
   * @param length payload bytes
   * @param head the payload's first four bytes big-endian (the test's message index), or -1 when shorter
   */
  public record Data(long at, long order, Tsn tsn, int stream, int ssn, boolean unordered, boolean beginning,
      boolean end, int length, int head) implements Seen {}

  public record ForwardTsn(long at, long order, Tsn newCumulativeTsn) implements Seen {}

  public record Sack(long at, long order, Tsn cumulativeTsnAck, long advertisedWindow, int gapBlocks) implements Seen {}

  private final List<Seen> sent = new ArrayList<>();
  private final List<Seen> received = new ArrayList<>();
  private long sentOrder;
  private long receivedOrder;
  private long sctpDatagramsSent;
  private long sctpDatagramsReceived;
  private long otherDatagramsSent;
  private long otherDatagramsReceived;
  private int lastSentVerificationTag;

  void onSent(long at, ByteBuffer payload) {
    SctpPacket p = parse(payload);
    if (p == null) {
      otherDatagramsSent++;
      return;
    }
    sctpDatagramsSent++;
    lastSentVerificationTag = p.verificationTag();
    for (Chunk c : p.chunks()) {
      Seen s = seen(at, sentOrder, c);
      if (s != null) {
        sentOrder++;
        sent.add(s);
      }
    }
  }

  void onReceived(long at, ByteBuffer payload) {
    SctpPacket p = parse(payload);
    if (p == null) {
      otherDatagramsReceived++;
      return;
    }
    sctpDatagramsReceived++;
    for (Chunk c : p.chunks()) {
      Seen s = seen(at, receivedOrder, c);
      if (s != null) {
        receivedOrder++;
        received.add(s);
      }
    }
  }

  private static @Nullable Seen seen(long at, long order, Chunk c) {
    return switch (c) {
      case DataChunk d -> new Data(at, order, d.tsn(), d.streamId().value(), d.ssn().value(), d.unordered(),
          d.beginning(), d.end(), d.payload().remaining(),
          d.payload().remaining() >= 4 ? d.payload().getInt(d.payload().position()) : -1);
      case ForwardTsnChunk f -> new ForwardTsn(at, order, f.newCumulativeTsn());
      case SackChunk s -> new Sack(at, order, s.cumulativeTsnAck(), s.advertisedWindow(), s.gapBlocks().size());
      default -> null;
    };
  }

  /** The SCTP packet in a fake-DTLS application record, or null for anything else. */
  static @Nullable SctpPacket parse(ByteBuffer datagram) {
    ByteBuffer d = datagram.duplicate();
    if (d.remaining() < 1 + SctpPacket.HEADER_LENGTH || (d.get(d.position()) & 0xFF) != APPLICATION_DATA) {
      return null;
    }
    byte[] copy = new byte[d.remaining() - 1];
    d.position(d.position() + 1).get(copy);
    try {
      return SctpPacket.parse(ByteBuffer.wrap(copy));
    } catch (MalformedPacketException | RuntimeException e) {
      return null;
    }
  }

  /** Chunks this node transmitted, in order. */
  public List<Seen> sent() {
    return Collections.unmodifiableList(sent);
  }

  /** Chunks this node received (duplicates included), in the order it processed them. */
  public List<Seen> received() {
    return Collections.unmodifiableList(received);
  }

  public <T extends Seen> List<T> sent(Class<T> type) {
    return sent.stream().filter(type::isInstance).map(type::cast).toList();
  }

  public <T extends Seen> List<T> received(Class<T> type) {
    return received.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** The verification tag of the last SCTP packet sent: the peer's tag once the association is up. */
  public int lastSentVerificationTag() {
    return lastSentVerificationTag;
  }

  public long sctpDatagramsSent() {
    return sctpDatagramsSent;
  }

  public long sctpDatagramsReceived() {
    return sctpDatagramsReceived;
  }

  public long otherDatagramsSent() {
    return otherDatagramsSent;
  }

  public long otherDatagramsReceived() {
    return otherDatagramsReceived;
  }
}

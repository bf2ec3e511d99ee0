package dev.webrtc4j.internal.sctp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webrtc4j.internal.dcep.Ppid;
import dev.webrtc4j.internal.dcep.StreamIdAllocator.DtlsRole;
import dev.webrtc4j.internal.sctp.DataChannelController.ChannelConfig;
import dev.webrtc4j.internal.sctp.DataChannelController.ChannelEvent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class DataChannelControllerTest {
  long now = 1_000_000_000L;
  final Association sa = new Association(SctpOptions.defaults(), new SplittableRandom(1), Peers.fixedSecure(1));
  final Association sb = new Association(SctpOptions.defaults(), new SplittableRandom(2), Peers.fixedSecure(2));
  final DataChannelController a = new DataChannelController(sa, DtlsRole.CLIENT, 65535);
  final DataChannelController b = new DataChannelController(sb, DtlsRole.SERVER, 65535);
  final List<ChannelEvent> evA = new ArrayList<>();
  final List<ChannelEvent> evB = new ArrayList<>();
  /** Packets from A for which this is true are dropped. */
  Predicate<ByteBuffer> dropFromA = p -> false;

  void flush() {
    for (int i = 0; i < 100_000; i++) {
      ByteBuffer pa = sa.pollTransmit();
      if (pa != null && !dropFromA.test(pa)) {
        sb.handleDatagram(now, pa);
      }
      ByteBuffer pb = sb.pollTransmit();
      if (pb != null) {
        sa.handleDatagram(now, pb);
      }
      for (ChannelEvent e; (e = a.pollEvent()) != null; ) {
        evA.add(e);
      }
      for (ChannelEvent e; (e = b.pollEvent()) != null; ) {
        evB.add(e);
      }
      if (pa == null && pb == null) {
        return;
      }
    }
    throw new AssertionError("no quiescence");
  }

  void run(long millis) {
    long end = now + millis * 1_000_000L;
    flush();
    while (true) {
      long t = Math.min(sa.pollTimeout(), sb.pollTimeout());
      if (t > end) {
        now = end;
        return;
      }
      now = Math.max(now, t);
      sa.handleTimeout(now);
      sb.handleTimeout(now);
      flush();
    }
  }

  void connect() {
    sa.connect(now);
    sb.connect(now);
    flush();
  }

  static ByteBuffer text(String s) {
    return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
  }

  static <T> List<T> of(List<ChannelEvent> l, Class<T> c) {
    return l.stream().filter(c::isInstance).map(c::cast).toList();
  }

  @Test
  void channelOpenedWithDcepIsAnnouncedAtThePeerAndCarriesMessagesBothWays() {
    connect();
    StreamId id = a.open(now, new ChannelConfig("chat", "json", true, -1, -1, 256, false), OptionalInt.empty());
    assertThat(id.value() % 2).isZero();
    flush();
    assertThat(of(evA, ChannelEvent.Opened.class)).containsExactly(new ChannelEvent.Opened(id));
    assertThat(of(evB, ChannelEvent.Incoming.class))
        .containsExactly(new ChannelEvent.Incoming(id, new ChannelConfig("chat", "json", true, -1, -1, 256, false)));
    assertThat(a.channelState(id)).isInstanceOf(DataChannelController.Open.class); // ACK arrived
    assertThat(a.send(now, id, false, text("hi"))).isEqualTo(SendResult.ACCEPTED);
    assertThat(b.send(now, id, true, ByteBuffer.wrap(new byte[] {1, 2, 3}))).isEqualTo(SendResult.ACCEPTED);
    assertThat(a.send(now, id, false, ByteBuffer.allocate(0))).isEqualTo(SendResult.ACCEPTED);
    flush();
    List<ChannelEvent.Message> atB = of(evB, ChannelEvent.Message.class);
    assertThat(atB).hasSize(2);
    assertThat(atB.get(0).binary()).isFalse();
    assertThat(StandardCharsets.UTF_8.decode(atB.get(0).data().duplicate()).toString()).isEqualTo("hi");
    assertThat(atB.get(1).data().remaining()).isZero();
    assertThat(atB.get(1).binary()).isFalse();
    List<ChannelEvent.Message> atA = of(evA, ChannelEvent.Message.class);
    assertThat(atA).hasSize(1);
    assertThat(atA.get(0).binary()).isTrue();
    assertThat(Peers.bytes(atA.get(0).data())).containsExactly(1, 2, 3);
  }

  @Test
  void channelsCreatedBeforeTheAssociationOpenWhenItComesUp() {
    StreamId id = a.open(now, ChannelConfig.reliable("early"), OptionalInt.empty());
    assertThat(evA).isEmpty();
    connect();
    assertThat(of(evA, ChannelEvent.Opened.class)).containsExactly(new ChannelEvent.Opened(id));
    assertThat(of(evB, ChannelEvent.Incoming.class)).hasSize(1);
    assertThat(evA.get(0)).isEqualTo(new ChannelEvent.TransportUp());
  }

  @Test
  void firstMessageBeforeTheAckCountsAsTheAck() {
    connect();
    // The peer's ACK is lost, but its first message arrives: the channel is open (RFC 8832 §6).
    List<Integer> seen = new ArrayList<>();
    StreamId id = a.open(now, new ChannelConfig("u", "", false, -1, -1, 256, false), OptionalInt.empty());
    // Before the ACK our messages go ordered even on an unordered channel.
    a.send(now, id, false, text("x"));
    ByteBuffer pkt = sa.pollTransmit();
    for (Chunk c : Peers.parse(pkt).chunks()) {
      if (c instanceof DataChunk d) {
        seen.add(d.ppid());
        assertThat(d.unordered()).isFalse();
      }
    }
    assertThat(seen).containsExactly(Ppid.DCEP, Ppid.STRING);
    sb.handleDatagram(now, pkt);
    for (ChannelEvent e; (e = b.pollEvent()) != null; ) {
      evB.add(e);
    }
    ByteBuffer ackPacket = sb.pollTransmit(); // SACK + ACK (DCEP)
    assertThat(ackPacket).isNotNull();
    // Drop B's DCEP ACK; then B sends data.
    b.send(now, id, false, text("y"));
    ByteBuffer dataPacket;
    while ((dataPacket = sb.pollTransmit()) != null) {
      boolean hasAck = false;
      for (Chunk c : Peers.parse(dataPacket).chunks()) {
        if (c instanceof DataChunk d && d.ppid() == Ppid.DCEP) {
          hasAck = true;
        }
      }
      if (!hasAck) {
        sa.handleDatagram(now, dataPacket);
      }
    }
    for (ChannelEvent e; (e = a.pollEvent()) != null; ) {
      evA.add(e);
    }
    assertThat(a.channelState(id)).isInstanceOf(DataChannelController.Open.class);
  }

  @Test
  void closingResetsBothDirectionsAndFreesTheId() {
    connect();
    StreamId id = a.open(now, ChannelConfig.reliable("c"), OptionalInt.empty());
    flush();
    a.send(now, id, false, text("last"));
    a.close(now, id);
    assertThat(a.send(now, id, false, text("late"))).isEqualTo(SendResult.CLOSED);
    flush();
    assertThat(of(evB, ChannelEvent.Message.class)).hasSize(1);
    assertThat(of(evA, ChannelEvent.ChannelClosed.class)).containsExactly(new ChannelEvent.ChannelClosed(id));
    assertThat(of(evB, ChannelEvent.ChannelClosed.class)).containsExactly(new ChannelEvent.ChannelClosed(id));
    // The id is free again and reusable with SSN 0.
    StreamId again = a.open(now, ChannelConfig.reliable("again"), OptionalInt.empty());
    assertThat(again).isEqualTo(id);
    flush();
    assertThat(of(evB, ChannelEvent.Incoming.class)).hasSize(2);
    a.send(now, again, false, text("new"));
    flush();
    assertThat(of(evB, ChannelEvent.Message.class)).hasSize(2);
  }

  @Test
  void negotiatedChannelsSendNoDcepAndOpenWithTheTransport() {
    ChannelConfig cfg = new ChannelConfig("n", "", true, -1, -1, 256, true);
    StreamId ia = a.open(now, cfg, OptionalInt.of(7));
    StreamId ib = b.open(now, cfg, OptionalInt.of(7));
    connect();
    assertThat(of(evA, ChannelEvent.Opened.class)).containsExactly(new ChannelEvent.Opened(ia));
    assertThat(of(evB, ChannelEvent.Opened.class)).containsExactly(new ChannelEvent.Opened(ib));
    assertThat(of(evB, ChannelEvent.Incoming.class)).isEmpty();
    a.send(now, ia, true, ByteBuffer.wrap(new byte[] {9}));
    flush();
    assertThat(of(evB, ChannelEvent.Message.class)).hasSize(1);
    assertThatThrownBy(() -> a.open(now, cfg, OptionalInt.of(7))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void openWithTheWrongParityIsRefused() {
    connect();
    // A (DTLS client) must use even ids; B refuses an OPEN on an odd one by resetting it.
    StreamId odd = a.open(now, new ChannelConfig("x", "", true, -1, -1, 256, true), OptionalInt.of(5));
    sa.send(now, odd, Ppid.DCEP, ChannelConfig.reliable("x").toOpen().toBuffer(), SendOptions.RELIABLE_ORDERED);
    flush();
    assertThat(of(evB, ChannelEvent.Incoming.class)).isEmpty();
    assertThat(b.droppedMessages()).isEqualTo(1);
  }

  @Test
  void partialReliabilityMapsToDcepAndSendOptions() {
    ChannelConfig rexmit = new ChannelConfig("r", "", false, 0, -1, 256, false);
    assertThat(rexmit.toOpen().channelType()).isEqualTo(0x81);
    assertThat(rexmit.sendOptions(false)).isEqualTo(SendOptions.maxRetransmits(false, 0));
    assertThat(rexmit.sendOptions(true)).isEqualTo(SendOptions.maxRetransmits(true, 0));
    ChannelConfig timed = new ChannelConfig("t", "", true, -1, 150, 256, false);
    assertThat(timed.toOpen().channelType()).isEqualTo(0x02);
    assertThat(timed.toOpen().reliabilityParameter()).isEqualTo(150);
    assertThat(timed.sendOptions(false)).isEqualTo(SendOptions.maxLifetime(true, 150_000_000L));
    assertThat(ChannelConfig.fromOpen(timed.toOpen())).isEqualTo(new ChannelConfig("t", "", true, -1, 150, 256, false));
  }

  @Test
  void abortClosesEveryChannelAndTheTransport() {
    connect();
    StreamId id = a.open(now, ChannelConfig.reliable("c"), OptionalInt.empty());
    flush();
    sa.abort(now, "test");
    flush();
    assertThat(of(evA, ChannelEvent.ChannelClosed.class)).containsExactly(new ChannelEvent.ChannelClosed(id));
    assertThat(of(evB, ChannelEvent.ChannelClosed.class)).containsExactly(new ChannelEvent.ChannelClosed(id));
    assertThat(of(evB, ChannelEvent.TransportClosed.class)).hasSize(1);
    assertThat(of(evB, ChannelEvent.TransportClosed.class).get(0).error()).isTrue();
    assertThatThrownBy(() -> a.open(now, ChannelConfig.reliable("d"), OptionalInt.empty())).isInstanceOf(IllegalStateException.class);
  }
}

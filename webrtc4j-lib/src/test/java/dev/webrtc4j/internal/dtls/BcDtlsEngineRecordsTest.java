package dev.webrtc4j.internal.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webrtc4j.internal.util.Bytes;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The engine's own record layer for application data after the handshake ({@link GcmRecordLayer}):
 * on the wire it must be indistinguishable from BC's, continue BC's sequence numbers, and leave
 * everything that is not application data to BC.
 */
class BcDtlsEngineRecordsTest {
  private static final DtlsEngineFactory OURS = c -> new BcDtlsEngine(c, true);
  private static final DtlsEngineFactory BCS = c -> new BcDtlsEngine(c, false);

  /** Every record one side sent: content type, epoch, sequence number. */
  private record Sent(DtlsRole from, int type, int epoch, long sequence) {}

  private static List<Sent> records(DtlsRole from, ByteBuffer datagram) {
    List<Sent> out = new ArrayList<>();
    int at = datagram.position();
    while (datagram.limit() - at >= 13) {
      out.add(new Sent(from, Byte.toUnsignedInt(datagram.get(at)), Short.toUnsignedInt(datagram.getShort(at + 3)), datagram.getLong(at + 3) & GcmRecordLayer.MAX_SEQUENCE));
      at += 13 + Short.toUnsignedInt(datagram.getShort(at + 11));
    }
    return out;
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    EnginePair.RANDOM.nextBytes(b);
    return b;
  }

  private static List<Bytes> received(EnginePair p, List<DtlsEvent> events) {
    return p.events(events, DtlsEvent.ApplicationData.class).stream().map(DtlsEvent.ApplicationData::data).toList();
  }

  /** Both directions between every combination of record layers: ours must read BC's records and BC ours. */
  @ParameterizedTest(name = "client own records {0}, server own records {1}")
  @CsvSource({"true,true", "true,false", "false,true"})
  void applicationDataAndCloseNotifyCrossBetweenOurRecordLayerAndBcs(boolean clientOwn, boolean serverOwn) throws Exception {
    try (EnginePair p = EnginePair.madeBy(clientOwn ? OURS : BCS, serverOwn ? OURS : BCS)) {
      p.start();
      p.runUntilConnected();
      List<Bytes> toServer = new ArrayList<>();
      List<Bytes> toClient = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        byte[] a = random(1 + EnginePair.RANDOM.nextInt(p.client.maxApplicationDataSize()));
        byte[] b = random(1 + EnginePair.RANDOM.nextInt(p.server.maxApplicationDataSize()));
        p.client.send(ByteBuffer.wrap(a));
        p.server.send(ByteBuffer.wrap(b));
        toServer.add(Bytes.of(a));
        toClient.add(Bytes.of(b));
      }
      p.runUntil(() -> received(p, p.serverEvents).size() == 50 && received(p, p.clientEvents).size() == 50, Duration.ofSeconds(10));
      assertThat(received(p, p.serverEvents)).isEqualTo(toServer);
      assertThat(received(p, p.clientEvents)).isEqualTo(toClient);
      assertThat(p.client.droppedDatagrams() + p.server.droppedDatagrams()).isZero();
      // close_notify from the side on our layer: BC's alert goes out renumbered and the peer closes.
      DtlsEngine closer = clientOwn ? p.client : p.server;
      DtlsEngine other = closer == p.client ? p.server : p.client;
      closer.close();
      p.runUntil(() -> other.state() == DtlsState.CLOSED, Duration.ofSeconds(5));
      assertThat(p.events(closer == p.client ? p.serverEvents : p.clientEvents, DtlsEvent.Closed.class)).hasSize(1);
    }
  }

  @Test
  void ourSequenceNumbersContinueRightAfterBcsFinishedAndNeverRepeat() throws Exception {
    List<Sent> sent = new ArrayList<>();
    try (EnginePair p = EnginePair.madeBy(OURS, OURS)) {
      p.filter =
          (from, d) -> {
            sent.addAll(records(from, d));
            return true;
          };
      p.start();
      p.runUntilConnected();
      for (int i = 0; i < 20; i++) {
        p.client.send(ByteBuffer.wrap(new byte[] {(byte) i}));
        p.server.send(ByteBuffer.wrap(new byte[] {(byte) i}));
      }
      p.runUntil(() -> received(p, p.serverEvents).size() == 20 && received(p, p.clientEvents).size() == 20, Duration.ofSeconds(5));
      p.client.close();
      p.runUntil(() -> p.server.state() == DtlsState.CLOSED, Duration.ofSeconds(5));
      for (DtlsRole role : DtlsRole.values()) {
        List<Sent> epoch1 = sent.stream().filter(s -> s.from() == role && s.epoch() == 1).toList();
        // BC's Finished (sequence 0; a loaded machine may add retransmissions of it), then our 20
        // application records, then (the client's) close_notify: one sequence number after the
        // other, none skipped, none twice.
        assertThat(epoch1.getFirst().type()).isEqualTo(22);
        assertThat(epoch1.getFirst().sequence()).isZero();
        for (int i = 0; i < epoch1.size(); i++) {
          assertThat(epoch1.get(i).sequence()).as("%s record %d of %s", role, i, epoch1).isEqualTo(i);
        }
        assertThat(epoch1.stream().filter(s -> s.type() == 23)).hasSize(20);
      }
      List<Sent> client = sent.stream().filter(s -> s.from() == DtlsRole.CLIENT && s.epoch() == 1).toList();
      assertThat(client.getLast().type()).isEqualTo(21);
      assertThat(client.get(client.size() - 2).type()).isEqualTo(23);
    }
  }

  /**
   * The server's last flight is lost after the server took its epoch over and sent data: BC
   * answers the client's retransmission with its Finished again, under a sequence number of BC's
   * that we already used; it must leave renumbered, and the client must still complete.
   */
  @Test
  void bcsRetransmittedFinishedAfterOurDataIsRenumbered() throws Exception {
    List<Sent> sent = new ArrayList<>();
    AtomicInteger lost = new AtomicInteger();
    try (EnginePair p = EnginePair.madeBy(OURS, OURS)) {
      p.filter =
          (from, d) -> {
            sent.addAll(records(from, d));
            boolean lastFlight = from == DtlsRole.SERVER && (d.get(0) == 20 || (d.get(0) == 22 && d.getShort(3) == 1));
            boolean data = from == DtlsRole.SERVER && d.get(0) == 23;
            return !((lastFlight && lost.getAndIncrement() < 1) || (data && p.client.state() != DtlsState.CONNECTED));
          };
      p.start();
      p.runUntil(() -> p.server.state() == DtlsState.CONNECTED, Duration.ofSeconds(10));
      for (int i = 0; i < 3; i++) {
        p.server.send(ByteBuffer.wrap(new byte[] {(byte) i})); // sequence numbers 1..3, lost on the way
      }
      p.runUntilConnected();
      p.server.send(ByteBuffer.wrap(new byte[] {9}));
      p.runUntil(() -> !received(p, p.clientEvents).isEmpty(), Duration.ofSeconds(5));
      assertThat(received(p, p.clientEvents)).containsExactly(Bytes.of(new byte[] {9}));
      List<Long> serverEpoch1 = sent.stream().filter(s -> s.from() == DtlsRole.SERVER && s.epoch() == 1).map(Sent::sequence).toList();
      assertThat(serverEpoch1).doesNotHaveDuplicates();
      assertThat(sent.stream().filter(s -> s.from() == DtlsRole.SERVER && s.epoch() == 1 && s.type() == 22).count()).isGreaterThanOrEqualTo(2);
    }
  }

  @Test
  void aReplayedDatagramIsDeliveredOnceAndCounted() throws Exception {
    try (EnginePair p = EnginePair.madeBy(OURS, OURS)) {
      p.start();
      p.runUntilConnected();
      p.client.send(ByteBuffer.wrap(new byte[] {1, 2, 3}));
      ByteBuffer d = p.client.pollTransmit();
      assertThat(d).isNotNull();
      long before = p.server.droppedDatagrams();
      p.server.handleDatagram(p.now, d.duplicate());
      p.server.handleDatagram(p.now, d.duplicate());
      p.shuttle();
      assertThat(received(p, p.serverEvents)).containsExactly(Bytes.of(new byte[] {1, 2, 3}));
      assertThat(p.server.droppedDatagrams()).isEqualTo(before + 1);
      assertThat(p.server.state()).isEqualTo(DtlsState.CONNECTED);
    }
  }

  @Test
  void aTamperedRecordIsDroppedAndTheNextArrives() throws Exception {
    try (EnginePair p = EnginePair.madeBy(OURS, OURS)) {
      p.start();
      p.runUntilConnected();
      p.client.send(ByteBuffer.wrap(new byte[] {1}));
      p.client.send(ByteBuffer.wrap(new byte[] {2}));
      ByteBuffer first = p.client.pollTransmit();
      ByteBuffer second = p.client.pollTransmit();
      assertThat(first).isNotNull();
      assertThat(second).isNotNull();
      ByteBuffer bad = ByteBuffer.allocate(first.remaining()).put(first.duplicate()).flip();
      bad.put(bad.limit() - 1, (byte) (bad.get(bad.limit() - 1) ^ 1));
      long before = p.server.droppedDatagrams();
      p.server.handleDatagram(p.now, bad);
      p.server.handleDatagram(p.now, second);
      p.server.handleDatagram(p.now, first); // the genuine one, late: its sequence number was not used up
      p.shuttle();
      assertThat(received(p, p.serverEvents)).containsExactly(Bytes.of(new byte[] {2}), Bytes.of(new byte[] {1}));
      assertThat(p.server.droppedDatagrams()).isEqualTo(before + 1);
      assertThat(p.server.state()).isEqualTo(DtlsState.CONNECTED);
    }
  }

  @Test
  void aRecordOfAnotherEpochIsNotDeliveredAndTheAssociationStays() throws Exception {
    try (EnginePair p = EnginePair.madeBy(OURS, OURS)) {
      p.start();
      p.runUntilConnected();
      p.client.send(ByteBuffer.wrap(new byte[] {5}));
      ByteBuffer d = p.client.pollTransmit();
      assertThat(d).isNotNull();
      ByteBuffer epoch2 = ByteBuffer.allocate(d.remaining()).put(d.duplicate()).flip();
      epoch2.putShort(3, (short) 2);
      p.server.handleDatagram(p.now, epoch2);
      p.shuttle();
      assertThat(received(p, p.serverEvents)).isEmpty();
      assertThat(p.server.state()).isEqualTo(DtlsState.CONNECTED);
      p.server.handleDatagram(p.now, d);
      p.shuttle();
      assertThat(received(p, p.serverEvents)).containsExactly(Bytes.of(new byte[] {5}));
    }
  }

  /** sendOwned with room around the data protects it in place; without room (or on BC's layer) it copies, as send. */
  @ParameterizedTest(name = "own records {0}")
  @CsvSource({"true", "false"})
  void aHandedOverBufferWithRoomBecomesTheRecord(boolean own) throws Exception {
    try (EnginePair p = EnginePair.madeBy(own ? OURS : BCS, OURS)) {
      p.start();
      p.runUntilConnected();
      int head = p.client.recordHeadroom();
      int tail = p.client.recordTailroom();
      assertThat(head).isEqualTo(own ? 21 : 0);
      assertThat(tail).isEqualTo(own ? 16 : 0);
      byte[] data = random(p.client.maxApplicationDataSize());
      byte[] array = new byte[head + data.length + tail];
      System.arraycopy(data, 0, array, head, data.length);
      p.client.sendOwned(ByteBuffer.wrap(array, head, data.length).slice());
      p.client.sendOwned(ByteBuffer.wrap(new byte[] {7})); // no room: copied
      ByteBuffer first = p.client.pollTransmit();
      assertThat(first).isNotNull();
      assertThat(first.hasArray() && first.array() == array).isEqualTo(own);
      p.server.handleDatagram(p.now, first);
      p.shuttle();
      p.runUntil(() -> received(p, p.serverEvents).size() == 2, Duration.ofSeconds(5));
      assertThat(received(p, p.serverEvents)).containsExactly(Bytes.of(data), Bytes.of(new byte[] {7}));
    }
  }

  @Test
  void recordsSentTogetherInOneDatagramAllArrive() throws Exception {
    try (EnginePair p = EnginePair.madeBy(OURS, OURS)) {
      p.start();
      p.runUntilConnected();
      p.client.send(ByteBuffer.wrap(new byte[] {1}));
      p.client.send(ByteBuffer.wrap(new byte[] {2}));
      ByteBuffer a = p.client.pollTransmit();
      ByteBuffer b = p.client.pollTransmit();
      assertThat(a).isNotNull();
      assertThat(b).isNotNull();
      ByteBuffer both = ByteBuffer.allocate(a.remaining() + b.remaining()).put(a).put(b).flip();
      p.server.handleDatagram(p.now, both);
      p.shuttle();
      assertThat(received(p, p.serverEvents)).containsExactly(Bytes.of(new byte[] {1}), Bytes.of(new byte[] {2}));
    }
  }
}

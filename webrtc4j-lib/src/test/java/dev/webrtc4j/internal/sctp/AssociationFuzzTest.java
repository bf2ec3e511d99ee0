package dev.webrtc4j.internal.sctp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Stateful Jazzer target (dcSCTP's fuzzer idea): an established association gets fuzzed
 * packets, stamped with its own verification tag and a correct CRC32c so they reach the chunk
 * handlers, interleaved with API calls and time jumps. It must never throw, and its receive
 * buffer must stay bounded.
 */
class AssociationFuzzTest {
  @FuzzTest
  void feedPackets(FuzzedDataProvider data) {
    SctpOptions opts = SctpOptions.defaults().withBuffers(16 * 1200, 64 * 1024);
    Peers p = new Peers(opts);
    p.connect();
    Association target = p.b;
    Association.Tcb tcb = ((Association.Established) target.state()).tcb();
    int tag = tcb.localTag;
    long now = p.now;
    while (data.remainingBytes() > 0) {
      switch (data.consumeInt(0, 5)) {
        case 0, 1, 2 -> {
          byte[] chunks = data.consumeBytes(data.consumeInt(0, 1500));
          ByteBuffer pkt = ByteBuffer.allocate(12 + chunks.length);
          pkt.putShort((short) 5000).putShort((short) 5000).putInt(data.consumeBoolean() ? tag : data.consumeInt()).putInt(0).put(chunks);
          int crc = SctpPacket.crc32c(pkt, 0, pkt.capacity());
          pkt.order(ByteOrder.LITTLE_ENDIAN).putInt(8, crc).order(ByteOrder.BIG_ENDIAN);
          target.handleDatagram(now, pkt.flip());
        }
        case 3 -> now += data.consumeLong(0, 120_000_000_000L);
        case 4 -> target.send(now, new StreamId(data.consumeInt(0, 65535)), 53,
            ByteBuffer.wrap(data.consumeBytes(1 + data.consumeInt(0, 3000)).length == 0 ? new byte[1] : new byte[1 + data.consumeInt(0, 3000)]),
            data.consumeBoolean() ? SendOptions.RELIABLE_ORDERED : SendOptions.maxRetransmits(false, 0));
        default -> target.resetStreams(now, java.util.List.of(new StreamId(data.consumeInt(0, 65535))));
      }
      if (target.pollTimeout() <= now) {
        target.handleTimeout(now);
      }
      while (target.pollTransmit() != null) {}
      while (target.pollEvent() != null) {}
      if (target.state() instanceof Association.Established e) {
        assertThat(e.tcb().in.bufferedBytes()).isLessThanOrEqualTo(2L * opts.receiveBufferBytes());
      }
    }
  }
}

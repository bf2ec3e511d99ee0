package dev.webrtc4j.testkit.stack;

import static dev.webrtc4j.testkit.stack.SimStackPair.MS;
import static dev.webrtc4j.testkit.stack.SimStackPair.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import dev.webrtc4j.internal.sctp.Association;
import dev.webrtc4j.internal.sctp.DataChannelController.ChannelConfig;
import dev.webrtc4j.internal.sctp.DataChannelController.ChannelEvent;
import dev.webrtc4j.internal.sctp.DataChunk;
import dev.webrtc4j.internal.sctp.SctpOptions;
import dev.webrtc4j.internal.sctp.SctpPacket;
import dev.webrtc4j.internal.sctp.Ssn;
import dev.webrtc4j.internal.sctp.StreamId;
import dev.webrtc4j.internal.sctp.Tsn;
import dev.webrtc4j.internal.util.Datagram;
import dev.webrtc4j.testkit.net.LinkConditions;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A peer that ignores the advertised window: once the stacks are connected, DATA chunks forged
 * with the right verification tag are pushed straight into B's stack (as datagrams from A's
 * address, in fake-DTLS records) far faster than any window allows, and none of them can be
 * delivered. B's receive buffer must never hold more than its configured bound, and B must give
 * up on the peer (ABORT) rather than keep dropping forever.
 */
class SimSctpFloodTest {
  static final int RECEIVE_BUFFER = 256 * 1024;
  static final SctpOptions SCTP = SctpOptions.defaults().withBuffers(RECEIVE_BUFFER, 16L * 1024 * 1024);
  static final int PAYLOAD = 1100;
  static final StreamId STREAM = new StreamId(7);

  enum Flood {
    /** Unordered first fragments that never get their end: reassembly must not grow. */
    FRAGMENTS_WITHOUT_END,
    /** Complete ordered messages behind a missing SSN: the ordering queue must not grow. */
    MESSAGES_BEHIND_A_GAP,
    /** Chunks that fill holes below the highest TSN, which the receiver takes up to twice its window. */
    HOLE_FILLERS
  }

  record Connected(SimStackPair pair, Tsn lastTsnFromA, int tagOfB) {}

  static Connected connect(long seed) {
    SimStackPair p = SimStackPair.builder(seed).link(LinkConditions.delay(20 * MS)).sctp(SCTP).build();
    p.connect(30 * SECOND);
    ChannelConfig config = new ChannelConfig("flood", "", true, -1, -1, 256, true);
    p.a().openChannel(config, OptionalInt.of(STREAM.value()));
    p.b().openChannel(config, OptionalInt.of(STREAM.value()));
    p.a().send(STREAM, new byte[] {0, 0, 0, 0});
    assertThat(p.runUntil(() -> p.b().messages(STREAM).size() == 1, p.now() + 10 * SECOND)).isTrue();
    p.runFor(SECOND); // SACKs settle; nothing else is in flight
    List<SctpTap.Data> sent = p.a().tap().sent(SctpTap.Data.class);
    return new Connected(p, sent.getLast().tsn(), p.a().tap().lastSentVerificationTag());
  }

  static Datagram forged(Connected c, DataChunk chunk) {
    ByteBuffer sctp = new SctpPacket(SimStackPair.SCTP_PORT, SimStackPair.SCTP_PORT, c.tagOfB(), List.of(chunk)).toBuffer();
    ByteBuffer record = ByteBuffer.allocate(1 + sctp.remaining());
    record.put((byte) SctpTap.APPLICATION_DATA).put(sctp).flip();
    return new Datagram(SimStackPair.ADDRESS_A, SimStackPair.ADDRESS_B, record);
  }

  static DataChunk chunk(Tsn tsn, int ssn, boolean unordered, boolean begin, boolean end) {
    return new DataChunk(tsn, STREAM, new Ssn(ssn), 53, ByteBuffer.wrap(new byte[PAYLOAD]), false, unordered, begin, end);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("floods")
  void aPeerIgnoringTheWindowCannotGrowTheReceiveBufferPastItsBound(Flood flood) {
    Connected c = connect(flood.ordinal() + 1);
    SimStackPair p = c.pair();
    SimStack b = p.b();
    Association assoc = b.association();
    Tsn next = c.lastTsnFromA().next(); // never sent: every forged chunk sits behind this hole
    int chunks = 20_000;
    for (int i = 0; i < chunks && !assoc.isTerminated(); i++) {
      DataChunk d = switch (flood) {
        case FRAGMENTS_WITHOUT_END -> chunk(next.plus(1 + i), 0, true, true, false);
        // The probe took SSN 0; SSN 1 never comes, so SSNs 2.. wait for it forever.
        case MESSAGES_BEHIND_A_GAP -> chunk(next.plus(1 + i), 2 + i, false, true, true);
        // The highest TSN first, then holes below it, every one a lone middle fragment.
        case HOLE_FILLERS -> chunk(next.plus(i == 0 ? 60_000 : i), 0, true, false, false);
      };
      b.inject(forged(c, d));
      // Let B's SACKs (and finally its ABORT) go out on virtual time.
      p.runFor(0);
    }
    p.runFor(SECOND);
    long bound = flood == Flood.HOLE_FILLERS ? 2L * RECEIVE_BUFFER : RECEIVE_BUFFER;
    System.out.printf("%s: high water %d bytes of %d, overruns %d, terminated %s%n", flood, b.receiveBufferedHighWater(),
        bound, assoc.metrics().receiveOverruns(), assoc.isTerminated());
    assertThat(b.receiveBufferedHighWater()).as("receive buffer high water").isLessThanOrEqualTo(bound)
        // The flood did fill it: the bound, not the flood's end, stopped the growth.
        .isGreaterThan(bound - 2L * (PAYLOAD + 64));
    assertThat(assoc.metrics().receiveOverruns()).isPositive();
    // RFC 9260 §6.2 drops beyond the window; a peer that keeps overrunning it is aborted.
    assertThat(assoc.isTerminated()).as("B aborted the flooding peer").isTrue();
    assertThat(b.channelEvents(ChannelEvent.TransportClosed.class)).singleElement()
        .satisfies(t -> assertThat(t.error()).isTrue());
    assertThat(b.messages(STREAM)).hasSize(1); // only the probe
    // A hears the ABORT.
    assertThat(p.a().channelEvents(ChannelEvent.TransportClosed.class)).hasSize(1);
  }

  static List<Flood> floods() {
    return List.of(Flood.values());
  }
}

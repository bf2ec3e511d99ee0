package dev.webrtc4j.internal.sctp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webrtc4j.internal.util.Bytes;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** RFC 9260 §3.2 / §3.2.1 upper-bit rules and §8.4 out-of-the-blue answers. */
class UnknownInputTest {
  private static final StreamId S = new StreamId(1);

  private static List<Chunk> drain(Association x) {
    List<Chunk> out = new ArrayList<>();
    for (ByteBuffer b; (b = x.pollTransmit()) != null; ) {
      out.addAll(Peers.parse(b).chunks());
    }
    return out;
  }

  private static DataChunk data(Association.Tcb sender, int i) {
    return new DataChunk(new Tsn((int) sender.out.nextTsn + i), S, new Ssn(i), 53, ByteBuffer.wrap(new byte[] {(byte) i}),
        false, false, true, true);
  }

  private static void inject(Peers p, Chunk... chunks) {
    Association.Tcb tb = ((Association.Established) p.b.state()).tcb();
    p.b.handleDatagram(p.now, new SctpPacket(5000, 5000, tb.localTag, List.of(chunks)).toBuffer());
  }

  @Test
  void unknownChunkTypesFollowTheirUpperTwoBits() {
    Peers p = new Peers(SctpOptions.defaults());
    p.connect();
    Association.Tcb ta = ((Association.Established) p.a.state()).tcb();
    // 0x3f (00): stop, discard the rest, no report.
    inject(p, new UnknownChunk(0x3f, 0, Bytes.EMPTY), data(ta, 0));
    p.drainEvents();
    assertThat(p.events(p.eventsB, SctpEvent.Message.class)).isEmpty();
    assertThat(drain(p.b)).noneMatch(c -> c instanceof ErrorChunk);
    // 0x7f (01): stop and report.
    inject(p, new UnknownChunk(0x7f, 0, Bytes.fromHex("aa")), data(ta, 0));
    List<Chunk> answer = drain(p.b);
    p.drainEvents();
    assertThat(p.events(p.eventsB, SctpEvent.Message.class)).isEmpty();
    assertThat(answer).filteredOn(c -> c instanceof ErrorChunk).singleElement()
        .satisfies(c -> assertThat(((ErrorChunk) c).causes().get(0).code()).isEqualTo(ErrorCause.UNRECOGNIZED_CHUNK_TYPE));
    // 0xbf (10): skip and go on, silently.
    inject(p, new UnknownChunk(0xbf, 0, Bytes.EMPTY), data(ta, 0));
    assertThat(drain(p.b)).noneMatch(c -> c instanceof ErrorChunk);
    // 0xff (11): skip, go on, report.
    inject(p, new UnknownChunk(0xff, 0, Bytes.EMPTY), data(ta, 1));
    assertThat(drain(p.b)).anyMatch(c -> c instanceof ErrorChunk);
    p.drainEvents();
    assertThat(p.events(p.eventsB, SctpEvent.Message.class)).hasSize(2);
  }

  @Test
  void unknownInitParameterWithTheReportBitComesBackInTheInitAck() {
    Association b = new Association(SctpOptions.defaults(), new SplittableRandom(3), Peers.fixedSecure(3));
    UnknownParameter report = new UnknownParameter(0xC123, Bytes.fromHex("0102"));
    UnknownParameter skip = new UnknownParameter(0x8123, Bytes.fromHex("03"));
    InitChunk init = new InitChunk(0x1234, 100_000, 10, 10, new Tsn(77), List.of(skip, report));
    b.handleDatagram(0, new SctpPacket(5000, 5000, 0, List.of(init)).toBuffer());
    SctpPacket ack = Peers.parse(b.pollTransmit());
    assertThat(ack.verificationTag()).isEqualTo(0x1234);
    InitAckChunk ia = (InitAckChunk) ack.chunks().get(0);
    assertThat(ia.cookie()).isNotNull();
    List<UnrecognizedParameter> unrec = ia.parameters().stream().filter(UnrecognizedParameter.class::isInstance)
        .map(UnrecognizedParameter.class::cast).toList();
    ByteBuffer expected = ByteBuffer.allocate(report.encodedLength());
    report.writeTo(expected);
    assertThat(unrec).containsExactly(new UnrecognizedParameter(Bytes.of(expected.array())));
    // The INIT ACK is stateless: nothing is pending, no state changed.
    assertThat(b.pollTransmit()).isNull();
    assertThat(b.pollTimeout()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void initWithTagZeroIsDiscardedAndOutOfTheBlueShutdownAckGetsShutdownComplete() {
    Association b = new Association(SctpOptions.defaults(), new SplittableRandom(3), Peers.fixedSecure(3));
    b.handleDatagram(0, new SctpPacket(5000, 5000, 0, List.of(new InitChunk(0, 1000, 1, 1, new Tsn(1), List.of()))).toBuffer());
    assertThat(b.pollTransmit()).isNull();
    b.handleDatagram(0, new SctpPacket(5000, 5000, 0xabcd, List.of(new ShutdownAckChunk())).toBuffer());
    SctpPacket answer = Peers.parse(b.pollTransmit());
    assertThat(answer.verificationTag()).isEqualTo(0xabcd);
    assertThat(answer.chunks()).containsExactly(new ShutdownCompleteChunk(true));
    // A COOKIE ACK out of the blue is discarded silently.
    b.handleDatagram(0, new SctpPacket(5000, 5000, 0xabcd, List.of(new CookieAckChunk())).toBuffer());
    assertThat(b.pollTransmit()).isNull();
  }

  @Test
  void packetsForAnotherPortAreDropped() {
    Peers p = new Peers(SctpOptions.defaults());
    p.connect();
    Association.Tcb tb = ((Association.Established) p.b.state()).tcb();
    Association.Tcb ta = ((Association.Established) p.a.state()).tcb();
    p.b.handleDatagram(p.now, new SctpPacket(5000, 5001, tb.localTag, List.of(data(ta, 0))).toBuffer());
    assertThat(p.b.metrics().droppedOther()).isEqualTo(1);
    p.drainEvents();
    assertThat(p.events(p.eventsB, SctpEvent.Message.class)).isEmpty();
  }

  @Test
  void dataOnAStreamBeyondTheNegotiatedCountIsAcknowledgedReportedAndDiscarded() {
    Peers p = new Peers(SctpOptions.defaults(), SctpOptions.defaults().withStreams(10));
    p.connect();
    // Our own send refuses a stream the peer does not accept...
    assertThat(p.a.send(p.now, new StreamId(12), 53, ByteBuffer.wrap(new byte[] {1}), SendOptions.RELIABLE_ORDERED))
        .isEqualTo(SendResult.INVALID_STREAM);
    // ...so forge one, as a misbehaving peer would.
    Association.Tcb tb = ((Association.Established) p.b.state()).tcb();
    Association.Tcb ta = ((Association.Established) p.a.state()).tcb();
    Tsn tsn = new Tsn((int) ta.out.nextTsn);
    p.b.handleDatagram(p.now, new SctpPacket(5000, 5000, tb.localTag, List.of(new DataChunk(tsn, new StreamId(12),
        new Ssn(0), 53, ByteBuffer.wrap(new byte[] {1}), false, false, true, true))).toBuffer());
    List<Chunk> answer = drain(p.b);
    p.drainEvents();
    assertThat(p.events(p.eventsB, SctpEvent.Message.class)).isEmpty();
    assertThat(answer).filteredOn(c -> c instanceof ErrorChunk).singleElement()
        .satisfies(c -> assertThat(((ErrorChunk) c).causes()).containsExactly(ErrorCause.invalidStreamIdentifier(new StreamId(12))));
    assertThat(answer).filteredOn(c -> c instanceof SackChunk).singleElement()
        .satisfies(c -> assertThat(((SackChunk) c).cumulativeTsnAck()).as("acknowledged").isEqualTo(tsn));
  }
}

package dev.webrtc4j.internal.sctp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * DATA queued before the association is up goes out bundled with the COOKIE ECHO (RFC 9260 §5.1
 * D), is accepted by the receiver, and the set-up (both sides connecting at once, as WebRTC does,
 * §5.2.1/§5.2.4) costs no extra round trip. Packets move in "trips": every packet both sides have
 * is collected first and then delivered, so a trip is one one-way delay.
 */
class CookieEchoBundlingTest {
  private static final StreamId S0 = new StreamId(0);
  private static final SendOptions RELIABLE = new SendOptions(true, -1, -1);

  private static ByteBuffer text(String s) {
    return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String text(SctpEvent.Message m) {
    return StandardCharsets.UTF_8.decode(m.payload().duplicate()).toString();
  }

  /** The packets each side sent in one trip, then delivered to the other side. */
  private record Trip(List<ByteBuffer> fromA, List<ByteBuffer> fromB) {}

  private static Trip trip(Peers p) {
    List<ByteBuffer> fromA = drain(p.a);
    List<ByteBuffer> fromB = drain(p.b);
    for (ByteBuffer pkt : fromA) {
      p.b.handleDatagram(p.now, pkt);
    }
    for (ByteBuffer pkt : fromB) {
      p.a.handleDatagram(p.now, pkt);
    }
    p.drainEvents();
    return new Trip(fromA, fromB);
  }

  private static List<ByteBuffer> drain(Association as) {
    List<ByteBuffer> out = new ArrayList<>();
    for (ByteBuffer pkt; (pkt = as.pollTransmit()) != null; ) {
      out.add(pkt);
    }
    return out;
  }

  private static List<Class<?>> chunkTypes(ByteBuffer pkt) {
    List<Class<?>> out = new ArrayList<>();
    for (Chunk c : Peers.parse(pkt).chunks()) {
      out.add(c.getClass());
    }
    return out;
  }

  @Test
  void dataQueuedBeforeTheAssociationRidesWithTheCookieEchoAndArrivesWithIt() {
    Peers p = new Peers(SctpOptions.defaults());
    assertThat(p.a.send(p.now, S0, 53, text("open"), RELIABLE)).isEqualTo(SendResult.ACCEPTED);
    p.a.connect(p.now);
    trip(p); // INIT
    trip(p); // INIT ACK
    Trip echo = trip(p); // COOKIE ECHO + DATA: B is up and has the message
    assertThat(echo.fromA()).hasSize(1);
    assertThat(chunkTypes(echo.fromA().get(0))).containsExactly(CookieEchoChunk.class, DataChunk.class);
    assertThat(p.b.isEstablished()).isTrue();
    assertThat(p.events(p.eventsB, SctpEvent.Message.class)).extracting(CookieEchoBundlingTest::text).containsExactly("open");
    assertThat(p.a.isEstablished()).isFalse();
    assertThat(p.a.bufferedAmount(S0)).isZero();
    // Until the COOKIE ACK, A sends nothing else (§5.1 D), and says nothing of the buffered amount
    // before Associated.
    assertThat(p.a.send(p.now, S0, 53, text("later"), RELIABLE)).isEqualTo(SendResult.ACCEPTED);
    assertThat(p.a.pollTransmit()).isNull();
    assertThat(p.eventsA).isEmpty();
    Trip ack = trip(p); // COOKIE ACK, with the SACK for the bundled DATA in the same packet
    assertThat(ack.fromB()).hasSize(1);
    assertThat(chunkTypes(ack.fromB().get(0))).containsExactly(CookieAckChunk.class, SackChunk.class);
    assertThat(p.a.isEstablished()).isTrue();
    Association.Tcb ta = ((Association.Established) p.a.state()).tcb();
    assertThat(ta.out.isEmpty()).isTrue();
    assertThat(ta.t3.isRunning()).isFalse();
    assertThat(p.eventsA.get(0)).isInstanceOf(SctpEvent.Associated.class);
    p.flush();
    assertThat(p.events(p.eventsB, SctpEvent.Message.class)).extracting(CookieEchoBundlingTest::text)
        .containsExactly("open", "later");
    assertThat(p.a.metrics().retransmissions()).isZero();
  }

  @Test
  void receiverAcceptsDataBundledAfterACookieEchoItDidNotBuild() {
    // B only answers; the COOKIE ECHO packet is put together here, as another stack would.
    Peers p = new Peers(SctpOptions.defaults());
    p.a.connect(p.now);
    p.b.handleDatagram(p.now, p.a.pollTransmit());
    p.a.handleDatagram(p.now, p.b.pollTransmit()); // INIT ACK
    SctpPacket echo = Peers.parse(p.a.pollTransmit());
    assertThat(echo.chunks()).hasSize(1); // nothing was queued on A
    Association.Tcb ta = ((Association.CookieEchoed) p.a.state()).tcb();
    DataChunk d1 = new DataChunk(new Tsn((int) ta.out.nextTsn), S0, new Ssn(0), 53, text("one"), false, false, true, true);
    DataChunk d2 = new DataChunk(d1.tsn().plus(1), S0, new Ssn(1), 51, text("two"), false, false, true, true);
    SctpPacket bundled = new SctpPacket(echo.sourcePort(), echo.destinationPort(), echo.verificationTag(),
        List.of(echo.chunks().get(0), d1, d2));
    p.b.handleDatagram(p.now, bundled.toBuffer());
    p.drainEvents();
    assertThat(p.b.isEstablished()).isTrue();
    assertThat(p.events(p.eventsB, SctpEvent.Message.class)).extracting(CookieEchoBundlingTest::text)
        .containsExactly("one", "two");
    ByteBuffer answer = p.b.pollTransmit();
    assertThat(chunkTypes(answer)).containsExactly(CookieAckChunk.class, SackChunk.class);
    SackChunk sack = (SackChunk) Peers.parse(answer).chunks().get(1);
    assertThat(sack.cumulativeTsnAck()).isEqualTo(d2.tsn());
  }

  @Test
  void initCollisionEstablishesBothSidesInThreeTripsWithoutDuplicateWork() {
    Peers p = new Peers(SctpOptions.defaults());
    assertThat(p.a.send(p.now, S0, 53, text("open"), RELIABLE)).isEqualTo(SendResult.ACCEPTED);
    // Both sides start when DTLS is up: the INITs cross (§5.2.1).
    p.a.connect(p.now);
    p.b.connect(p.now);
    Trip inits = trip(p);
    assertThat(inits.fromA()).hasSize(1);
    assertThat(inits.fromB()).hasSize(1);
    Trip initAcks = trip(p);
    // Each side answers the other's INIT once, with the tag of its own INIT (§5.2.1).
    assertThat(initAcks.fromA()).hasSize(1);
    assertThat(initAcks.fromB()).hasSize(1);
    assertThat(chunkTypes(initAcks.fromA().get(0))).containsExactly(InitAckChunk.class);
    Trip echoes = trip(p);
    // Both sides are up after three one-way trips (§5.2.4 D on each side), one trip sooner than
    // when one side initiates alone, and B has A's message from A's COOKIE ECHO.
    assertThat(chunkTypes(echoes.fromA().get(0))).containsExactly(CookieEchoChunk.class, DataChunk.class);
    assertThat(echoes.fromB()).hasSize(1);
    assertThat(chunkTypes(echoes.fromB().get(0))).containsExactly(CookieEchoChunk.class);
    assertThat(p.a.isEstablished()).isTrue();
    assertThat(p.b.isEstablished()).isTrue();
    assertThat(p.events(p.eventsB, SctpEvent.Message.class)).extracting(CookieEchoBundlingTest::text).containsExactly("open");
    Trip acks = trip(p);
    assertThat(acks.fromA()).hasSize(1);
    assertThat(chunkTypes(acks.fromA().get(0))).containsExactly(CookieAckChunk.class);
    assertThat(chunkTypes(acks.fromB().get(0))).containsExactly(CookieAckChunk.class, SackChunk.class);
    p.flush();
    assertThat(p.events(p.eventsA, SctpEvent.Associated.class)).hasSize(1);
    assertThat(p.events(p.eventsB, SctpEvent.Associated.class)).hasSize(1);
    assertThat(p.events(p.eventsB, SctpEvent.Message.class)).hasSize(1);
    // Four packets each way in all; nothing was dropped as unexpected or retransmitted.
    assertThat(p.a.metrics().packetsSent()).isEqualTo(4);
    assertThat(p.b.metrics().packetsSent()).isEqualTo(4);
    assertThat(p.a.metrics().droppedOther() + p.b.metrics().droppedOther()).isZero();
    assertThat(p.a.metrics().retransmissions()).isZero();
    assertThat(((Association.Established) p.a.state()).tcb().out.isEmpty()).isTrue();
  }

  @Test
  void oneSidedSetUpTakesFourTripsForTheInitiator() {
    Peers p = new Peers(SctpOptions.defaults());
    p.a.connect(p.now);
    for (int i = 0; i < 3; i++) {
      trip(p);
    }
    assertThat(p.b.isEstablished()).isTrue();
    assertThat(p.a.isEstablished()).isFalse();
    trip(p);
    assertThat(p.a.isEstablished()).isTrue();
  }

  @Test
  void lostCookieEchoIsResentWithItsDataWhichArrivesOnce() {
    Peers p = new Peers(SctpOptions.defaults());
    p.a.send(p.now, S0, 53, text("open"), RELIABLE);
    p.a.send(p.now, S0, 51, text("hello"), RELIABLE);
    p.a.connect(p.now);
    trip(p);
    trip(p);
    ByteBuffer lost = p.a.pollTransmit();
    assertThat(chunkTypes(lost)).containsExactly(CookieEchoChunk.class, DataChunk.class, DataChunk.class);
    assertThat(p.a.pollTimeout()).isEqualTo(p.now + SctpOptions.defaults().t1TimeoutNanos());
    p.now = p.a.pollTimeout();
    p.a.handleTimeout(p.now); // T1-cookie
    ByteBuffer again = p.a.pollTransmit();
    assertThat(chunkTypes(again)).containsExactly(CookieEchoChunk.class, DataChunk.class, DataChunk.class);
    assertThat(p.a.metrics().retransmissions()).isEqualTo(2);
    p.b.handleDatagram(p.now, again);
    p.flush();
    assertThat(p.a.isEstablished()).isTrue();
    assertThat(p.events(p.eventsB, SctpEvent.Message.class)).extracting(CookieEchoBundlingTest::text)
        .containsExactly("open", "hello");
    assertThat(((Association.Established) p.a.state()).tcb().out.isEmpty()).isTrue();
  }

  @Test
  void dataLostAfterAnAcceptedCookieEchoIsRecoveredByT3OnceUp() {
    // A peer that takes the COOKIE ECHO but not the DATA behind it: T3-rtx, started when the
    // association comes up, resends the DATA.
    Peers p = new Peers(SctpOptions.defaults());
    p.a.send(p.now, S0, 53, text("open"), RELIABLE);
    p.a.connect(p.now);
    trip(p);
    trip(p);
    SctpPacket echo = Peers.parse(p.a.pollTransmit());
    SctpPacket cookieOnly = new SctpPacket(echo.sourcePort(), echo.destinationPort(), echo.verificationTag(),
        List.of(echo.chunks().get(0)));
    p.b.handleDatagram(p.now, cookieOnly.toBuffer());
    p.a.handleDatagram(p.now, p.b.pollTransmit()); // COOKIE ACK
    assertThat(p.a.isEstablished()).isTrue();
    Association.Tcb ta = ((Association.Established) p.a.state()).tcb();
    assertThat(ta.t3.isRunning()).isTrue();
    p.runUntil(p.now + Peers.ms(2000));
    assertThat(p.events(p.eventsB, SctpEvent.Message.class)).extracting(CookieEchoBundlingTest::text).containsExactly("open");
    assertThat(ta.out.isEmpty()).isTrue();
    assertThat(p.a.metrics().t3Expiries()).isEqualTo(1);
  }

  @Test
  void dataBundledWithAStaleCookieKeepsItsTsnsThroughTheNewInit() {
    Peers p = new Peers(SctpOptions.defaults(), SctpOptions.defaults().withCookieLifetime(Peers.ms(10)));
    p.a.send(p.now, S0, 53, text("open"), RELIABLE);
    p.a.connect(p.now);
    trip(p);
    trip(p);
    ByteBuffer echo = p.a.pollTransmit();
    assertThat(chunkTypes(echo)).containsExactly(CookieEchoChunk.class, DataChunk.class);
    p.now += Peers.ms(50);
    p.b.handleDatagram(p.now, echo); // stale: ERROR, and the DATA goes with the packet
    assertThat(p.b.isEstablished()).isFalse();
    p.a.handleDatagram(p.now, p.b.pollTransmit());
    assertThat(p.a.state()).isInstanceOf(Association.CookieWait.class);
    p.flush();
    assertThat(p.a.isEstablished()).isTrue();
    assertThat(p.b.isEstablished()).isTrue();
    assertThat(p.events(p.eventsB, SctpEvent.Message.class)).extracting(CookieEchoBundlingTest::text).containsExactly("open");
    assertThat(((Association.Established) p.a.state()).tcb().out.isEmpty()).isTrue();
  }

  @Test
  void cookieEchoPacketNeverExceedsTheMtu() {
    SctpOptions o = SctpOptions.defaults().withMtu(600);
    Peers p = new Peers(o);
    p.a.send(p.now, S0, 51, ByteBuffer.allocate(5000), RELIABLE);
    p.a.connect(p.now);
    trip(p);
    trip(p);
    ByteBuffer echo = p.a.pollTransmit();
    assertThat(chunkTypes(echo)).containsExactly(CookieEchoChunk.class, DataChunk.class);
    assertThat(echo.remaining()).isLessThanOrEqualTo(600).isGreaterThan(600 - 4 - DataChunk.HEADER_LENGTH);
    p.b.handleDatagram(p.now, echo);
    p.flush();
    assertThat(p.events(p.eventsB, SctpEvent.Message.class)).singleElement()
        .satisfies(m -> assertThat(m.payload().remaining()).isEqualTo(5000));
  }
}

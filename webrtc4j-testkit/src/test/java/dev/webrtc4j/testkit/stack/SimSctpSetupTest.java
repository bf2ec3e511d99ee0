package dev.webrtc4j.testkit.stack;

import static dev.webrtc4j.testkit.stack.SimStackPair.MS;
import static dev.webrtc4j.testkit.stack.SimStackPair.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import dev.webrtc4j.internal.pc.TransportStack.StackEvent;
import dev.webrtc4j.internal.sctp.DataChannelController.ChannelConfig;
import dev.webrtc4j.internal.sctp.DataChannelController.ChannelEvent;
import dev.webrtc4j.internal.sctp.StreamId;
import dev.webrtc4j.testkit.net.LinkConditions;
import java.util.OptionalInt;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Set-up latency of SCTP and DCEP through the whole stack on virtual time, counted in one-way
 * delays of a 50 ms link (nothing else takes virtual time). Both stacks connect SCTP when their
 * DTLS is up, so the INITs cross; one side's DTLS is up one one-way delay before the other's (the
 * DTLS server with BouncyCastle, the client with the fake engine used here), and its INIT travels
 * with its last flight. A channel made before the association is up has its DCEP OPEN carried by
 * the COOKIE ECHO (RFC 9260 §5.1 D): the peer's {@code datachannel} comes with the peer's
 * association.
 */
class SimSctpSetupTest {
  private static final long ONE_WAY = 50 * MS;
  private static final long SEED = 11;

  private record Times(long openerDtls, long peerDtls, long openedAtOpener, long incomingAtPeer, long peerSctpUp) {
    long bothDtls() {
      return Math.max(openerDtls, peerDtls);
    }

    long bothOpen() {
      return Math.max(openedAtOpener, incomingAtPeer);
    }
  }

  private static long firstAt(SimStack s, Predicate<StackEvent> which) {
    return s.events().stream().filter(t -> which.test(t.value())).mapToLong(SimStack.Timed::at).findFirst().orElse(-1);
  }

  private static boolean channel(StackEvent e, Class<? extends ChannelEvent> type) {
    return e instanceof StackEvent.Channel c && type.isInstance(c.event());
  }

  private static SimStackPair pair() {
    return SimStackPair.builder(SEED).link(LinkConditions.delay(ONE_WAY)).build();
  }

  /** Whether A's DTLS is up before B's (a run without channels; the seed makes it the same run). */
  private static boolean aIsUpFirst() {
    SimStackPair p = pair();
    p.connect(20 * SECOND);
    long a = firstAt(p.a(), e -> e instanceof StackEvent.DtlsConnected);
    long b = firstAt(p.b(), e -> e instanceof StackEvent.DtlsConnected);
    assertThat(Math.abs(a - b)).isEqualTo(ONE_WAY);
    return a < b;
  }

  private static Times openEarly(boolean onTheFirstSideUp) {
    boolean onA = aIsUpFirst() == onTheFirstSideUp;
    SimStackPair p = pair();
    SimStack opener = onA ? p.a() : p.b();
    SimStack peer = onA ? p.b() : p.a();
    StreamId id = opener.openChannel(ChannelConfig.reliable("early"), OptionalInt.empty());
    assertThat(p.runUntil(() -> !peer.channelEvents(ChannelEvent.Incoming.class).isEmpty()
        && !opener.channelEvents(ChannelEvent.Opened.class).isEmpty(), p.now() + 20 * SECOND)).isTrue();
    assertThat(peer.channelEvents(ChannelEvent.Incoming.class).getFirst().id()).isEqualTo(id);
    Times t = new Times(firstAt(opener, e -> e instanceof StackEvent.DtlsConnected),
        firstAt(peer, e -> e instanceof StackEvent.DtlsConnected),
        firstAt(opener, e -> channel(e, ChannelEvent.Opened.class)),
        firstAt(peer, e -> channel(e, ChannelEvent.Incoming.class)), peer.sctpUpAt());
    assertThat(t.peerDtls() - t.openerDtls()).isEqualTo(onTheFirstSideUp ? ONE_WAY : -ONE_WAY);
    return t;
  }

  @Test
  void aChannelOfTheSideUpFirstIsAtThePeerWithItsAssociation() {
    // The bench's case: the offerer (the DTLS server, up first with BouncyCastle) makes the channel.
    Times t = openEarly(true);
    // INIT ACK, then the opener's COOKIE ECHO with the OPEN: the peer is up and has the channel
    // two delays after both have DTLS, and the opener is up on the peer's COOKIE ECHO one later.
    assertThat(t.incomingAtPeer()).isEqualTo(t.peerSctpUp());
    assertThat(t.incomingAtPeer() - t.bothDtls()).isEqualTo(2 * ONE_WAY);
    assertThat(t.openedAtOpener() - t.bothDtls()).isEqualTo(3 * ONE_WAY);
    // Before the bundling the OPEN left only when the opener was up: 4 delays.
    assertThat(t.bothOpen() - t.bothDtls()).isEqualTo(3 * ONE_WAY);
  }

  @Test
  void aChannelOfTheSideUpSecondIsAtThePeerWithItsAssociation() {
    Times t = openEarly(false);
    // The opener is up on the first side's COOKIE ECHO in the turn in which it echoes that
    // side's cookie, with the OPEN behind it: the peer has both one delay later.
    assertThat(t.openedAtOpener() - t.bothDtls()).isEqualTo(2 * ONE_WAY);
    assertThat(t.incomingAtPeer()).isEqualTo(t.peerSctpUp());
    assertThat(t.bothOpen() - t.bothDtls()).isEqualTo(3 * ONE_WAY);
  }
}

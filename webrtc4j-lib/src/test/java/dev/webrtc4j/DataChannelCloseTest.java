package dev.webrtc4j;

import static dev.webrtc4j.DataChannelLoopback.await;
import static dev.webrtc4j.DataChannelLoopback.settle;
import static org.assertj.core.api.Assertions.assertThat;

import dev.webrtc4j.DataChannelLoopback.Pair;
import dev.webrtc4j.DataChannelLoopback.Recorder;
import dev.webrtc4j.spi.Settings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 4, closing: a channel's close() (RFC 8831 §6.7 stream reset) seen on both sides, the
 * stream id free again afterwards, and close() of the whole connection.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DataChannelCloseTest {
  @RegisterExtension final DataChannelLoopback loopback = new DataChannelLoopback();

  @Test
  void closeOnOneSideClosesBothEndsAfterThePendingMessagesAndFreesTheStreamId() {
    Pair p = loopback.pair();
    RTCDataChannel ch = p.a.createDataChannel("to-close");
    Recorder local = new Recorder(ch);
    p.connect();
    await(local.opened);
    Recorder remote = p.atB.next();
    int id = ch.id().orElseThrow();

    // W3C closing procedure: "Finish sending all currently pending messages of the channel."
    for (int i = 0; i < 50; i++) {
      ch.send("last-" + i);
    }
    ch.close();
    // close(): closing at once, and no closing event for the side that called it.
    assertThat(ch.readyState()).isEqualTo(RTCDataChannelState.CLOSING);
    await(local.closed);
    await(remote.closed);
    for (int i = 0; i < 50; i++) {
      assertThat(remote.nextText()).isEqualTo("last-" + i);
    }
    // (bufferedamountlow: the 50 messages went out before the stream was reset.)
    assertThat(local.log()).containsExactly("open", "bufferedamountlow", "close:closed");
    assertThat(remote.log()).containsExactly("datachannel:open", "open", "message", "closing:closing", "close:closed");
    assertThat(ch.readyState()).isEqualTo(RTCDataChannelState.CLOSED);
    assertThat(remote.channel.readyState()).isEqualTo(RTCDataChannelState.CLOSED);

    // The stream id is free on both sides: the next in-band channel of a's parity takes it again.
    Recorder againLocal = DataChannelLoopback.createRecorded(p.a, "reused", RTCDataChannelInit.DEFAULT);
    RTCDataChannel again = againLocal.channel;
    await(againLocal.opened);
    assertThat(again.id()).hasValue(id);
    Recorder againRemote = p.atB.next();
    assertThat(againRemote.channel.id()).hasValue(id);
    assertThat(againRemote.channel.label()).isEqualTo("reused");
    again.send("on the reused stream");
    againRemote.channel.send("back on it");
    assertThat(againRemote.nextText()).isEqualTo("on the reused stream");
    assertThat(againLocal.nextText()).isEqualTo("back on it");
    settle(p.a);
    settle(p.b);
    // Nothing reached the closed channel objects.
    assertThat(remote.messages).isEmpty();
    assertThat(local.messages).isEmpty();
  }

  @Test
  void theRemoteEndClosingIsSeenAsClosingThenCloseAndANegotiatedIdCanBeReused() {
    Pair p = loopback.pair();
    RTCDataChannelInit neg = RTCDataChannelInit.builder().negotiated(true).id(42).build();
    RTCDataChannel a1 = p.a.createDataChannel("neg", neg);
    RTCDataChannel b1 = p.b.createDataChannel("neg", neg);
    Recorder ra1 = new Recorder(a1);
    Recorder rb1 = new Recorder(b1);
    p.connect();
    await(ra1.opened);
    await(rb1.opened);
    // The answerer (DTLS client) closes this time.
    b1.close();
    await(ra1.closed);
    await(rb1.closed);
    assertThat(ra1.log()).containsExactly("open", "closing:closing", "close:closed");
    assertThat(rb1.log()).containsExactly("open", "close:closed");

    Recorder ra2 = DataChannelLoopback.createRecorded(p.a, "neg-again", neg);
    Recorder rb2 = DataChannelLoopback.createRecorded(p.b, "neg-again", neg);
    RTCDataChannel a2 = ra2.channel;
    RTCDataChannel b2 = rb2.channel;
    await(ra2.opened);
    await(rb2.opened);
    a2.send("42 again");
    b2.send("and back");
    assertThat(rb2.nextText()).isEqualTo("42 again");
    assertThat(ra2.nextText()).isEqualTo("and back");
    assertThat(p.atA.all).isEmpty();
    assertThat(p.atB.all).isEmpty();
  }

  @Test
  void aChannelClosedBeforeTheConnectionIsUpClosesWithoutOpeningTakesNoIdAndThePeerNeverHearsOfIt() {
    Pair p = loopback.pair();
    RTCDataChannel early = p.a.createDataChannel("closed-early");
    Recorder earlyEvents = new Recorder(early);
    early.close();
    await(earlyEvents.closed);
    assertThat(early.readyState()).isEqualTo(RTCDataChannelState.CLOSED);
    Recorder kept = new Recorder(p.a.createDataChannel("kept"));
    p.connect();
    await(kept.opened);
    // The first odd id went to the channel that lived, none to the closed one.
    assertThat(kept.channel.id()).hasValue(1);
    assertThat(early.id()).isEmpty();
    Recorder keptAtB = p.atB.next();
    assertThat(keptAtB.channel.label()).isEqualTo("kept");
    kept.channel.send("only this one");
    assertThat(keptAtB.nextText()).isEqualTo("only this one");
    settle(p.a);
    settle(p.b);
    assertThat(earlyEvents.log()).containsExactly("close:closed");
    assertThat(p.atB.all).hasSize(1);
  }

  /**
   * W3C {@code RTCPeerConnection.close()}: every channel of the closing side is closed at
   * once and fires nothing. The peer learns it from DTLS close_notify (we send no SCTP ABORT or
   * SHUTDOWN): its association goes away, so its channels run the "transport closed" steps:
   * closing, then close, without error (W3C §6.2: error only "if the transport was closed with an
   * error"; close_notify is an orderly close). The peer's RTCDtlsTransport becomes closed and so
   * does its RTCSctpTransport. Its connectionState stays "connected" (W3C §4.3.3: ICE still
   * connected and DTLS "connected or closed"), until ICE consent fails (RFC 7675), which makes it
   * "disconnected" and then "failed", as in browsers.
   */
  @Test
  void closingTheConnectionClosesEveryChannelLocallyWithoutEventsAndRemotelyWithCloseEvents() {
    Settings quickConsent = Settings.builder().loopbackOnly()
        .iceTimeouts(Duration.ofMillis(1500), Duration.ofMillis(3000), Duration.ofMillis(300)).build();
    Pair p = new Pair(loopback.create(), loopback.create(RTCConfiguration.DEFAULT, quickConsent));
    List<Recorder> mine = new ArrayList<>();
    for (String label : List.of("one", "two", "three")) {
      mine.add(new Recorder(p.a.createDataChannel(label)));
    }
    RTCDataChannel fromB = p.b.createDataChannel("from-b");
    Recorder fromBLocal = new Recorder(fromB);
    p.connect();
    for (Recorder r : mine) {
      await(r.opened);
    }
    await(fromBLocal.opened);
    List<Recorder> theirs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      theirs.add(p.atB.next());
    }
    Recorder fromBAtA = p.atA.next();
    await(fromBAtA.opened);
    for (Recorder r : theirs) {
      await(r.opened);
    }
    RTCDtlsTransport bDtls = p.b.sctp().orElseThrow().transport();
    RTCSctpTransport bSctp = p.b.sctp().orElseThrow();
    CompletableFuture<RTCPeerConnectionState> connectionStateWhenDtlsClosed = new CompletableFuture<>();
    bDtls.addEventListener(RTCDtlsTransport.STATECHANGE, e -> {
      if (bDtls.state() == RTCDtlsTransportState.CLOSED) {
        connectionStateWhenDtlsClosed.complete(p.b.connectionState());
      }
    });
    List<String> bStates = new CopyOnWriteArrayList<>();
    p.b.addEventListener(RTCPeerConnection.CONNECTIONSTATECHANGE, e -> bStates.add(p.b.connectionState().w3cName()));
    CompletableFuture<Void> bFailed = DataChannelLoopback.state(p.b, RTCPeerConnectionState.FAILED);
    List<String> aEvents = new CopyOnWriteArrayList<>();
    p.a.addEventListener(RTCPeerConnection.CONNECTIONSTATECHANGE, e -> aEvents.add("connectionstatechange"));

    p.a.close();

    // Locally: closed at once, no event at all (W3C close() step "set [[ReadyState]] to closed").
    for (Recorder r : mine) {
      assertThat(r.channel.readyState()).isEqualTo(RTCDataChannelState.CLOSED);
    }
    assertThat(fromBAtA.channel.readyState()).isEqualTo(RTCDataChannelState.CLOSED);
    assertThat(p.a.connectionState()).isEqualTo(RTCPeerConnectionState.CLOSED);
    assertThat(p.a.sctp().orElseThrow().state()).isEqualTo(RTCSctpTransportState.CLOSED);

    // Remotely: every channel, whoever created it, closing then close, no error.
    for (Recorder r : theirs) {
      await(r.closed);
      assertThat(r.log()).as("events of %s at b", r.channel.label())
          .containsExactly("datachannel:open", "open", "closing:closing", "close:closed");
    }
    await(fromBLocal.closed);
    assertThat(fromBLocal.log()).containsExactly("open", "closing:closing", "close:closed");
    assertThat(await(connectionStateWhenDtlsClosed)).isEqualTo(RTCPeerConnectionState.CONNECTED);
    settle(p.b);
    assertThat(bSctp.state()).isEqualTo(RTCSctpTransportState.CLOSED);
    assertThat(bDtls.state()).isEqualTo(RTCDtlsTransportState.CLOSED);

    // Then ICE consent to the closed peer expires.
    await(bFailed);
    // (Through disconnected when a consent check times out first; straight to failed is allowed.)
    assertThat(bStates).isNotEmpty().allMatch(s -> s.equals("disconnected") || s.equals("failed"));
    assertThat(bStates.get(bStates.size() - 1)).isEqualTo("failed");

    // Nothing fired on the closed side, not even for the remote-created channel.
    assertThat(aEvents).isEmpty();
    for (Recorder r : mine) {
      assertThat(r.log()).containsExactly("open");
    }
    assertThat(fromBAtA.log()).containsExactly("datachannel:open", "open");
  }
}

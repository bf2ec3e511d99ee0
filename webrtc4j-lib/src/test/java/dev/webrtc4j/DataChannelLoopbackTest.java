package dev.webrtc4j;

import static dev.webrtc4j.DataChannelLoopback.await;
import static dev.webrtc4j.DataChannelLoopback.settle;
import static org.assertj.core.api.Assertions.assertThat;

import dev.webrtc4j.DataChannelLoopback.Pair;
import dev.webrtc4j.DataChannelLoopback.Recorder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 4, every channel kind, at the {@link RTCPeerConnection} level: two connections in one JVM
 * over loopback UDP with trickled candidates, ICE, DTLS (BouncyCastle), SCTP, DCEP.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DataChannelLoopbackTest {
  @RegisterExtension final DataChannelLoopback loopback = new DataChannelLoopback();

  /** Messages per channel and direction: few enough that loopback never drops one. */
  private static final int MESSAGES = 20;

  private record Kind(String label, RTCDataChannelInit init) {}

  private static List<Kind> kinds() {
    return List.of(
        new Kind("reliable-ordered", RTCDataChannelInit.builder().protocol("chat").priority(RTCPriorityType.HIGH).build()),
        new Kind("reliable-unordered", RTCDataChannelInit.builder().ordered(false).protocol("").build()),
        new Kind("rexmit0-ordered", RTCDataChannelInit.builder().maxRetransmits(0).priority(RTCPriorityType.VERY_LOW).build()),
        new Kind("rexmit0-unordered", RTCDataChannelInit.builder().ordered(false).maxRetransmits(0).protocol("game").build()),
        new Kind("rexmit3-ordered", RTCDataChannelInit.builder().maxRetransmits(3).priority(RTCPriorityType.MEDIUM).build()),
        new Kind("rexmit3-unordered", RTCDataChannelInit.builder().ordered(false).maxRetransmits(3).build()),
        new Kind("lifetime-ordered", RTCDataChannelInit.builder().maxPacketLifeTime(1500).protocol("t").build()),
        new Kind("lifetime-unordered", RTCDataChannelInit.builder().ordered(false).maxPacketLifeTime(65535)
            .priority(RTCPriorityType.LOW).build()),
        // A label and protocol that are not ASCII, to check DCEP carries UTF-8 both ways.
        new Kind("ünïcødé-✓", RTCDataChannelInit.builder().protocol("протокол").build()));
  }

  @Test
  void everyChannelKindOpensOnBothSidesWithTheCreatorsParametersAndCarriesMessages() {
    Pair p = loopback.pair();
    Map<String, Recorder> local = new LinkedHashMap<>();
    List<String> sctpStateAtOpen = new CopyOnWriteArrayList<>();
    for (Kind k : kinds()) {
      RTCDataChannel ch = p.a.createDataChannel(k.label(), k.init());
      // In-band channels have no id until the DTLS role is known (W3C createDataChannel step 20).
      assertThat(ch.id()).isEmpty();
      assertThat(ch.readyState()).isEqualTo(RTCDataChannelState.CONNECTING);
      Recorder r = new Recorder(ch);
      ch.addEventListener(RTCDataChannel.OPEN,
          e -> sctpStateAtOpen.add(p.a.sctp().map(s -> s.state().w3cName()).orElse("none")));
      // Each side sends as soon as its end is open, so the remote's datachannel races the data.
      ch.addEventListener(RTCDataChannel.OPEN, e -> sendNumbered(ch, "a"));
      local.put(k.label(), r);
    }
    // The answerer also creates one before the connection is up: its id comes from its DTLS role.
    RTCDataChannel fromB = p.b.createDataChannel("from-b");
    Recorder fromBLocal = new Recorder(fromB);
    fromB.addEventListener(RTCDataChannel.OPEN, e -> sendNumbered(fromB, "b"));

    p.connect();

    // a=setup: the offerer says actpass, the answerer (b) takes active and is the DTLS client.
    assertThat(p.b.localDescription().orElseThrow().sdp()).contains("a=setup:active");

    Map<String, Recorder> remote = new LinkedHashMap<>();
    for (int i = 0; i < kinds().size(); i++) {
      Recorder r = p.atB.next();
      remote.put(r.channel.label(), r);
    }
    assertThat(remote.keySet()).containsExactlyInAnyOrderElementsOf(local.keySet());

    Set<Integer> ids = new HashSet<>();
    for (Kind k : kinds()) {
      RTCDataChannel mine = local.get(k.label()).channel;
      Recorder theirs = remote.get(k.label());
      await(local.get(k.label()).opened);
      RTCDataChannel peer = theirs.channel;
      // RFC 8832 §6: the DTLS server (a, the offerer) uses odd stream ids.
      assertThat(mine.id()).isPresent();
      assertThat(mine.id().getAsInt() % 2).as("id of %s", k.label()).isEqualTo(1);
      assertThat(ids.add(mine.id().getAsInt())).isTrue();
      assertThat(peer.id()).isEqualTo(mine.id());
      assertThat(peer.label()).isEqualTo(k.label());
      assertThat(peer.protocol()).isEqualTo(k.init().protocol());
      assertThat(peer.ordered()).as("ordered of %s", k.label()).isEqualTo(k.init().ordered());
      assertThat(peer.maxRetransmits()).as("maxRetransmits of %s", k.label()).isEqualTo(k.init().maxRetransmits());
      assertThat(peer.maxPacketLifeTime()).as("maxPacketLifeTime of %s", k.label()).isEqualTo(k.init().maxPacketLifeTime());
      assertThat(peer.priority()).as("priority of %s", k.label()).isEqualTo(k.init().priority());
      assertThat(peer.negotiated()).isFalse();
      assertThat(peer.readyState()).isEqualTo(RTCDataChannelState.OPEN);
      // The local attributes are what was asked for.
      assertThat(mine.maxRetransmits()).isEqualTo(k.init().maxRetransmits());
      assertThat(mine.maxPacketLifeTime()).isEqualTo(k.init().maxPacketLifeTime());

      // The peer answers on its end once it has the channel.
      sendNumbered(peer, "b");
      List<String> atB = receive(theirs, MESSAGES);
      List<String> atA = receive(local.get(k.label()), MESSAGES);
      if (k.init().ordered()) {
        assertThat(atB).as("a→b on %s", k.label()).containsExactlyElementsOf(numbered("a"));
        assertThat(atA).as("b→a on %s", k.label()).containsExactlyElementsOf(numbered("b"));
      } else {
        assertThat(atB).as("a→b on %s", k.label()).containsExactlyInAnyOrderElementsOf(numbered("a"));
        assertThat(atA).as("b→a on %s", k.label()).containsExactlyInAnyOrderElementsOf(numbered("b"));
      }
      // datachannel fires before the channel's open, and both before its first message (b's own
      // sends may add bufferedamountlow in between: that one is about b's sending).
      assertThat(theirs.log().stream().filter(s -> !s.equals("bufferedamountlow")))
          .as("events of the remote %s", k.label()).startsWith("datachannel:open", "open", "message");
    }
    // Channels created before the connection was up opened once SCTP was: in each open listener
    // the connection's RTCSctpTransport was already connected.
    assertThat(sctpStateAtOpen).hasSize(kinds().size()).containsOnly("connected");

    // The DTLS client (b) uses even ids.
    Recorder fromBRemote = p.atA.next();
    await(fromBLocal.opened);
    assertThat(fromB.id()).isPresent();
    assertThat(fromB.id().getAsInt() % 2).isZero();
    assertThat(fromBRemote.channel.id()).isEqualTo(fromB.id());
    assertThat(fromBRemote.channel.label()).isEqualTo("from-b");
    assertThat(receive(fromBRemote, MESSAGES)).containsExactlyElementsOf(numbered("b"));
    assertThat(p.atA.all).hasSize(1);
    assertThat(p.atB.all).hasSize(kinds().size());
  }

  @Test
  void negotiatedChannelsWithTheSameIdOnBothSidesOpenWithoutDcep() {
    Pair p = loopback.pair();
    RTCDataChannelInit odd = RTCDataChannelInit.builder().negotiated(true).id(1).protocol("proto-1")
        .priority(RTCPriorityType.HIGH).build();
    RTCDataChannelInit even = RTCDataChannelInit.builder().negotiated(true).id(10).ordered(false).maxRetransmits(2)
        .protocol("proto-10").priority(RTCPriorityType.LOW).build();
    RTCDataChannel aOdd = p.a.createDataChannel("neg-1", odd);
    RTCDataChannel bOdd = p.b.createDataChannel("neg-1", odd);
    RTCDataChannel aEven = p.a.createDataChannel("neg-10", even);
    RTCDataChannel bEven = p.b.createDataChannel("neg-10", even);
    // An in-band channel of a's parity next to the negotiated id 1: the allocator skips id 1.
    RTCDataChannel aInBand = p.a.createDataChannel("in-band");
    // Negotiated ids are known at once.
    assertThat(aOdd.id()).isEqualTo(OptionalInt.of(1));
    assertThat(bEven.id()).isEqualTo(OptionalInt.of(10));
    Recorder raOdd = new Recorder(aOdd);
    Recorder rbOdd = new Recorder(bOdd);
    Recorder raEven = new Recorder(aEven);
    Recorder rbEven = new Recorder(bEven);
    Recorder raInBand = new Recorder(aInBand);

    p.connect();
    for (Recorder r : List.of(raOdd, rbOdd, raEven, rbEven, raInBand)) {
      await(r.opened);
    }
    for (RTCDataChannel c : List.of(aOdd, bOdd)) {
      assertThat(c.negotiated()).isTrue();
      assertThat(c.label()).isEqualTo("neg-1");
      assertThat(c.protocol()).isEqualTo("proto-1");
      assertThat(c.priority()).isEqualTo(RTCPriorityType.HIGH);
      assertThat(c.id()).isEqualTo(OptionalInt.of(1));
    }
    for (RTCDataChannel c : List.of(aEven, bEven)) {
      assertThat(c.negotiated()).isTrue();
      assertThat(c.ordered()).isFalse();
      assertThat(c.maxRetransmits()).isEqualTo(OptionalInt.of(2));
      assertThat(c.protocol()).isEqualTo("proto-10");
      assertThat(c.id()).isEqualTo(OptionalInt.of(10));
    }
    assertThat(aInBand.id()).isEqualTo(OptionalInt.of(3));

    aOdd.send("a on 1");
    bOdd.send("b on 1");
    aEven.send(new byte[] {1, 2, 3});
    bEven.send(new byte[] {4, 5});
    assertThat(rbOdd.nextText()).isEqualTo("a on 1");
    assertThat(raOdd.nextText()).isEqualTo("b on 1");
    assertThat(rbEven.nextBinary()).containsExactly(1, 2, 3);
    assertThat(raEven.nextBinary()).containsExactly(4, 5);

    // The in-band channel is the only one b hears about; messages stayed on their own streams.
    Recorder inBandAtB = p.atB.next();
    assertThat(inBandAtB.channel.label()).isEqualTo("in-band");
    assertThat(inBandAtB.channel.id()).isEqualTo(OptionalInt.of(3));
    aInBand.send("in band");
    assertThat(inBandAtB.nextText()).isEqualTo("in band");
    settle(p.a);
    settle(p.b);
    assertThat(p.atA.all).isEmpty();
    assertThat(p.atB.all).hasSize(1);
    assertThat(raOdd.messages).isEmpty();
    assertThat(rbOdd.messages).isEmpty();
  }

  @Test
  void channelsCreatedAfterTheConnectionIsUpOpenWithoutRenegotiation() {
    Pair p = loopback.pair();
    RTCDataChannel first = p.a.createDataChannel("first");
    Recorder firstLocal = new Recorder(first);
    p.connect();
    await(firstLocal.opened);
    p.atB.next();
    settle(p.a);
    settle(p.b);
    List<String> negotiationNeeded = new CopyOnWriteArrayList<>();
    p.a.setOnNegotiationNeeded(e -> negotiationNeeded.add("a"));
    p.b.setOnNegotiationNeeded(e -> negotiationNeeded.add("b"));

    // From the offerer, and from the answerer, which had no channel of its own yet.
    Recorder lateALocal = DataChannelLoopback.createRecorded(p.a, "late-a", RTCDataChannelInit.builder().protocol("x").build());
    Recorder lateBLocal = DataChannelLoopback.createRecorded(p.b, "late-b", RTCDataChannelInit.builder().ordered(false).build());
    RTCDataChannel lateA = lateALocal.channel;
    RTCDataChannel lateB = lateBLocal.channel;
    await(lateALocal.opened);
    await(lateBLocal.opened);
    assertThat(lateA.id().orElseThrow() % 2).isEqualTo(1);
    assertThat(lateB.id().orElseThrow() % 2).isZero();
    Recorder lateAAtB = p.atB.next();
    Recorder lateBAtA = p.atA.next();
    assertThat(lateAAtB.channel.label()).isEqualTo("late-a");
    assertThat(lateAAtB.channel.protocol()).isEqualTo("x");
    assertThat(lateBAtA.channel.label()).isEqualTo("late-b");
    assertThat(lateBAtA.channel.ordered()).isFalse();
    lateA.send("from a");
    lateB.send("from b");
    assertThat(lateAAtB.nextText()).isEqualTo("from a");
    assertThat(lateBAtA.nextText()).isEqualTo("from b");
    lateAAtB.channel.send("reply to a");
    assertThat(lateALocal.nextText()).isEqualTo("reply to a");
    assertThat(lateALocal.log()).startsWith("open");
    assertThat(lateBLocal.log()).startsWith("open");

    settle(p.a);
    settle(p.b);
    assertThat(negotiationNeeded).as("negotiationneeded after the m=application exists").isEmpty();
    assertThat(p.a.signalingState()).isEqualTo(RTCSignalingState.STABLE);
  }

  // ---------------------------------------------------------------- helpers

  private static List<String> numbered(String from) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < MESSAGES; i++) {
      out.add(from + "-" + i);
    }
    return out;
  }

  private static void sendNumbered(RTCDataChannel ch, String from) {
    for (String m : numbered(from)) {
      ch.send(m);
    }
  }

  private static List<String> receive(Recorder r, int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(r.nextText());
    }
    return out;
  }
}

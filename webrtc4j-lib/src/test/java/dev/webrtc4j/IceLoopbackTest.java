package dev.webrtc4j;

import static dev.webrtc4j.IceSupport.connected;
import static dev.webrtc4j.IceSupport.gatheringComplete;
import static dev.webrtc4j.IceSupport.sdpAttribute;
import static dev.webrtc4j.IceSupport.sdpCandidates;
import static dev.webrtc4j.Peers.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.webrtc4j.IceSupport.Peer;
import dev.webrtc4j.IceSupport.Probe;
import dev.webrtc4j.IceSupport.Recorder;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 3 at the RTCPeerConnection level: two connections in one JVM gather on loopback and
 * connect, with trickled candidates and without (complete descriptions); the W3C ICE events and
 * states of the connection and of its {@link RTCIceTransport}, in order.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IceLoopbackTest {
  @RegisterExtension final IceSupport ice = new IceSupport();

  /** The candidate attribute ("candidate:...") of every non-null icecandidate event of {@code pc}. */
  private static List<String> trickledCandidates(RTCPeerConnection pc) {
    List<String> out = Collections.synchronizedList(new ArrayList<>());
    pc.addEventListener(RTCPeerConnection.ICECANDIDATE, e -> e.candidate().ifPresent(c -> out.add(c.candidate())));
    return out;
  }

  private static List<String> candidateStrings(List<RTCIceCandidate> candidates) {
    return candidates.stream().map(RTCIceCandidate::candidate).toList();
  }

  private static void assertLoopback(RTCIceCandidate c) throws UnknownHostException {
    assertThat(InetAddress.getByName(c.address().orElseThrow()).isLoopbackAddress()).as("%s is loopback", c).isTrue();
  }

  @Test
  void trickledCandidatesConnectWithTheW3cEventsInOrder() throws Exception {
    Peer pa = ice.create(RTCConfiguration.DEFAULT);
    Peer pb = ice.create(RTCConfiguration.DEFAULT);
    RTCPeerConnection a = pa.pc();
    RTCPeerConnection b = pb.pc();
    Recorder rec = new Recorder();
    rec.connection("a", a);
    rec.connection("b", b);
    List<String> aTrickled = trickledCandidates(a);
    List<String> bTrickled = trickledCandidates(b);
    LoopbackConnectionTest.Trickle trickle = new LoopbackConnectionTest.Trickle(a, b);
    // A transceiver gives the offerer's ICE transport a public handle (sender.transport) once the
    // offer is applied; the data channel is the proof that data passes.
    RTCRtpTransceiver at = a.addTransceiver("audio", RTCRtpTransceiverInit.of(RTCRtpTransceiverDirection.RECVONLY));
    Probe probe = new Probe(a, b, "trickle");
    CompletableFuture<Void> aConnected = connected(a);
    CompletableFuture<Void> bConnected = connected(b);
    CompletableFuture<Void> aComplete = gatheringComplete(a);
    CompletableFuture<Void> bComplete = gatheringComplete(b);

    RTCSessionDescription offer = await(a.createOffer());
    // Hold a's listeners while the offer is applied, so that its transport's listeners are in
    // place before its first event is delivered.
    Runnable release = pa.dispatch().hold();
    CompletableFuture<Void> applied = a.setLocalDescription(offer);
    a.setConfiguration(a.getConfiguration()); // a synchronous call: runs on the loop after the offer
    RTCIceTransport ta = at.sender().transport().orElseThrow().iceTransport();
    assertThat(ta.gatheringState()).isEqualTo(RTCIceGathererState.NEW);
    assertThat(ta.state()).isEqualTo(RTCIceTransportState.NEW);
    rec.transport("a.t", ta);
    release.run();
    await(applied);

    await(b.setRemoteDescription(offer));
    trickle.bHasRemote.complete(null);
    RTCIceTransport tb = b.getTransceivers().get(0).sender().transport().orElseThrow().iceTransport();
    assertThat(tb.gatheringState()).isEqualTo(RTCIceGathererState.NEW);
    rec.transport("b.t", tb);
    RTCSessionDescription answer = await(b.createAnswer());
    await(b.setLocalDescription(answer));
    await(a.setRemoteDescription(answer));
    trickle.aHasRemote.complete(null);

    await(aConnected);
    await(bConnected);
    probe.assertRoundTrip();
    await(aComplete);
    await(bComplete);
    // End-of-candidates from the peer's null candidate (a signalling channel would send it).
    await(a.addIceCandidate());
    await(b.addIceCandidate());
    pa.dispatch().flush();
    pb.dispatch().flush();

    for (String who : List.of("a", "b")) {
      RTCPeerConnection pc = who.equals("a") ? a : b;
      RTCIceTransport t = who.equals("a") ? ta : tb;
      List<String> trickled = who.equals("a") ? aTrickled : bTrickled;
      List<String> peerTrickled = who.equals("a") ? bTrickled : aTrickled;
      String sdp = pc.localDescription().orElseThrow().sdp();

      // Gathering: new -> gathering -> complete on both objects; candidates, then the null one.
      assertThat(rec.values(who + ".icegatheringstatechange:")).containsExactly("gathering", "complete");
      assertThat(rec.values(who + ".t.gatheringstatechange:")).containsExactly("gathering", "complete");
      List<String> order = rec.values(who + ".");
      int gathering = order.indexOf("icegatheringstatechange:gathering");
      int complete = order.indexOf("icegatheringstatechange:complete");
      int firstCandidate = order.indexOf("icecandidate:host");
      int lastCandidate = order.lastIndexOf("icecandidate:host");
      int nullCandidate = order.indexOf("icecandidate:null");
      assertThat(gathering).as("%s: %s", who, order).isGreaterThanOrEqualTo(0).isLessThan(firstCandidate);
      assertThat(lastCandidate).as("%s: %s", who, order).isLessThan(complete).isLessThan(nullCandidate);
      assertThat(order).as(who).containsOnlyOnce("icecandidate:null");
      assertThat(rec.values(who + ".icecandidate:")).as(who).allMatch(s -> s.equals("host") || s.equals("null"));
      assertThat(rec.values(who + ".icecandidateerror:")).isEmpty();

      // The local description carries what was gathered, and end-of-candidates.
      assertThat(trickled).isNotEmpty();
      assertThat(sdpCandidates(sdp)).containsExactlyInAnyOrderElementsOf(trickled);
      assertThat(sdp).contains("\r\na=end-of-candidates\r\n");
      assertThat(candidateStrings(t.getLocalCandidates())).containsExactlyInAnyOrderElementsOf(trickled);
      assertThat(candidateStrings(t.getRemoteCandidates())).containsExactlyInAnyOrderElementsOf(peerTrickled);
      for (RTCIceCandidate c : t.getLocalCandidates()) {
        assertLoopback(c);
        assertThat(c.type()).contains(RTCIceCandidateType.HOST);
        assertThat(c.usernameFragment()).contains(sdpAttribute(sdp, "ice-ufrag"));
      }

      // Connectivity: checking -> connected (then completed, when nominated and no more candidates).
      assertThat(rec.values(who + ".iceconnectionstatechange:")).as(who).startsWith("checking", "connected")
          .hasSizeBetween(2, 3);
      assertThat(rec.values(who + ".iceconnectionstatechange:").subList(2, rec.values(who + ".iceconnectionstatechange:").size()))
          .allMatch(s -> s.equals("completed"));
      assertThat(rec.values(who + ".t.statechange:")).isEqualTo(rec.values(who + ".iceconnectionstatechange:"));
      assertThat(rec.values(who + ".connectionstatechange:")).containsExactly("connecting", "connected");
      assertThat(pc.iceConnectionState()).isIn(RTCIceConnectionState.CONNECTED, RTCIceConnectionState.COMPLETED);
      assertThat(t.state().w3cName()).isEqualTo(pc.iceConnectionState().w3cName());
      assertThat(t.gatheringState()).isEqualTo(RTCIceGathererState.COMPLETE);
      assertThat(t.component()).isEqualTo(RTCIceComponent.RTP);

      // The selected pair: both ends on loopback, the local end one of ours.
      assertThat(rec.values(who + ".t.selectedcandidatepairchange")).isNotEmpty();
      RTCIceCandidatePair pair = t.getSelectedCandidatePair().orElseThrow();
      assertLoopback(pair.local());
      assertLoopback(pair.remote());
      assertThat(t.getLocalCandidates()).anySatisfy(c -> {
        assertThat(c.address()).isEqualTo(pair.local().address());
        assertThat(c.port()).isEqualTo(pair.local().port());
      });

      // The parameters are the descriptions' a=ice-ufrag / a=ice-pwd.
      String remoteSdp = pc.remoteDescription().orElseThrow().sdp();
      assertThat(t.getLocalParameters()).contains(
          new RTCIceParameters(sdpAttribute(sdp, "ice-ufrag"), sdpAttribute(sdp, "ice-pwd")));
      assertThat(t.getRemoteParameters()).contains(
          new RTCIceParameters(sdpAttribute(remoteSdp, "ice-ufrag"), sdpAttribute(remoteSdp, "ice-pwd")));
    }
    // The offerer controls (RFC 8445 §6.1.1); the selected pairs are the two ends of one path.
    assertThat(ta.role()).isEqualTo(RTCIceRole.CONTROLLING);
    assertThat(tb.role()).isEqualTo(RTCIceRole.CONTROLLED);
    RTCIceCandidatePair pa2 = ta.getSelectedCandidatePair().orElseThrow();
    RTCIceCandidatePair pb2 = tb.getSelectedCandidatePair().orElseThrow();
    assertThat(pa2.local().port()).isEqualTo(pb2.remote().port());
    assertThat(pa2.remote().port()).isEqualTo(pb2.local().port());
  }

  /**
   * W3C §4.4.1.6: the description is applied (signalingstatechange, the promise resolved) in one
   * task, and gathering, which that step starts, reports in later tasks: so an application that
   * awaits setLocalDescription sees every gathering event (WPT
   * RTCPeerConnection-iceGatheringState.html awaits the transitions after the promise).
   */
  @Test
  void gatheringEventsFollowTheSetLocalDescriptionPromise() {
    Peer pa = ice.create(RTCConfiguration.DEFAULT);
    RTCPeerConnection a = pa.pc();
    a.createDataChannel("x");
    Recorder rec = new Recorder();
    rec.connection("a", a);
    a.addEventListener(RTCPeerConnection.SIGNALINGSTATECHANGE, e -> rec.log.add("a.signalingstatechange"));
    CompletableFuture<Void> complete = gatheringComplete(a);
    RTCSessionDescription offer = await(a.createOffer());
    Runnable release = pa.dispatch().hold();
    CompletableFuture<Void> applied = a.setLocalDescription(offer);
    // Attached while the dispatch thread is held: runs there, in order, when the promise resolves.
    CompletableFuture<Void> recorded = applied.thenRun(() -> rec.log.add("a.resolved"));
    release.run();
    await(recorded);
    await(complete);
    List<String> order = rec.values("a.");
    assertThat(order).startsWith("signalingstatechange", "resolved", "icegatheringstatechange:gathering");
  }

  @Test
  void completeDescriptionsWithoutTrickleConnect() {
    Peer pa = ice.create(RTCConfiguration.DEFAULT);
    Peer pb = ice.create(RTCConfiguration.DEFAULT);
    RTCPeerConnection a = pa.pc();
    RTCPeerConnection b = pb.pc();
    Probe probe = new Probe(a, b, "complete");
    CompletableFuture<Void> aComplete = gatheringComplete(a);
    CompletableFuture<Void> bComplete = gatheringComplete(b);
    CompletableFuture<Void> aConnected = connected(a);
    CompletableFuture<Void> bConnected = connected(b);

    await(a.setLocalDescription(await(a.createOffer())));
    await(aComplete);
    RTCSessionDescription offer = a.localDescription().orElseThrow();
    assertThat(sdpCandidates(offer.sdp())).isNotEmpty();
    assertThat(offer.sdp()).contains("\r\na=end-of-candidates\r\n");

    await(b.setRemoteDescription(offer));
    await(b.setLocalDescription(await(b.createAnswer())));
    await(bComplete);
    RTCSessionDescription answer = b.localDescription().orElseThrow();
    assertThat(sdpCandidates(answer.sdp())).isNotEmpty();
    assertThat(answer.sdp()).contains("\r\na=end-of-candidates\r\n");
    await(a.setRemoteDescription(answer));

    await(aConnected);
    await(bConnected);
    probe.assertRoundTrip();
    RTCIceTransport ta = a.sctp().orElseThrow().transport().iceTransport();
    RTCIceTransport tb = b.sctp().orElseThrow().transport().iceTransport();
    // Every remote candidate came from the SDP (nothing was trickled).
    assertThat(candidateStrings(ta.getRemoteCandidates())).containsExactlyInAnyOrderElementsOf(sdpCandidates(answer.sdp()));
    assertThat(candidateStrings(tb.getRemoteCandidates())).containsExactlyInAnyOrderElementsOf(sdpCandidates(offer.sdp()));
    assertThat(candidateStrings(ta.getLocalCandidates())).containsExactlyInAnyOrderElementsOf(sdpCandidates(offer.sdp()));
    assertThat(ta.getSelectedCandidatePair()).isPresent();
    assertThat(tb.getSelectedCandidatePair()).isPresent();
  }

  @Test
  void closeEndsIceAndNoEventFollows() throws Exception {
    Peer pa = ice.create(RTCConfiguration.DEFAULT);
    Peer pb = ice.create(RTCConfiguration.DEFAULT);
    RTCPeerConnection a = pa.pc();
    RTCPeerConnection b = pb.pc();
    LoopbackConnectionTest.Trickle trickle = new LoopbackConnectionTest.Trickle(a, b);
    Probe probe = new Probe(a, b, "close");
    CompletableFuture<Void> aConnected = connected(a);
    CompletableFuture<Void> bConnected = connected(b);
    trickle.negotiate(a, b);
    await(aConnected);
    await(bConnected);
    probe.assertRoundTrip();
    RTCIceTransport ta = a.sctp().orElseThrow().transport().iceTransport();
    RTCDtlsTransport bDtls = b.sctp().orElseThrow().transport();
    CompletableFuture<Void> bSawClose = IceSupport.when(bDtls, RTCDtlsTransport.STATECHANGE,
        () -> bDtls.state() == RTCDtlsTransportState.CLOSED);
    Recorder rec = new Recorder();
    rec.connection("a", a);
    rec.transport("a.t", ta);
    a.addEventListener(RTCPeerConnection.SIGNALINGSTATECHANGE, e -> rec.log.add("a.signalingstatechange"));

    a.close();
    assertThat(a.iceConnectionState()).isEqualTo(RTCIceConnectionState.CLOSED);
    assertThat(a.connectionState()).isEqualTo(RTCPeerConnectionState.CLOSED);
    assertThat(ta.state()).isEqualTo(RTCIceTransportState.CLOSED);
    assertThat(ta.getSelectedCandidatePair()).isEmpty();
    assertThat(a.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    // b hears DTLS close_notify: a's last datagram went out, and a's state tasks would be queued by now.
    await(bSawClose);
    pa.dispatch().flush();
    assertThat(rec.all()).as("events after close()").isEmpty();
    // addIceCandidate after close is rejected (InvalidStateError), without an event.
    assertThat(Peers.rejection(a.addIceCandidate())).isEqualTo("InvalidStateError");
  }
}

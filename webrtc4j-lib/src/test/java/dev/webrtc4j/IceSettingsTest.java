package dev.webrtc4j;

import static dev.webrtc4j.IceSupport.connected;
import static dev.webrtc4j.IceSupport.gatheringComplete;
import static dev.webrtc4j.IceSupport.iceState;
import static dev.webrtc4j.IceSupport.sdpAttribute;
import static dev.webrtc4j.IceSupport.sdpCandidates;
import static dev.webrtc4j.Peers.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.webrtc4j.IceSupport.Peer;
import dev.webrtc4j.IceSupport.Probe;
import dev.webrtc4j.IceSupport.Recorder;
import dev.webrtc4j.IceSupport.Signalling;
import dev.webrtc4j.spi.NetworkFilter;
import dev.webrtc4j.spi.Settings;
import dev.webrtc4j.spi.UdpMuxPort;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The network knobs of {@link Settings} through the connection: port range, a shared UDP mux
 * port, address filters, consent timeouts, and ICE restart.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IceSettingsTest {
  @RegisterExtension final IceSupport ice = new IceSupport();

  private static RTCIceTransport iceTransportOf(RTCPeerConnection pc) {
    return pc.sctp().orElseThrow().transport().iceTransport();
  }

  /** Connects a and b with trickled candidates and a data channel round trip. */
  private static void connect(RTCPeerConnection a, RTCPeerConnection b, String label) {
    Signalling sig = new Signalling(a, b);
    Probe probe = new Probe(a, b, label);
    CompletableFuture<Void> aUp = connected(a);
    CompletableFuture<Void> bUp = connected(b);
    sig.negotiate(a, b);
    await(aUp);
    await(bUp);
    probe.assertRoundTrip();
    assertThat(sig.errors()).isEmpty();
  }

  private static List<RTCIceCandidate> gathered(RTCPeerConnection pc) {
    await(gatheringComplete(pc));
    return iceTransportOf(pc).getLocalCandidates();
  }

  @Test
  void hostCandidatesBindInsideThePortRange() throws Exception {
    // A 32-port window well above the ephemeral range's usual start, found free right now.
    int min;
    try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      min = 20000 + (probe.getLocalPort() % 20000);
    }
    int max = min + 31;
    Settings.Builder s = Settings.builder().loopbackOnly().udpPortRange(min, max);
    RTCPeerConnection a = ice.create(RTCConfiguration.DEFAULT, s).pc();
    RTCPeerConnection b = ice.create(RTCConfiguration.DEFAULT, s).pc();
    connect(a, b, "range");
    for (RTCPeerConnection pc : List.of(a, b)) {
      List<RTCIceCandidate> cs = gathered(pc);
      assertThat(cs).isNotEmpty().allSatisfy(c -> assertThat(c.port().getAsInt()).isBetween(min, max));
      assertThat(sdpCandidates(pc.localDescription().orElseThrow().sdp())).hasSameSizeAs(cs);
      RTCIceCandidatePair pair = iceTransportOf(pc).getSelectedCandidatePair().orElseThrow();
      assertThat(pair.local().port().getAsInt()).isBetween(min, max);
      assertThat(pair.remote().port().getAsInt()).isBetween(min, max);
    }
  }

  @Test
  void connectionsSharingOneUdpMuxPortAllConnect() {
    try (UdpMuxPort mux = UdpMuxPort.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      Settings.Builder server = Settings.builder().loopbackOnly().udpMux(mux);
      int pairs = 3;
      List<RTCPeerConnection> servers = new ArrayList<>();
      List<RTCPeerConnection> clients = new ArrayList<>();
      List<Signalling> signalling = new ArrayList<>();
      List<Probe> probes = new ArrayList<>();
      List<CompletableFuture<Void>> up = new ArrayList<>();
      for (int i = 0; i < pairs; i++) {
        RTCPeerConnection client = ice.create(RTCConfiguration.DEFAULT).pc();
        RTCPeerConnection srv = ice.create(RTCConfiguration.DEFAULT, server).pc();
        clients.add(client);
        servers.add(srv);
        signalling.add(new Signalling(client, srv));
        probes.add(new Probe(client, srv, "mux" + i));
        up.add(connected(client));
        up.add(connected(srv));
      }
      // All negotiations first, then all waits: the pairs run their checks at the same time.
      for (int i = 0; i < pairs; i++) {
        signalling.get(i).negotiate(clients.get(i), servers.get(i));
      }
      up.forEach(Peers::await);
      probes.forEach(Probe::assertRoundTrip);
      for (int i = 0; i < pairs; i++) {
        RTCPeerConnection srv = servers.get(i);
        // Every server candidate is the one shared port; each server's selected pair uses it,
        // towards its own client.
        assertThat(gathered(srv)).isNotEmpty().allSatisfy(c -> {
          assertThat(c.address()).contains(mux.localAddress().getAddress().getHostAddress());
          assertThat(c.port()).hasValue(mux.localAddress().getPort());
        });
        RTCIceCandidatePair pair = iceTransportOf(srv).getSelectedCandidatePair().orElseThrow();
        assertThat(pair.local().port()).hasValue(mux.localAddress().getPort());
        RTCIceCandidatePair clientPair = iceTransportOf(clients.get(i)).getSelectedCandidatePair().orElseThrow();
        assertThat(clientPair.remote().port()).hasValue(mux.localAddress().getPort());
        assertThat(pair.remote().port()).isEqualTo(clientPair.local().port());
        assertThat(signalling.get(i).errors()).isEmpty();
      }
      assertThat(mux.associations()).isGreaterThanOrEqualTo(pairs);
    }
  }

  @Test
  void anIpv4OnlyFilterGathersNoIpv6Candidate() throws Exception {
    NetworkFilter v4 = NetworkFilter.LOOPBACK_ONLY.withIpFilter(addr -> addr instanceof Inet4Address);
    RTCPeerConnection all = ice.create(RTCConfiguration.DEFAULT).pc();
    RTCPeerConnection onlyV4 = ice.create(RTCConfiguration.DEFAULT, Settings.builder().network(v4)).pc();
    RTCPeerConnection families = ice.create(RTCConfiguration.DEFAULT,
        Settings.builder().network(NetworkFilter.LOOPBACK_ONLY.withFamilies(true, false))).pc();
    all.createDataChannel("x");
    onlyV4.createDataChannel("x");
    families.createDataChannel("x");
    for (RTCPeerConnection pc : List.of(all, onlyV4, families)) {
      CompletableFuture<Void> done = gatheringComplete(pc);
      await(pc.setLocalDescription());
      await(done);
    }
    // The unfiltered connection shows the machine has ::1 (so the filters have something to drop).
    assertThat(families(sdpCandidates(all.localDescription().orElseThrow().sdp()))).contains("IPv4", "IPv6");
    assertThat(families(sdpCandidates(onlyV4.localDescription().orElseThrow().sdp()))).containsOnly("IPv4");
    assertThat(families(sdpCandidates(families.localDescription().orElseThrow().sdp()))).containsOnly("IPv4");
    // And the filtered one still connects (to an unfiltered peer).
    RTCPeerConnection peer = ice.create(RTCConfiguration.DEFAULT).pc();
    RTCPeerConnection v4Again = ice.create(RTCConfiguration.DEFAULT, Settings.builder().network(v4)).pc();
    connect(v4Again, peer, "v4");
    RTCIceCandidatePair pair = iceTransportOf(v4Again).getSelectedCandidatePair().orElseThrow();
    assertThat(InetAddress.getByName(pair.local().address().orElseThrow())).isInstanceOf(Inet4Address.class);
  }

  private static List<String> families(List<String> candidates) throws Exception {
    List<String> out = new ArrayList<>();
    for (String c : candidates) {
      InetAddress addr = InetAddress.getByName(new RTCIceCandidate(RTCIceCandidateInit.of(c, "0")).address().orElseThrow());
      out.add(addr instanceof Inet6Address ? "IPv6" : "IPv4");
    }
    return out;
  }

  @Test
  void aPeerGoneSilentIsDisconnectedThenFailedWithinTheConfiguredTimeouts() {
    Duration disconnected = Duration.ofMillis(1500);
    Duration failed = Duration.ofMillis(3000);
    Settings.Builder s = Settings.builder().loopbackOnly().iceTimeouts(disconnected, failed, Duration.ofMillis(300));
    Peer pa = ice.create(RTCConfiguration.DEFAULT, s);
    RTCPeerConnection a = pa.pc();
    Peer pb = ice.create(RTCConfiguration.DEFAULT, s);
    RTCPeerConnection b = pb.pc();
    connect(a, b, "consent");
    Recorder rec = new Recorder();
    rec.connection("a", a);
    rec.connection("b", b);
    rec.transport("b.t", iceTransportOf(b));
    CompletableFuture<Void> bDisconnected = iceState(b, RTCIceConnectionState.DISCONNECTED);
    CompletableFuture<Void> bFailed = iceState(b, RTCIceConnectionState.FAILED);

    long closedAt = System.nanoTime();
    a.close(); // no signalling: b learns it only from the silence (RFC 7675 consent)
    await(bDisconnected);
    long disconnectedAfter = System.nanoTime() - closedAt;
    // Well under the 30 s default failure timeout: the configured 3 s applies.
    try {
      bFailed.get(15, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("b did not fail within 15 s; events " + rec.all(), e);
    }
    long failedAfter = System.nanoTime() - closedAt;
    // The failed task also fires connectionstatechange after iceconnectionstatechange: let it finish.
    pb.dispatch().flush();
    pa.dispatch().flush();

    assertThat(rec.values("b.iceconnectionstatechange:")).containsExactly("disconnected", "failed");
    assertThat(rec.values("b.t.statechange:")).containsExactly("disconnected", "failed");
    assertThat(rec.values("b.connectionstatechange:")).containsExactly("disconnected", "failed");
    assertThat(b.connectionState()).isEqualTo(RTCPeerConnectionState.FAILED);
    // Not before the timeouts (less the last keepalive interval, which may have just passed).
    assertThat(Duration.ofNanos(disconnectedAfter)).isGreaterThanOrEqualTo(disconnected.minusMillis(400));
    assertThat(Duration.ofNanos(failedAfter)).isGreaterThanOrEqualTo(failed.minusMillis(400));
    // The closed side fired nothing meanwhile.
    assertThat(rec.values("a.")).isEmpty();
  }

  @Test
  void restartIceThroughTheConnectionKeepsItConnected() throws Exception {
    Peer pa = ice.create(RTCConfiguration.DEFAULT);
    RTCPeerConnection a = pa.pc();
    RTCPeerConnection b = ice.create(RTCConfiguration.DEFAULT).pc();
    Signalling sig = new Signalling(a, b);
    Probe probe = new Probe(a, b, "before");
    CompletableFuture<Void> aUp = connected(a);
    CompletableFuture<Void> bUp = connected(b);
    sig.negotiate(a, b);
    await(aUp);
    await(bUp);
    probe.assertRoundTrip();
    RTCIceTransport ta = iceTransportOf(a);
    RTCIceTransport tb = iceTransportOf(b);
    String oldUfrag = sdpAttribute(a.localDescription().orElseThrow().sdp(), "ice-ufrag");
    String oldPwd = sdpAttribute(a.localDescription().orElseThrow().sdp(), "ice-pwd");
    String oldRemoteUfrag = sdpAttribute(b.localDescription().orElseThrow().sdp(), "ice-ufrag");

    Recorder rec = new Recorder();
    rec.connection("a", a);
    rec.connection("b", b);
    rec.transport("a.t", ta);
    CompletableFuture<Void> needed = new CompletableFuture<>();
    a.setOnNegotiationNeeded(e -> needed.complete(null));
    CompletableFuture<String> during = new CompletableFuture<>();
    CompletableFuture<String> after = new CompletableFuture<>();
    b.setOnDataChannel(e -> e.channel().setOnMessage(m -> {
      String text = ((MessageEvent.Text) m.data()).text();
      (text.startsWith("during") ? during : after).complete(text);
    }));
    RTCDataChannel dc = a.createDataChannel("restart");
    // Not the first channel: it opens over the running association, without negotiation.

    a.restartIce();
    await(needed);
    // Sent while the restart is under way: the old pair carries it.
    CompletableFuture<Void> open = IceSupport.when(dc, RTCDataChannel.OPEN, () -> dc.readyState() == RTCDataChannelState.OPEN);
    await(open);
    dc.send("during restart");
    CompletableFuture<Void> aComplete = gatheringComplete(a);
    sig.negotiate(a, b);
    String newUfrag = sdpAttribute(a.localDescription().orElseThrow().sdp(), "ice-ufrag");
    assertThat(newUfrag).isNotEqualTo(oldUfrag);
    assertThat(sdpAttribute(a.localDescription().orElseThrow().sdp(), "ice-pwd")).isNotEqualTo(oldPwd);
    assertThat(sdpAttribute(b.localDescription().orElseThrow().sdp(), "ice-ufrag")).isNotEqualTo(oldRemoteUfrag);
    assertThat(await(during)).isEqualTo("during restart");

    // The new generation is checked and selected: gathering ran again with the new ufrag.
    await(aComplete);
    await(iceState(a, RTCIceConnectionState.CONNECTED).applyToEither(iceState(a, RTCIceConnectionState.COMPLETED), v -> v));
    dc.send("after restart");
    assertThat(await(after)).isEqualTo("after restart");
    assertThat(ta.getLocalParameters().orElseThrow().usernameFragment()).isEqualTo(newUfrag);
    assertThat(tb.getRemoteParameters().orElseThrow().usernameFragment()).isEqualTo(newUfrag);
    assertThat(ta.getLocalCandidates()).isNotEmpty().allSatisfy(c -> assertThat(c.usernameFragment()).contains(newUfrag));
    assertThat(sdpCandidates(a.localDescription().orElseThrow().sdp())).hasSameSizeAs(ta.getLocalCandidates());
    assertThat(ta.getSelectedCandidatePair()).isPresent();
    assertThat(rec.values("a.icegatheringstatechange:")).containsExactly("gathering", "complete");
    // The connection never left connected (RFC 8445 §9: the old pair serves until the new one).
    assertThat(rec.values("a.connectionstatechange:")).isEmpty();
    assertThat(rec.values("b.connectionstatechange:")).isEmpty();
    assertThat(a.connectionState()).isEqualTo(RTCPeerConnectionState.CONNECTED);
    assertThat(b.connectionState()).isEqualTo(RTCPeerConnectionState.CONNECTED);
    assertThat(sig.errors()).isEmpty();
  }
}

package dev.webrtc4j;

import static dev.webrtc4j.IceSupport.connected;
import static dev.webrtc4j.IceSupport.sdpCandidates;
import static dev.webrtc4j.Peers.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.webrtc4j.IceSupport.Probe;
import dev.webrtc4j.IceSupport.Signalling;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * TURN over TCP through the connection ({@code turn:...?transport=tcp}, RFC 8656 §3.1): two
 * relay-only connections connect through a real coturn on 127.0.0.1, their relay candidates say
 * relayProtocol tcp. (TLS is covered at the agent level by IceTurnStreamCoturnTest.)
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IceCoturnTcpTest {
  private static IceCoturn coturn;

  @RegisterExtension final IceSupport ice = new IceSupport();

  @BeforeAll
  static void startCoturn() throws Exception {
    coturn = IceCoturn.start();
  }

  @AfterAll
  static void stopCoturn() throws Exception {
    if (coturn != null) {
      coturn.close();
    }
  }

  @BeforeEach
  void requireCoturn() {
    coturn.require();
  }

  @Test
  void relayOnlyConnectionsConnectThroughCoturnOverTcp() throws Exception {
    String url = "turn:127.0.0.1:" + coturn.address().getPort() + "?transport=tcp";
    RTCConfiguration relay = RTCConfiguration.builder()
        .iceServers(RTCIceServer.of(url, IceCoturn.USER, IceCoturn.PASSWORD))
        .iceTransportPolicy(RTCIceTransportPolicy.RELAY).build();
    RTCPeerConnection a = ice.create(relay).pc();
    RTCPeerConnection b = ice.create(relay).pc();
    Signalling sig = new Signalling(a, b);
    Probe probe = new Probe(a, b, "tcp-relay");
    CompletableFuture<Void> aUp = connected(a);
    CompletableFuture<Void> bUp = connected(b);
    sig.negotiate(a, b);
    await(aUp);
    await(bUp);
    probe.assertRoundTrip();
    for (RTCPeerConnection pc : List.of(a, b)) {
      RTCIceTransport t = pc.sctp().orElseThrow().transport().iceTransport();
      assertThat(t.getLocalCandidates()).isNotEmpty()
          .allSatisfy(c -> assertThat(c.type()).contains(RTCIceCandidateType.RELAY))
          .allSatisfy(c -> assertThat(c.relayProtocol()).contains(RTCIceServerTransportProtocol.TCP))
          .allSatisfy(c -> assertThat(c.url()).contains(url));
      assertThat(t.getSelectedCandidatePair().orElseThrow().local().type()).contains(RTCIceCandidateType.RELAY);
      assertThat(sdpCandidates(pc.localDescription().orElseThrow().sdp()))
          .allSatisfy(c -> assertThat(c).contains(" typ relay"));
    }
    assertThat(sig.errors()).isEmpty();
  }
}

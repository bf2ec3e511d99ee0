package dev.webrtc4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webrtc4j.internal.ice.CandidateType;
import dev.webrtc4j.internal.ice.IceCandidate;
import dev.webrtc4j.spi.NatCandidateType;
import dev.webrtc4j.spi.Settings;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Settings.natOneToOne: what a server behind a 1:1 NAT announces (Pion's NAT1To1IPs). */
class NatOneToOneTest {
  @RegisterExtension final Peers peers = new Peers();

  private static final IceCandidate HOST = new IceCandidate("1", 1, "udp", 2122194687L,
      new InetSocketAddress("127.0.0.1", 50000), CandidateType.HOST, null);

  private static Settings nat(NatCandidateType type, String... addresses) throws Exception {
    List<InetAddress> a = new java.util.ArrayList<>();
    for (String s : addresses) {
      a.add(InetAddress.getByName(s));
    }
    return Settings.builder().loopbackOnly().natOneToOne(a, type).build();
  }

  @Test
  void hostModeReplacesTheAddressOfSameFamilyHostCandidatesOnly() throws Exception {
    Settings s = nat(NatCandidateType.HOST, "203.0.113.9", "2001:db8::9");
    List<IceCandidate> out = NatOneToOne.announced(HOST, s);
    assertThat(out).singleElement().satisfies(c -> {
      assertThat(c.address()).isEqualTo(new InetSocketAddress("203.0.113.9", 50000));
      assertThat(c.type()).isEqualTo(CandidateType.HOST);
      assertThat(c.priority()).isEqualTo(HOST.priority());
      assertThat(c.foundation()).isEqualTo(HOST.foundation());
    });
    IceCandidate v6 = new IceCandidate("2", 1, "udp", 2122260223L, new InetSocketAddress("::1", 50001), CandidateType.HOST, null);
    assertThat(NatOneToOne.announced(v6, s)).singleElement()
        .satisfies(c -> assertThat(c.address()).isEqualTo(new InetSocketAddress("2001:db8::9", 50001)));
    assertThat(NatOneToOne.announced(v6, nat(NatCandidateType.HOST, "203.0.113.9"))).containsExactly(v6);
  }

  @Test
  void srflxModeAddsAServerReflexiveCandidateWithTheHostAsRelatedAddress() throws Exception {
    List<IceCandidate> out = NatOneToOne.announced(HOST, nat(NatCandidateType.SERVER_REFLEXIVE, "203.0.113.9"));
    assertThat(out).hasSize(2);
    assertThat(out.get(0)).isEqualTo(HOST);
    IceCandidate srflx = out.get(1);
    assertThat(srflx.type()).isEqualTo(CandidateType.SRFLX);
    assertThat(srflx.address()).isEqualTo(new InetSocketAddress("203.0.113.9", 50000));
    assertThat(srflx.relatedAddress()).isEqualTo(HOST.address());
    assertThat(srflx.priority() >> 24).isEqualTo(100); // RFC 8445 §5.1.2.2 type preference
    assertThat(srflx.foundation()).isNotEqualTo(HOST.foundation());
  }

  @Test
  void theConnectionSignalsTheMappedCandidatesAndStillConnectsThroughItsHostOnes() throws Exception {
    RTCPeerConnection server = peers.create(RTCConfiguration.DEFAULT, nat(NatCandidateType.SERVER_REFLEXIVE, "127.0.0.2"));
    RTCPeerConnection client = peers.create();
    LoopbackConnectionTest.Trickle trickle = new LoopbackConnectionTest.Trickle(server, client);
    CompletableFuture<Void> up = LoopbackConnectionTest.state(server, RTCPeerConnectionState.CONNECTED);
    server.createDataChannel("nat");
    trickle.negotiate(server, client);
    Peers.await(up);
    String sdp = server.localDescription().orElseThrow().sdp();
    assertThat(sdp).containsPattern("a=candidate:\\S+ 1 udp \\d+ 127\\.0\\.0\\.2 \\d+ typ srflx raddr 127\\.0\\.0\\.1 rport \\d+");
  }
}

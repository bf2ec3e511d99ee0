package dev.webrtc4j;

import static dev.webrtc4j.IceSupport.connected;
import static dev.webrtc4j.IceSupport.gatheringComplete;
import static dev.webrtc4j.IceSupport.sdpCandidates;
import static dev.webrtc4j.Peers.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.webrtc4j.IceSupport.Probe;
import dev.webrtc4j.IceSupport.Signalling;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * STUN and TURN servers through the connection, against a real coturn on 127.0.0.1: a
 * server-reflexive candidate, a relay-only connection, and wrong TURN credentials.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IceCoturnTest {
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

  private static List<RTCPeerConnectionIceErrorEvent> errors(RTCPeerConnection pc) {
    List<RTCPeerConnectionIceErrorEvent> out = Collections.synchronizedList(new ArrayList<>());
    pc.addEventListener(RTCPeerConnection.ICECANDIDATEERROR, out::add);
    return out;
  }

  /** Applies an offer and waits until gathering is complete; returns the local description's candidates. */
  private static List<RTCIceCandidate> gather(RTCPeerConnection pc) {
    pc.createDataChannel("gather");
    CompletableFuture<Void> done = gatheringComplete(pc);
    await(pc.setLocalDescription());
    await(done);
    List<RTCIceCandidate> out = new ArrayList<>();
    for (String c : sdpCandidates(pc.localDescription().orElseThrow().sdp())) {
      out.add(new RTCIceCandidate(RTCIceCandidateInit.of(c, "0")));
    }
    return out;
  }

  private static RTCConfiguration servers(RTCIceServer... s) {
    return RTCConfiguration.builder().iceServers(s).build();
  }

  /**
   * On loopback coturn sees the host address itself, so the server-reflexive candidate equals its
   * base and RFC 8445 §5.1.3 removes it as redundant: the answered query leaves no trace in the
   * candidates, gathering completes, and no error is reported.
   */
  @Test
  void aStunServerOnLoopbackAddsNoRedundantSrflx() {
    RTCPeerConnection withStun = ice.create(servers(RTCIceServer.of(coturn.stunUrl()))).pc();
    RTCPeerConnection without = ice.create(RTCConfiguration.DEFAULT).pc();
    List<RTCPeerConnectionIceErrorEvent> errs = errors(withStun);
    List<RTCIceCandidate> cs = gather(withStun);
    assertThat(cs).isNotEmpty().allSatisfy(c -> assertThat(c.type()).contains(RTCIceCandidateType.HOST));
    assertThat(cs).hasSameSizeAs(gather(without));
    assertThat(errs).isEmpty();
  }

  /**
   * Through a port-forwarding "NAT" on loopback (the server sees 127.0.0.2), coturn's answer gives
   * a server-reflexive candidate that differs from its base: proof that the STUN server was asked
   * and its XOR-MAPPED-ADDRESS used.
   */
  @Test
  void aStunServerBehindAForwarderGivesASrflxCandidate() throws Exception {
    try (Forwarder nat = new Forwarder(coturn.address(), InetAddress.getByName("127.0.0.2"))) {
      RTCPeerConnection pc = ice.create(servers(RTCIceServer.of("stun:127.0.0.1:" + nat.port()))).pc();
      List<RTCPeerConnectionIceErrorEvent> errs = errors(pc);
      List<RTCIceCandidate> events = Collections.synchronizedList(new ArrayList<>());
      pc.addEventListener(RTCPeerConnection.ICECANDIDATE, e -> e.candidate().ifPresent(events::add));
      List<RTCIceCandidate> cs = gather(pc);
      List<RTCIceCandidate> srflx = cs.stream().filter(c -> c.type().orElseThrow() == RTCIceCandidateType.SRFLX).toList();
      assertThat(srflx).as("%s", cs).hasSize(1);
      RTCIceCandidate s = srflx.get(0);
      InetSocketAddress mapped = nat.outsideAddress();
      assertThat(s.address()).contains("127.0.0.2");
      assertThat(s.port()).hasValue(mapped.getPort());
      // Its base is our IPv4 host candidate (raddr/rport).
      RTCIceCandidate host = cs.stream()
          .filter(c -> c.type().orElseThrow() == RTCIceCandidateType.HOST && c.address().orElseThrow().equals("127.0.0.1"))
          .findFirst().orElseThrow();
      assertThat(s.relatedAddress()).contains("127.0.0.1");
      assertThat(s.relatedPort()).isEqualTo(host.port());
      assertThat(nat.client()).isEqualTo(new InetSocketAddress(InetAddress.getLoopbackAddress(), host.port().getAsInt()));
      // The same candidate went out as an icecandidate event.
      assertThat(events).anySatisfy(c -> {
        assertThat(c.candidate()).isEqualTo(s.candidate());
        assertThat(c.type()).contains(RTCIceCandidateType.SRFLX);
      });
      assertThat(errs).isEmpty();
    }
  }

  @Test
  void relayOnlyConnectionsConnectThroughCoturn() throws Exception {
    RTCConfiguration relay = RTCConfiguration.builder().iceServers(coturn.turn(IceCoturn.PASSWORD))
        .iceTransportPolicy(RTCIceTransportPolicy.RELAY).build();
    RTCPeerConnection a = ice.create(relay).pc();
    RTCPeerConnection b = ice.create(relay).pc();
    List<RTCPeerConnectionIceErrorEvent> errs = errors(a);
    errs.addAll(errors(b));
    List<String> trickled = Collections.synchronizedList(new ArrayList<>());
    for (RTCPeerConnection pc : List.of(a, b)) {
      pc.addEventListener(RTCPeerConnection.ICECANDIDATE, e -> e.candidate().ifPresent(c -> trickled.add(c.candidate())));
    }
    Signalling sig = new Signalling(a, b);
    Probe probe = new Probe(a, b, "relay");
    CompletableFuture<Void> aUp = connected(a);
    CompletableFuture<Void> bUp = connected(b);
    CompletableFuture<Void> aDone = gatheringComplete(a);
    CompletableFuture<Void> bDone = gatheringComplete(b);
    sig.negotiate(a, b);
    await(aUp);
    await(bUp);
    probe.assertRoundTrip();
    await(aDone);
    await(bDone);
    for (RTCPeerConnection pc : List.of(a, b)) {
      List<String> sdp = sdpCandidates(pc.localDescription().orElseThrow().sdp());
      assertThat(sdp).isNotEmpty().allSatisfy(c -> assertThat(c).contains(" typ relay"));
      RTCIceTransport t = pc.sctp().orElseThrow().transport().iceTransport();
      assertThat(t.getLocalCandidates()).isNotEmpty()
          .allSatisfy(c -> assertThat(c.type()).contains(RTCIceCandidateType.RELAY))
          .allSatisfy(c -> assertThat(c.relayProtocol()).contains(RTCIceServerTransportProtocol.UDP));
      RTCIceCandidatePair pair = t.getSelectedCandidatePair().orElseThrow();
      assertThat(pair.local().type()).contains(RTCIceCandidateType.RELAY);
      assertThat(pair.remote().type()).contains(RTCIceCandidateType.RELAY);
      // Relayed addresses are coturn's (127.0.0.1, from its --min-port..--max-port range).
      assertThat(pair.local().address()).contains("127.0.0.1");
    }
    assertThat(trickled).isNotEmpty().allSatisfy(c -> assertThat(c).contains(" typ relay"));
    assertThat(errs).isEmpty();
    assertThat(sig.errors()).isEmpty();
  }

  @Test
  void wrongTurnCredentialsFireIcecandidateerror401AndGatheringCompletes() {
    RTCPeerConnection pc = ice.create(servers(coturn.turn("not-the-password"))).pc();
    List<RTCPeerConnectionIceErrorEvent> errs = errors(pc);
    List<RTCIceCandidate> cs = gather(pc);
    // Gathering completed (gather waited for it) with host candidates only, and no relay.
    assertThat(cs).isNotEmpty().noneMatch(c -> c.type().orElseThrow() == RTCIceCandidateType.RELAY);
    assertThat(errs).hasSize(1);
    RTCPeerConnectionIceErrorEvent e = errs.get(0);
    assertThat(e.type()).isEqualTo("icecandidateerror");
    assertThat(e.errorCode()).isEqualTo(401);
    assertThat(e.url()).startsWith("turn:127.0.0.1:" + coturn.address().getPort());
    assertThat(e.address()).contains("127.0.0.1");
    RTCIceCandidate host = cs.stream().filter(c -> c.address().orElseThrow().equals("127.0.0.1")).findFirst().orElseThrow();
    assertThat(e.port()).isEqualTo(host.port());
  }

  /**
   * A one-client UDP forwarder: datagrams to {@link #port()} on 127.0.0.1 go to the server from a
   * socket on {@code outside}; the server's answers go back to the client. What a NAT does.
   */
  private static final class Forwarder implements AutoCloseable {
    private final DatagramSocket inside;
    private final DatagramSocket outside;
    private final InetSocketAddress server;
    private volatile InetSocketAddress client;
    private final AtomicInteger forwarded = new AtomicInteger();

    Forwarder(InetSocketAddress server, InetAddress outsideAddress) throws IOException {
      this.server = server;
      inside = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      outside = new DatagramSocket(new InetSocketAddress(outsideAddress, 0));
      Thread.ofPlatform().daemon().name("nat-in").start(() -> pump(inside, true));
      Thread.ofPlatform().daemon().name("nat-out").start(() -> pump(outside, false));
    }

    private void pump(DatagramSocket from, boolean toServer) {
      byte[] buf = new byte[2048];
      while (!from.isClosed()) {
        try {
          DatagramPacket p = new DatagramPacket(buf, buf.length);
          from.receive(p);
          if (toServer) {
            client = new InetSocketAddress(p.getAddress(), p.getPort());
            outside.send(new DatagramPacket(p.getData(), p.getLength(), server));
          } else if (client != null && p.getSocketAddress().equals(server)) {
            inside.send(new DatagramPacket(p.getData(), p.getLength(), client));
          }
          forwarded.incrementAndGet();
        } catch (IOException closed) {
          return;
        }
      }
    }

    int port() {
      return inside.getLocalPort();
    }

    InetSocketAddress outsideAddress() {
      return (InetSocketAddress) outside.getLocalSocketAddress();
    }

    InetSocketAddress client() {
      return client;
    }

    @Override
    public void close() {
      inside.close();
      outside.close();
    }
  }
}

package dev.webrtc4j.internal.ice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webrtc4j.internal.io.StreamConnector;
import dev.webrtc4j.internal.io.TestTls;
import dev.webrtc4j.internal.io.UdpIo;
import dev.webrtc4j.internal.stun.CoturnServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two relay-only {@link IceAgent}s on real sockets connect through a real coturn on 127.0.0.1 with
 * the client-to-server leg over TCP and over TLS (a self-signed certificate made here, trusted
 * through the connector's {@code SSLContext}); wrong credentials over TCP give coturn's 401, an
 * untrusted certificate a 701. The relayed leg between the two allocations is UDP on loopback.
 *
 * <p>Aborted when coturn is not installed, failed instead with {@code WEBRTC4J_REQUIRE_COTURN=1}.
 */
@Timeout(60)
class IceTurnStreamCoturnTest {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static final TestTls TLS = TestTls.selfSigned();
  private static CoturnServer coturn;
  private static UdpIo io;
  private long seed = 1;

  @BeforeAll
  static void start() throws Exception {
    if (CoturnServer.installed()) {
      Path dir = Files.createTempDirectory("webrtc4j-turns");
      TLS.writePem(dir.resolve("cert.pem"), dir.resolve("key.pem"));
      coturn = CoturnServer.start(dir.resolve("cert.pem"), dir.resolve("key.pem"));
    }
    io = new UdpIo("test-udp");
  }

  @AfterAll
  static void stop() throws Exception {
    if (coturn != null) {
      coturn.close();
    }
    if (io != null) {
      io.close();
    }
  }

  @BeforeEach
  void requireCoturn() {
    CoturnServer.requireInstalled();
  }

  private RealSocketAgent agent(String name, IceCredentials local, IceRole role, IceServer server, StreamConnector connector) {
    IceConfig config = IceConfig.builder(local, role, seed * 1000).transportPolicy(IceTransportPolicy.RELAY)
        .gatherLoopback(true).server(server).build();
    return new RealSocketAgent(name, config, seed++, io, connector);
  }

  private static IceServer tcpServer(String password) {
    return new IceServer("turn:127.0.0.1:" + coturn.address.getPort() + "?transport=tcp", coturn.address,
        CoturnServer.USER, password);
  }

  private static IceServer tlsServer() {
    InetSocketAddress tls = coturn.tlsAddress;
    return new IceServer("turns:127.0.0.1:" + tls.getPort(), tls, CoturnServer.USER, CoturnServer.PASSWORD);
  }

  private StreamConnector trusting() {
    return new StreamConnector(TLS.trustingContext(), Duration.ofSeconds(10));
  }

  @Test
  void relayOnlyAgentsConnectThroughCoturnOverTcp() throws Exception {
    connectThrough(tcpServer(CoturnServer.PASSWORD), RelayProtocol.TCP, coturn.address);
  }

  @Test
  void relayOnlyAgentsConnectThroughCoturnOverTls() throws Exception {
    connectThrough(tlsServer(), RelayProtocol.TLS, coturn.tlsAddress);
  }

  private void connectThrough(IceServer server, RelayProtocol protocol, InetSocketAddress serverAddress) throws Exception {
    try (RealSocketAgent a = agent("a", IceAgentTest.CA, IceRole.CONTROLLING, server, trusting());
        RealSocketAgent b = agent("b", IceAgentTest.CB, IceRole.CONTROLLED, server, trusting())) {
      InetSocketAddress aHost = a.openSocket();
      b.openSocket();
      a.run(x -> x.startGathering(System.nanoTime()));
      b.run(x -> x.startGathering(System.nanoTime()));
      IceEvent.LocalCandidate ca = a.await(IceEvent.LocalCandidate.class);
      IceEvent.LocalCandidate cb = b.await(IceEvent.LocalCandidate.class);
      a.await(IceEvent.EndOfCandidates.class);
      b.await(IceEvent.EndOfCandidates.class);
      assertThat(a.events).as("no candidate errors: " + coturn.logs()).noneMatch(e -> e instanceof IceEvent.CandidateError);

      for (IceEvent.LocalCandidate c : List.of(ca, cb)) {
        assertThat(c.relayProtocol()).isEqualTo(protocol);
        assertThat(c.url()).isEqualTo(server.url());
        assertThat(c.candidate().type()).isEqualTo(CandidateType.RELAY);
        assertThat(c.candidate().protocol()).isEqualTo("udp");
        assertThat(c.candidate().address().getAddress()).isEqualTo(LOOPBACK);
      }
      // raddr is what coturn saw: the stream's local TCP address, not the UDP host socket.
      assertThat(ca.candidate().relatedAddress().getAddress()).isEqualTo(LOOPBACK);
      assertThat(a.allStreams).hasSize(1);
      assertThat(ca.candidate().relatedAddress()).isNotEqualTo(aHost);

      a.run(x -> {
        x.setRemoteCredentials(System.nanoTime(), IceAgentTest.CB);
        x.addRemoteCandidate(System.nanoTime(), cb.candidate());
        x.endOfRemoteCandidates(System.nanoTime());
      });
      b.run(x -> {
        x.setRemoteCredentials(System.nanoTime(), IceAgentTest.CA);
        x.addRemoteCandidate(System.nanoTime(), ca.candidate());
        x.endOfRemoteCandidates(System.nanoTime());
      });
      IceEvent.SelectedPairChanged sa = a.await(IceEvent.SelectedPairChanged.class, e -> e.pair() != null);
      IceEvent.SelectedPairChanged sb = b.await(IceEvent.SelectedPairChanged.class, e -> e.pair() != null);
      assertThat(sa.pair().local()).isEqualTo(ca.candidate());
      assertThat(sa.pair().remote().address()).isEqualTo(cb.candidate().address());
      assertThat(sb.pair().local()).isEqualTo(cb.candidate());

      a.run(x -> assertThat(x.sendAppData(System.nanoTime(), IceTestNet.data("through coturn over " + protocol))).isTrue());
      IceEvent.AppData atB = b.await(IceEvent.AppData.class);
      assertThat(IceTestNet.text(atB.payload())).isEqualTo("through coturn over " + protocol);
      // Back the other way, after the channel bind that followed selection (odd length: padded).
      b.run(x -> assertThat(x.sendAppData(System.nanoTime(), IceTestNet.data("and back"))).isTrue());
      IceEvent.AppData atA = a.await(IceEvent.AppData.class);
      assertThat(IceTestNet.text(atA.payload())).isEqualTo("and back");
      b.run(x -> x.sendAppData(System.nanoTime(), IceTestNet.data("odd")));
      assertThat(IceTestNet.text(a.await(IceEvent.AppData.class).payload())).isEqualTo("odd");
      assertThat(a.allStreams.getFirst().writesDropped()).isZero();
    }
    // RealSocketAgent.close waited for every stream's threads to end and checked none was left open.
  }

  @Test
  void wrongCredentialsOverTcpAreACandidateErrorWithCoturns401() throws Exception {
    try (RealSocketAgent a = agent("a", IceAgentTest.CA, IceRole.CONTROLLING, tcpServer("not-the-password"), trusting())) {
      InetSocketAddress host = a.openSocket();
      a.run(x -> x.startGathering(System.nanoTime()));
      IceEvent.CandidateError e = a.await(IceEvent.CandidateError.class);
      assertThat(e.errorCode()).isEqualTo(401);
      assertThat(e.url()).isEqualTo(tcpServer("x").url());
      assertThat(e.localAddress()).isEqualTo(host);
      a.await(IceEvent.GatheringStateChanged.class, g -> g.state() == IceGatheringState.COMPLETE);
      assertThat(a.events).noneMatch(x -> x instanceof IceEvent.LocalCandidate);
      a.allStreams.getFirst().terminated().get(10, java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  @Test
  void anUntrustedCertificateIsACandidateError701() throws Exception {
    try (RealSocketAgent a = agent("a", IceAgentTest.CA, IceRole.CONTROLLING, tlsServer(), StreamConnector.withDefaultTrust())) {
      a.openSocket();
      a.run(x -> x.startGathering(System.nanoTime()));
      IceEvent.CandidateError e = a.await(IceEvent.CandidateError.class);
      assertThat(e.errorCode()).isEqualTo(701);
      assertThat(e.errorText()).contains("tls").contains("TLS:");
    }
  }
}

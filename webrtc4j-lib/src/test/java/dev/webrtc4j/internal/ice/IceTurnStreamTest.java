package dev.webrtc4j.internal.ice;

import static dev.webrtc4j.internal.ice.IceTestNet.addr;
import static org.assertj.core.api.Assertions.assertThat;

import dev.webrtc4j.internal.ice.IceEvent.CandidateError;
import dev.webrtc4j.internal.stun.ChannelData;
import dev.webrtc4j.internal.stun.StunAttribute;
import dev.webrtc4j.internal.stun.StunMessage;
import dev.webrtc4j.internal.stun.StunMethod;
import dev.webrtc4j.internal.util.MalformedPacketException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The agent's TURN-over-TCP/TLS seam ({@link StreamCommand} out, {@code handleStream*} in) with
 * the real TURN client against {@link TestTurnServer} behind {@link StreamTurnNet}'s emulated
 * streams: opening, framing (client ChannelData padded, server bytes in random chunks), relayed
 * data both ways, the relay protocol on the candidate, failures and release.
 */
class IceTurnStreamTest {
  static final IceCredentials CA = IceAgentTest.CA;
  static final IceCredentials CB = IceAgentTest.CB;
  static final InetSocketAddress A_HOST = addr("10.0.0.1", 5000);
  static final InetSocketAddress B_HOST = addr("198.51.100.2", 6000);
  static final InetSocketAddress TURN = addr("198.51.100.10", 3478);
  static final InetSocketAddress RELAYED = addr("198.51.100.10", 50000);
  static final String TCP_URL = "turn:turn.example.org:3478?transport=tcp";

  final StreamTurnNet net = new StreamTurnNet();

  static IceAgent relayOnly(String url, String password) {
    IceConfig config = IceConfig.builder(CA, IceRole.CONTROLLING, 10).transportPolicy(IceTransportPolicy.RELAY)
        .server(new IceServer(url, TURN, "user", password)).build();
    return new IceAgent(config, new SplittableRandom(3));
  }

  private IceAgent gatherRelayOnly(String url, String password) {
    IceAgent a = relayOnly(url, password);
    net.socket(a, A_HOST);
    a.startGathering(net.now);
    return a;
  }

  @Test
  void connectsThroughATcpTurnServerWithPaddedChannelDataAndReportsTcp() {
    TestTurnServer server = new TestTurnServer(TURN, RELAYED, "user", "secret");
    net.server(server);
    IceAgent a = gatherRelayOnly(TCP_URL, "secret");
    IceAgent b = new IceAgent(IceConfig.builder(CB, IceRole.CONTROLLED, 20).build(), new SplittableRandom(4));
    net.socket(b, B_HOST);
    b.startGathering(net.now);
    assertThat(net.runUntil(() -> a.gatheringState() == IceGatheringState.COMPLETE, 2_000)).isTrue();

    StreamCommand.Open open = (StreamCommand.Open) net.commands.getFirst();
    assertThat(open.server()).isEqualTo(TURN);
    assertThat(open.localIp()).isEqualTo(A_HOST.getAddress());
    assertThat(open.tls()).isFalse();
    assertThat(a.pollTransmit()).as("no UDP to the TURN server").isNull();

    StreamTurnNet.Stream stream = net.streams.getFirst();
    List<IceEvent.LocalCandidate> locals = net.events(a, IceEvent.LocalCandidate.class);
    assertThat(locals).hasSize(1);
    IceEvent.LocalCandidate relay = locals.getFirst();
    assertThat(relay.relayProtocol()).isEqualTo(RelayProtocol.TCP);
    assertThat(relay.url()).isEqualTo(TCP_URL);
    IceCandidate c = relay.candidate();
    assertThat(c.type()).isEqualTo(CandidateType.RELAY);
    assertThat(c.protocol()).as("the relayed address is UDP").isEqualTo("udp");
    assertThat(c.address()).isEqualTo(RELAYED);
    assertThat(c.relatedAddress()).as("raddr is the stream's mapped address").isEqualTo(stream.local);
    // Chrome's relay preference: TCP 1 (UDP 2), on the first network with IPv4 precedence 30.
    assertThat(c.priority()).isEqualTo(Priorities.candidatePriority(CandidateType.RELAY, ((127 << 8) | 30) + 1, 1));

    a.setRemoteCredentials(net.now, CB);
    b.setRemoteCredentials(net.now, CA);
    a.localCandidates().forEach(x -> b.addRemoteCandidate(net.now, x));
    b.localCandidates().forEach(x -> a.addRemoteCandidate(net.now, x));
    assertThat(net.runUntil(() -> a.selectedPair().isPresent() && b.selectedPair().isPresent(), 5_000)).isTrue();
    assertThat(a.selectedPair().orElseThrow().local().type()).isEqualTo(CandidateType.RELAY);
    net.runFor(200);
    assertThat(server.channelBound()).as("the selected relay pair gets a channel").isTrue();

    assertThat(a.sendAppData(net.now, IceTestNet.data("odd bytes"))).isTrue(); // 9 bytes: padding needed
    assertThat(b.sendAppData(net.now, IceTestNet.data("and back!"))).isTrue();
    net.runFor(100);
    assertThat(net.events(b, IceEvent.AppData.class)).extracting(e -> IceTestNet.text(e.payload())).containsExactly("odd bytes");
    assertThat(net.events(a, IceEvent.AppData.class)).extracting(e -> IceTestNet.text(e.payload())).containsExactly("and back!");

    List<ByteBuffer> channelData = stream.writes.stream().filter(ChannelData::looksLikeChannelData).toList();
    assertThat(channelData).as("data went over the channel").isNotEmpty();
    assertThat(channelData).allSatisfy(w -> assertThat(w.remaining() % 4).as("RFC 8656 §12.5 padding").isZero());
    assertThat(stream.serverSide.isBroken()).isFalse();
    assertThat(stream.serverSide.buffered()).isZero();

    net.runFor(30_000);
    assertThat(a.connectionState()).as("consent flows over the stream").isIn(IceConnectionState.CONNECTED,
        IceConnectionState.COMPLETED);
  }

  @Test
  void closeReleasesTheAllocationThenClosesTheStream() throws MalformedPacketException {
    net.server(new TestTurnServer(TURN, RELAYED, "user", "secret"));
    IceAgent a = gatherRelayOnly(TCP_URL, "secret");
    assertThat(net.runUntil(() -> a.gatheringState() == IceGatheringState.COMPLETE, 2_000)).isTrue();
    assertThat(a.localCandidates()).hasSize(1);
    a.close();
    StreamCommand refresh = a.pollStreamCommand();
    StreamCommand close = a.pollStreamCommand();
    assertThat(a.pollStreamCommand()).isNull();
    assertThat(refresh).isInstanceOf(StreamCommand.Write.class);
    StunMessage m = StunMessage.parse(((StreamCommand.Write) refresh).bytes().duplicate());
    assertThat(m.method()).isEqualTo(StunMethod.REFRESH);
    assertThat(m.find(StunAttribute.Lifetime.class).orElseThrow().seconds()).isZero();
    assertThat(close).isEqualTo(new StreamCommand.Close(refresh.stream()));
  }

  @Test
  void wrongPasswordIsACandidateErrorWithTheServersCodeAndTheStreamCloses() {
    net.server(new TestTurnServer(TURN, RELAYED, "user", "secret"));
    IceAgent a = gatherRelayOnly(TCP_URL, "wrong");
    assertThat(net.runUntil(() -> a.gatheringState() == IceGatheringState.COMPLETE, 2_000)).isTrue();
    assertThat(net.events(a, CandidateError.class)).extracting(CandidateError::errorCode, CandidateError::url,
        CandidateError::localAddress).containsExactly(org.assertj.core.groups.Tuple.tuple(401, TCP_URL, A_HOST));
    assertThat(net.commands.getLast()).isInstanceOf(StreamCommand.Close.class);
    assertThat(a.localCandidates()).isEmpty();
  }

  @Test
  void aRefusedStreamIsCandidateError701() {
    net.openAnswer = StreamTurnNet.OpenAnswer.REFUSE;
    IceAgent a = gatherRelayOnly(TCP_URL, "secret");
    assertThat(net.runUntil(() -> a.gatheringState() == IceGatheringState.COMPLETE, 2_000)).isTrue();
    List<CandidateError> errors = net.events(a, CandidateError.class);
    assertThat(errors).extracting(CandidateError::errorCode).containsExactly(701);
    assertThat(errors.getFirst().errorText()).contains("tcp").contains("Connection refused");
  }

  @Test
  void anUnansweredOpenFailsAfterTheOpenTimeoutAndClosesTheStream() {
    net.openAnswer = StreamTurnNet.OpenAnswer.SILENCE;
    IceAgent a = gatherRelayOnly(TCP_URL, "secret");
    long start = net.now;
    assertThat(net.runUntil(() -> a.gatheringState() == IceGatheringState.COMPLETE, 20_000)).isTrue();
    assertThat(net.now - start).isEqualTo(TurnRelay.STREAM_OPEN_TIMEOUT);
    assertThat(net.events(a, CandidateError.class)).extracting(CandidateError::errorCode).containsExactly(701);
    assertThat(net.commands).extracting(x -> x.getClass().getSimpleName()).containsExactly("Open", "Close");
  }

  @Test
  void garbageFromTheServerLosesFramingAndFailsTheAllocation() {
    net.server(new TestTurnServer(TURN, RELAYED, "user", "secret"));
    IceAgent a = gatherRelayOnly(TCP_URL, "secret");
    // Let the stream open, then the server answers with bytes that are neither STUN nor ChannelData.
    assertThat(net.runUntil(() -> !net.streams.isEmpty() && net.streams.getFirst().writes.size() == 1, 1_000)).isTrue();
    net.serverWritesRaw(net.streams.getFirst(), new byte[] {(byte) 0x80, 1, 2, 3, 4, 5, 6, 7});
    assertThat(net.runUntil(() -> a.gatheringState() == IceGatheringState.COMPLETE, 2_000)).isTrue();
    assertThat(net.events(a, CandidateError.class)).extracting(CandidateError::errorCode).containsExactly(701);
    assertThat(net.commands.getLast()).isInstanceOf(StreamCommand.Close.class);
  }

  @Test
  void aStreamClosedAfterTheAllocationIsNotAGatheringError() {
    net.server(new TestTurnServer(TURN, RELAYED, "user", "secret"));
    IceAgent a = gatherRelayOnly(TCP_URL, "secret");
    assertThat(net.runUntil(() -> a.gatheringState() == IceGatheringState.COMPLETE, 2_000)).isTrue();
    int before = net.commands.size();
    a.handleStreamClosed(net.now, net.streams.getFirst().id, null);
    net.drain();
    assertThat(net.events(a, CandidateError.class)).as("a lost allocation is only logged").isEmpty();
    assertThat(a.gatheringState()).isEqualTo(IceGatheringState.COMPLETE);
    assertThat(net.commands).as("nothing more is written on a closed stream").hasSize(before);
  }

  @Test
  void turnsOpensATlsStreamNamingTheHost() {
    IceAgent a = gatherRelayOnly("turns:turn.example.org:5349", "secret");
    net.drain();
    StreamCommand.Open open = (StreamCommand.Open) net.commands.getFirst();
    assertThat(open.tls()).isTrue();
    assertThat(open.serverName()).isEqualTo("turn.example.org");
    assertThat(open.server()).isEqualTo(TURN);
  }

  @Test
  void turnsOverUdpWouldBeDtlsAndIsACandidateErrorWithoutAnyTraffic() {
    IceAgent a = gatherRelayOnly("turns:turn.example.org?transport=udp", "secret");
    net.drain();
    assertThat(net.commands).isEmpty();
    assertThat(a.pollTransmit()).isNull();
    assertThat(a.gatheringState()).isEqualTo(IceGatheringState.COMPLETE);
    assertThat(net.events(a, CandidateError.class)).extracting(CandidateError::errorCode).containsExactly(701);
  }

  @Test
  void udpTurnIsUnchangedAndCarriesUdpAsItsRelayProtocol() {
    IceConfig config = IceConfig.builder(CA, IceRole.CONTROLLING, 10).transportPolicy(IceTransportPolicy.RELAY)
        .server(new IceServer("turn:turn.example.org", TURN, "user", "secret")).build();
    IceAgent a = new IceAgent(config, new SplittableRandom(3));
    net.socket(a, A_HOST);
    a.startGathering(net.now);
    assertThat(net.commands).isEmpty();
    var d = a.pollTransmit();
    assertThat(d).isNotNull();
    assertThat(d.destination()).isEqualTo(TURN);
    assertThat(d.source()).isEqualTo(A_HOST);
  }

  @Test
  void streamInputForAnUnknownStreamIsIgnored() {
    net.server(new TestTurnServer(TURN, RELAYED, "user", "secret"));
    IceAgent a = gatherRelayOnly(TCP_URL, "secret");
    net.drain();
    a.handleStreamOpened(net.now, 99, addr("10.0.0.1", 1));
    a.handleStreamData(net.now, 99, ByteBuffer.wrap(new byte[] {1, 2, 3}));
    a.handleStreamClosed(net.now, 0, "x");
    assertThat(a.pollStreamCommand()).isNull();
    assertThat(a.gatheringState()).isEqualTo(IceGatheringState.GATHERING);
    // The real stream (opened one latency later) still allocates.
    assertThat(net.runUntil(() -> a.gatheringState() == IceGatheringState.COMPLETE, 2_000)).isTrue();
    assertThat(a.localCandidates()).extracting(IceCandidate::type).containsExactly(CandidateType.RELAY);
  }

  @Test
  void underPolicyAllATcpRelayAddsNoServerReflexiveCandidate() {
    net.server(new TestTurnServer(TURN, RELAYED, "user", "secret"));
    IceConfig config = IceConfig.builder(CA, IceRole.CONTROLLING, 10)
        .server(new IceServer(TCP_URL, TURN, "user", "secret")).build();
    IceAgent a = new IceAgent(config, new SplittableRandom(3));
    net.socket(a, A_HOST);
    a.startGathering(net.now);
    assertThat(net.runUntil(() -> a.gatheringState() == IceGatheringState.COMPLETE, 2_000)).isTrue();
    // The mapped address is the TCP stream's: no UDP srflx candidate can be made from it.
    assertThat(a.localCandidates()).extracting(IceCandidate::type).containsExactly(CandidateType.HOST, CandidateType.RELAY);
    assertThat(net.events(a, IceEvent.LocalCandidate.class)).extracting(IceEvent.LocalCandidate::relayProtocol)
        .containsExactly(null, RelayProtocol.TCP);
  }

  @Test
  void randomBytesFromTheServerNeverThrowAndEitherAreDroppedOrFailTheAllocation() {
    boolean brokeAtLeastOnce = false;
    boolean survivedAtLeastOnce = false;
    for (int seed = 0; seed < 300; seed++) {
      SplittableRandom r = new SplittableRandom(seed);
      IceAgent a = relayOnly(TCP_URL, "secret");
      a.addLocalSocket(0, A_HOST);
      a.startGathering(0);
      StreamCommand.Open open = (StreamCommand.Open) a.pollStreamCommand();
      a.handleStreamOpened(1, open.stream(), addr("10.0.0.1", 40000));
      for (int i = 0; i < 20; i++) {
        byte[] chunk = new byte[1 + r.nextInt(64)];
        r.nextBytes(chunk);
        if (r.nextBoolean()) {
          chunk[0] = (byte) r.nextInt(0x50); // mostly plausible first bytes: STUN or ChannelData
        }
        a.handleStreamData(2 + i, open.stream(), ByteBuffer.wrap(chunk));
      }
      boolean closeAsked = false;
      for (StreamCommand c; (c = a.pollStreamCommand()) != null; ) {
        closeAsked |= c instanceof StreamCommand.Close;
      }
      boolean failed = false;
      for (IceEvent e; (e = a.pollEvent()) != null; ) {
        failed |= e instanceof CandidateError ce && ce.errorCode() == 701;
      }
      // Lost framing fails the allocation and closes the stream; anything else is dropped and the
      // client keeps waiting for its answer.
      assertThat(closeAsked).as("seed " + seed).isEqualTo(failed);
      assertThat(a.gatheringState()).as("seed " + seed)
          .isEqualTo(failed ? IceGatheringState.COMPLETE : IceGatheringState.GATHERING);
      brokeAtLeastOnce |= failed;
      survivedAtLeastOnce |= !failed;
    }
    assertThat(brokeAtLeastOnce).isTrue();
    assertThat(survivedAtLeastOnce).isTrue();
  }

  @Test
  void turnUrlsParse() {
    assertThat(TurnUrl.protocol("turn:h")).isEqualTo(RelayProtocol.UDP);
    assertThat(TurnUrl.protocol("turn:h:3478?transport=udp")).isEqualTo(RelayProtocol.UDP);
    assertThat(TurnUrl.protocol("turn:h:80?transport=TCP")).isEqualTo(RelayProtocol.TCP);
    assertThat(TurnUrl.protocol("TURNS:h")).isEqualTo(RelayProtocol.TLS);
    assertThat(TurnUrl.protocol("turns:h:443?transport=tcp")).isEqualTo(RelayProtocol.TLS);
    assertThat(TurnUrl.protocol("turns:h?transport=udp")).isNull();
    assertThat(TurnUrl.host("turns:turn.example.org:443?transport=tcp")).isEqualTo("turn.example.org");
    assertThat(TurnUrl.host("turn:[2001:db8::1]:3478")).isEqualTo("2001:db8::1");
    assertThat(TurnUrl.host("turn:[2001:db8::1]")).isEqualTo("2001:db8::1");
    assertThat(TurnUrl.host("turns:192.0.2.1")).isEqualTo("192.0.2.1");
  }
}

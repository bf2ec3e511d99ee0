package dev.webrtc4j.internal.ice;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.webrtc4j.internal.stun.IntegrityKey;
import dev.webrtc4j.internal.stun.StunMessage;
import dev.webrtc4j.internal.util.Datagram;
import dev.webrtc4j.internal.util.MalformedPacketException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * Stateful Jazzer target: a connected agent fed fuzzed datagrams and time jumps. In a plain
 * {@code mvn test} it replays the seeds under {@code IceAgentFuzzTestInputs/<method>/} (captured
 * checks, responses and data of a real connection); with {@code JAZZER_FUZZ=1} it fuzzes.
 *
 * <p>Input: chunks of {@code flags, length, bytes}. Flag 1 re-signs a chunk that parses as STUN
 * with the password the agent checks (flag 8: the agent's own, for requests; else the peer's, for
 * responses), so fuzzing reaches the authenticated paths; flag 2 sends it from the peer's address;
 * flag 4 lets virtual time run for {@code (flags >> 4) * 500 ms} with the peer answering.
 *
 * <p>The property: nothing throws, time always advances (no livelock), and the agent stays
 * consistent enough to report a state and a deadline.
 *
 * <p>Known issue: with {@code JAZZER_FUZZ=1} (Jazzer 0.26 on JDK 25) the instrumented run fails
 * at once with {@code NoSuchFieldError} in the {@code IceCandidate} record constructor, before any
 * input is fed: an instrumentation problem, not a finding. Replaying the seeds works.
 */
class IceAgentFuzzTest {
  static final InetSocketAddress A1 = IceAgentTest.A1;
  static final InetSocketAddress B1 = IceAgentTest.B1;

  @FuzzTest(maxDuration = "10s")
  void agentSurvivesAnyDatagramsAndTimeJumps(byte[] input) {
    IceTestNet net = new IceTestNet(new StunCodecBridge());
    IceAgent a = new IceAgent(IceConfig.builder(IceAgentTest.CA, IceRole.CONTROLLING, 10).build(), new SplittableRandom(1));
    IceAgent b = new IceAgent(IceConfig.builder(IceAgentTest.CB, IceRole.CONTROLLED, 20).build(), new SplittableRandom(2));
    net.socket(a, A1);
    net.socket(b, B1);
    a.startGathering(net.now);
    b.startGathering(net.now);
    a.setRemoteCredentials(net.now, IceAgentTest.CB);
    b.setRemoteCredentials(net.now, IceAgentTest.CA);
    a.localCandidates().forEach(c -> b.addRemoteCandidate(net.now, c));
    b.localCandidates().forEach(c -> a.addRemoteCandidate(net.now, c));
    net.runUntil(() -> a.selectedPair().isPresent() && b.selectedPair().isPresent(), 2_000);

    ByteBuffer in = ByteBuffer.wrap(input);
    while (in.remaining() >= 2) {
      int flags = in.get() & 0xff;
      int len = Math.min(in.get() & 0xff, in.remaining());
      byte[] chunk = new byte[len];
      in.get(chunk);
      ByteBuffer payload = ByteBuffer.wrap(chunk);
      if ((flags & 1) != 0) {
        payload = resign(payload, (flags & 8) != 0 ? IceAgentTest.CA.pwd() : IceAgentTest.CB.pwd());
      }
      InetSocketAddress src = (flags & 2) != 0 ? B1 : IceTestNet.addr("10.6.6.6", 1000 + (flags >> 4));
      a.handleDatagram(net.now, new Datagram(src, A1, payload));
      if ((flags & 4) != 0) {
        net.runFor((flags >> 4) * 500L);
      }
    }
    net.runFor(1_000);
    assertThat(a.pollTimeout()).isGreaterThan(net.now);
    assertThat(a.connectionState()).isNotNull();
  }

  private static ByteBuffer resign(ByteBuffer raw, String password) {
    try {
      return StunMessage.parse(raw.duplicate()).encode(IntegrityKey.shortTerm(password), true);
    } catch (MalformedPacketException | RuntimeException e) {
      return raw;
    }
  }
}

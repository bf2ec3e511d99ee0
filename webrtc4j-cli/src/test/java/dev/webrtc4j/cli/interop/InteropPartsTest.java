package dev.webrtc4j.cli.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webrtc4j.MessageEvent;
import org.junit.jupiter.api.Test;

/** The pieces of the interop offerer that must match the JavaScript and Python twins exactly. */
class InteropPartsTest {
  private static byte[] bytes(int... v) {
    byte[] b = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = (byte) v[i];
    }
    return b;
  }

  @Test
  void patternIsTheXorshiftOfCasesMjs() {
    // Values printed by node: pattern(8, 1), pattern(8, 262144), pattern(5, 0) of cases.mjs.
    assertThat(InteropCases.pattern(8, 1)).isEqualTo(bytes(17, 54, 19, 207, 147, 59, 44, 104));
    assertThat(InteropCases.pattern(8, 262144)).isEqualTo(bytes(34, 209, 249, 1, 29, 64, 212, 184));
    assertThat(InteropCases.pattern(5, 0)).isEqualTo(bytes(33, 1, 197, 79, 209));
  }

  @Test
  void loopbackGuardAcceptsLoopbackAndPlaceholders() {
    String sdp = String.join("\r\n",
        "v=0", "o=- 1 2 IN IP4 127.0.0.1", "s=-", "t=0 0", "m=application 9 UDP/DTLS/SCTP webrtc-datachannel",
        "c=IN IP4 0.0.0.0", "a=rtcp:9 IN IP4 0.0.0.0",
        "a=candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host",
        "a=candidate:2 1 udp 2122260223 ::1 50001 typ host",
        "a=candidate:3 1 udp 1686052607 127.0.0.1 50002 typ srflx raddr 0.0.0.0 rport 0", "");
    assertThat(LoopbackGuard.violations(sdp)).isEmpty();
  }

  @Test
  void loopbackGuardNamesEveryOtherAddress() {
    String sdp = String.join("\r\n",
        "o=- 1 2 IN IP4 192.0.2.1",
        "c=IN IP4 198.51.100.7",
        "a=rtcp:9 IN IP4 203.0.113.5",
        "a=candidate:1 1 udp 2122260223 10.0.0.1 50000 typ host",
        "a=candidate:2 1 udp 1686052607 127.0.0.1 50002 typ srflx raddr 192.0.2.9 rport 1",
        "a=candidate:3 1 udp 2122260223 abc.local 50000 typ host",
        "a=candidate:4 1 udp 2122260223 127.0.0.256 50000 typ host",
        "a=candidate:5 short");
    assertThat(LoopbackGuard.violations(sdp)).containsExactly(
        "line 1: origin address 192.0.2.1 is not loopback: o=- 1 2 IN IP4 192.0.2.1",
        "line 2: connection address 198.51.100.7 is not loopback: c=IN IP4 198.51.100.7",
        "line 3: rtcp address 203.0.113.5 is not loopback: a=rtcp:9 IN IP4 203.0.113.5",
        "line 4: candidate address 10.0.0.1 is not loopback: a=candidate:1 1 udp 2122260223 10.0.0.1 50000 typ host",
        "line 5: candidate raddr 192.0.2.9 is not loopback: a=candidate:2 1 udp 1686052607 127.0.0.1 50002 typ srflx raddr 192.0.2.9 rport 1",
        "line 6: candidate address abc.local is not loopback: a=candidate:3 1 udp 2122260223 abc.local 50000 typ host",
        "line 7: candidate address 127.0.0.256 is not loopback: a=candidate:4 1 udp 2122260223 127.0.0.256 50000 typ host",
        "line 8: malformed candidate: a=candidate:5 short");
  }

  @Test
  void anSdpWithoutCandidatesIsRefusedBeforeItIsSent() {
    assertThatThrownBy(() -> OfferSession.checkLoopback("v=0\r\nc=IN IP4 0.0.0.0\r\n", "local offer"))
        .isInstanceOf(CaseFailure.class).hasMessage("local offer has no a=candidate line (gathered nothing on loopback)");
    assertThatThrownBy(() -> OfferSession.checkLoopback("a=candidate:1 1 udp 1 10.1.2.3 9 typ host\r\n", "answer"))
        .isInstanceOf(CaseFailure.class).hasMessageStartingWith("network rule: answer names a non-loopback address (line 1: ")
        .hasMessageEndingWith("; nothing sent");
  }

  @Test
  void expectSameReportsHowEchoesDiffer() throws Exception {
    InteropCases.expectSame(new MessageEvent.Text("a"), new MessageEvent.Text("a"), "m");
    assertThatThrownBy(() -> InteropCases.expectSame(new MessageEvent.Text("abc"), new MessageEvent.Text("abd"), "m"))
        .hasMessage("m: echo differs (sent 3 chars, got 3; first difference at 2)");
    assertThatThrownBy(() -> InteropCases.expectSame(new MessageEvent.Text("a"), MessageEvent.Binary.copyOf(new byte[1]), "m"))
        .hasMessage("m: sent text, echo is binary of 1 bytes");
    assertThatThrownBy(() -> InteropCases.expectSame(MessageEvent.Binary.copyOf(new byte[2]), new MessageEvent.Text("x"), "m"))
        .hasMessage("m: sent binary of 2 bytes, echo is text");
    assertThatThrownBy(() -> InteropCases.expectSame(MessageEvent.Binary.copyOf(new byte[2]), MessageEvent.Binary.copyOf(new byte[3]), "m"))
        .hasMessage("m: sent 2 bytes, echo has 3");
    assertThatThrownBy(() -> InteropCases.expectSame(MessageEvent.Binary.copyOf(new byte[] {1, 2}), MessageEvent.Binary.copyOf(new byte[] {1, 3}), "m"))
        .hasMessage("m: echo differs at byte 1");
  }
}

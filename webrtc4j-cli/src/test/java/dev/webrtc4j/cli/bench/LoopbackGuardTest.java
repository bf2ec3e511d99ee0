package dev.webrtc4j.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LoopbackGuardTest {
  @Test
  void loopbackLiteralsOnly() {
    assertThat(LoopbackGuard.isLoopback("127.0.0.1")).isTrue();
    assertThat(LoopbackGuard.isLoopback("127.255.3.4")).isTrue();
    assertThat(LoopbackGuard.isLoopback("::1")).isTrue();
    assertThat(LoopbackGuard.isLoopback("[::1]")).isTrue();
    assertThat(LoopbackGuard.isLoopback("127.0.0.256")).isFalse();
    assertThat(LoopbackGuard.isLoopback("192.0.2.2")).isFalse();
    assertThat(LoopbackGuard.isLoopback("fd00::2")).isFalse();
    assertThat(LoopbackGuard.isLoopback("localhost")).isFalse();
    assertThat(LoopbackGuard.isLoopback("0b2f-host.local")).isFalse();
  }

  @Test
  void candidatesAndDescriptionsAreChecked() {
    assertThatCode(() -> LoopbackGuard.checkCandidate("candidate:1 1 udp 2122260223 127.0.0.1 51423 typ host")).doesNotThrowAnyException();
    assertThatThrownBy(() -> LoopbackGuard.checkCandidate("candidate:1 1 udp 2122260223 192.0.2.2 51423 typ host"))
        .hasMessageContaining("192.0.2.2");
    assertThatThrownBy(() -> LoopbackGuard.checkCandidate("candidate:1 1 udp")).isInstanceOf(IllegalStateException.class);
    String sdp = "v=0\r\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n"
        + "a=candidate:1 1 udp 2122260223 ::1 5000 typ host\r\n"
        + "a=candidate:2 1 udp 2122260223 198.51.100.7 5000 typ host\r\n";
    assertThatThrownBy(() -> LoopbackGuard.checkSdp(sdp, "offer")).hasMessageContaining("198.51.100.7").hasMessageContaining("offer");
    assertThatCode(() -> LoopbackGuard.checkSdp("v=0\r\na=candidate:1 1 udp 1 127.0.0.1 9 typ host\r\n", "answer")).doesNotThrowAnyException();
  }
}

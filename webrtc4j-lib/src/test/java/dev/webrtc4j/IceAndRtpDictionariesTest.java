package dev.webrtc4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class IceAndRtpDictionariesTest {

  @Test
  void iceParametersNeverPrintThePassword() {
    RTCIceParameters p = new RTCIceParameters("abcd", "0123456789012345678901");
    assertThat(p.toString()).contains("abcd").doesNotContain("0123456789012345678901");
    assertThatThrownBy(() -> new RTCIceParameters("abcd", null)).hasMessage("password");
  }

  @Test
  void aCandidatePairHoldsBothCandidates() {
    RTCIceCandidate l = new RTCIceCandidate(RTCIceCandidateInit.of("candidate:1 1 udp 1 127.0.0.1 5000 typ host", "0"));
    RTCIceCandidate r = new RTCIceCandidate(RTCIceCandidateInit.of("candidate:2 1 udp 1 127.0.0.1 6000 typ host", "0"));
    RTCIceCandidatePair pair = new RTCIceCandidatePair(l, r);
    assertThat(pair.local().port()).hasValue(5000);
    assertThat(pair.remote().port()).hasValue(6000);
  }

  @Test
  void audioLevelsConvertFromRfc6464AsTheW3cSays() {
    // W3C §5.4: "audioLevel = 10^(-rfc_level/20)"; 127 is silence
    assertThat(RTCRtpContributingSource.audioLevelFromRfc6464(0)).isEqualTo(1.0);
    assertThat(RTCRtpContributingSource.audioLevelFromRfc6464(20)).isCloseTo(0.1, within(1e-12));
    assertThat(RTCRtpContributingSource.audioLevelFromRfc6464(127)).isEqualTo(0.0);
    assertThatThrownBy(() -> RTCRtpContributingSource.audioLevelFromRfc6464(128)).hasMessageContaining("level");
  }

  @Test
  void contributingSourcesCheckTheirRanges() {
    RTCRtpContributingSource s = new RTCRtpContributingSource(1.7e12, 0xFFFF_FFFFL, OptionalDouble.of(0.5), 90000,
        true, Optional.empty());
    assertThat(s.isSynchronizationSource()).isTrue();
    assertThatThrownBy(() -> new RTCRtpContributingSource(0, -1, OptionalDouble.empty(), 0, false, Optional.empty()))
        .hasMessageContaining("source");
    assertThatThrownBy(() -> new RTCRtpContributingSource(0, 1, OptionalDouble.of(1.5), 0, false, Optional.empty()))
        .hasMessageContaining("audioLevel");
  }
}

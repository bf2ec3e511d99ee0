package dev.webrtc4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every WebIDL enum: its exact value set (from the W3C IDL) and the w3cName round trip. */
class W3cEnumsTest {

  static Stream<Arguments> enums() {
    return Stream.of(
        Arguments.of(RTCSdpType.class, List.of("offer", "pranswer", "answer", "rollback")),
        Arguments.of(RTCSignalingState.class, List.of("stable", "have-local-offer", "have-remote-offer",
            "have-local-pranswer", "have-remote-pranswer", "closed")),
        Arguments.of(RTCIceGatheringState.class, List.of("new", "gathering", "complete")),
        Arguments.of(RTCIceConnectionState.class, List.of("new", "checking", "connected", "completed",
            "disconnected", "failed", "closed")),
        Arguments.of(RTCPeerConnectionState.class, List.of("new", "connecting", "connected", "disconnected",
            "failed", "closed")),
        Arguments.of(RTCIceTransportPolicy.class, List.of("relay", "all")),
        Arguments.of(RTCBundlePolicy.class, List.of("balanced", "max-compat", "max-bundle")),
        Arguments.of(RTCRtcpMuxPolicy.class, List.of("require")),
        Arguments.of(RTCIceProtocol.class, List.of("udp", "tcp")),
        Arguments.of(RTCIceCandidateType.class, List.of("host", "srflx", "prflx", "relay")),
        Arguments.of(RTCIceTcpCandidateType.class, List.of("active", "passive", "so")),
        Arguments.of(RTCIceComponent.class, List.of("rtp", "rtcp")),
        Arguments.of(RTCIceRole.class, List.of("unknown", "controlling", "controlled")),
        Arguments.of(RTCIceTransportState.class, List.of("new", "checking", "connected", "completed",
            "disconnected", "failed", "closed")),
        Arguments.of(RTCIceGathererState.class, List.of("new", "gathering", "complete")),
        Arguments.of(RTCDtlsTransportState.class, List.of("new", "connecting", "connected", "closed", "failed")),
        Arguments.of(RTCSctpTransportState.class, List.of("connecting", "connected", "closed")),
        Arguments.of(RTCDataChannelState.class, List.of("connecting", "open", "closing", "closed")),
        Arguments.of(RTCPriorityType.class, List.of("very-low", "low", "medium", "high")),
        Arguments.of(RTCRtpTransceiverDirection.class, List.of("sendrecv", "sendonly", "recvonly", "inactive",
            "stopped")),
        Arguments.of(RTCIceServerTransportProtocol.class, List.of("udp", "tcp", "tls")),
        Arguments.of(MediaStreamTrackState.class, List.of("live", "ended")),
        Arguments.of(BinaryType.class, List.of("blob", "arraybuffer")),
        Arguments.of(RTCError.ErrorDetail.class, List.of("data-channel-failure", "dtls-failure",
            "fingerprint-failure", "sctp-failure", "sdp-syntax-error", "hardware-encoder-not-available",
            "hardware-encoder-error")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("enums")
  void hasExactlyTheW3cValuesAndRoundTrips(Class<? extends Enum<?>> type, List<String> w3cNames) throws Exception {
    Method w3cName = type.getMethod("w3cName");
    Method fromW3cName = type.getMethod("fromW3cName", String.class);
    Enum<?>[] constants = type.getEnumConstants();
    List<Object> names = Arrays.stream(constants).map(c -> invoke(w3cName, c)).toList();
    assertThat(names).containsExactlyElementsOf(w3cNames);
    for (Enum<?> c : constants) {
      assertThat(fromW3cName.invoke(null, invoke(w3cName, c))).isSameAs(c);
      // The Java constant is the W3C value upper-cased with '-' → '_'.
      assertThat(c.name()).isEqualTo(((String) invoke(w3cName, c)).toUpperCase().replace('-', '_'));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("enums")
  void fromW3cNameRejectsUnknownValuesNamingThem(Class<? extends Enum<?>> type, List<String> w3cNames)
      throws Exception {
    Method fromW3cName = type.getMethod("fromW3cName", String.class);
    for (String bad : List.of("bogus-value", "", w3cNames.get(0).toUpperCase())) {
      assertThatThrownBy(() -> {
            try {
              fromW3cName.invoke(null, bad);
            } catch (java.lang.reflect.InvocationTargetException e) {
              throw e.getCause();
            }
          })
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'" + bad + "'");
    }
  }

  @Test
  void rtcpMuxPolicyNegotiateIsNoLongerAValue() {
    // RTCConfiguration-rtcpMuxPolicy.html: "negotiate" was removed from the enum.
    assertThatThrownBy(() -> RTCRtcpMuxPolicy.fromW3cName("negotiate"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("negotiate");
  }

  @Test
  void transceiverDirectionHalvesAndReverse() {
    assertThat(RTCRtpTransceiverDirection.of(true, true)).isEqualTo(RTCRtpTransceiverDirection.SENDRECV);
    assertThat(RTCRtpTransceiverDirection.of(true, false)).isEqualTo(RTCRtpTransceiverDirection.SENDONLY);
    assertThat(RTCRtpTransceiverDirection.of(false, true)).isEqualTo(RTCRtpTransceiverDirection.RECVONLY);
    assertThat(RTCRtpTransceiverDirection.of(false, false)).isEqualTo(RTCRtpTransceiverDirection.INACTIVE);
    for (RTCRtpTransceiverDirection d : RTCRtpTransceiverDirection.values()) {
      if (d != RTCRtpTransceiverDirection.STOPPED) {
        assertThat(RTCRtpTransceiverDirection.of(d.sends(), d.receives())).isEqualTo(d);
      }
      assertThat(d.reversed().sends()).isEqualTo(d.receives());
      assertThat(d.reversed().reversed()).isEqualTo(d);
    }
  }

  private static Object invoke(Method m, Object target) {
    try {
      return m.invoke(target);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}

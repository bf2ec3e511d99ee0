package dev.webrtc4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** STUN and TURN URI parsing per RFC 7064 §3.1 and RFC 7065 §3.1. */
class RTCIceServerUrlTest {

  @ParameterizedTest
  @CsvSource({
    "stun:example.org,                 STUN,  example.org, 3478, UDP, false",
    "stun:example.org:19302,           STUN,  example.org, 19302, UDP, false",
    "stuns:example.org,                STUNS, example.org, 5349, TCP, false",
    "turn:192.0.2.1,                   TURN,  192.0.2.1, 3478, UDP, false",
    "turn:192.0.2.1:80?transport=tcp,  TURN,  192.0.2.1, 80, TCP, true",
    "turn:example.org?transport=udp,   TURN,  example.org, 3478, UDP, true",
    "turns:example.org,                TURNS, example.org, 5349, TCP, false",
    "turns:[2001:db8::1]:443,          TURNS, 2001:db8::1, 443, TCP, false",
    "stun:[::1],                       STUN,  ::1, 3478, UDP, false",
    "STUN:Example.ORG,                 STUN,  Example.ORG, 3478, UDP, false",
    "stun:example.net:,                STUN,  example.net, 3478, UDP, false",
    "stun:example.net:0000000000065535, STUN, example.net, 65535, UDP, false",
    "turn:example.net:0?transport=tcp, TURN,  example.net, 0, TCP, true",
  })
  void parsesValidUris(String url, RTCIceServerUrl.Scheme scheme, String host, int port, RTCIceProtocol transport,
      boolean explicit) {
    RTCIceServerUrl u = RTCIceServerUrl.parse(url);
    assertThat(u.scheme()).isEqualTo(scheme);
    assertThat(u.host()).isEqualTo(host);
    assertThat(u.port()).isEqualTo(port);
    assertThat(u.transport()).isEqualTo(transport);
    assertThat(u.explicitTransport()).isEqualTo(explicit);
    assertThat(RTCIceServerUrl.parse(u.toString())).isEqualTo(u);
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "relative-url", ":nohost", "stun:", "stun://example.org", "stun:example.org/path",
    "stun:example.org?transport=udp", "stun:example.org:65536", "stun:example.org:0065536", "stun:example.org:abc",
    "turn:example.org?transport=sctp", "turn:example.org?x=y", "turn:[::1", "turn:[not:hex:zz]",
    "turn:[1:2:3:4:5:6:7:8:9]", "stun:exa mple.org", "stun:example.org#frag", "stun:user@example.org:3478:1"
  })
  void rejectsMalformedUrisWithSyntaxError(String url) {
    assertThatThrownBy(() -> RTCIceServerUrl.parse(url))
        .isInstanceOfSatisfying(RTCException.class, e -> assertThat(e.name()).isEqualTo("SyntaxError"))
        .hasMessageContaining(url);
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://example.com", "https:example.com", "xmpp:a@b", "stunx:example.org"})
  void rejectsOtherSchemesWithNotSupportedError(String url) {
    assertThatThrownBy(() -> RTCIceServerUrl.parse(url))
        .isInstanceOfSatisfying(RTCException.class, e -> assertThat(e.name()).isEqualTo("NotSupportedError"));
  }
}

package dev.webrtc4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** RTCIceCandidate, mirroring web-platform-tests webrtc/RTCIceCandidate-constructor.html, plus attribute parsing. */
class RTCIceCandidateTest {
  private static final String CANDIDATE =
      "candidate:1905690388 1 udp 2113937151 192.168.0.1 58041 typ host generation 0 ufrag thC8 network-cost 50";
  private static final String ARBITRARY = "<arbitrary string[0] content>;";

  private static RTCIceCandidateInit.Builder init() {
    return RTCIceCandidateInit.builder();
  }

  @Test
  void withoutSdpMidAndSdpMLineIndexIsATypeError() {
    // 'new RTCIceCandidate({})', '... with manually filled default values',
    // '{ candidate: '' }', '... with valid candidate string only'
    assertThatThrownBy(() -> new RTCIceCandidate(init().build())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sdpMid");
    assertThatThrownBy(() -> new RTCIceCandidate(init().candidate("").build()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RTCIceCandidate(init().candidate(CANDIDATE).build()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sdpMidAloneOrSdpMLineIndexAloneIsEnough() {
    // "new RTCIceCandidate({ sdpMid: 'audio' })"
    RTCIceCandidate a = new RTCIceCandidate(init().sdpMid("audio").build());
    assertThat(a.candidate()).isEmpty();
    assertThat(a.sdpMid()).hasValue("audio");
    assertThat(a.sdpMLineIndex()).isEmpty();
    assertThat(a.usernameFragment()).isEmpty();
    // 'new RTCIceCandidate({ sdpMLineIndex: 0 })'
    RTCIceCandidate b = new RTCIceCandidate(init().sdpMLineIndex(0).build());
    assertThat(b.sdpMid()).isEmpty();
    assertThat(b.sdpMLineIndex()).hasValue(0);
    // "new RTCIceCandidate({ sdpMid: 'audio', sdpMLineIndex: 0 })"
    RTCIceCandidate c = new RTCIceCandidate(init().sdpMid("audio").sdpMLineIndex(0).build());
    assertThat(c.sdpMid()).hasValue("audio");
    assertThat(c.sdpMLineIndex()).hasValue(0);
  }

  @Test
  void anEmptyCandidateIsEndOfCandidatesWithNoAttributes() {
    // "new RTCIceCandidate({ candidate: '', sdpMid: 'audio' }"
    RTCIceCandidate c = new RTCIceCandidate(init().candidate("").sdpMid("audio").build());
    assertThat(c.candidate()).isEmpty();
    assertNoAttributes(c);
  }

  @Test
  void aValidCandidateStringIsParsedIntoTheAttributes() {
    // 'new RTCIceCandidate({ ... }) with valid candidate string and sdpMid'
    RTCIceCandidate c = new RTCIceCandidate(RTCIceCandidateInit.of(CANDIDATE, "audio"));
    assertThat(c.candidate()).isEqualTo(CANDIDATE);
    assertThat(c.sdpMid()).hasValue("audio");
    assertThat(c.sdpMLineIndex()).isEmpty();
    assertThat(c.usernameFragment()).isEmpty(); // from the init only, not the ufrag extension
    assertThat(c.foundation()).hasValue("1905690388");
    assertThat(c.component()).hasValue(RTCIceComponent.RTP);
    assertThat(c.priority()).hasValue(2113937151L);
    assertThat(c.address()).hasValue("192.168.0.1");
    assertThat(c.protocol()).hasValue(RTCIceProtocol.UDP);
    assertThat(c.port()).hasValue(58041);
    assertThat(c.type()).hasValue(RTCIceCandidateType.HOST);
    assertThat(c.tcpType()).isEmpty();
    assertThat(c.relatedAddress()).isEmpty();
    assertThat(c.relatedPort()).isEmpty();
    assertThat(c.relayProtocol()).isEmpty();
    assertThat(c.url()).isEmpty();
  }

  @Test
  void reflexiveAndTcpCandidatesCarryTheirExtraFields() {
    RTCIceCandidate srflx = new RTCIceCandidate(RTCIceCandidateInit.of(
        "candidate:842163049 2 UDP 1677729535 203.0.113.7 61665 typ srflx raddr 10.0.0.2 rport 61665", "0"));
    assertThat(srflx.component()).hasValue(RTCIceComponent.RTCP);
    assertThat(srflx.protocol()).hasValue(RTCIceProtocol.UDP); // transport compared without case
    assertThat(srflx.type()).hasValue(RTCIceCandidateType.SRFLX);
    assertThat(srflx.relatedAddress()).hasValue("10.0.0.2");
    assertThat(srflx.relatedPort()).hasValue(61665);
    // priority above 2^31 stays unsigned
    RTCIceCandidate tcp = new RTCIceCandidate(RTCIceCandidateInit.of(
        "candidate:3 1 tcp 4294967295 abc123.local 9 typ host tcptype active", "1"));
    assertThat(tcp.priority()).hasValue(4294967295L);
    assertThat(tcp.protocol()).hasValue(RTCIceProtocol.TCP);
    assertThat(tcp.tcpType()).hasValue(RTCIceTcpCandidateType.ACTIVE);
    assertThat(tcp.address()).hasValue("abc123.local");
  }

  @Test
  void anUnparsableCandidateIsKeptButHasNoAttributes() {
    // 'new RTCIceCandidate({ ... }) with invalid candidate string and sdpMid'
    RTCIceCandidate c = new RTCIceCandidate(RTCIceCandidateInit.of(ARBITRARY, "audio"));
    assertThat(c.candidate()).isEqualTo(ARBITRARY);
    assertThat(c.sdpMid()).hasValue("audio");
    assertNoAttributes(c);
  }

  @Test
  void aFieldWithNoAttributeValueAbortsParsing() {
    // W3C §4.8.1: "If any field in the parse result represents an invalid value for the
    // corresponding attribute in iceCandidate, abort these steps."
    for (String s : new String[] {
        "candidate:1 3 udp 1 192.0.2.1 1 typ host", // component 3 is neither rtp nor rtcp
        "candidate:1 1 sctp 1 192.0.2.1 1 typ host", // not udp or tcp
        "candidate:1 1 udp 1 192.0.2.1 1 typ weird"}) { // unknown type
      assertNoAttributes(new RTCIceCandidate(RTCIceCandidateInit.of(s, "0")));
    }
  }

  @Test
  void nonDefaultValuesForAllFieldsAreKept() {
    // 'new RTCIceCandidate({ ... }) with non default value for all fields'
    RTCIceCandidate c = new RTCIceCandidate(
        init().candidate(CANDIDATE).sdpMid("video").sdpMLineIndex(1).usernameFragment("test").build());
    assertThat(c.sdpMid()).hasValue("video");
    assertThat(c.sdpMLineIndex()).hasValue(1);
    assertThat(c.usernameFragment()).hasValue("test");
  }

  @Test
  void sdpMidAndSdpMLineIndexAreNotValidated() {
    // 'new RTCIceCandidate({ ... }) with invalid sdpMid', '... with invalid sdpMLineIndex'
    assertThat(new RTCIceCandidate(init().sdpMid(ARBITRARY).build()).sdpMid()).hasValue(ARBITRARY);
    assertThat(new RTCIceCandidate(init().sdpMLineIndex(65535).build()).sdpMLineIndex()).hasValue(65535);
    // but an unsigned short it must be
    assertThatThrownBy(() -> init().sdpMLineIndex(65536).build()).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sdpMLineIndex");
  }

  @Test
  void toJsonReturnsTheInitMembers() {
    RTCIceCandidateInit i = init().candidate(CANDIDATE).sdpMid("0").sdpMLineIndex(0).usernameFragment("thC8").build();
    RTCIceCandidate c = new RTCIceCandidate(i);
    assertThat(c.toJSON()).isEqualTo(i);
    assertThat(i.toJsonString()).isEqualTo("{\"candidate\":\"" + CANDIDATE
        + "\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0,\"usernameFragment\":\"thC8\"}");
    assertThat(RTCIceCandidateInit.builder().sdpMid("a\"b").build().toJsonString())
        .isEqualTo("{\"candidate\":\"\",\"sdpMid\":\"a\\\"b\",\"sdpMLineIndex\":null,\"usernameFragment\":null}");
  }

  @Test
  void localCandidatesCarryRelayProtocolAndUrl() {
    RTCIceCandidate relay = RTCIceCandidate.local(
        RTCIceCandidateInit.builder().candidate("candidate:9 1 udp 41885439 198.51.100.1 50000 typ relay raddr 0.0.0.0 rport 0")
            .sdpMid("0").sdpMLineIndex(0).build(),
        Optional.of(RTCIceServerTransportProtocol.TLS), Optional.of("turns:turn.example.org"));
    assertThat(relay.relayProtocol()).hasValue(RTCIceServerTransportProtocol.TLS);
    assertThat(relay.url()).hasValue("turns:turn.example.org");
    RTCPeerConnectionIceEvent e = RTCPeerConnectionIceEvent.of(relay);
    assertThat(e.type()).isEqualTo("icecandidate");
    assertThat(e.candidate()).hasValue(relay);
    assertThat(e.url()).hasValue("turns:turn.example.org");
    assertThat(RTCPeerConnectionIceEvent.endOfCandidates().candidate()).isEmpty();
  }

  private static void assertNoAttributes(RTCIceCandidate c) {
    assertThat(c.foundation()).isEmpty();
    assertThat(c.component()).isEmpty();
    assertThat(c.priority()).isEmpty();
    assertThat(c.address()).isEmpty();
    assertThat(c.protocol()).isEmpty();
    assertThat(c.port()).isEmpty();
    assertThat(c.type()).isEmpty();
    assertThat(c.tcpType()).isEmpty();
    assertThat(c.relatedAddress()).isEmpty();
    assertThat(c.relatedPort()).isEmpty();
  }

  @Test
  void iceEventsCarryCandidatesWithBothMidAndIndex() {
    // RTCPeerConnectionIceEvent-constructor.html: defaults are null; 'RTCIceCandidate must include
    // values for both sdpMid and sdpMLineIndex'
    RTCPeerConnectionIceEvent plain = new RTCPeerConnectionIceEvent("type", Optional.empty(), Optional.empty());
    assertThat(plain.candidate()).isEmpty();
    assertThat(plain.url()).isEmpty();
    RTCIceCandidate both = new RTCIceCandidate(init().candidate("").sdpMid("sdpMid").sdpMLineIndex(1).build());
    assertThat(new RTCPeerConnectionIceEvent("type", Optional.of(both), Optional.of("foo.bar")).candidate())
        .containsSame(both);
    RTCIceCandidate midOnly = new RTCIceCandidate(init().sdpMid("sdpMid").build());
    RTCIceCandidate indexOnly = new RTCIceCandidate(init().sdpMLineIndex(1).build());
    assertThatThrownBy(() -> RTCPeerConnectionIceEvent.of(midOnly)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RTCPeerConnectionIceEvent.of(indexOnly)).isInstanceOf(IllegalArgumentException.class);
  }
}

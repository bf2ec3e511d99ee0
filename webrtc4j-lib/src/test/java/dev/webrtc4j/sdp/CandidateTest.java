package dev.webrtc4j.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 8839 §5.1 candidate attribute. */
class CandidateTest {
  @Test
  void parsesEveryFieldOfAHostCandidate() {
    Candidate c = Candidate.parse("1467250027 1 udp 2122260223 127.0.0.1 51423 typ host generation 0 network-id 1 network-cost 10");
    assertThat(c.foundation()).isEqualTo("1467250027");
    assertThat(c.component()).isEqualTo(1);
    assertThat(c.transport()).isEqualTo("udp");
    assertThat(c.isUdp()).isTrue();
    assertThat(c.priority()).isEqualTo(2122260223L);
    assertThat(c.address()).isEqualTo("127.0.0.1");
    assertThat(c.port()).isEqualTo(51423);
    assertThat(c.type()).isEqualTo("host");
    assertThat(c.relatedAddress()).isNull();
    assertThat(c.relatedPort()).isEmpty();
    assertThat(c.generation()).hasValue(0);
    assertThat(c.networkId()).hasValue(1);
    assertThat(c.networkCost()).hasValue(10);
    assertThat(c.ufrag()).isEmpty();
    assertThat(c.tcpType()).isEmpty();
    assertThat(c.extensions()).containsExactly(
        Parameter.of("generation", "0"), Parameter.of("network-id", "1"), Parameter.of("network-cost", "10"));
  }

  @Test
  void acceptsTheW3cFormWithPrefixAndTheAttributeLine() {
    String v = "842163049 1 udp 1686052607 198.51.100.7 51423 typ srflx raddr 127.0.0.1 rport 51423";
    assertThat(Candidate.parse("candidate:" + v)).isEqualTo(Candidate.parse(v));
    assertThat(Candidate.parse("a=candidate:" + v)).isEqualTo(Candidate.parse(v));
    assertThat(Candidate.parse(v).candidateString()).isEqualTo("candidate:" + v);
  }

  @Test
  void parsesRelatedAddressAndPortOfReflexiveAndRelayCandidates() {
    Candidate c = Candidate.parse("3122539853 1 udp 41885439 203.0.113.9 3478 typ relay raddr 198.51.100.7 rport 51423 generation 0 ufrag P4xq");
    assertThat(c.type()).isEqualTo("relay");
    assertThat(c.relatedAddress()).isEqualTo("198.51.100.7");
    assertThat(c.relatedPort()).isEqualTo(OptionalInt.of(51423));
    assertThat(c.ufrag()).contains("P4xq");
    assertThat(c.value()).isEqualTo("3122539853 1 udp 41885439 203.0.113.9 3478 typ relay raddr 198.51.100.7 rport 51423 generation 0 ufrag P4xq");
  }

  @Test
  void parsesTcpTypes() {
    for (String t : List.of("active", "passive", "so")) {
      Candidate c = Candidate.parse("1 1 TCP 1518280447 127.0.0.1 9 typ host tcptype " + t);
      assertThat(c.tcpType()).contains(t);
      assertThat(c.isUdp()).isFalse();
      assertThat(c.transport()).isEqualTo("TCP");
    }
  }

  @Test
  void acceptsIpv6AndMdnsHostNamesAsConnectionAddress() {
    assertThat(Candidate.parse("2 1 udp 2122129151 ::1 60113 typ host").address()).isEqualTo("::1");
    assertThat(Candidate.parse("2 1 udp 2122129151 fe80::1c2f:3aff:fe4b:5c6d 60113 typ host").address())
        .isEqualTo("fe80::1c2f:3aff:fe4b:5c6d");
    Candidate mdns = Candidate.parse("2930234582 1 udp 2122194687 3c8f9a1b-52d4-4e2a-9f6b-7a1c0d2e3f40.local 56932 typ host");
    assertThat(mdns.address()).isEqualTo("3c8f9a1b-52d4-4e2a-9f6b-7a1c0d2e3f40.local");
  }

  @Test
  void keepsUnknownExtensionsInOrderAndFormatsThemBack() {
    String v = "1 1 udp 1 127.0.0.1 5000 typ host x-first a generation 2 x-second b";
    Candidate c = Candidate.parse(v);
    assertThat(c.extensions()).containsExactly(
        Parameter.of("x-first", "a"), Parameter.of("generation", "2"), Parameter.of("x-second", "b"));
    assertThat(c.extension("x-second")).contains("b");
    assertThat(c.value()).isEqualTo(v);
  }

  @Test
  void keepsUnknownTransportAndTypeTokens() {
    Candidate c = Candidate.parse("1 2 ssltcp 1 127.0.0.1 443 typ x-custom");
    assertThat(c.transport()).isEqualTo("ssltcp");
    assertThat(c.type()).isEqualTo("x-custom");
    assertThat(c.component()).isEqualTo(2);
  }

  @Test
  void acceptsRelatedFieldsAfterExtensionsButFormatsThemAfterTyp() {
    Candidate c = Candidate.parse("1 1 udp 1 198.51.100.7 5 typ srflx generation 0 raddr 127.0.0.1 rport 6");
    assertThat(c.relatedAddress()).isEqualTo("127.0.0.1");
    assertThat(c.value()).isEqualTo("1 1 udp 1 198.51.100.7 5 typ srflx raddr 127.0.0.1 rport 6 generation 0");
  }

  @Test
  void ignoresSurroundingWhitespace() {
    assertThat(Candidate.parse(" 1 1 udp 1 127.0.0.1 5 typ host ").port()).isEqualTo(5);
  }

  @Test
  void buildsACandidateWithTheConstructionApi() {
    Candidate c = Candidate.of("4", 1, "udp", 2122260223L, "127.0.0.1", 40000, "host")
        .withExtension("generation", "0")
        .withExtension("ufrag", "abcd")
        .withExtension("generation", "1");
    assertThat(c.value()).isEqualTo("4 1 udp 2122260223 127.0.0.1 40000 typ host generation 1 ufrag abcd");
    Candidate srflx = Candidate.of("5", 1, "udp", 1686052607L, "198.51.100.7", 40001, "srflx").withRelated("0.0.0.0", 0);
    assertThat(srflx.value()).isEqualTo("5 1 udp 1686052607 198.51.100.7 40001 typ srflx raddr 0.0.0.0 rport 0");
    assertThat(srflx.toAttribute()).isEqualTo(Attribute.of("candidate", srflx.value()));
    assertThat(c.withAddress("::1", 9).address()).isEqualTo("::1");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "1 1 udp 1 127.0.0.1 5 typ",
      "bad_foundation! 1 udp 1 127.0.0.1 5 typ host",
      "123456789012345678901234567890123 1 udp 1 127.0.0.1 5 typ host",
      "1 257 udp 1 127.0.0.1 5 typ host",
      "1 1 udp -1 127.0.0.1 5 typ host",
      "1 1 udp 1 127.0.0.1 65536 typ host",
      "1 1 udp 1 127.0.0.1 5 typ host raddr",
      "1 1 udp 1 127.0.0.1 5 typ host raddr 1.2.3.4 raddr 1.2.3.4",
      "1 1 udp 1 127.0.0.1 5 typ host network-cost high",
      "1 1 udp 1 127.0.0.1 5 typ host generation x",
      "1 1 udp 1 127.0.0.1  5 typ host"})
  void rejectsMalformedCandidates(String value) {
    assertThatThrownBy(() -> Candidate.parse(value)).isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("null");
  }

  @Test
  void rejectsAMissingValue() {
    assertThatThrownBy(() -> Candidate.parse(null)).hasMessage("a=candidate needs a value");
  }

  @Test
  void constructorValidatesExtensions() {
    assertThatThrownBy(() -> new Candidate("1", 1, "udp", 1, "127.0.0.1", 5, "host", null, OptionalInt.empty(),
            List.of(new Parameter("generation", null))))
        .hasMessageContaining("generation has no value");
    assertThatThrownBy(() -> new Candidate("1", 1, "udp", 1, "127.0.0.1", 5, "host", null, OptionalInt.empty(),
            List.of(Parameter.of("raddr", "1.2.3.4"))))
        .hasMessageContaining("raddr is not an extension attribute");
  }
}

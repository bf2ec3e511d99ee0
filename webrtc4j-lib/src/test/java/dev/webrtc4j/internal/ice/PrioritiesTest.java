package dev.webrtc4j.internal.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class PrioritiesTest {
  private static InetAddress ip(String literal) {
    return IceCandidate.ipLiteral(literal);
  }

  @Test
  void typePreferencesAreTheWebRtcOnes() {
    assertThat(CandidateType.HOST.typePreference()).isEqualTo(126);
    assertThat(CandidateType.PRFLX.typePreference()).isEqualTo(110);
    assertThat(CandidateType.SRFLX.typePreference()).isEqualTo(100);
    assertThat(CandidateType.RELAY.typePreference()).isEqualTo(0);
  }

  @Test
  void candidatePriorityFollowsTheRfcFormula() {
    // RFC 8445 §5.1.2.1: (2^24)*type + (2^8)*local + (256 - component)
    assertThat(Priorities.candidatePriority(CandidateType.HOST, 65535, 1)).isEqualTo(126L * (1 << 24) + 65535L * 256 + 255);
    assertThat(Priorities.candidatePriority(CandidateType.RELAY, 0, 1)).isEqualTo(255);
  }

  @Test
  void localPreferenceMatchesChromeForTheFirstInterface() {
    // Chrome: a host IPv4 candidate on the first network is 2122260223 (= 126<<24 | (127<<8|30)<<8 | 255).
    int lp = Priorities.localPreference(0, ip("192.168.1.2"), 0);
    assertThat(lp).isEqualTo((127 << 8) | 30);
    assertThat(Priorities.candidatePriority(CandidateType.HOST, lp, 1)).isEqualTo(2122260223L);
    // and IPv6 on the same network: 2122262783
    int lp6 = Priorities.localPreference(0, ip("2001:db8::1"), 0);
    assertThat(Priorities.candidatePriority(CandidateType.HOST, lp6, 1)).isEqualTo(2122262783L);
  }

  @Test
  void ipv6BeatsIpv4AndTheFirstInterfaceBeatsTheSecond() {
    int v6first = Priorities.localPreference(0, ip("2001:db8::1"), 0);
    int v4first = Priorities.localPreference(0, ip("10.0.0.1"), 0);
    int v6second = Priorities.localPreference(1, ip("2001:db8::2"), 0);
    assertThat(v6first).isGreaterThan(v4first);
    assertThat(v4first).isGreaterThan(v6second);
  }

  @Test
  void addressPrecedenceFollowsRfc6724AsChromeApplies() {
    assertThat(Priorities.addressPrecedence(ip("::1"))).isEqualTo(60);
    assertThat(Priorities.addressPrecedence(ip("fd00::1"))).isEqualTo(50);
    assertThat(Priorities.addressPrecedence(ip("2001:db8::1"))).isEqualTo(40);
    assertThat(Priorities.addressPrecedence(ip("127.0.0.1"))).isEqualTo(30);
    assertThat(Priorities.addressPrecedence(ip("2002::1"))).isEqualTo(20);
    assertThat(Priorities.addressPrecedence(ip("2001::1"))).isEqualTo(10);
    assertThat(Priorities.addressPrecedence(ip("fec0::1"))).isEqualTo(1);
  }

  @Test
  void pairPriorityFollowsTheRfcFormulaAndFavoursTheControllingSide() {
    long g = 2122260223L;
    long d = 1686052607L;
    assertThat(Priorities.pairPriority(g, d)).isEqualTo((d << 32) + 2 * g + 1);
    assertThat(Priorities.pairPriority(d, g)).isEqualTo((d << 32) + 2 * g);
    long max = 0x7fffffffL;
    assertThat(Priorities.pairPriority(max, max)).isPositive();
  }

  @Test
  void rejectsALocalPreferenceOutOfRange() {
    assertThatThrownBy(() -> Priorities.candidatePriority(CandidateType.HOST, 70000, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void foundationsAreEqualExactlyForSameTypeBaseServerAndProtocol() {
    String a = Foundations.of(CandidateType.HOST, ip("10.0.0.1"), null, "udp");
    assertThat(Foundations.of(CandidateType.HOST, ip("10.0.0.1"), null, "udp")).isEqualTo(a);
    assertThat(Foundations.of(CandidateType.SRFLX, ip("10.0.0.1"), null, "udp")).isNotEqualTo(a);
    assertThat(Foundations.of(CandidateType.HOST, ip("10.0.0.2"), null, "udp")).isNotEqualTo(a);
    assertThat(Foundations.of(CandidateType.HOST, ip("10.0.0.1"), null, "tcp")).isNotEqualTo(a);
    String s1 = Foundations.of(CandidateType.SRFLX, ip("10.0.0.1"), ip("192.0.2.1"), "udp");
    assertThat(Foundations.of(CandidateType.SRFLX, ip("10.0.0.1"), ip("192.0.2.2"), "udp")).isNotEqualTo(s1);
    assertThat(a).matches("[0-9]{1,10}");
  }
}

package dev.webrtc4j.internal.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class IceCandidateTest {
  @Test
  void parsesAChromeHostCandidateAndSkipsExtensions() {
    IceCandidate c = IceCandidate.parse(
        "candidate:1467250027 1 udp 2122260223 192.168.0.196 46243 typ host generation 0 ufrag abcd network-id 1");
    assertThat(c.foundation()).isEqualTo("1467250027");
    assertThat(c.component()).isEqualTo(1);
    assertThat(c.protocol()).isEqualTo("udp");
    assertThat(c.priority()).isEqualTo(2122260223L);
    assertThat(c.address()).isEqualTo(new InetSocketAddress(IceCandidate.ipLiteral("192.168.0.196"), 46243));
    assertThat(c.type()).isEqualTo(CandidateType.HOST);
    assertThat(c.relatedAddress()).isNull();
  }

  @Test
  void parsesSrflxWithRelatedAddressAndRoundTrips() {
    String text = "candidate:842163049 1 udp 1677729535 203.0.113.7 6000 typ srflx raddr 10.0.0.1 rport 5000";
    IceCandidate c = IceCandidate.parse("a=" + text);
    assertThat(c.type()).isEqualTo(CandidateType.SRFLX);
    assertThat(c.relatedAddress()).isEqualTo(new InetSocketAddress(IceCandidate.ipLiteral("10.0.0.1"), 5000));
    assertThat(c.toSdp()).isEqualTo(text);
    assertThat(IceCandidate.parse(c.toSdp())).isEqualTo(c);
  }

  @Test
  void parsesIpv6AndMdnsNamesWithoutAnyLookup() {
    IceCandidate v6 = IceCandidate.parse("candidate:1 1 UDP 2122262783 2001:db8::5 9 typ host");
    assertThat(v6.address().isUnresolved()).isFalse();
    assertThat(v6.protocol()).isEqualTo("udp");
    IceCandidate mdns = IceCandidate.parse("candidate:2 1 udp 2122260223 4b1c7c2e-21b4-4e5e-9d1b-0c8f1d2f3a4b.local 51000 typ host");
    assertThat(mdns.isMdns()).isTrue();
    assertThat(mdns.address().getHostString()).endsWith(".local");
    assertThat(mdns.toSdp()).contains(".local 51000 typ host");
  }

  @Test
  void rejectsTextThatIsNotACandidate() {
    assertThatThrownBy(() -> IceCandidate.parse("candidate:1 1 udp x 1.2.3.4 5 typ host"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad number");
    assertThatThrownBy(() -> IceCandidate.parse("candidate:1 1 udp 5 1.2.3.4 5 type host"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a candidate");
    assertThatThrownBy(() -> IceCandidate.parse("candidate:1 1 udp 5 1.2.3.400 5 typ host"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> IceCandidate.parse("candidate:1 1 udp 5 1.2.3.4 70000 typ host"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void credentialsFollowTheIceCharSyntax() {
    assertThat(IceCredentials.random(new java.security.SecureRandom()).pwd()).hasSize(24);
    assertThatThrownBy(() -> new IceCredentials("abc", "0123456789012345678901")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new IceCredentials("abcd", "short")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new IceCredentials("ab:d", "0123456789012345678901")).isInstanceOf(IllegalArgumentException.class);
    assertThat(new IceCredentials("abcd", "0123456789012345678901").toString()).doesNotContain("0123456789");
  }

  @org.junit.jupiter.api.Test
  void ipv6AddressesAreWrittenInTheirShortestFormAsBrowsersDo() throws Exception {
    org.assertj.core.api.Assertions.assertThat(IceCandidate.compressedIpv6(java.net.InetAddress.getByName("::1").getAddress()))
        .isEqualTo("::1");
    org.assertj.core.api.Assertions.assertThat(
        IceCandidate.compressedIpv6(java.net.InetAddress.getByName("2001:db8:0:0:1:0:0:1").getAddress()))
        .isEqualTo("2001:db8::1:0:0:1");
    org.assertj.core.api.Assertions.assertThat(
        IceCandidate.compressedIpv6(java.net.InetAddress.getByName("fe80:0:0:0:0:0:0:0").getAddress()))
        .isEqualTo("fe80::");
    org.assertj.core.api.Assertions.assertThat(
        IceCandidate.compressedIpv6(java.net.InetAddress.getByName("2001:db8:1:2:3:4:5:6").getAddress()))
        .isEqualTo("2001:db8:1:2:3:4:5:6");
    org.assertj.core.api.Assertions.assertThat(
        IceCandidate.compressedIpv6(java.net.InetAddress.getByName("2001:0:0:1:0:0:0:1").getAddress()))
        .isEqualTo("2001:0:0:1::1");
  }
}

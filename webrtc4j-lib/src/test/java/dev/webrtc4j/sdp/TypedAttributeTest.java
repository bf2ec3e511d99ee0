package dev.webrtc4j.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webrtc4j.sdp.Simulcast.Alternative;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Each typed attribute view: parse, format, validation. */
class TypedAttributeTest {
  private static final String FP =
      "6B:8B:5D:EA:59:04:20:23:29:C8:87:1C:CC:87:32:BE:DD:8C:66:A5:8E:50:55:EA:8C:D3:B6:5C:09:5E:D6:BC";

  @Test
  void fingerprintParsesFormatsAndExposesTheDigest() {
    Fingerprint f = Fingerprint.parse("sha-256 " + FP);
    assertThat(f.hashFunction()).isEqualTo("sha-256");
    assertThat(f.digest()).hasSize(32).startsWith((byte) 0x6B, (byte) 0x8B);
    assertThat(f.value()).isEqualTo("sha-256 " + FP);
    assertThat(Fingerprint.parse("SHA-256 " + FP.toLowerCase()).fingerprint()).isEqualTo(FP);
    assertThat(Fingerprint.parse("SHA-256 " + FP).normalizedHashFunction()).isEqualTo("sha-256");
    assertThat(Fingerprint.of("sha-1", new byte[] {0x0a, (byte) 0xff})).isEqualTo(Fingerprint.parse("sha-1 0A:FF"));
    assertThatThrownBy(() -> Fingerprint.parse("sha-256 6B8B")).hasMessageContaining("colon-separated hex pairs");
    assertThatThrownBy(() -> Fingerprint.parse("sha-256 6B:8")).hasMessageContaining("colon-separated hex pairs");
    assertThatThrownBy(() -> Fingerprint.of("sha-256", new byte[0])).hasMessageContaining("empty");
  }

  @Test
  void setupParsesEveryRole() {
    assertThat(Setup.parse("actpass")).isEqualTo(Setup.ACTPASS);
    assertThat(Setup.parse("active")).isEqualTo(Setup.ACTIVE);
    assertThat(Setup.parse("passive")).isEqualTo(Setup.PASSIVE);
    assertThat(Setup.parse("holdconn")).isEqualTo(Setup.HOLDCONN);
    assertThat(Setup.ACTIVE.toAttribute()).isEqualTo(Attribute.of("setup", "active"));
    assertThat(Setup.parse("ACTPASS")).isEqualTo(Setup.ACTPASS); // Chrome compares without case
    assertThatThrownBy(() -> Setup.parse("sometimes")).hasMessageContaining("unknown setup role");
  }

  @Test
  void directionsArePropertyAttributes() {
    assertThat(Direction.SENDONLY.toAttribute()).isEqualTo(Attribute.flag("sendonly"));
    assertThat(Direction.fromAttributeName("recvonly")).contains(Direction.RECVONLY);
    assertThat(Direction.fromAttributeName("mid")).isEmpty();
    assertThat(Direction.SENDONLY.reverse()).isEqualTo(Direction.RECVONLY);
    assertThat(Direction.INACTIVE.reverse()).isEqualTo(Direction.INACTIVE);
    assertThat(Direction.SENDRECV.sends()).isTrue();
    assertThat(Direction.RECVONLY.sends()).isFalse();
    assertThat(Direction.RECVONLY.receives()).isTrue();
  }

  @Test
  void flagsArePropertyAttributes() {
    assertThat(Flag.RTCP_MUX.toAttribute().line()).isEqualTo("a=rtcp-mux");
    assertThat(Flag.fromAttributeName("ice-lite")).contains(Flag.ICE_LITE);
    assertThat(Flag.fromAttributeName("rtcp-rsize")).contains(Flag.RTCP_RSIZE);
    assertThat(Flag.fromAttributeName("rtcp-mux-only")).contains(Flag.RTCP_MUX_ONLY);
    assertThat(Flag.fromAttributeName("end-of-candidates")).contains(Flag.END_OF_CANDIDATES);
    assertThat(Flag.fromAttributeName("extmap-allow-mixed")).contains(Flag.EXTMAP_ALLOW_MIXED);
  }

  @Test
  void rtpmapWithAndWithoutEncodingParameters() {
    Rtpmap opus = Rtpmap.parse("111 opus/48000/2");
    assertThat(opus).isEqualTo(Rtpmap.of(111, "opus", 48000, 2));
    assertThat(opus.encodingParameters()).isEqualTo(OptionalInt.of(2));
    Rtpmap vp8 = Rtpmap.parse("96 VP8/90000");
    assertThat(vp8.encodingParameters()).isEmpty();
    assertThat(vp8.value()).isEqualTo("96 VP8/90000");
    assertThat(opus.value()).isEqualTo("111 opus/48000/2");
    assertThatThrownBy(() -> Rtpmap.parse("xx opus/48000/2")).hasMessage("payload type is not a number");
    assertThatThrownBy(() -> Rtpmap.parse("96 VP8/0")).hasMessageContaining("clock rate is out of range");
    assertThatThrownBy(() -> Rtpmap.parse("96 VP8/90000/2/3")).hasMessageContaining("encoding is not");
    assertThatThrownBy(() -> Rtpmap.of(96, "V P8", 90000)).hasMessageContaining("encoding name is not valid");
  }

  @Test
  void fmtpKeepsParametersInOrderIncludingOnesWithoutValue() {
    Fmtp h264 = Fmtp.parse("100 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f");
    assertThat(h264.payloadType()).isEqualTo(100);
    assertThat(h264.parameters()).extracting(Parameter::name)
        .containsExactly("level-asymmetry-allowed", "packetization-mode", "profile-level-id");
    assertThat(h264.parameter("PROFILE-LEVEL-ID")).contains("42e01f");
    assertThat(h264.value()).isEqualTo("100 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f");
    Fmtp red = Fmtp.parse("63 111/111");
    assertThat(red.parameters()).containsExactly(new Parameter("111/111", null));
    assertThat(red.value()).isEqualTo("63 111/111");
    assertThat(Fmtp.parse("101 0-15").value()).isEqualTo("101 0-15");
    assertThat(Fmtp.parse("97 apt=96").parameter("apt")).contains("96");
    assertThat(Fmtp.parse("111 minptime=10; useinbandfec=1").value()).isEqualTo("111 minptime=10;useinbandfec=1");
    assertThat(Fmtp.of(97, Parameter.of("apt", "96")).value()).isEqualTo("97 apt=96");
    assertThat(Fmtp.parse("96").parameters()).isEmpty();
    assertThat(Fmtp.parse("96").value()).isEqualTo("96");
    assertThat(h264.parameterText()).isEqualTo("level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f");
    assertThat(Fmtp.of(111, "minptime=10;useinbandfec=1")).isEqualTo(Fmtp.parse("111 minptime=10;useinbandfec=1"));
    assertThat(Fmtp.of(96, "")).isEqualTo(Fmtp.parse("96"));
    assertThatThrownBy(() -> Fmtp.of(97, Parameter.of("a", "1;b=2"))).hasMessageContaining("contains ';'");
  }

  @Test
  void rtcpFbWithTypeParametersAndWildcard() {
    RtcpFb pli = RtcpFb.parse("96 nack pli");
    assertThat(pli).isEqualTo(RtcpFb.of(96, "nack", "pli"));
    assertThat(RtcpFb.parse("96 nack").parameters()).isNull();
    assertThat(RtcpFb.parse("* transport-cc").isWildcard()).isTrue();
    assertThat(RtcpFb.parse("96 trr-int 100").parameters()).isEqualTo("100");
    assertThat(pli.value()).isEqualTo("96 nack pli");
    assertThat(pli.feedback()).isEqualTo("nack pli");
    assertThat(RtcpFb.ofFeedback(96, "nack pli")).isEqualTo(pli);
    assertThat(RtcpFb.ofFeedback(96, "goog-remb").feedback()).isEqualTo("goog-remb");
    assertThatThrownBy(() -> RtcpFb.parse("x nack")).hasMessage("payload type is not a number");
  }

  @Test
  void extmapWithDirectionAndExtensionAttributes() {
    Extmap e = Extmap.parse("2/recvonly urn:ietf:params:rtp-hdrext:csrc-audio-level");
    assertThat(e.id()).isEqualTo(2);
    assertThat(e.direction()).contains(Direction.RECVONLY);
    assertThat(e.uri()).isEqualTo("urn:ietf:params:rtp-hdrext:csrc-audio-level");
    assertThat(e.value()).isEqualTo("2/recvonly urn:ietf:params:rtp-hdrext:csrc-audio-level");
    Extmap withAttrs = Extmap.parse("5 urn:ietf:params:rtp-hdrext:encrypt urn:ietf:params:rtp-hdrext:smpte-tc 25@600/24");
    assertThat(withAttrs.extensionAttributes()).isEqualTo("urn:ietf:params:rtp-hdrext:smpte-tc 25@600/24");
    assertThat(withAttrs.value()).isEqualTo("5 urn:ietf:params:rtp-hdrext:encrypt urn:ietf:params:rtp-hdrext:smpte-tc 25@600/24");
    assertThat(Extmap.of(4, "urn:ietf:params:rtp-hdrext:sdes:mid").value()).isEqualTo("4 urn:ietf:params:rtp-hdrext:sdes:mid");
    assertThat(Extmap.parse("255 urn:x").id()).isEqualTo(255);
    assertThatThrownBy(() -> Extmap.parse("256 urn:x")).hasMessageContaining("out of range");
  }

  @Test
  void ssrcWithValuesThatHoldSpaces() {
    Ssrc s = Ssrc.parse("1843471519 msid:stream track");
    assertThat(s.ssrc()).isEqualTo(1843471519L);
    assertThat(s.attribute()).isEqualTo("msid");
    assertThat(s.attributeValue()).isEqualTo("stream track");
    assertThat(s.value()).isEqualTo("1843471519 msid:stream track");
    assertThat(Ssrc.cname(4294967295L, "abc").value()).isEqualTo("4294967295 cname:abc");
    assertThat(Ssrc.parse("1 x-flag").attributeValue()).isNull();
    assertThatThrownBy(() -> Ssrc.parse("4294967296 cname:a")).hasMessageContaining("out of range");
  }

  @Test
  void ssrcGroupListsSsrcsInOrder() {
    SsrcGroup g = SsrcGroup.parse("FID 2231627014 632943048");
    assertThat(g).isEqualTo(SsrcGroup.of("FID", 2231627014L, 632943048L));
    assertThat(g.value()).isEqualTo("FID 2231627014 632943048");
    assertThat(SsrcGroup.parse("SIM 1 2 3").ssrcs()).containsExactly(1L, 2L, 3L);
  }

  @Test
  void ridWithPayloadTypesAndRestrictions() {
    Rid r = Rid.parse("f send pt=96,98;max-width=1280;max-height=720;max-fps=30");
    assertThat(r.id()).isEqualTo("f");
    assertThat(r.direction()).isEqualTo(RidDirection.SEND);
    assertThat(r.payloadTypes()).containsExactly(96, 98);
    assertThat(r.restriction("max-width")).contains("1280");
    assertThat(r.restrictions()).extracting(Parameter::name).containsExactly("max-width", "max-height", "max-fps");
    assertThat(r.value()).isEqualTo("f send pt=96,98;max-width=1280;max-height=720;max-fps=30");
    Rid plain = Rid.parse("q recv");
    assertThat(plain).isEqualTo(Rid.of("q", RidDirection.RECV));
    assertThat(plain.value()).isEqualTo("q recv");
    assertThat(Rid.parse("1 send max-br=64000;depend=0").payloadTypes()).isEmpty();
    assertThatThrownBy(() -> Rid.parse("h! send")).hasMessageContaining("rid id");
    assertThatThrownBy(() -> Rid.parse("h send pt=")).hasMessageContaining("no payload type");
    assertThatThrownBy(() -> Rid.parse("h send max-width=1;pt=96")).hasMessageContaining("pt= must come first");
  }

  @Test
  void simulcastWithAlternativesPausedStreamsAndBothDirections() {
    Simulcast s = Simulcast.parse("send 1,~4;2;3 recv c");
    assertThat(s.send()).containsExactly(
        List.of(new Alternative("1", false), new Alternative("4", true)),
        List.of(new Alternative("2", false)),
        List.of(new Alternative("3", false)));
    assertThat(s.recv()).containsExactly(List.of(new Alternative("c", false)));
    assertThat(s.value()).isEqualTo("send 1,~4;2;3 recv c");
    assertThat(Simulcast.parse("recv c send a").value()).isEqualTo("send a recv c");
    assertThat(Simulcast.send("q", "h", "f").value()).isEqualTo("send q;h;f");
    assertThat(Simulcast.recv("a").value()).isEqualTo("recv a");
    assertThatThrownBy(() -> Simulcast.parse("send a send b")).hasMessageContaining("send twice");
    assertThatThrownBy(() -> Simulcast.parse("send a;;b")).hasMessageContaining("rid id");
    assertThatThrownBy(() -> new Simulcast(List.of(), List.of())).hasMessageContaining("neither");
  }

  @Test
  void groupWithZeroOrMoreMids() {
    Group g = Group.parse("BUNDLE 0 1 2");
    assertThat(g.isBundle()).isTrue();
    assertThat(g.mids()).containsExactly("0", "1", "2");
    assertThat(Group.bundle(List.of("a", "b")).value()).isEqualTo("BUNDLE a b");
    assertThat(Group.parse("BUNDLE").mids()).isEmpty();
    assertThat(Group.parse("LS 1 2").isBundle()).isFalse();
  }

  @Test
  void msidWithAndWithoutTrack() {
    assertThat(Msid.parse("stream track")).isEqualTo(new Msid("stream", "track"));
    assertThat(Msid.parse("- track").streamId()).isEqualTo("-");
    assertThat(Msid.parse("stream").trackId()).isNull();
    assertThat(new Msid("s", "t").value()).isEqualTo("s t");
    assertThatThrownBy(() -> new Msid("x".repeat(65), null)).hasMessageContaining("longer than 64");
  }

  @Test
  void msidSemanticAcceptsChromesSpaceAfterTheColon() {
    MsidSemantic m = MsidSemantic.parse(" WMS a b");
    assertThat(m.semantic()).isEqualTo("WMS");
    assertThat(m.identifiers()).containsExactly("a", "b");
    assertThat(m.value()).isEqualTo("WMS a b");
    assertThat(MsidSemantic.parse(" WMS").identifiers()).isEmpty();
    assertThat(MsidSemantic.parse("WMS *").identifiers()).containsExactly("*");
  }

  @Test
  void iceOptionsKnowTrickleAndIce2() {
    IceOptions o = IceOptions.parse("trickle ice2");
    assertThat(o.trickle()).isTrue();
    assertThat(o.ice2()).isTrue();
    assertThat(IceOptions.parse("trickle").ice2()).isFalse();
    assertThat(IceOptions.of("trickle", "renomination").value()).isEqualTo("trickle renomination");
    assertThatThrownBy(() -> new IceOptions(List.of())).hasMessageContaining("no option");
    // libjuice / libdatachannel separate the tags with a comma.
    IceOptions juice = IceOptions.parse("ice2,trickle");
    assertThat(juice.options()).containsExactly("ice2", "trickle");
    assertThat(juice.value()).isEqualTo("ice2 trickle");
    assertThatThrownBy(() -> IceOptions.parse("ice2,,trickle")).hasMessageContaining("ice option is empty");
  }

  @Test
  void iceCredentialsAndMid() {
    assertThat(IceUfrag.parse("Wd3u").ufrag()).isEqualTo("Wd3u");
    assertThat(IcePwd.parse("Z0vtNk1tmw2Zo9UKWiSBGNPq").password()).isEqualTo("Z0vtNk1tmw2Zo9UKWiSBGNPq");
    assertThat(new IceUfrag("abcd").toAttribute().line()).isEqualTo("a=ice-ufrag:abcd");
    assertThat(Mid.parse("audio").toAttribute().line()).isEqualTo("a=mid:audio");
    assertThatThrownBy(() -> new IceUfrag("a b")).hasMessageContaining("space");
    assertThatThrownBy(() -> new Mid("a(b)")).hasMessageContaining("not a token");
  }

  @Test
  void sctpPortAndMaxMessageSize() {
    assertThat(SctpPort.parse("5000")).isEqualTo(new SctpPort(5000));
    assertThat(new SctpPort(5000).value()).isEqualTo("5000");
    assertThat(MaxMessageSize.parse("262144").size()).isEqualTo(262144L);
    assertThat(MaxMessageSize.parse("0").size()).isZero();
    assertThat(new MaxMessageSize(1073741823L).toAttribute().line()).isEqualTo("a=max-message-size:1073741823");
    assertThatThrownBy(() -> SctpPort.parse("x")).hasMessage("sctp-port is not a number");
  }

  @Test
  void legacySctpmap() {
    Sctpmap m = Sctpmap.parse("5000 webrtc-datachannel 1024");
    assertThat(m).isEqualTo(new Sctpmap(5000, "webrtc-datachannel", OptionalInt.of(1024)));
    assertThat(m.value()).isEqualTo("5000 webrtc-datachannel 1024");
    assertThat(Sctpmap.parse("5000 webrtc-datachannel").streams()).isEmpty();
    assertThatThrownBy(() -> Sctpmap.parse("5000")).hasMessageContaining("needs a port, a protocol");
    assertThatThrownBy(() -> Sctpmap.parse("5000 webrtc-datachannel 0")).hasMessageContaining("out of range");
  }

  @Test
  void rtcpWithAndWithoutAddress() {
    Rtcp r = Rtcp.parse("9 IN IP4 0.0.0.0");
    assertThat(r.port()).isEqualTo(9);
    assertThat(r.connection()).contains(Connection.PLACEHOLDER_IP4);
    assertThat(r.value()).isEqualTo("9 IN IP4 0.0.0.0");
    assertThat(Rtcp.parse("53020").connection()).isEmpty();
    assertThat(Rtcp.of(9, new Connection("IN", "IP6", "::1")).value()).isEqualTo("9 IN IP6 ::1");
    assertThatThrownBy(() -> Rtcp.parse("9 IN IP4")).hasMessageContaining("connection data needs");
  }

  @Test
  void identityWithExtensions() {
    Identity i = Identity.parse("ZXhhbXBsZQ== a=b;c");
    assertThat(i.assertion()).isEqualTo("ZXhhbXBsZQ==");
    assertThat(i.extensions()).containsExactly(Parameter.of("a", "b"), new Parameter("c", null));
    assertThat(i.value()).isEqualTo("ZXhhbXBsZQ== a=b;c");
    assertThat(Identity.parse("ZXhhbXBsZQ==").extensions()).isEmpty();
    assertThatThrownBy(() -> Identity.parse("not*base64")).hasMessageContaining("base64");
  }

  @Test
  void connectionBandwidthTimingAndOrigin() {
    assertThat(Connection.parse("IN IP6 ::1")).isEqualTo(new Connection("IN", "IP6", "::1"));
    assertThat(Bandwidth.parse("AS:512")).isEqualTo(new Bandwidth("AS", 512));
    assertThat(new Bandwidth("TIAS", 64000).text()).isEqualTo("TIAS:64000");
    assertThat(Timing.parse("0 0")).isEqualTo(Timing.UNBOUNDED);
    Origin o = Origin.parse("- 4611731400430051336 2 IN IP4 127.0.0.1");
    assertThat(o.sessionId()).isEqualTo("4611731400430051336");
    assertThat(o.withNextVersion().sessionVersion()).isEqualTo("3");
    assertThat(Origin.parse("- 1 18446744073709551615 IN IP4 0.0.0.0").withNextVersion().sessionVersion())
        .isEqualTo("18446744073709551616");
    assertThat(Origin.of(42, 7).text()).isEqualTo("- 42 7 IN IP4 127.0.0.1");
    assertThatThrownBy(() -> Bandwidth.parse("AS512")).hasMessageContaining("<bwtype>:<bandwidth>");
  }

  @Test
  void everyTypedAttributeRoundTripsThroughItsAttribute() {
    List<TypedAttribute> all = List.of(
        Candidate.parse("1 1 udp 1 127.0.0.1 5 typ host"), Fingerprint.parse("sha-256 AB:CD"), Setup.ACTPASS,
        Direction.INACTIVE, Flag.BUNDLE_ONLY, Rtpmap.parse("0 PCMU/8000"), Fmtp.parse("97 apt=96"),
        RtcpFb.parse("96 ccm fir"), Extmap.parse("1/sendonly urn:x"), Ssrc.parse("1 cname:x"),
        SsrcGroup.parse("FID 1 2"), Rid.parse("a send pt=96"), Simulcast.parse("recv a;b"),
        Group.parse("BUNDLE 0"), Msid.parse("s t"), MsidSemantic.parse("WMS"), IceOptions.parse("trickle"),
        SctpPort.parse("5000"), MaxMessageSize.parse("65536"), Rtcp.parse("9"), Identity.parse("YQ=="),
        Mid.parse("0"), IceUfrag.parse("abcd"), IcePwd.parse("0123456789012345678901"),
        Sctpmap.parse("5000 webrtc-datachannel 1024"));
    for (TypedAttribute t : all) {
      Attribute a = t.toAttribute();
      Attribute reparsed = Attribute.parse(a.text());
      assertThat(reparsed).as(t.attributeName()).isEqualTo(a);
      TypedAttribute back = switch (t) {
        case Candidate c -> Candidate.parse(a.value());
        case Fingerprint f -> Fingerprint.parse(a.value());
        case Setup s -> Setup.parse(a.value());
        case Direction d -> Direction.fromAttributeName(a.name()).orElseThrow();
        case Flag f -> Flag.fromAttributeName(a.name()).orElseThrow();
        case Rtpmap r -> Rtpmap.parse(a.value());
        case Fmtp f -> Fmtp.parse(a.value());
        case RtcpFb r -> RtcpFb.parse(a.value());
        case Extmap e -> Extmap.parse(a.value());
        case Ssrc s -> Ssrc.parse(a.value());
        case SsrcGroup g -> SsrcGroup.parse(a.value());
        case Rid r -> Rid.parse(a.value());
        case Simulcast s -> Simulcast.parse(a.value());
        case Group g -> Group.parse(a.value());
        case Msid m -> Msid.parse(a.value());
        case MsidSemantic m -> MsidSemantic.parse(a.value());
        case IceOptions o -> IceOptions.parse(a.value());
        case SctpPort p -> SctpPort.parse(a.value());
        case MaxMessageSize m -> MaxMessageSize.parse(a.value());
        case Rtcp r -> Rtcp.parse(a.value());
        case Identity i -> Identity.parse(a.value());
        case Mid m -> Mid.parse(a.value());
        case IceUfrag u -> IceUfrag.parse(a.value());
        case IcePwd p -> IcePwd.parse(a.value());
        case Sctpmap m -> Sctpmap.parse(a.value());
      };
      assertThat(back).isEqualTo(t);
    }
  }

  @Test
  void attributeKeepsFlagAndEmptyValueApart() {
    assertThat(Attribute.parse("x-flag")).isEqualTo(Attribute.flag("x-flag"));
    assertThat(Attribute.parse("x-flag").isFlag()).isTrue();
    assertThat(Attribute.parse("x-empty:").value()).isEmpty();
    assertThat(Attribute.parse("x-empty:").text()).isEqualTo("x-empty:");
    assertThat(Attribute.parse("x:a:b").value()).isEqualTo("a:b");
    assertThat(Optional.ofNullable(Attribute.parse("x").value())).isEmpty();
    assertThatThrownBy(() -> Attribute.of("x", "a\r\nb")).hasMessageContaining("line break");
    assertThatThrownBy(() -> Attribute.flag("")).hasMessageContaining("empty");
  }
}

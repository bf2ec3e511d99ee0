package dev.webrtc4j.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Building and editing descriptions the way JSEP does. */
class ConstructionApiTest {
  private static final Fingerprint FP = Fingerprint.parse("sha-256 AB:CD:EF");

  private static MediaDescription audio() {
    return MediaDescription.of(MediaDescription.AUDIO, 9, MediaDescription.PROTO_RTP, List.of("111", "0"))
        .withConnection(Connection.PLACEHOLDER_IP4)
        .addAttribute(Rtcp.of(9, Connection.PLACEHOLDER_IP4))
        .withIceCredentials("abcd", "0123456789abcdefghijkl")
        .addAttribute(IceOptions.of(IceOptions.TRICKLE))
        .addAttribute(FP)
        .addAttribute(Setup.ACTPASS)
        .withMid("0")
        .addAttribute(Extmap.of(4, "urn:ietf:params:rtp-hdrext:sdes:mid"))
        .withDirection(Direction.SENDRECV)
        .addAttribute(new Msid("s", "t"))
        .addAttribute(Flag.RTCP_MUX)
        .addAttribute(Rtpmap.of(111, "opus", 48000, 2))
        .addAttribute(RtcpFb.of(111, "transport-cc"))
        .addAttribute(Fmtp.of(111, Parameter.of("minptime", "10"), Parameter.of("useinbandfec", "1")))
        .addAttribute(Rtpmap.of(0, "PCMU", 8000))
        .addAttribute(Ssrc.cname(1234, "cname"));
  }

  private static MediaDescription data() {
    return MediaDescription.of(MediaDescription.APPLICATION, 9, MediaDescription.PROTO_SCTP, List.of("webrtc-datachannel"))
        .addLine(Field.of(Connection.PLACEHOLDER_IP4))
        .withMid("1")
        .addAttribute(new SctpPort(5000))
        .addAttribute(new MaxMessageSize(262144));
  }

  private static SessionDescription offer() {
    return SessionDescription.of(Origin.of(4611731400430051336L, 2))
        .addAttribute(Group.bundle(List.of("0", "1")))
        .addAttribute(Flag.EXTMAP_ALLOW_MIXED)
        .addAttribute(new MsidSemantic("WMS", List.of("s")))
        .addMedia(audio())
        .addMedia(data());
  }

  @Test
  void buildsAnOfferThatSerializesToTheExpectedText() {
    String expected = String.join("\r\n",
        "v=0",
        "o=- 4611731400430051336 2 IN IP4 127.0.0.1",
        "s=-",
        "t=0 0",
        "a=group:BUNDLE 0 1",
        "a=extmap-allow-mixed",
        "a=msid-semantic:WMS s",
        "m=audio 9 UDP/TLS/RTP/SAVPF 111 0",
        "c=IN IP4 0.0.0.0",
        "a=rtcp:9 IN IP4 0.0.0.0",
        "a=ice-ufrag:abcd",
        "a=ice-pwd:0123456789abcdefghijkl",
        "a=ice-options:trickle",
        "a=fingerprint:sha-256 AB:CD:EF",
        "a=setup:actpass",
        "a=mid:0",
        "a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid",
        "a=sendrecv",
        "a=msid:s t",
        "a=rtcp-mux",
        "a=rtpmap:111 opus/48000/2",
        "a=rtcp-fb:111 transport-cc",
        "a=fmtp:111 minptime=10;useinbandfec=1",
        "a=rtpmap:0 PCMU/8000",
        "a=ssrc:1234 cname:cname",
        "m=application 9 UDP/DTLS/SCTP webrtc-datachannel",
        "c=IN IP4 0.0.0.0",
        "a=mid:1",
        "a=sctp-port:5000",
        "a=max-message-size:262144",
        "");
    assertThat(offer().serialize()).isEqualTo(expected);
    assertThat(SessionDescription.parse(expected)).isEqualTo(offer());
    assertThat(offer().toString()).isEqualTo(expected);
  }

  @Test
  void typedAccessorsReadWhatWasBuilt() {
    SessionDescription o = offer();
    assertThat(o.version()).isZero();
    assertThat(o.timing()).contains(Timing.UNBOUNDED);
    assertThat(o.bundleGroups()).containsExactly(Group.bundle(List.of("0", "1")));
    assertThat(o.extmapAllowMixed()).isTrue();
    MediaDescription a = o.mediaByMid("0").orElseThrow();
    assertThat(a.iceUfrag()).contains("abcd");
    assertThat(a.icePwd()).contains("0123456789abcdefghijkl");
    assertThat(a.iceOptions().orElseThrow().trickle()).isTrue();
    assertThat(a.fingerprints()).containsExactly(FP);
    assertThat(a.setup()).contains(Setup.ACTPASS);
    assertThat(a.direction()).contains(Direction.SENDRECV);
    assertThat(a.rtcpMux()).isTrue();
    assertThat(a.rtcpRsize()).isFalse();
    assertThat(a.rtpmap(111)).contains(Rtpmap.of(111, "opus", 48000, 2));
    assertThat(a.fmtp(111).orElseThrow().parameter("useinbandfec")).contains("1");
    assertThat(a.rtcpFbs(111)).containsExactly(RtcpFb.of(111, "transport-cc"));
    assertThat(a.payloadTypes()).containsExactly(111, 0);
    assertThat(a.msids()).containsExactly(new Msid("s", "t"));
    assertThat(a.ssrcs()).containsExactly(Ssrc.cname(1234, "cname"));
    assertThat(a.rtcp().orElseThrow().port()).isEqualTo(9);
    assertThat(a.connection()).contains(Connection.PLACEHOLDER_IP4);
    MediaDescription d = o.mediaByMid("1").orElseThrow();
    assertThat(d.sctpPort()).hasValue(5000);
    assertThat(d.maxMessageSize()).hasValue(262144);
    assertThat(d.isRtp()).isFalse();
    assertThat(o.indexOfMid("1")).isEqualTo(1);
    assertThat(o.indexOfMid("9")).isEqualTo(-1);
    assertThat(o.mediaByMid("9")).isEmpty();
  }

  @Test
  void replaceAttributeKeepsThePositionOfTheFirstAndDropsTheRest() {
    MediaDescription m = audio().addAttribute(Setup.PASSIVE).replaceAttribute(Setup.ACTIVE);
    assertThat(m.attributes("setup")).containsExactly(Attribute.of("setup", "active"));
    assertThat(m.attributes().indexOf(Attribute.of("setup", "active"))).isEqualTo(audio().attributes().indexOf(Setup.ACTPASS.toAttribute()));
    MediaDescription appended = MediaDescription.of("audio", 9, "RTP/AVP", List.of("0")).replaceAttribute(Setup.ACTIVE);
    assertThat(appended.lines()).containsExactly(Setup.ACTIVE.toAttribute());
  }

  @Test
  void withDirectionReplacesAnyDirectionAttribute() {
    MediaDescription m = audio().withDirection(Direction.RECVONLY);
    assertThat(m.direction()).contains(Direction.RECVONLY);
    assertThat(m.hasAttribute("sendrecv")).isFalse();
    assertThat(m.lines()).hasSameSizeAs(audio().lines());
    MediaDescription none = MediaDescription.of("video", 9, "RTP/AVP", List.of("96"));
    assertThat(none.direction()).isEmpty();
    assertThat(none.withDirection(Direction.INACTIVE).direction()).contains(Direction.INACTIVE);
  }

  @Test
  void removesAttributesAndFieldsByName() {
    MediaDescription m = audio().removeAttributes("rtpmap").removeFields('c');
    assertThat(m.rtpmaps()).isEmpty();
    assertThat(m.connection()).isEmpty();
    assertThat(m.fmtps()).hasSize(1);
  }

  @Test
  void fieldsAreInsertedInRfcOrderAndAttributesAppended() {
    MediaDescription m = MediaDescription.of("audio", 9, "RTP/AVP", List.of("0"))
        .addFlag("rtcp-mux")
        .addLine(Field.of(new Bandwidth("AS", 64)))
        .addLine(Field.of(Connection.PLACEHOLDER_IP4))
        .addLine(new Field('i', "title"))
        .addAttribute("x-custom", "1");
    assertThat(m.lines()).extracting(SdpLine::line)
        .containsExactly("i=title", "c=IN IP4 0.0.0.0", "b=AS:64", "a=rtcp-mux", "a=x-custom:1");
    assertThat(m.bandwidths()).containsExactly(new Bandwidth("AS", 64));
    assertThat(m.fields('i')).containsExactly(new Field('i', "title"));
    assertThat(m.attributeValue("x-custom")).contains("1");
  }

  @Test
  void retainingPayloadTypesDropsTheCodecLinesOfTheOthers() {
    MediaDescription m = audio()
        .addAttribute(RtcpFb.ofFeedback(0, "nack"))
        .addAttribute(new RtcpFb("*", "transport-cc", null))
        .retainPayloadTypes(List.of(0));
    assertThat(m.formats()).containsExactly("0");
    assertThat(m.rtpmaps()).containsExactly(Rtpmap.of(0, "PCMU", 8000));
    assertThat(m.fmtps()).isEmpty();
    assertThat(m.rtcpFbs()).extracting(RtcpFb::value).containsExactly("0 nack", "* transport-cc");
    assertThat(m.mid()).contains("0");
    assertThat(m.ssrcs()).hasSize(1);
  }

  @Test
  void rejectingASectionSetsPortZeroAndKeepsEverythingElse() {
    MediaDescription r = audio().reject();
    assertThat(r.port()).isZero();
    assertThat(r.isRejected()).isTrue();
    assertThat(r.lines()).isEqualTo(audio().lines());
    assertThat(r.mediaLine()).isEqualTo("audio 0 UDP/TLS/RTP/SAVPF 111 0");
  }

  @Test
  void copyingASectionAndChangingItLeavesTheOriginal() {
    MediaDescription original = audio();
    MediaDescription copy = original.withMid("2").withPayloadTypes(List.of(0)).withPort(50000).withProto("RTP/AVP");
    assertThat(original.mid()).contains("0");
    assertThat(copy.mid()).contains("2");
    assertThat(copy.mediaLine()).isEqualTo("audio 50000 RTP/AVP 0");
    SessionDescription o = offer().withMedia(1, copy);
    assertThat(o.media().get(1).mid()).contains("2");
    assertThat(offer().media().get(1).mid()).contains("1");
  }

  @Test
  void iceRestartReplacesCredentialsAndBumpsTheVersion() {
    SessionDescription restarted = offer()
        .withOrigin(offer().origin().withNextVersion())
        .withMedia(0, audio().withIceCredentials("wxyz", "zyxwvutsrqponmlkjihgfe"));
    assertThat(restarted.origin().sessionVersion()).isEqualTo("3");
    assertThat(restarted.media().get(0).iceUfrag()).contains("wxyz");
    assertThat(restarted.media().get(0).attributes("ice-ufrag")).hasSize(1);
  }

  @Test
  void addsCandidatesAndEndOfCandidates() {
    Candidate c = Candidate.of("1", 1, "udp", 2122260223L, "127.0.0.1", 40000, "host");
    MediaDescription m = audio().addAttribute(c).addAttribute(Flag.END_OF_CANDIDATES);
    assertThat(m.candidates()).containsExactly(c);
    assertThat(m.endOfCandidates()).isTrue();
    assertThat(audio().endOfCandidates()).isFalse();
  }

  @Test
  void sessionLevelIceLiteIdentityAndSessionName() {
    SessionDescription s = SessionDescription.of(Origin.of(1, 1))
        .addAttribute(Flag.ICE_LITE)
        .addAttribute(Identity.parse("YQ=="))
        .withSessionName("webrtc4j");
    assertThat(s.iceLite()).isTrue();
    assertThat(s.identity()).contains(Identity.parse("YQ=="));
    assertThat(s.serialize()).startsWith("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=webrtc4j\r\nt=0 0\r\na=ice-lite\r\n");
  }

  @Test
  void rejectsBadApplicationInputWithTheProblemNamed() {
    assertThatThrownBy(() -> MediaDescription.of("audio", 70000, "RTP/AVP", List.of("0"))).hasMessageContaining("port is out of range");
    assertThatThrownBy(() -> MediaDescription.of("audio", 9, "RTP/AVP", List.of())).hasMessageContaining("no format");
    assertThatThrownBy(() -> MediaDescription.of("au dio", 9, "RTP/AVP", List.of("0"))).hasMessageContaining("media type");
    assertThatThrownBy(() -> SessionDescription.of(Origin.of(1, 1)).withSessionName("")).hasMessageContaining("session name is empty");
    assertThatThrownBy(() -> new Field('m', "audio 9 RTP/AVP 0")).hasMessageContaining("not free fields");
    assertThatThrownBy(() -> new Field('C', "IN IP4 0.0.0.0")).hasMessageContaining("lowercase");
    assertThatThrownBy(() -> new Field('i', "")).hasMessageContaining("no value");
    assertThatThrownBy(() -> new Field('i', " x")).hasMessageContaining("starts with a space");
    assertThatThrownBy(() -> Attribute.flag(" x")).hasMessageContaining("starts with a space");
    assertThatThrownBy(() -> Attribute.of("x", "a\0b")).hasMessageContaining("NUL");
    assertThatThrownBy(() -> SessionDescription.of(Origin.of(1, 1)).removeFields('t')).hasMessageContaining("no t= line");
    assertThatThrownBy(() -> new Rtpmap(200, "x", 1, java.util.OptionalInt.empty())).hasMessageContaining("payload type is out of range");
  }

  @Test
  void accessorsOnHandBuiltMalformedAttributesThrow() {
    MediaDescription m = MediaDescription.of("audio", 9, "RTP/AVP", List.of("0")).addAttribute("rtpmap", "zero PCMU/8000");
    assertThatThrownBy(m::rtpmaps).isInstanceOf(IllegalArgumentException.class).hasMessage("payload type is not a number");
    assertThatThrownBy(() -> SessionDescription.parse(SessionDescription.of(Origin.of(1, 1)).addMedia(m).serialize()))
        .isInstanceOf(SdpParseException.class)
        .hasMessage("line 6: \"a=rtpmap:zero PCMU/8000\": payload type is not a number");
  }
}

package dev.webrtc4j.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the parser builds from the samples, and the leniency it allows. */
class SdpParserTest {
  private static SessionDescription sample(String name) {
    return SessionDescription.parse(SdpRoundTripTest.read(SdpRoundTripTest.sampleDir().resolve(name)));
  }

  @Test
  void readsTheChromeAudioVideoOffer() {
    SessionDescription sdp = sample("hand-chrome-audio-video-offer.sdp");
    assertThat(sdp.origin().sessionId()).isEqualTo("4611731400430051336");
    assertThat(sdp.sessionName()).isEqualTo("-");
    assertThat(sdp.bundleGroups()).containsExactly(Group.bundle(List.of("0", "1")));
    assertThat(sdp.msidSemantics()).containsExactly(new MsidSemantic("WMS", List.of("3a1c0d8e-6b8b-4f5e-9b59-1d5f0c8f2e11")));
    assertThat(sdp.media()).extracting(MediaDescription::media).containsExactly("audio", "video");
    MediaDescription audio = sdp.media().get(0);
    assertThat(audio.payloadTypes()).containsExactly(111, 63, 9, 0, 8, 13, 110, 126);
    assertThat(audio.rtpmap(63)).contains(Rtpmap.of(63, "red", 48000, 2));
    assertThat(audio.fmtp(63).orElseThrow().parameters()).containsExactly(new Parameter("111/111", null));
    assertThat(audio.extmaps()).hasSize(4);
    assertThat(audio.ssrcs()).extracting(Ssrc::attribute).containsExactly("cname", "msid");
    MediaDescription video = sdp.media().get(1);
    assertThat(video.rtpmaps()).extracting(Rtpmap::encodingName)
        .contains("VP8", "VP9", "H264", "AV1", "rtx", "ulpfec", "red", "flexfec-03");
    assertThat(video.fmtp(97).orElseThrow().parameter("apt")).contains("96");
    assertThat(video.rtcpFbs(96)).extracting(RtcpFb::value)
        .containsExactly("96 goog-remb", "96 transport-cc", "96 ccm fir", "96 nack", "96 nack pli");
    assertThat(video.ssrcGroups()).containsExactly(SsrcGroup.of("FID", 2231627014L, 632943048L));
    assertThat(video.fingerprints().get(0).hashFunction()).isEqualTo("sha-256");
    assertThat(video.setup()).contains(Setup.ACTPASS);
    assertThat(video.rtcpRsize()).isTrue();
  }

  @Test
  void readsRidsAndSimulcast() {
    MediaDescription v = sample("hand-chrome-simulcast-offer.sdp").media().get(0);
    assertThat(v.rids()).extracting(Rid::id).containsExactly("q", "h", "f");
    assertThat(v.rids().get(2).payloadTypes()).containsExactly(96, 98);
    Simulcast s = v.simulcast().orElseThrow();
    assertThat(s.send()).hasSize(3);
    assertThat(s.send().get(2).get(0).paused()).isTrue();
    assertThat(s.recv()).isEmpty();
    assertThat(v.direction()).contains(Direction.SENDONLY);
  }

  @Test
  void readsSessionLevelAttributesOfFirefox() {
    SessionDescription sdp = sample("hand-firefox-audio-video-offer.sdp");
    assertThat(sdp.fingerprints()).hasSize(1);
    assertThat(sdp.iceOptions().orElseThrow().trickle()).isTrue();
    assertThat(sdp.media().get(0).fingerprints()).isEmpty();
    assertThat(sdp.media().get(0).extmaps().get(1).direction()).contains(Direction.RECVONLY);
    assertThat(sdp.media().get(0).msids().get(0).streamId()).startsWith("{");
  }

  @Test
  void readsCandidatesOfEveryKind() {
    SessionDescription sdp = sample("hand-safari-bundle-answer.sdp");
    MediaDescription audio = sdp.media().get(0);
    List<Candidate> cs = audio.candidates();
    assertThat(cs).extracting(Candidate::type).containsExactly("host", "host", "host", "host", "srflx", "relay");
    assertThat(cs.get(1).address()).endsWith(".local");
    assertThat(cs.get(2).address()).isEqualTo("::1");
    assertThat(cs.get(3).tcpType()).contains("active");
    assertThat(cs.get(4).relatedAddress()).isEqualTo("127.0.0.1");
    assertThat(cs.get(5).ufrag()).contains("P4xq");
    assertThat(audio.endOfCandidates()).isTrue();
    assertThat(audio.direction()).contains(Direction.RECVONLY);
    assertThat(audio.setup()).contains(Setup.ACTIVE);
    assertThat(sdp.media().get(1).isRejected()).isTrue();
    assertThat(sdp.media().get(2).sctpPort()).hasValue(5000);
  }

  @Test
  void readsTheIceRestart() {
    SessionDescription before = sample("hand-data-only-offer.sdp");
    SessionDescription after = sample("hand-ice-restart-offer.sdp");
    assertThat(after.origin().sessionId()).isEqualTo(before.origin().sessionId());
    assertThat(after.origin().sessionVersion()).isEqualTo("3");
    assertThat(after.media().get(0).iceUfrag()).isNotEqualTo(before.media().get(0).iceUfrag());
    assertThat(after.media().get(0).candidates().get(0).generation()).hasValue(1);
  }

  @Test
  void readsLibdatachannelStyleSessionLevelTransportAttributes() {
    SessionDescription sdp = sample("hand-libdatachannel-offer.sdp");
    assertThat(sdp.iceOptions().orElseThrow().options()).containsExactly("ice2", "trickle");
    assertThat(sdp.setup()).contains(Setup.ACTPASS);
    assertThat(sdp.iceUfrag()).contains("JLvv");
    assertThat(sdp.fingerprints().get(0).normalizedHashFunction()).isEqualTo("sha-256");
    assertThat(sdp.groups()).extracting(Group::semantics).containsExactly("BUNDLE", "LS");
    assertThat(sdp.bundleGroups()).hasSize(1);
    assertThat(sdp.media().get(0).candidates().get(0).transport()).isEqualTo("UDP");
  }

  @Test
  void keepsUnknownLinesAndAttributesInOrder() {
    SessionDescription sdp = sample("hand-lite-unknown-lines.sdp");
    assertThat(sdp.lines()).extracting(SdpLine::type)
        .startsWith('i', 'u', 'e', 'p', 'c', 'b', 't', 'r', 'z', 'k', 'a');
    assertThat(sdp.fields('y')).containsExactly(new Field('y', "an unknown line type survives too"));
    assertThat(sdp.attributeValue("x-vendor-setting")).contains("  spaces kept  ;; exactly:as:written ");
    assertThat(sdp.attribute("x-vendor-flag")).contains(Attribute.flag("x-vendor-flag"));
    assertThat(sdp.iceLite()).isTrue();
    assertThat(sdp.iceOptions().orElseThrow().ice2()).isTrue();
    assertThat(sdp.identity().orElseThrow().extensions()).hasSize(2);
    assertThat(sdp.direction()).contains(Direction.RECVONLY);
    assertThat(sdp.connection()).contains(new Connection("IN", "IP6", "::1"));
    assertThat(sdp.timing()).contains(new Timing(3724394400L, 3724398000L));
    MediaDescription audio = sdp.media().get(0);
    assertThat(audio.portCount()).hasValue(2);
    assertThat(audio.mediaLine()).isEqualTo("audio 9/2 RTP/AVP 0 96");
    assertThat(audio.rtcpMuxOnly()).isTrue();
    assertThat(audio.bundleOnly()).isTrue();
    assertThat(audio.mid()).isEmpty();
    assertThat(audio.bandwidths()).containsExactly(new Bandwidth("TIAS", 64000));
    assertThat(audio.rtcp().orElseThrow().connection().orElseThrow().address()).isEqualTo("::1");
    assertThat(sdp.media().get(1).maxMessageSize()).hasValue(0);
  }

  @Test
  void acceptsLfOnlyMixedLineEndsMissingFinalTerminatorAndTrailingEmptyLines() {
    String crlf = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 RTP/AVP 0\r\na=mid:0\r\n";
    SessionDescription expected = SessionDescription.parse(crlf);
    assertThat(SessionDescription.parse(crlf.replace("\r\n", "\n"))).isEqualTo(expected);
    assertThat(SessionDescription.parse("v=0\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\nt=0 0\r\nm=audio 9 RTP/AVP 0\na=mid:0"))
        .isEqualTo(expected);
    assertThat(SessionDescription.parse(crlf + "\r\n\n")).isEqualTo(expected);
    assertThat(expected.serialize()).isEqualTo(crlf);
  }

  @Test
  void sessionNameMayStartWithASpace() {
    String sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns= \r\nt=0 0\r\n";
    assertThat(SessionDescription.parse(sdp).sessionName()).isEqualTo(" ");
    assertThat(SessionDescription.parse(sdp).serialize()).isEqualTo(sdp);
  }

  @Test
  void aDescriptionWithoutMediaSectionsParses() {
    SessionDescription sdp = SessionDescription.parse("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=ice-lite\r\n");
    assertThat(sdp.media()).isEmpty();
    assertThat(sdp.iceLite()).isTrue();
  }

  @Test
  void attributeValuesArePreservedExactlyIncludingPadding() {
    String sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=msid-semantic: WMS\r\na=x:  a  \r\n";
    SessionDescription s = SessionDescription.parse(sdp);
    assertThat(s.attributeValue("msid-semantic")).contains(" WMS");
    assertThat(s.msidSemantics().get(0).semantic()).isEqualTo("WMS");
    assertThat(s.serialize()).isEqualTo(sdp);
  }
}

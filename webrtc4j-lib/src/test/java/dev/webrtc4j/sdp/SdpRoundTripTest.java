package dev.webrtc4j.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every sample in {@code resources/sdp} survives parse then serialize unchanged. */
class SdpRoundTripTest {
  static Path sampleDir() {
    try {
      return Path.of(SdpRoundTripTest.class.getResource("/sdp/README.md").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Stream<Path> samples() throws IOException {
    try (Stream<Path> files = Files.list(sampleDir())) {
      return files.filter(p -> p.getFileName().toString().endsWith(".sdp")).sorted().toList().stream();
    }
  }

  static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void thereAreSamplesOfEachKind() throws IOException {
    List<String> names = samples().map(p -> p.getFileName().toString()).toList();
    assertThat(names).contains(
        "hand-chrome-audio-video-offer.sdp", "hand-chrome-simulcast-offer.sdp", "hand-firefox-audio-video-offer.sdp",
        "hand-data-only-offer.sdp", "hand-safari-bundle-answer.sdp", "hand-ice-restart-offer.sdp",
        "hand-lite-unknown-lines.sdp", "hand-libdatachannel-offer.sdp");
    // Real browser captures (branch browsers): Chrome and Firefox at least.
    assertThat(names).anyMatch(n -> n.startsWith("chrome-"));
    assertThat(names).anyMatch(n -> n.startsWith("firefox-"));
  }

  @ParameterizedTest
  @MethodSource("samples")
  void serializeOfParseIsTheInputByteForByte(Path sample) {
    String canonical = canonical(read(sample));
    assertThat(SessionDescription.parse(canonical).serialize()).isEqualTo(canonical);
  }

  @ParameterizedTest
  @MethodSource("samples")
  void lfOnlyInputParsesToTheSameModelAndSerializesWithCrlf(Path sample) {
    String canonical = canonical(read(sample));
    String lf = canonical.replace("\r\n", "\n");
    SessionDescription fromLf = SessionDescription.parse(lf);
    assertThat(fromLf).isEqualTo(SessionDescription.parse(canonical));
    assertThat(fromLf.serialize()).isEqualTo(canonical);
  }

  @ParameterizedTest
  @MethodSource("samples")
  void everyTypedViewReadsWithoutError(Path sample) {
    SessionDescription sdp = SessionDescription.parse(read(sample));
    assertThatCode(() -> readEverything(sdp)).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @MethodSource("samples")
  void typedViewsFormatBackToTheirAttributeValues(Path sample) {
    // Browsers write canonical values, so value() of each typed view equals the raw value,
    // except the msid-semantic space Chrome writes after the colon.
    SessionDescription sdp = SessionDescription.parse(read(sample));
    for (MediaDescription m : sdp.media()) {
      assertSameValues(m, "rtpmap", m.rtpmaps());
      assertSameValues(m, "fmtp", m.fmtps());
      assertSameValues(m, "rtcp-fb", m.rtcpFbs());
      assertSameValues(m, "extmap", m.extmaps());
      assertSameValues(m, "ssrc", m.ssrcs());
      assertSameValues(m, "ssrc-group", m.ssrcGroups());
      assertSameValues(m, "rid", m.rids());
      assertSameValues(m, "candidate", m.candidates());
      assertSameValues(m, "fingerprint", m.fingerprints());
      assertSameValues(m, "msid", m.msids());
    }
    assertSameValues(sdp, "group", sdp.groups());
  }

  private static void assertSameValues(SdpSection<?> section, String name, List<? extends TypedAttribute> typed) {
    List<String> raw = section.attributes(name).stream().map(Attribute::value).toList();
    assertThat(typed.stream().map(TypedAttribute::value).toList()).as(name).isEqualTo(raw);
  }

  /** A capture saved by a browser tool may lack CR; the canonical form has CRLF everywhere. */
  static String canonical(String text) {
    return text.replace("\r\n", "\n").replace("\n", "\r\n");
  }

  static void readEverything(SessionDescription sdp) {
    sdp.timing();
    sdp.groups();
    sdp.msidSemantics();
    sdp.iceLite();
    sdp.identity();
    readCommon(sdp);
    for (MediaDescription m : sdp.media()) {
      readCommon(m);
      m.mid();
      m.rtpmaps();
      m.fmtps();
      m.rtcpFbs();
      m.ssrcs();
      m.ssrcGroups();
      m.rids();
      m.simulcast();
      m.msids();
      m.rtcp();
      m.sctpPort();
      m.maxMessageSize();
      if (m.isRtp()) m.payloadTypes();
    }
  }

  private static void readCommon(SdpSection<?> s) {
    s.connection();
    s.bandwidths();
    s.iceUfrag();
    s.icePwd();
    s.iceOptions();
    s.fingerprints();
    s.setup();
    s.direction();
    s.extmaps();
    s.candidates();
  }
}

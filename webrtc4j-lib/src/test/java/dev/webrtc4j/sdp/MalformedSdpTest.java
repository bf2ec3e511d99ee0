package dev.webrtc4j.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed descriptions are rejected with the line number, the line and a reason. */
class MalformedSdpTest {
  /** A valid description; the tests replace or insert one line. */
  private static final List<String> BASE = List.of(
      "v=0",                                              // 1
      "o=- 123 2 IN IP4 127.0.0.1",                       // 2
      "s=-",                                              // 3
      "t=0 0",                                            // 4
      "a=group:BUNDLE 0",                                 // 5
      "m=audio 9 UDP/TLS/RTP/SAVPF 111",                  // 6
      "c=IN IP4 0.0.0.0",                                 // 7
      "a=mid:0",                                          // 8
      "a=rtpmap:111 opus/48000/2",                        // 9
      "m=application 9 UDP/DTLS/SCTP webrtc-datachannel", // 10
      "a=mid:1",                                          // 11
      "a=sctp-port:5000");                                // 12

  private static String join(List<String> lines) {
    return String.join("\r\n", lines) + "\r\n";
  }

  /** BASE with line {@code number} (1-based) replaced by {@code line}. */
  private static String replacing(int number, String line) {
    List<String> l = new ArrayList<>(BASE);
    l.set(number - 1, line);
    return join(l);
  }

  /** BASE with {@code line} inserted so that it becomes line {@code number}. */
  private static String inserting(int number, String line) {
    List<String> l = new ArrayList<>(BASE);
    l.add(number - 1, line);
    return join(l);
  }

  private static SdpParseException parseError(String sdp) {
    SdpParseException e = catchThrowableOfType(SdpParseException.class, () -> SessionDescription.parse(sdp));
    assertThat(e).as("expected a parse error").isNotNull();
    return e;
  }

  @Test
  void baseIsValid() {
    assertThat(SessionDescription.parse(join(BASE)).media()).hasSize(2);
  }

  @Test
  void messageNamesLineNumberLineAndReason() {
    SdpParseException e = parseError(replacing(9, "a=rtpmap:xx opus/48000/2"));
    assertThat(e.getMessage()).isEqualTo("line 9: \"a=rtpmap:xx opus/48000/2\": payload type is not a number");
    assertThat(e.lineNumber()).isEqualTo(9);
    assertThat(e.line()).isEqualTo("a=rtpmap:xx opus/48000/2");
    assertThat(e.reason()).isEqualTo("payload type is not a number");
    assertThat(e).isInstanceOf(IllegalArgumentException.class);
  }

  static Stream<Arguments> badLines() {
    return Stream.of(
        // line number, bad line, expected reason fragment; the line replaces BASE's line
        Arguments.of(1, "o=- 123 2 IN IP4 127.0.0.1", "expected v="),
        Arguments.of(1, "v=1", "version"),
        Arguments.of(2, "o=- 123 2 IN IP4", "origin needs 6 fields"),
        Arguments.of(2, "o=- abc 2 IN IP4 127.0.0.1", "session id is not a number"),
        Arguments.of(3, "i=no session name", "expected s="),
        Arguments.of(4, "t=0", "timing needs"),
        Arguments.of(5, "a=group", "needs a value"),
        Arguments.of(5, "A=group:BUNDLE 0", "not a lowercase letter"),
        Arguments.of(5, "a= group:BUNDLE 0", "starts with a space"),
        Arguments.of(5, "group:BUNDLE 0", "not a <type>=<value> line"),
        Arguments.of(5, "a=", "no value"),
        Arguments.of(5, "v=0", "may appear only once"),
        Arguments.of(6, "m=audio x UDP/TLS/RTP/SAVPF 111", "port is not a number"),
        Arguments.of(6, "m=audio 70000 UDP/TLS/RTP/SAVPF 111", "port is out of range"),
        Arguments.of(6, "m=audio 9 UDP/TLS/RTP/SAVPF", "media line needs"),
        Arguments.of(6, "m=audio 9 UDP/TLS/RTP/SAVPF opus", "payload type is not a number"),
        Arguments.of(6, "m=audio 9  UDP/TLS/RTP/SAVPF 111", "two spaces"),
        Arguments.of(7, "c=IN IP4", "connection data needs"),
        Arguments.of(7, "b=AS:fast", "bandwidth is not a number"),
        Arguments.of(8, "a=mid", "a=mid needs a value"),
        Arguments.of(8, "a=mid:", "a=mid has an empty value"),
        Arguments.of(9, "a=rtpmap:111 opus", "encoding is not <name>/<clock rate>"),
        Arguments.of(9, "a=rtpmap:128 opus/48000/2", "payload type is out of range"),
        Arguments.of(9, "a=fmtp:x minptime=10", "payload type is not a number"),
        Arguments.of(9, "a=rtcp-fb:111", "needs a payload type and a feedback type"),
        Arguments.of(9, "a=extmap:0 urn:ietf:params:rtp-hdrext:sdes:mid", "extension id is out of range"),
        Arguments.of(9, "a=extmap:1/sideways urn:x", "extmap direction is not valid"),
        Arguments.of(9, "a=ssrc:abc cname:x", "ssrc is not a number"),
        Arguments.of(9, "a=ssrc:1", "needs an ssrc id and a source attribute"),
        Arguments.of(9, "a=ssrc-group:FID", "needs semantics and at least one ssrc"),
        Arguments.of(9, "a=rid:h sideways", "neither send nor recv"),
        Arguments.of(9, "a=simulcast:up h;m", "neither send nor recv"),
        Arguments.of(9, "a=msid:a b c", "more than two fields"),
        Arguments.of(9, "a=setup:sometimes", "unknown setup role"),
        Arguments.of(9, "a=fingerprint:sha-256 ZZ:00", "not colon-separated hex pairs"),
        Arguments.of(9, "a=fingerprint:sha-256", "needs a hash function and a fingerprint"),
        Arguments.of(9, "a=ice-options:", "empty value"),
        Arguments.of(9, "a=rtcp:port", "rtcp port is not a number"),
        Arguments.of(9, "a=candidate:1 1 udp 2122260223 127.0.0.1 51423 host", "at least 8 fields"),
        Arguments.of(9, "a=candidate:1 1 udp 2122260223 127.0.0.1 51423 type host", "expected \"typ\""),
        Arguments.of(9, "a=candidate:1 0 udp 2122260223 127.0.0.1 51423 typ host", "component id is out of range"),
        Arguments.of(9, "a=candidate:1 1 udp 4294967296 127.0.0.1 51423 typ host", "priority is out of range"),
        Arguments.of(9, "a=candidate:1 1 udp 1 127.0.0.1 51423 typ host generation", "generation has no value"),
        Arguments.of(9, "a=candidate:1 1 tcp 1 127.0.0.1 9 typ host tcptype sideways", "tcptype is not"),
        Arguments.of(9, "a=candidate:1 1 udp 1 127.0.0.1 5 typ srflx raddr 0.0.0.0 rport x", "rport is not a number"),
        Arguments.of(12, "a=sctp-port:65536", "sctp-port is out of range"),
        Arguments.of(12, "a=max-message-size:-1", "max-message-size is not a number"));
  }

  @ParameterizedTest
  @MethodSource("badLines")
  void badLineIsRejectedWithItsNumberAndText(int number, String line, String reason) {
    SdpParseException e = parseError(replacing(number, line));
    assertThat(e.lineNumber()).isEqualTo(number);
    assertThat(e.line()).isEqualTo(line);
    assertThat(e.reason()).contains(reason);
    assertThat(e.getMessage()).startsWith("line " + number + ": \"" + line + "\": ");
  }

  @Test
  void emptyLineInTheMiddleIsRejected() {
    SdpParseException e = parseError(inserting(5, ""));
    assertThat(e.lineNumber()).isEqualTo(5);
    assertThat(e.line()).isEmpty();
    assertThat(e.reason()).isEqualTo("empty line");
  }

  @Test
  void missingTimingIsReportedAtTheFirstMediaLine() {
    List<String> l = new ArrayList<>(BASE);
    l.remove(3);
    SdpParseException e = parseError(join(l));
    assertThat(e.lineNumber()).isEqualTo(5);
    assertThat(e.line()).isEqualTo("m=audio 9 UDP/TLS/RTP/SAVPF 111");
    assertThat(e.reason()).contains("no t= line");
  }

  @Test
  void missingTimingWithoutMediaIsReportedAtTheLastLine() {
    SdpParseException e = parseError("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\na=ice-lite\r\n");
    assertThat(e.lineNumber()).isEqualTo(4);
    assertThat(e.line()).isEqualTo("a=ice-lite");
  }

  @Test
  void truncatedAfterVersionNamesTheLastLine() {
    SdpParseException e = parseError("v=0\r\n");
    assertThat(e.lineNumber()).isEqualTo(1);
    assertThat(e.reason()).contains("expected a o= line");
  }

  @Test
  void emptyInputIsRejected() {
    assertThatThrownBy(() -> SessionDescription.parse(""))
        .isInstanceOf(SdpParseException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> SessionDescription.parse("\r\n\r\n")).isInstanceOf(SdpParseException.class);
  }

  @Test
  void bareCarriageReturnInsideALineIsRejected() {
    SdpParseException e = parseError(replacing(8, "a=mid:0\ra=x"));
    assertThat(e.lineNumber()).isEqualTo(8);
    assertThat(e.reason()).contains("CR");
  }

  @Test
  void lineNumbersCountLfOnlyAndMixedLineEnds() {
    String mixed = "v=0\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\nt=0 0\r\nm=audio 9 RTP/AVP 0\na=rtpmap:0 PCMU/x\r\n";
    SdpParseException e = parseError(mixed);
    assertThat(e.lineNumber()).isEqualTo(6);
    assertThat(e.line()).isEqualTo("a=rtpmap:0 PCMU/x");
    assertThat(e.reason()).isEqualTo("clock rate is not a number");
  }

  @Test
  void rtpAttributesAreNotValidatedOutsideRtpSections() {
    // Pre-2017 browsers wrote a=fmtp:5000 for SCTP; such a section is kept as written.
    String legacy = replacing(12, "a=fmtp:5000 protocol=webrtc-datachannel;streams=1024")
        .replace("m=application 9 UDP/DTLS/SCTP webrtc-datachannel", "m=application 9 DTLS/SCTP 5000");
    SessionDescription sdp = SessionDescription.parse(legacy);
    assertThat(sdp.media().get(1).attributeValue("fmtp")).contains("5000 protocol=webrtc-datachannel;streams=1024");
    assertThat(sdp.serialize()).isEqualTo(legacy);
    assertThat(sdp.media().get(1).fmtps()).isEmpty();
    String sctpmap = legacy.replace("a=fmtp:5000 protocol=webrtc-datachannel;streams=1024", "a=sctpmap:5000 webrtc-datachannel 1024");
    assertThat(SessionDescription.parse(sctpmap).media().get(1).sctpmap()).contains(Sctpmap.parse("5000 webrtc-datachannel 1024"));
    assertThat(parseError(sctpmap.replace("a=sctpmap:5000 webrtc-datachannel 1024", "a=sctpmap:port x")).reason())
        .isEqualTo("sctpmap port is not a number");
  }

  @Test
  void parseableRtpAttributesOfANonRtpSectionAreStillRead() {
    // Found by fuzzing: a corrupted proto made the section non-RTP, and rtcpFbs() then threw.
    String sdp = replacing(12, "a=rtcp-fb:653 nack").replace("UDP/TLS/RTP/SAVPF 111", "sctp-portTP/SAVPF 111");
    MediaDescription m = SessionDescription.parse(sdp).media().get(0);
    assertThat(m.isRtp()).isFalse();
    assertThat(m.rtpmaps()).containsExactly(Rtpmap.of(111, "opus", 48000, 2));
    assertThat(m.rtcpFbs()).isEmpty();
    assertThat(SessionDescription.parse(sdp).media().get(1).rtcpFbs()).isEmpty();
  }
}

package dev.webrtc4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * RTCConfiguration and RTCIceServer, mirroring web-platform-tests webrtc/RTCConfiguration-iceServers.html,
 * RTCConfiguration-iceCandidatePoolSize.html, RTCConfiguration-bundlePolicy.html,
 * RTCConfiguration-rtcpMuxPolicy.html and RTCConfiguration-iceTransportPolicy.html.
 */
class RTCConfigurationTest {
  private static final InstantSource NOW = InstantSource.fixed(Instant.ofEpochMilli(1_000_000));

  private static void valid(RTCIceServer... servers) {
    RTCConfiguration.builder().iceServers(servers).build().validate(NOW);
  }

  private static void assertRtcError(ThrowingCallable call, String name) {
    assertThatThrownBy(call).isInstanceOf(RTCException.class).extracting(e -> ((RTCException) e).name()).isEqualTo(name);
  }

  @Test
  void defaultsAreTheW3cDefaults() {
    RTCConfiguration c = RTCConfiguration.DEFAULT;
    assertThat(c.iceServers()).isEmpty();
    assertThat(c.iceTransportPolicy()).isEqualTo(RTCIceTransportPolicy.ALL);
    assertThat(c.bundlePolicy()).isEqualTo(RTCBundlePolicy.BALANCED);
    assertThat(c.rtcpMuxPolicy()).isEqualTo(RTCRtcpMuxPolicy.REQUIRE);
    assertThat(c.certificates()).isEmpty();
    assertThat(c.iceCandidatePoolSize()).isZero();
    assertThat(c.validate(NOW)).isEmpty();
    assertThat(c.toBuilder().build()).isEqualTo(c);
  }

  @Test
  void nullIceServersOrANullServerIsATypeError() {
    // '{ iceServers: null } should throw TypeError', '{ iceServers: [null] } should throw TypeError'
    assertThatThrownBy(() -> RTCConfiguration.DEFAULT.toBuilder().iceServers((List<RTCIceServer>) null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> RTCConfiguration.builder().iceServers(new RTCIceServer[] {null}).build())
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void stunServersAreAccepted() {
    // 'with stun server should succeed', 'with stun server array should succeed',
    // 'with 2 stun servers should succeed'
    valid(RTCIceServer.of("stun:stun1.example.net"));
    valid(RTCIceServer.of("stun:stun1.example.net", "stun:stun2.example.net"));
    RTCConfiguration c = RTCConfiguration.builder().iceServers(RTCIceServer.of("stun:stun1.example.net")).build();
    assertThat(c.iceServers().get(0).urls()).containsExactly("stun:stun1.example.net");
    assertThat(c.iceServers().get(0).username()).isEmpty();
  }

  @Test
  void turnServersWithCredentialsAreAccepted() {
    // 'with turn server, username, credential should succeed'
    valid(RTCIceServer.of("turn:turn.example.org", "user", "cred"));
    // 'with turns server and empty string username, credential should succeed'
    valid(RTCIceServer.of("turns:turn.example.org", "", ""));
    // 'with turn server and empty string username, credential should succeed'
    valid(RTCIceServer.of("turn:turn.example.org", "", ""));
    // 'with one turns server, one turn server, username, credential should succeed'
    valid(RTCIceServer.builder().urls("turns:turn.example.org", "turn:turn.example.net")
        .username("user").credential("cred").build());
    // RFC 8489 §14.3: a 509-byte username is the longest allowed
    valid(RTCIceServer.of("turn:turn.example.org", "a".repeat(509), "cred"));
  }

  @Test
  void turnServersWithoutCredentialsAreInvalidAccessErrors() {
    // 'with turn(s) server and no credentials / only username / only credential should throw InvalidAccessError'
    for (String url : List.of("turn:turn.example.net", "turns:turn.example.net")) {
      assertRtcError(() -> valid(RTCIceServer.of(url)), "InvalidAccessError");
      assertRtcError(() -> valid(RTCIceServer.builder().urls(url).username("user").build()), "InvalidAccessError");
      assertRtcError(() -> valid(RTCIceServer.builder().urls(url).credential("cred").build()), "InvalidAccessError");
    }
  }

  @Test
  void aTurnUsernameLongerThan509BytesIsAnInvalidAccessError() {
    // 'with a turn server and a username of 510 characters throw InvalidAccessError'
    assertRtcError(() -> valid(RTCIceServer.of("turn:turn.example.org", "a".repeat(510), "cred")), "InvalidAccessError");
    // bytes, not characters: 255 two-byte characters are 510 bytes
    assertRtcError(() -> valid(RTCIceServer.of("turn:turn.example.org", "\u00b5".repeat(255), "cred")),
        "InvalidAccessError");
  }

  @Test
  void badUrlsAreSyntaxErrors() {
    // 'with relative url should throw SyntaxError'
    assertRtcError(() -> valid(RTCIceServer.of("relative-url")), "SyntaxError");
    // 'with invalid turn url should throw SyntaxError'
    assertRtcError(() -> valid(RTCIceServer.of("turn://example.org/foo?x=y", "u", "c")), "SyntaxError");
    // 'with invalid stun url should throw SyntaxError'
    assertRtcError(() -> valid(RTCIceServer.of("stun://example.org/foo?x=y")), "SyntaxError");
    // W3C "validate an ICE server": "If urls is empty, throw a SyntaxError"
    assertRtcError(() -> valid(RTCIceServer.builder().urls(List.of()).build()), "SyntaxError");
  }

  @Test
  void unsupportedSchemesAreNotSupportedErrors() {
    // 'with http url should throw NotSupportedError'
    assertRtcError(() -> valid(RTCIceServer.of("http://example.com")), "NotSupportedError");
    assertRtcError(() -> valid(RTCIceServer.of("stun:ok.example.org", "xmpp:user@example.org")), "NotSupportedError");
  }

  @Test
  void validateReturnsEveryParsedUrlWithItsServer() {
    RTCIceServer stun = RTCIceServer.of("stun:stun.example.org:19302");
    RTCIceServer turn = RTCIceServer.builder().urls("turn:127.0.0.1?transport=tcp", "turns:[::1]:443")
        .username("u").credential("p").build();
    List<RTCConfiguration.ParsedIceServer> parsed =
        RTCConfiguration.builder().iceServers(stun, turn).build().validate(NOW);
    assertThat(parsed).extracting(p -> p.url().toString())
        .containsExactly("stun:stun.example.org:19302", "turn:127.0.0.1:3478?transport=tcp", "turns:[::1]:443");
    assertThat(parsed).extracting(RTCConfiguration.ParsedIceServer::server).containsExactly(stun, turn, turn);
  }

  @Test
  void iceCandidatePoolSizeIsAnEnforcedOctet() {
    // RTCConfiguration-iceCandidatePoolSize.html: 0, 127, 255 valid; -1 and 256 TypeError
    for (int ok : new int[] {0, 127, 255}) {
      assertThat(RTCConfiguration.builder().iceCandidatePoolSize(ok).build().iceCandidatePoolSize()).isEqualTo(ok);
    }
    for (int bad : new int[] {-1, 256}) {
      assertThatThrownBy(() -> RTCConfiguration.builder().iceCandidatePoolSize(bad).build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("iceCandidatePoolSize");
    }
  }

  @Test
  void policiesAreKept() {
    RTCConfiguration c = RTCConfiguration.builder()
        .iceTransportPolicy(RTCIceTransportPolicy.RELAY)
        .bundlePolicy(RTCBundlePolicy.MAX_BUNDLE)
        .build();
    assertThat(c.iceTransportPolicy()).isEqualTo(RTCIceTransportPolicy.RELAY);
    assertThat(c.bundlePolicy()).isEqualTo(RTCBundlePolicy.MAX_BUNDLE);
    // RTCConfiguration-bundlePolicy.html: 'setConfiguration({ bundlePolicy: 'max-compat' }) with
    // initial bundlePolicy max-bundle should throw InvalidModificationError'
    assertRtcError(() -> c.checkModification(c.toBuilder().bundlePolicy(RTCBundlePolicy.MAX_COMPAT).build()),
        "InvalidModificationError");
    // 'setConfiguration({}) with initial bundlePolicy max-bundle should throw InvalidModificationError'
    // (an omitted member is its default, balanced)
    assertRtcError(() -> c.checkModification(RTCConfiguration.DEFAULT.toBuilder()
        .iceTransportPolicy(RTCIceTransportPolicy.RELAY).build()), "InvalidModificationError");
    // the transport policy may change
    assertThatCode(() -> c.checkModification(c.toBuilder().iceTransportPolicy(RTCIceTransportPolicy.ALL).build()))
        .doesNotThrowAnyException();
  }

  @Test
  void iceCandidatePoolSizeIsFrozenOnceALocalDescriptionIsSet() {
    RTCConfiguration c = RTCConfiguration.DEFAULT;
    RTCConfiguration bigger = c.toBuilder().iceCandidatePoolSize(2).build();
    assertThatCode(() -> c.checkModification(bigger, false)).doesNotThrowAnyException();
    assertRtcError(() -> c.checkModification(bigger, true), "InvalidModificationError");
  }

  @Test
  void expiredCertificatesAreInvalidAccessErrors() {
    RTCCertificate expired = new RTCCertificate(NOW.millis(), List.of());
    RTCCertificate live = new RTCCertificate(NOW.millis() + 1, List.of());
    assertThatCode(() -> RTCConfiguration.builder().certificates(live).build().validate(NOW))
        .doesNotThrowAnyException();
    assertRtcError(() -> RTCConfiguration.builder().certificates(expired).build().validate(NOW), "InvalidAccessError");
    assertThat(expired.toString()).contains("expires=");
  }

  @Test
  void certificatesCannotBeChangedBySetConfiguration() {
    RTCCertificate a = new RTCCertificate(NOW.millis() + 1000, List.of());
    RTCCertificate b = new RTCCertificate(NOW.millis() + 1000, List.of());
    RTCConfiguration c = RTCConfiguration.builder().certificates(a).build();
    assertThatCode(() -> c.checkModification(c)).doesNotThrowAnyException();
    // omitting certificates keeps the current ones
    assertThatCode(() -> c.checkModification(RTCConfiguration.DEFAULT)).doesNotThrowAnyException();
    assertRtcError(() -> c.checkModification(c.toBuilder().certificates(b).build()), "InvalidModificationError");
  }
}

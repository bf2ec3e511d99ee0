package dev.webrtc4j;

import static dev.webrtc4j.DataChannelLoopback.await;
import static dev.webrtc4j.DataChannelLoopback.settle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webrtc4j.DataChannelLoopback.Pair;
import dev.webrtc4j.DataChannelLoopback.Recorder;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 4, a wrong a=fingerprint: the side that checks the peer's certificate against it fails
 * with {@code fingerprint-failure} (RFC 8122 §5, W3C RTCErrorDetailType), its peer fails too (it
 * receives the fatal alert), no channel opens and no message passes.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DtlsFingerprintTest {
  @RegisterExtension final DataChannelLoopback loopback = new DataChannelLoopback();

  private static final int BAD_CERTIFICATE = 42;

  private static final Pattern FINGERPRINT = Pattern.compile("(a=fingerprint:sha-256 )([0-9A-Fa-f]{2})");

  /** Changes the first byte of the SHA-256 fingerprint: the certificate no longer matches. */
  static String tamper(String sdp) {
    Matcher m = FINGERPRINT.matcher(sdp);
    assertThat(m.find()).as("a=fingerprint:sha-256 in %s", sdp).isTrue();
    int b = Integer.parseInt(m.group(2), 16) ^ 0x01;
    String tampered = m.replaceFirst("$1" + String.format("%02X", b));
    assertThat(tampered).isNotEqualTo(sdp);
    return tampered;
  }

  /** One side's DTLS transport: its statechanges and error events, from creation. */
  private static final class DtlsWatch {
    final RTCDtlsTransport dtls;
    final List<String> states = new CopyOnWriteArrayList<>();
    final CompletableFuture<RTCError> error = new CompletableFuture<>();
    final CompletableFuture<Void> failed;

    DtlsWatch(RTCPeerConnection pc, RTCDtlsTransport dtls) {
      this.dtls = dtls;
      dtls.addEventListener(RTCDtlsTransport.STATECHANGE, e -> states.add(dtls.state().w3cName()));
      dtls.addEventListener(RTCDtlsTransport.ERROR, e -> {
        // W3C: the error event follows the change to failed.
        states.add("error:" + e.error().errorDetail().w3cName());
        error.complete(e.error());
      });
      failed = DataChannelLoopback.state(pc, RTCPeerConnectionState.FAILED);
    }
  }

  @Test
  void aTamperedFingerprintInTheAnswerFailsTheOffererWithFingerprintFailure() {
    // The offerer (a) is the DTLS server; it checks b's certificate against the answer's fingerprint.
    failsWithFingerprintFailure(UnaryOperator.identity(), DtlsFingerprintTest::tamper, true);
  }

  @Test
  void aTamperedFingerprintInTheOfferFailsTheAnswererWithFingerprintFailure() {
    // The answerer (b) is the DTLS client; it checks a's certificate against the offer's fingerprint.
    failsWithFingerprintFailure(DtlsFingerprintTest::tamper, UnaryOperator.identity(), false);
  }

  private void failsWithFingerprintFailure(UnaryOperator<String> editOffer, UnaryOperator<String> editAnswer, boolean offererChecks) {
    Pair p = loopback.pair();
    RTCDataChannel ch = p.a.createDataChannel("never");
    Recorder local = new Recorder(ch);
    RTCDataChannel chB = p.b.createDataChannel("never-b");
    Recorder localB = new Recorder(chB);
    // The connection's RTCDtlsTransport exists before negotiation (the data channel's sctp.transport later).
    RTCDtlsTransport aDtls = dtlsOf(p.a);
    RTCDtlsTransport bDtls = dtlsOf(p.b);
    DtlsWatch wa = new DtlsWatch(p.a, aDtls);
    DtlsWatch wb = new DtlsWatch(p.b, bDtls);
    List<String> aStates = new CopyOnWriteArrayList<>();
    p.a.addEventListener(RTCPeerConnection.CONNECTIONSTATECHANGE, e -> aStates.add(p.a.connectionState().w3cName()));

    p.negotiate(editOffer, editAnswer);

    DtlsWatch checker = offererChecks ? wa : wb;
    DtlsWatch peer = offererChecks ? wb : wa;
    RTCError error = await(checker.error);
    assertThat(error.errorDetail()).isEqualTo(RTCError.ErrorDetail.FINGERPRINT_FAILURE);
    assertThat(checker.states).containsExactly("connecting", "failed", "error:fingerprint-failure");
    assertThat(checker.dtls.state()).isEqualTo(RTCDtlsTransportState.FAILED);
    await(checker.failed);
    // The peer gets the fatal bad_certificate alert and fails as well, with a DTLS failure.
    RTCError peerError = await(peer.error);
    assertThat(peerError.errorDetail()).isEqualTo(RTCError.ErrorDetail.DTLS_FAILURE);
    // W3C RTCError.receivedAlert: the fatal alert it got, bad_certificate (RFC 5246 §7.2.2: 42).
    assertThat(peerError.receivedAlert()).hasValue(BAD_CERTIFICATE);
    assertThat(peerError.sentAlert()).isEmpty();
    assertThat(peer.states).containsExactly("connecting", "failed", "error:dtls-failure");
    await(peer.failed);
    assertThat(p.a.connectionState()).isEqualTo(RTCPeerConnectionState.FAILED);
    assertThat(p.b.connectionState()).isEqualTo(RTCPeerConnectionState.FAILED);
    // No certificate is exposed from a failed handshake.
    assertThat(checker.dtls.getRemoteCertificates()).isEmpty();

    settle(p.a);
    settle(p.b);
    assertThat(aStates).containsExactly("connecting", "failed");
    // No channel opened and nothing can be sent; the peer never heard of them.
    for (Recorder r : List.of(local, localB)) {
      assertThat(r.log()).doesNotContain("open");
      assertThat(r.channel.readyState()).isNotEqualTo(RTCDataChannelState.OPEN);
      assertThatThrownBy(() -> r.channel.send("must not pass"))
          .isInstanceOfSatisfying(RTCException.class, e -> assertThat(e.name()).isEqualTo("InvalidStateError"));
    }
    assertThat(p.atA.all).isEmpty();
    assertThat(p.atB.all).isEmpty();
    assertThat(local.messages).isEmpty();
    assertThat(localB.messages).isEmpty();
    for (RTCPeerConnection pc : List.of(p.a, p.b)) {
      assertThat(pc.sctp().orElseThrow().state()).isNotEqualTo(RTCSctpTransportState.CONNECTED);
      assertThat(pc.sctp().orElseThrow().maxChannels()).isEmpty();
    }
  }

  private static RTCDtlsTransport dtlsOf(RTCPeerConnection pc) {
    try {
      var f = RTCPeerConnection.class.getDeclaredField("dtlsTransport");
      f.setAccessible(true);
      return (RTCDtlsTransport) f.get(pc);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}

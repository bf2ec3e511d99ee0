package dev.webrtc4j;

import static dev.webrtc4j.DataChannelLoopback.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.webrtc4j.DataChannelLoopback.Pair;
import dev.webrtc4j.DataChannelLoopback.Recorder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 4, {@link RTCSctpTransport} between two connections over loopback: when it appears
 * (W3C §4.4.1.5: created when an answer establishes the association), its states, its
 * attributes, and the {@link RTCDtlsTransport} under it with the peer's certificate.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DataChannelSctpTransportTest {
  @RegisterExtension final DataChannelLoopback loopback = new DataChannelLoopback();

  /** What one side saw of its RTCSctpTransport when it appeared, and its statechanges after. */
  private static final class Watch {
    final CompletableFuture<String> atStable = new CompletableFuture<>();
    final List<String> states = new CopyOnWriteArrayList<>();
    final CompletableFuture<Void> connected = new CompletableFuture<>();

    /**
     * Looks at pc.sctp() in the signalingstatechange to stable (a dispatch task of the step that
     * applied the answer), so nothing that happens later can have changed it yet.
     */
    Watch(RTCPeerConnection pc) {
      pc.addEventListener(RTCPeerConnection.SIGNALINGSTATECHANGE, e -> {
        if (pc.signalingState() != RTCSignalingState.STABLE || atStable.isDone()) {
          return;
        }
        RTCSctpTransport s = pc.sctp().orElse(null);
        if (s == null) {
          atStable.complete("absent");
          return;
        }
        atStable.complete(s.state().w3cName() + " maxChannels=" + s.maxChannels() + " maxMessageSize=" + (long) s.maxMessageSize()
            + " dtls=" + s.transport().state().w3cName());
        s.addEventListener(RTCSctpTransport.STATECHANGE, ev -> {
          states.add(s.state().w3cName() + " maxChannels=" + s.maxChannels().isPresent());
          if (s.state() == RTCSctpTransportState.CONNECTED) {
            connected.complete(null);
          }
        });
      });
    }
  }

  @Test
  void theSctpTransportAppearsWithTheAnswerConnectsAndSitsOnTheDtlsTransportWithThePeersCertificate() {
    RTCCertificate certA = await(RTCPeerConnection.generateCertificate());
    RTCCertificate certB = await(RTCPeerConnection.generateCertificate());
    Pair p = new Pair(loopback.create(RTCConfiguration.builder().certificates(certA).build(), DataChannelLoopback.LOOPBACK),
        loopback.create(RTCConfiguration.builder().certificates(certB).build(), DataChannelLoopback.LOOPBACK));
    RTCDataChannel ch = p.a.createDataChannel("x");
    Recorder local = new Recorder(ch);
    assertThat(p.a.sctp()).isEmpty();
    assertThat(p.b.sctp()).isEmpty();
    Watch wa = new Watch(p.a);
    Watch wb = new Watch(p.b);

    p.applyOffer(UnaryOperator.identity());
    // An offer, local or remote, does not create it: only the answer that establishes the
    // association does.
    assertThat(p.a.sctp()).isEmpty();
    assertThat(p.b.sctp()).isEmpty();
    p.applyAnswer(UnaryOperator.identity());

    assertThat(await(wb.atStable)).isEqualTo("connecting maxChannels=OptionalInt.empty maxMessageSize=262144 dtls=new");
    assertThat(await(wa.atStable)).startsWith("connecting maxChannels=OptionalInt.empty maxMessageSize=262144 dtls=");
    p.awaitConnected();
    await(wa.connected);
    await(wb.connected);
    await(local.opened);

    for (RTCPeerConnection pc : List.of(p.a, p.b)) {
      RTCSctpTransport s = pc.sctp().orElseThrow();
      assertThat(pc.sctp().orElseThrow()).isSameAs(s);
      assertThat(s.state()).isEqualTo(RTCSctpTransportState.CONNECTED);
      // The peer's a=max-message-size (ours: 262144) and what we can send: the smaller.
      assertThat(s.maxMessageSize()).isEqualTo(262_144.0);
      // W3C maxChannels: "the maximum amount of RTCDataChannel's that can be used simultaneously":
      // the stream count both sides agreed on in INIT / INIT-ACK.
      assertThat(s.maxChannels()).hasValue(65_535);
      RTCDtlsTransport dtls = s.transport();
      assertThat(dtls.state()).isEqualTo(RTCDtlsTransportState.CONNECTED);
      assertThat(dtls.iceTransport().state()).isIn(RTCIceTransportState.CONNECTED, RTCIceTransportState.COMPLETED);
    }
    assertThat(wa.states).containsExactly("connected maxChannels=true");
    assertThat(wb.states).containsExactly("connected maxChannels=true");

    // getRemoteCertificates(): the peer's certificate, DER, whose SHA-256 is the peer's fingerprint.
    assertThat(fingerprints(p.a.sctp().orElseThrow().transport().getRemoteCertificates())).containsExactly(sha256(certB));
    assertThat(fingerprints(p.b.sctp().orElseThrow().transport().getRemoteCertificates())).containsExactly(sha256(certA));
    // And the certificate the connection presents is the configured one: its fingerprint is in the SDP.
    assertThat(p.a.localDescription().orElseThrow().sdp().toLowerCase(Locale.ROOT)).contains("a=fingerprint:sha-256 " + sha256(certA));
    assertThat(p.b.localDescription().orElseThrow().sdp().toLowerCase(Locale.ROOT)).contains("a=fingerprint:sha-256 " + sha256(certB));
    // The returned list is a copy: changing it changes nothing.
    byte[] der = p.a.sctp().orElseThrow().transport().getRemoteCertificates().get(0);
    der[0] ^= 1;
    assertThat(fingerprints(p.a.sctp().orElseThrow().transport().getRemoteCertificates())).containsExactly(sha256(certB));
  }

  private static String sha256(RTCCertificate c) {
    RTCDtlsFingerprint f = c.getFingerprints().get(0);
    assertThat(f.algorithm()).isEqualTo("sha-256");
    return f.value().toLowerCase(Locale.ROOT);
  }

  private static List<String> fingerprints(List<byte[]> ders) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return ders.stream().map(d -> HexFormat.ofDelimiter(":").formatHex(md.digest(d))).toList();
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}

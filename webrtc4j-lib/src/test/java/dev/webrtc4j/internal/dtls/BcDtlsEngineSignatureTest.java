package dev.webrtc4j.internal.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.HandshakeType;
import org.junit.jupiter.api.Test;

/**
 * The handshake signatures are really checked (ServerKeyExchange, RFC 5246 §7.4.3, and
 * CertificateVerify, §7.4.8; verified with {@link P256EcdsaVerifier} for P-256 keys): one flipped
 * bit in either fails the verifying side with decrypt_error.
 */
class BcDtlsEngineSignatureTest {
  /** Flips the last bit of the first plaintext handshake record carrying {@code msgType}; true if found. */
  static boolean corrupt(ByteBuffer datagram, short msgType) {
    int pos = datagram.position();
    while (pos + 13 <= datagram.limit()) {
      int type = datagram.get(pos) & 0xff;
      int epoch = datagram.getShort(pos + 3) & 0xffff;
      int length = datagram.getShort(pos + 11) & 0xffff;
      if (type == 22 && epoch == 0 && length > 12 && (datagram.get(pos + 13) & 0xff) == msgType) {
        int last = pos + 13 + length - 1; // the signature ends the message body
        datagram.put(last, (byte) (datagram.get(last) ^ 1));
        return true;
      }
      pos += 13 + length;
    }
    return false;
  }

  static void assertVerifierFails(DtlsRole verifier, short msgType) throws Exception {
    boolean[] done = {false};
    try (EnginePair p = new EnginePair(c -> c, s -> s)) {
      DtlsRole signer = verifier == DtlsRole.CLIENT ? DtlsRole.SERVER : DtlsRole.CLIENT;
      p.filter = (from, d) -> {
        if (from == signer && !done[0]) {
          done[0] = corrupt(d, msgType);
        }
        return true;
      };
      p.start();
      DtlsEngine v = verifier == DtlsRole.CLIENT ? p.client : p.server;
      p.runUntil(() -> p.client.state() == DtlsState.FAILED && p.server.state() == DtlsState.FAILED, Duration.ofSeconds(10));
      assertThat(done[0]).isTrue();
      DtlsEvent.Failed f = p.events(verifier == DtlsRole.CLIENT ? p.clientEvents : p.serverEvents, DtlsEvent.Failed.class).getFirst();
      assertThat(f.sentAlertDescription()).hasValue(AlertDescription.decrypt_error);
      assertThat(p.events(verifier == DtlsRole.CLIENT ? p.clientEvents : p.serverEvents, DtlsEvent.Connected.class)).isEmpty();
      assertThat(v.state()).isEqualTo(DtlsState.FAILED);
    }
  }

  @Test
  void aForgedServerKeyExchangeSignatureFailsTheClient() throws Exception {
    assertVerifierFails(DtlsRole.CLIENT, HandshakeType.server_key_exchange);
  }

  @Test
  void aForgedCertificateVerifyFailsTheServer() throws Exception {
    assertVerifierFails(DtlsRole.SERVER, HandshakeType.certificate_verify);
  }

  /** Content type, epoch and (for plaintext handshake records) message type of each record. */
  static java.util.List<String> records(ByteBuffer datagram) {
    java.util.List<String> out = new java.util.ArrayList<>();
    int pos = datagram.position();
    while (pos + 13 <= datagram.limit()) {
      int type = datagram.get(pos) & 0xff;
      int epoch = datagram.getShort(pos + 3) & 0xffff;
      int length = datagram.getShort(pos + 11) & 0xffff;
      String msg = type == 22 && epoch == 0 && length > 0 ? "/" + (datagram.get(pos + 13) & 0xff) : "";
      out.add(type + "@" + epoch + msg);
      pos += 13 + length;
    }
    return out;
  }

  /**
   * The client verifies the ServerKeyExchange signature beside its own flight's computation
   * ({@link DeferredChecks}); when it fails, nothing of that flight leaves (no Certificate,
   * ClientKeyExchange, CertificateVerify, ChangeCipherSpec or Finished), only the plaintext alert.
   */
  @Test
  void aForgedServerKeyExchangeSignatureKeepsTheClientsFlightBack() throws Exception {
    assertForgedServerKeyExchangeKeepsTheClientsFlightBack(c -> c);
  }

  /**
   * The same when the client's flight needs several datagrams (a small MTU): its first datagram
   * is full before the ChangeCipherSpec is reached, and still waits for the check.
   */
  @Test
  void aForgedServerKeyExchangeSignatureKeepsBackAFlightOfSeveralDatagrams() throws Exception {
    assertForgedServerKeyExchangeKeepsTheClientsFlightBack(c -> c.withMtu(256));
  }

  private static void assertForgedServerKeyExchangeKeepsTheClientsFlightBack(
      java.util.function.UnaryOperator<DtlsConfig> clientTweak) throws Exception {
    boolean[] corrupted = {false};
    java.util.List<String> clientRecordsAfter = new java.util.ArrayList<>();
    try (EnginePair p = new EnginePair(clientTweak, s -> s)) {
      p.filter = (from, d) -> {
        if (from == DtlsRole.SERVER && !corrupted[0]) {
          corrupted[0] = corrupt(d, HandshakeType.server_key_exchange);
        } else if (from == DtlsRole.CLIENT && corrupted[0]) {
          clientRecordsAfter.addAll(records(d));
        }
        return true;
      };
      p.start();
      p.runUntil(() -> p.client.state() == DtlsState.FAILED && p.server.state() == DtlsState.FAILED, Duration.ofSeconds(10));
    }
    assertThat(corrupted[0]).isTrue();
    // 21@0: the epoch-0 alert; 22@0/1 would be a retransmitted ClientHello (not expected either).
    assertThat(clientRecordsAfter).containsExactly("21@0");
  }

  /**
   * A peer whose private key does not belong to its certificate: its signature is wrong but its
   * transcript is honest, so only the signature check can catch it (a flipped bit in a message
   * also breaks the Finished). The verifier fails with decrypt_error and reports no Connected;
   * the client's flight, with the deferred check, or the server's final flight stays back.
   */
  @Test
  void aServerSigningWithAnotherKeyFailsTheClient() throws Exception {
    assertWrongKeyFails(DtlsRole.SERVER);
  }

  @Test
  void aClientSigningWithAnotherKeyFailsTheServer() throws Exception {
    assertWrongKeyFails(DtlsRole.CLIENT);
  }

  private static void assertWrongKeyFails(DtlsRole signer) throws Exception {
    DtlsCertificate honest = signer == DtlsRole.SERVER ? EnginePair.SERVER_CERT : EnginePair.CLIENT_CERT;
    DtlsCertificate other = DtlsCertificate.generate(EnginePair.NOW, EnginePair.RANDOM);
    DtlsCertificate wrongKey = DtlsCertificate.fromPem(honest.certificatePem(), other.privateKeyPem());
    java.util.List<String> verifierRecords = new java.util.ArrayList<>();
    DtlsRole verifier = signer == DtlsRole.SERVER ? DtlsRole.CLIENT : DtlsRole.SERVER;
    try (EnginePair p = signer == DtlsRole.SERVER
        ? new EnginePair(EnginePair.CLIENT_CERT, wrongKey, c -> c, s -> s)
        : new EnginePair(wrongKey, EnginePair.SERVER_CERT, c -> c, s -> s)) {
      p.filter = (from, d) -> {
        if (from == verifier) {
          verifierRecords.addAll(records(d));
        }
        return true;
      };
      p.start();
      p.runUntil(() -> p.client.state() == DtlsState.FAILED && p.server.state() == DtlsState.FAILED, Duration.ofSeconds(10));
      java.util.List<DtlsEvent> events = verifier == DtlsRole.CLIENT ? p.clientEvents : p.serverEvents;
      assertThat(p.events(events, DtlsEvent.Failed.class).getFirst().sentAlertDescription()).hasValue(AlertDescription.decrypt_error);
      assertThat(p.events(events, DtlsEvent.Connected.class)).isEmpty();
    }
    // Nothing protected and no ChangeCipherSpec ever left the verifier: only epoch-0 handshake
    // records (its flight before the check) and the epoch-0 alert last.
    assertThat(verifierRecords).isNotEmpty().allMatch(r -> r.startsWith("22@0") || r.equals("21@0"));
    assertThat(verifierRecords.getLast()).isEqualTo("21@0");
  }
}

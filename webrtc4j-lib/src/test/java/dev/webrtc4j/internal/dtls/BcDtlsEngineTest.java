package dev.webrtc4j.internal.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webrtc4j.internal.util.Bytes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.tls.AlertDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BcDtlsEngineTest {

  @Test
  void handshakeCompletesAndEachSideSeesTheOthersCertificate() throws Exception {
    try (EnginePair p = EnginePair.started()) {
      p.runUntilConnected();
      DtlsEvent.Connected c = p.events(p.clientEvents, DtlsEvent.Connected.class).getFirst();
      DtlsEvent.Connected s = p.events(p.serverEvents, DtlsEvent.Connected.class).getFirst();
      assertThat(c.remoteCertificates()).containsExactly(EnginePair.SERVER_CERT.der());
      assertThat(s.remoteCertificates()).containsExactly(EnginePair.CLIENT_CERT.der());
      assertThat(c.cipherSuite()).isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256").isEqualTo(s.cipherSuite());
      assertThat(p.client.maxApplicationDataSize()).isPositive().isLessThan(1200);
    }
  }

  @Test
  void pollTimeoutReportsTheRetransmissionDeadlineWhileHandshakingAndIdlesOnceConnected() throws Exception {
    try (EnginePair p = new EnginePair(c -> c.withInitialRetransmit(Duration.ofMillis(500)), s -> s)) {
      p.client.start(p.now);
      // The client sent its ClientHello and BC waits for the answer; nothing is delivered yet.
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (p.client.pollTimeout() == Long.MAX_VALUE && System.nanoTime() < deadline) {
        p.wakeups.tryAcquire(20, java.util.concurrent.TimeUnit.MILLISECONDS);
      }
      long timeout = p.client.pollTimeout();
      assertThat(timeout - p.now).isGreaterThan(0).isLessThanOrEqualTo(Duration.ofMillis(501).toNanos());
      assertThat(p.client.pollTransmit()).isNotNull(); // the ClientHello
      p.server.start(p.now);
      p.runUntilConnected();
      assertThat(p.client.pollTimeout()).isEqualTo(Long.MAX_VALUE);
      assertThat(p.server.pollTimeout()).isEqualTo(Long.MAX_VALUE);
    }
  }

  @Test
  void eachFlightTravelsAsOneDatagramWhenItFitsTheMtu() throws Exception {
    // A long retransmission timeout keeps spurious retransmissions of a loaded machine out.
    try (EnginePair p = EnginePair.started(c -> c.withInitialRetransmit(Duration.ofSeconds(20)), s -> s.withInitialRetransmit(Duration.ofSeconds(20)))) {
      p.runUntilConnected();
      // ClientHello; ServerHello..ServerHelloDone; Certificate..Finished; ChangeCipherSpec+Finished.
      assertThat(p.datagramSizes).hasSize(4).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(1200));
    }
  }

  @Test
  void handshakeThreadsEndOnceConnected() throws Exception {
    try (EnginePair p = EnginePair.started()) {
      p.runUntilConnected();
      for (DtlsEngine e : List.of(p.client, p.server)) {
        assertThat(((BcDtlsEngine) e).awaitHandshakeEnd(Duration.ofSeconds(5))).isTrue();
      }
    }
  }

  @Test
  void bothSidesExportTheSameSrtpKeyingMaterialForTheSameProfile() throws Exception {
    try (EnginePair p = EnginePair.started()) {
      p.runUntilConnected();
      SrtpKeyingMaterial c = p.events(p.clientEvents, DtlsEvent.Connected.class).getFirst().srtp();
      SrtpKeyingMaterial s = p.events(p.serverEvents, DtlsEvent.Connected.class).getFirst().srtp();
      assertThat(c).isNotNull();
      assertThat(s).isNotNull();
      assertThat(c.profile()).isEqualTo(SrtpProfile.AEAD_AES_256_GCM).isEqualTo(s.profile());
      assertThat(c.profile().ianaName()).isEqualTo("SRTP_AEAD_AES_256_GCM");
      assertThat(c.material()).isEqualTo(s.material());
      assertThat(c.material().length()).isEqualTo(2 * (32 + 12));
      assertThat(c.localMasterKey()).isEqualTo(s.remoteMasterKey()).isEqualTo(c.clientMasterKey());
      assertThat(c.localMasterSalt()).isEqualTo(s.remoteMasterSalt());
      assertThat(s.localMasterKey()).isEqualTo(c.remoteMasterKey()).isNotEqualTo(c.localMasterKey());
    }
  }

  @Test
  void serverPicksItsMostPreferredProfileAmongThoseTheClientOffers() throws Exception {
    try (EnginePair p =
        EnginePair.started(
            c -> c.withSrtpProfiles(List.of(SrtpProfile.AES128_CM_HMAC_SHA1_32, SrtpProfile.AES128_CM_HMAC_SHA1_80)),
            s -> s.withSrtpProfiles(List.of(SrtpProfile.AEAD_AES_128_GCM, SrtpProfile.AES128_CM_HMAC_SHA1_80, SrtpProfile.AES128_CM_HMAC_SHA1_32)))) {
      p.runUntilConnected();
      DtlsEvent.Connected c = p.events(p.clientEvents, DtlsEvent.Connected.class).getFirst();
      assertThat(c.srtpProfile()).contains(SrtpProfile.AES128_CM_HMAC_SHA1_80);
      assertThat(c.srtp().material().length()).isEqualTo(60);
      assertThat(p.events(p.serverEvents, DtlsEvent.Connected.class).getFirst().srtp().material()).isEqualTo(c.srtp().material());
    }
  }

  @Test
  void noSrtpIsNegotiatedWhenTheClientOffersNone() throws Exception {
    try (EnginePair p = EnginePair.started(c -> c.withSrtpProfiles(List.of()), s -> s)) {
      p.runUntilConnected();
      assertThat(p.events(p.clientEvents, DtlsEvent.Connected.class).getFirst().srtp()).isNull();
      assertThat(p.events(p.serverEvents, DtlsEvent.Connected.class).getFirst().srtp()).isNull();
    }
  }

  @Test
  void applicationDataFlowsBothWays() throws Exception {
    try (EnginePair p = EnginePair.started()) {
      p.runUntilConnected();
      p.client.send(ByteBuffer.wrap("hello server".getBytes(StandardCharsets.UTF_8)));
      p.server.send(ByteBuffer.wrap("hello client".getBytes(StandardCharsets.UTF_8)));
      byte[] big = new byte[p.client.maxApplicationDataSize()];
      EnginePair.RANDOM.nextBytes(big);
      p.client.send(ByteBuffer.wrap(big).asReadOnlyBuffer());
      p.runUntil(
          () -> p.events(p.serverEvents, DtlsEvent.ApplicationData.class).size() == 2
              && p.events(p.clientEvents, DtlsEvent.ApplicationData.class).size() == 1,
          Duration.ofSeconds(5));
      assertThat(p.events(p.serverEvents, DtlsEvent.ApplicationData.class))
          .extracting(DtlsEvent.ApplicationData::data)
          .containsExactly(Bytes.of("hello server".getBytes(StandardCharsets.UTF_8)), Bytes.of(big));
      assertThat(p.events(p.clientEvents, DtlsEvent.ApplicationData.class).getFirst().data().toArray())
          .asString(StandardCharsets.UTF_8)
          .isEqualTo("hello client");
      assertThat(p.datagramSizes).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(1200));
    }
  }

  /** The engine hands out BC's record buffers without copying: a later send must not touch an earlier record. */
  @Test
  void recordsQueuedBeforeTheyAreSentStayIntact() throws Exception {
    try (EnginePair p = EnginePair.started()) {
      p.runUntilConnected();
      byte[] first = new byte[p.client.maxApplicationDataSize()];
      byte[] second = new byte[first.length];
      EnginePair.RANDOM.nextBytes(first);
      EnginePair.RANDOM.nextBytes(second);
      p.client.send(ByteBuffer.wrap(first));
      p.client.send(ByteBuffer.wrap(second));
      ByteBuffer a = p.client.pollTransmit();
      ByteBuffer b = p.client.pollTransmit();
      assertThat(a).isNotNull();
      assertThat(b).isNotNull();
      assertThat(a.position()).isZero();
      assertThat(a.hasArray() && b.hasArray() && a.array() == b.array()).isFalse();
      p.server.handleDatagram(p.now, a);
      p.server.handleDatagram(p.now, b);
      p.shuttle();
      assertThat(p.events(p.serverEvents, DtlsEvent.ApplicationData.class))
          .extracting(DtlsEvent.ApplicationData::data)
          .containsExactly(Bytes.of(first), Bytes.of(second));
    }
  }

  @Test
  void sendRejectsOversizedRecordsAndSendingBeforeConnected() throws Exception {
    try (EnginePair p = new EnginePair(c -> c, s -> s)) {
      assertThatThrownBy(() -> p.client.send(ByteBuffer.allocate(10))).isInstanceOf(IllegalStateException.class);
      p.start();
      p.runUntilConnected();
      int max = p.client.maxApplicationDataSize();
      assertThatThrownBy(() -> p.client.send(ByteBuffer.allocate(max + 1))).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> p.client.send(ByteBuffer.allocate(0))).isInstanceOf(IllegalArgumentException.class);
      assertThat(p.client.state()).isEqualTo(DtlsState.CONNECTED);
    }
  }

  @Test
  void remoteCertificateNotMatchingTheFingerprintFailsTheClientWithFingerprintFailure() throws Exception {
    DtlsCertificate other = DtlsCertificate.generate(EnginePair.NOW, EnginePair.RANDOM);
    try (EnginePair p =
        EnginePair.started(
            c -> new DtlsConfig(c.role(), c.certificate(), List.of(other.sha256Fingerprint()), c.srtpProfiles(), c.mtu(),
                c.initialRetransmit(), c.handshakeTimeout(), c.keyLog(), c.wakeup(), c.random()),
            s -> s)) {
      p.runUntil(() -> p.client.state() == DtlsState.FAILED && p.server.state() == DtlsState.FAILED, Duration.ofSeconds(10));
      DtlsEvent.Failed cf = p.events(p.clientEvents, DtlsEvent.Failed.class).getFirst();
      assertThat(cf.reason()).isEqualTo(DtlsEvent.FailureReason.FINGERPRINT_MISMATCH);
      assertThat(cf.reason().w3cErrorDetail()).isEqualTo("fingerprint-failure");
      assertThat(cf.sentAlertDescription()).hasValue(AlertDescription.bad_certificate);
      DtlsEvent.Failed sf = p.events(p.serverEvents, DtlsEvent.Failed.class).getFirst();
      assertThat(sf.reason()).isEqualTo(DtlsEvent.FailureReason.ALERT_RECEIVED);
      assertThat(sf.receivedAlertDescription()).hasValue(AlertDescription.bad_certificate);
      assertThat(p.events(p.clientEvents, DtlsEvent.Connected.class)).isEmpty();
    }
  }

  @Test
  void clientCertificateNotMatchingTheFingerprintFailsTheServerWithFingerprintFailure() throws Exception {
    DtlsCertificate other = DtlsCertificate.generate(EnginePair.NOW, EnginePair.RANDOM);
    try (EnginePair p =
        EnginePair.started(
            c -> c,
            s -> new DtlsConfig(s.role(), s.certificate(), List.of(other.sha256Fingerprint()), s.srtpProfiles(), s.mtu(),
                s.initialRetransmit(), s.handshakeTimeout(), s.keyLog(), s.wakeup(), s.random()))) {
      p.runUntil(() -> p.server.state() == DtlsState.FAILED && p.client.state() == DtlsState.FAILED, Duration.ofSeconds(10));
      assertThat(p.events(p.serverEvents, DtlsEvent.Failed.class).getFirst().reason()).isEqualTo(DtlsEvent.FailureReason.FINGERPRINT_MISMATCH);
      assertThat(p.events(p.clientEvents, DtlsEvent.Failed.class).getFirst().receivedAlertDescription()).hasValue(AlertDescription.bad_certificate);
      assertThat(p.events(p.serverEvents, DtlsEvent.Connected.class)).isEmpty();
    }
  }

  @Test
  void anyOfheOfferedFingerprintsAndHashFunctionsIsAccepted() throws Exception {
    DtlsCertificate other = DtlsCertificate.generate(EnginePair.NOW, EnginePair.RANDOM);
    List<Fingerprint> offered = List.of(other.sha256Fingerprint(), EnginePair.SERVER_CERT.fingerprint(HashFunction.SHA_512));
    try (EnginePair p =
        EnginePair.started(
            c -> new DtlsConfig(c.role(), c.certificate(), offered, c.srtpProfiles(), c.mtu(), c.initialRetransmit(),
                c.handshakeTimeout(), c.keyLog(), c.wakeup(), c.random()),
            s -> s)) {
      p.runUntilConnected();
    }
  }

  @Test
  void rsaCertificatesHandshakeWithEcdheRsa() throws Exception {
    DtlsCertificate rsa = EnginePair.rsaCertificate();
    try (EnginePair p = new EnginePair(EnginePair.CLIENT_CERT, rsa, c -> c, s -> s)) {
      p.start();
      p.runUntilConnected();
      assertThat(p.events(p.clientEvents, DtlsEvent.Connected.class).getFirst().cipherSuite()).isEqualTo("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
    }
  }

  @Test
  void droppedFlightsAreRecoveredByRetransmission() throws Exception {
    Map<DtlsRole, AtomicInteger> seen = Map.of(DtlsRole.CLIENT, new AtomicInteger(), DtlsRole.SERVER, new AtomicInteger());
    try (EnginePair p = new EnginePair(c -> c, s -> s)) {
      // Lose the ClientHello and the server's first flight once each.
      p.filter = (from, d) -> seen.get(from).getAndIncrement() != 0;
      p.start();
      p.runUntilConnected();
      assertThat(seen.get(DtlsRole.CLIENT).get()).isGreaterThanOrEqualTo(3); // hello, its retransmission, then the second flight
      assertThat(seen.get(DtlsRole.SERVER).get()).isGreaterThanOrEqualTo(2);
    }
  }

  /**
   * The client's second flight (Certificate, ClientKeyExchange, CertificateVerify,
   * ChangeCipherSpec, Finished) travels as one datagram of five records; lost once, it is
   * retransmitted the same way, and the server accepts the five records of one datagram.
   */
  @Test
  void aLostCoalescedFlightIsRetransmittedCoalesced() throws Exception {
    List<List<String>> clientDatagrams = new java.util.ArrayList<>();
    try (EnginePair p = new EnginePair(c -> c.withInitialRetransmit(Duration.ofMillis(50)), s -> s.withInitialRetransmit(Duration.ofSeconds(20)))) {
      p.filter = (from, d) -> {
        if (from != DtlsRole.CLIENT) {
          return true;
        }
        clientDatagrams.add(BcDtlsEngineSignatureTest.records(d));
        return clientDatagrams.size() != 2; // lose the second flight once
      };
      p.start();
      p.runUntilConnected();
    }
    List<String> flight = List.of("22@0/11", "22@0/16", "22@0/15", "20@0", "22@1");
    assertThat(clientDatagrams.get(1)).isEqualTo(flight);
    assertThat(clientDatagrams.get(2)).isEqualTo(flight);
  }

  @Test
  void handshakeCompletesOverALossyLink() throws Exception {
    for (long seed : new long[] {1, 2, 3}) {
      java.util.Random loss = new java.util.Random(seed);
      AtomicInteger lost = new AtomicInteger();
      try (EnginePair p = new EnginePair(c -> c.withInitialRetransmit(Duration.ofMillis(50)), s -> s.withInitialRetransmit(Duration.ofMillis(50)))) {
        p.filter = (from, d) -> {
          boolean deliver = loss.nextInt(100) >= 30;
          if (!deliver) {
            lost.incrementAndGet();
          }
          return deliver;
        };
        p.start();
        p.runUntilConnected();
        SrtpKeyingMaterial c = p.events(p.clientEvents, DtlsEvent.Connected.class).getFirst().srtp();
        SrtpKeyingMaterial s = p.events(p.serverEvents, DtlsEvent.Connected.class).getFirst().srtp();
        assertThat(c.material()).as("seed %d, %d lost", seed, lost.get()).isEqualTo(s.material());
      }
    }
  }

  @Test
  void lostFinalServerFlightIsRecoveredAfterTheServerConnected() throws Exception {
    AtomicInteger lost = new AtomicInteger();
    try (EnginePair p = new EnginePair(c -> c, s -> s)) {
      // The server's last flight is ChangeCipherSpec then an epoch-1 Finished. Lose it once: the
      // server has finished its handshake, so only its record layer on the loop can answer the
      // client's retransmission (RFC 6347 §4.2.4).
      p.filter =
          (from, d) -> {
            boolean lastFlight = from == DtlsRole.SERVER && (d.get(0) == 20 || (d.get(0) == 22 && d.getShort(3) == 1));
            return !(lastFlight && lost.getAndIncrement() < 2);
          };
      p.start();
      p.runUntilConnected();
      assertThat(lost.get()).isGreaterThanOrEqualTo(3); // two dropped, then the retransmission got through
    }
  }

  @Test
  void handshakeFailsWithTimeoutWhenThePeerNeverAnswers() throws Exception {
    try (EnginePair p = new EnginePair(c -> c.withInitialRetransmit(Duration.ofMillis(20)).withHandshakeTimeout(Duration.ofMillis(300)), s -> s)) {
      p.filter = (from, d) -> false;
      p.start();
      p.runUntil(() -> p.client.state() == DtlsState.FAILED, Duration.ofSeconds(10));
      assertThat(p.events(p.clientEvents, DtlsEvent.Failed.class).getFirst().reason()).isEqualTo(DtlsEvent.FailureReason.TIMEOUT);
    }
  }

  @Test
  void handshakeIsFragmentedToTheMtu() throws Exception {
    DtlsCertificate rsa = EnginePair.rsaCertificate();
    try (EnginePair p = new EnginePair(EnginePair.CLIENT_CERT, rsa, c -> c.withMtu(400), s -> s.withMtu(400))) {
      p.start();
      p.runUntilConnected();
      assertThat(p.datagramSizes).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(400));
      assertThat(p.client.maxApplicationDataSize()).isLessThan(400);
      p.client.send(ByteBuffer.allocate(p.client.maxApplicationDataSize()));
      p.runUntil(() -> !p.events(p.serverEvents, DtlsEvent.ApplicationData.class).isEmpty(), Duration.ofSeconds(5));
      assertThat(p.datagramSizes).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(400));
    }
  }

  @Test
  void closeNotifyClosesTheOtherSide() throws Exception {
    try (EnginePair p = EnginePair.started()) {
      p.runUntilConnected();
      p.client.close();
      assertThat(p.client.state()).isEqualTo(DtlsState.CLOSED);
      p.runUntil(() -> p.server.state() == DtlsState.CLOSED, Duration.ofSeconds(5));
      assertThat(p.events(p.serverEvents, DtlsEvent.Closed.class)).hasSize(1);
      assertThat(p.events(p.clientEvents, DtlsEvent.Closed.class)).isEmpty(); // a local close reports nothing
      assertThatThrownBy(() -> p.server.send(ByteBuffer.allocate(1))).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void closingDuringTheHandshakeEndsTheHandshakeThread() throws Exception {
    EnginePair p = new EnginePair(c -> c, s -> s);
    p.start();
    p.close(); // joins the threads, failing if either survives
    assertThat(p.client.state()).isEqualTo(DtlsState.CLOSED);
    assertThat(p.client.pollEvent()).isNull();
  }

  @Test
  void malformedDatagramsAreDroppedAndCountedNeverThrown() throws Exception {
    try (EnginePair p = EnginePair.started()) {
      p.server.handleDatagram(p.now, ByteBuffer.wrap(new byte[] {22, 1}));
      byte[] junk = new byte[100];
      junk[0] = 22;
      EnginePair.RANDOM.nextBytes(junk);
      junk[0] = 23;
      p.server.handleDatagram(p.now, ByteBuffer.wrap(junk));
      p.runUntilConnected();
      assertThat(p.server.droppedDatagrams()).isGreaterThanOrEqualTo(1);
      p.client.handleDatagram(p.now, ByteBuffer.wrap(junk.clone()));
      p.client.handleDatagram(p.now, ByteBuffer.wrap(new byte[3]));
      assertThat(p.client.state()).isEqualTo(DtlsState.CONNECTED);
      p.server.send(ByteBuffer.wrap(new byte[] {7}));
      p.runUntil(() -> !p.events(p.clientEvents, DtlsEvent.ApplicationData.class).isEmpty(), Duration.ofSeconds(5));
    }
  }

  @Test
  void keyLogReceivesTheSameNssLineOnBothSides() throws Exception {
    List<String> clientLines = Collections.synchronizedList(new ArrayList<>());
    List<String> serverLines = Collections.synchronizedList(new ArrayList<>());
    try (EnginePair p = EnginePair.started(c -> c.withKeyLog(clientLines::add), s -> s.withKeyLog(serverLines::add))) {
      p.runUntilConnected();
      assertThat(clientLines).hasSize(1);
      assertThat(clientLines.getFirst()).matches("CLIENT_RANDOM [0-9a-f]{64} [0-9a-f]{96}");
      assertThat(serverLines).isEqualTo(clientLines);
    }
  }

  @Test
  void keyLogLineFormat() {
    byte[] random = new byte[32];
    byte[] secret = new byte[48];
    random[0] = (byte) 0xAB;
    secret[47] = 0x0F;
    assertThat(KeyLogSink.clientRandomLine(Bytes.of(random), Bytes.of(secret)))
        .isEqualTo("CLIENT_RANDOM ab" + "00".repeat(31) + " " + "00".repeat(47) + "0f");
    assertThatThrownBy(() -> KeyLogSink.clientRandomLine(Bytes.of(new byte[31]), Bytes.of(secret))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sslKeyLogFileFromTheEnvironmentAppendsLines(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("keys.log");
    assertThat(KeyLogSink.fromEnvironment(name -> null)).isEmpty();
    assertThat(KeyLogSink.fromEnvironment(name -> " ")).isEmpty();
    KeyLogSink sink = KeyLogSink.fromEnvironment(name -> name.equals("SSLKEYLOGFILE") ? file.toString() : null).orElseThrow();
    sink.log("CLIENT_RANDOM a b");
    sink.log("CLIENT_RANDOM c d");
    assertThat(Files.readAllLines(file)).containsExactly("CLIENT_RANDOM a b", "CLIENT_RANDOM c d");
  }
}

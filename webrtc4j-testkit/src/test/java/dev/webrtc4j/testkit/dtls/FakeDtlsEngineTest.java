package dev.webrtc4j.testkit.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webrtc4j.internal.dtls.DtlsCertificate;
import dev.webrtc4j.internal.dtls.DtlsConfig;
import dev.webrtc4j.internal.dtls.DtlsEngine;
import dev.webrtc4j.internal.dtls.DtlsEvent;
import dev.webrtc4j.internal.dtls.DtlsRole;
import dev.webrtc4j.internal.dtls.DtlsState;
import dev.webrtc4j.internal.dtls.SrtpProfile;
import dev.webrtc4j.internal.util.Bytes;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class FakeDtlsEngineTest {
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  static final DtlsCertificate CLIENT_CERT = DtlsCertificate.generate(NOW, new SecureRandom());
  static final DtlsCertificate SERVER_CERT = DtlsCertificate.generate(NOW, new SecureRandom());

  static SecureRandom seeded(long seed) {
    try {
      SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
      r.setSeed(seed);
      return r;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Two fakes on virtual time; the test moves datagrams and jumps time to the next deadline. */
  static final class Pair {
    final FakeDtlsEngine client;
    final FakeDtlsEngine server;
    final List<DtlsEvent> clientEvents = new ArrayList<>();
    final List<DtlsEvent> serverEvents = new ArrayList<>();
    final List<byte[]> wire = new ArrayList<>();
    BiPredicate<DtlsRole, ByteBuffer> deliver = (from, d) -> true;
    long now = 0;

    Pair(UnaryOperator<DtlsConfig> clientTweak, UnaryOperator<DtlsConfig> serverTweak, long seed) {
      client = (FakeDtlsEngine) FakeDtlsEngine.FACTORY.create(clientTweak.apply(DtlsConfig.of(DtlsRole.CLIENT, CLIENT_CERT, List.of(SERVER_CERT.sha256Fingerprint()), seeded(seed))));
      server = new FakeDtlsEngine(serverTweak.apply(DtlsConfig.of(DtlsRole.SERVER, SERVER_CERT, List.of(CLIENT_CERT.sha256Fingerprint()), seeded(seed + 1))));
      server.start(now);
      client.start(now);
    }

    Pair() {
      this(c -> c, s -> s, 1);
    }

    /** Drains everything at the current time; then jumps to the earliest deadline. Returns false when idle. */
    boolean step() {
      boolean moved = true;
      while (moved) {
        moved = move(client, server, DtlsRole.CLIENT) | move(server, client, DtlsRole.SERVER);
        for (DtlsEvent e; (e = client.pollEvent()) != null; ) {
          clientEvents.add(e);
        }
        for (DtlsEvent e; (e = server.pollEvent()) != null; ) {
          serverEvents.add(e);
        }
      }
      long next = Math.min(client.pollTimeout(), server.pollTimeout());
      if (next == Long.MAX_VALUE) {
        return false;
      }
      now = Math.max(now, next);
      client.handleTimeout(now);
      server.handleTimeout(now);
      return true;
    }

    void run() {
      for (int i = 0; i < 1000 && step(); i++) {}
    }

    private boolean move(DtlsEngine from, DtlsEngine to, DtlsRole role) {
      boolean moved = false;
      for (ByteBuffer d; (d = from.pollTransmit()) != null; ) {
        moved = true;
        byte[] bytes = new byte[d.remaining()];
        d.duplicate().get(bytes);
        wire.add(bytes);
        if (deliver.test(role, d.duplicate())) {
          to.handleDatagram(now, d);
        }
      }
      return moved;
    }
  }

  @Test
  void handshakeConnectsBothSidesWithTheSameSrtpKeys() {
    Pair p = new Pair();
    p.run();
    assertThat(p.client.state()).as("%s %s", p.clientEvents, p.serverEvents).isEqualTo(DtlsState.CONNECTED);
    assertThat(p.server.state()).isEqualTo(DtlsState.CONNECTED);
    DtlsEvent.Connected c = (DtlsEvent.Connected) p.clientEvents.getFirst();
    DtlsEvent.Connected s = (DtlsEvent.Connected) p.serverEvents.getFirst();
    assertThat(c.remoteCertificates()).containsExactly(SERVER_CERT.der());
    assertThat(s.remoteCertificates()).containsExactly(CLIENT_CERT.der());
    assertThat(c.srtpProfile()).contains(SrtpProfile.AEAD_AES_256_GCM);
    assertThat(c.srtp().material()).isEqualTo(s.srtp().material());
    assertThat(c.srtp().localMasterKey()).isEqualTo(s.srtp().remoteMasterKey());
    assertThat(p.now).isZero(); // no timer was needed
  }

  @Test
  void everyDatagramStartsWithADtlsFirstByte() {
    Pair p = new Pair();
    p.run();
    p.client.send(ByteBuffer.wrap(new byte[] {1, 2, 3}));
    p.client.close();
    p.run();
    assertThat(p.wire).isNotEmpty().allSatisfy(d -> assertThat(d[0] & 0xff).isBetween(20, 63));
  }

  @Test
  void applicationDataFlowsBothWaysWithinTheMtu() {
    Pair p = new Pair();
    p.run();
    assertThat(p.client.maxApplicationDataSize()).isEqualTo(1200 - FakeDtlsEngine.RECORD_OVERHEAD);
    byte[] big = new byte[p.client.maxApplicationDataSize()];
    big[7] = 9;
    p.client.send(ByteBuffer.wrap(big));
    p.server.send(ByteBuffer.wrap(new byte[] {42}));
    p.run();
    assertThat(p.serverEvents).contains(new DtlsEvent.ApplicationData(Bytes.of(big)));
    assertThat(p.clientEvents).contains(new DtlsEvent.ApplicationData(Bytes.of(new byte[] {42})));
    assertThatThrownBy(() -> p.client.send(ByteBuffer.allocate(big.length + 1))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fingerprintMismatchFailsWithFingerprintFailureAndAlertsThePeer() {
    DtlsCertificate other = DtlsCertificate.generate(NOW, new SecureRandom());
    Pair p =
        new Pair(
            c -> new DtlsConfig(c.role(), c.certificate(), List.of(other.sha256Fingerprint()), c.srtpProfiles(), c.mtu(),
                c.initialRetransmit(), c.handshakeTimeout(), c.keyLog(), c.wakeup(), c.random()),
            s -> s,
            1);
    p.run();
    DtlsEvent.Failed cf = (DtlsEvent.Failed) p.clientEvents.getFirst();
    assertThat(cf.reason()).isEqualTo(DtlsEvent.FailureReason.FINGERPRINT_MISMATCH);
    assertThat(cf.sentAlertDescription()).hasValue(42);
    DtlsEvent.Failed sf = (DtlsEvent.Failed) p.serverEvents.getFirst();
    assertThat(sf.reason()).isEqualTo(DtlsEvent.FailureReason.ALERT_RECEIVED);
    assertThat(sf.receivedAlertDescription()).hasValue(42);
  }

  @Test
  void serverRejectsAClientCertificateThatMatchesNoFingerprint() {
    DtlsCertificate other = DtlsCertificate.generate(NOW, new SecureRandom());
    Pair p =
        new Pair(
            c -> c,
            s -> new DtlsConfig(s.role(), s.certificate(), List.of(other.sha256Fingerprint()), s.srtpProfiles(), s.mtu(),
                s.initialRetransmit(), s.handshakeTimeout(), s.keyLog(), s.wakeup(), s.random()),
            1);
    p.run();
    assertThat(((DtlsEvent.Failed) p.serverEvents.getFirst()).reason()).isEqualTo(DtlsEvent.FailureReason.FINGERPRINT_MISMATCH);
    assertThat(p.client.state()).isEqualTo(DtlsState.FAILED);
  }

  @Test
  void lostFlightsAreRetransmittedOnVirtualTime() {
    for (int lose = 0; lose < 3; lose++) {
      int target = lose;
      int[] count = {0};
      Pair p = new Pair();
      p.deliver = (from, d) -> count[0]++ != target; // lose the 1st, 2nd or 3rd datagram of the handshake
      p.run();
      assertThat(p.client.state()).as("losing datagram %d", target).isEqualTo(DtlsState.CONNECTED);
      assertThat(p.server.state()).as("losing datagram %d", target).isEqualTo(DtlsState.CONNECTED);
      assertThat(p.now).as("losing datagram %d", target).isGreaterThanOrEqualTo(TimeUnit.SECONDS.toNanos(1));
    }
  }

  @Test
  void handshakeTimesOutWhenNothingGetsThrough() {
    Pair p = new Pair(c -> c.withHandshakeTimeout(Duration.ofSeconds(10)), s -> s, 1);
    p.deliver = (from, d) -> false;
    while (p.client.state() == DtlsState.CONNECTING && p.step()) {}
    assertThat(p.now).isEqualTo(TimeUnit.SECONDS.toNanos(10));
    assertThat(((DtlsEvent.Failed) p.client.pollEvent()).reason()).isEqualTo(DtlsEvent.FailureReason.TIMEOUT);
  }

  @Test
  void closeNotifyClosesThePeer() {
    Pair p = new Pair();
    p.run();
    p.server.close();
    p.run();
    assertThat(p.clientEvents).contains(new DtlsEvent.Closed());
    assertThat(p.client.state()).isEqualTo(DtlsState.CLOSED);
  }

  @Test
  void sameSeedsGiveTheSameWireBytes() {
    Pair a = new Pair(c -> c, s -> s, 7);
    Pair b = new Pair(c -> c, s -> s, 7);
    a.run();
    b.run();
    assertThat(a.wire).hasSameSizeAs(b.wire);
    for (int i = 0; i < a.wire.size(); i++) {
      assertThat(a.wire.get(i)).isEqualTo(b.wire.get(i));
    }
  }

  @Test
  void malformedDatagramsAreDroppedAndCounted() {
    Pair p = new Pair();
    p.server.handleDatagram(0, ByteBuffer.wrap(new byte[] {22}));
    p.server.handleDatagram(0, ByteBuffer.wrap(new byte[] {22, 1, 5}));
    p.server.handleDatagram(0, ByteBuffer.wrap(new byte[] {63, 0}));
    assertThat(p.server.droppedDatagrams()).isEqualTo(3);
    p.run();
    assertThat(p.server.state()).isEqualTo(DtlsState.CONNECTED);
  }
}

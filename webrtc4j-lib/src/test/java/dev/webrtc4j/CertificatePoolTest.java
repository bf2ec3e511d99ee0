package dev.webrtc4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webrtc4j.spi.Settings;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Certificates made ahead of time: each goes to one connection only, and only with the default key sources. */
class CertificatePoolTest {
  @Test
  void neverHandsOutTheSameCertificateTwice() {
    Set<RTCCertificate> seen = new HashSet<>();
    Set<String> fingerprints = new HashSet<>();
    int taken = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    // Each take starts a refill; spin until 12 were taken (the pool holds at most SIZE at a time).
    while (taken < 12 && System.nanoTime() < deadline) {
      RTCCertificate c = CertificatePool.take();
      if (c != null) {
        taken++;
        assertThat(seen.add(c)).as("handed out twice").isTrue();
        assertThat(fingerprints.add(c.getFingerprints().get(0).value())).as("same key twice").isTrue();
      } else {
        Thread.yield();
      }
    }
    assertThat(taken).isEqualTo(12);
  }

  @Test
  void aPooledCertificateComesWithItsX509ViewParsedAndAFreshOneWithout() {
    RTCCertificate c = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (c == null && System.nanoTime() < deadline) {
      c = CertificatePool.take();
      if (c == null) {
        Thread.yield();
      }
    }
    assertThat(c).as("a pooled certificate within 30 s").isNotNull();
    assertThat(c.dtls().hasParsedX509()).as("parsed by the refill, off the handshake").isTrue();
    RTCCertificate own = RTCCertificate.generateNow(AlgorithmIdentifier.ecdsaP256(), InstantSource.system(), new SecureRandom());
    assertThat(own.dtls().hasParsedX509()).as("generated elsewhere: parsed only when asked").isFalse();
    assertThat(own.dtls().x509().getPublicKey()).isNotNull();
    assertThat(own.dtls().hasParsedX509()).isTrue();
  }

  @Test
  void connectionsWithDefaultSettingsEachHaveTheirOwnCertificate() throws Exception {
    List<RTCPeerConnection> pcs = new ArrayList<>();
    Set<String> fingerprints = new HashSet<>();
    try {
      for (int i = 0; i < 8; i++) {
        RTCPeerConnection pc = new RTCPeerConnection(RTCConfiguration.DEFAULT, Settings.builder().loopbackOnly().build());
        pcs.add(pc);
        pc.createDataChannel("x");
        String sdp = pc.createOffer().get(30, TimeUnit.SECONDS).sdp();
        String fp = sdp.lines().filter(l -> l.startsWith("a=fingerprint:")).findFirst().orElseThrow();
        assertThat(fingerprints.add(fp)).as("two connections with one certificate").isTrue();
      }
    } finally {
      pcs.forEach(RTCPeerConnection::close);
    }
  }

  @Test
  void aSeededKeySourceOrATestClockIsNotTheDefault() {
    assertThat(Settings.DEFAULT.defaultKeySources()).isTrue();
    assertThat(Settings.builder().loopbackOnly().build().defaultKeySources()).isTrue();
    assertThat(Settings.builder().secureRandom(new SecureRandom()).build().defaultKeySources()).isFalse();
    assertThat(Settings.builder().wallClock(InstantSource.fixed(java.time.Instant.EPOCH)).build().defaultKeySources()).isFalse();
    assertThat(Settings.builder().secureRandom(new SecureRandom()).build().toBuilder().build().defaultKeySources()).isFalse();
  }
}

package dev.webrtc4j.internal.dtls;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link DtlsEngine} needs. Build with {@link #of} and the {@code withX} methods.
 *
 * @param role client or server, from {@code a=setup}
 * @param certificate the local identity
 * @param remoteFingerprints the peer's {@code a=fingerprint} values; the peer's certificate must
 *     match at least one (any hash function), else the handshake fails with
 *     {@link DtlsEvent.FailureReason#FINGERPRINT_MISMATCH}. Must not be empty.
 * @param srtpProfiles the {@code use_srtp} profiles, most preferred first; empty to not negotiate
 *     SRTP. Default: all of {@link SrtpProfile}, GCM first, like Chrome
 * @param mtu the largest datagram to send (handshake flights are fragmented to it, and it bounds
 *     application records); default 1200
 * @param initialRetransmit the first handshake retransmission timeout, doubled on each retransmission
 *     by BouncyCastle up to 60 s; default 1 s (RFC 6347 §4.2.4.1)
 * @param handshakeTimeout how long the handshake may take in total before {@link DtlsEvent.FailureReason#TIMEOUT}; default 30 s
 * @param keyLog receives the NSS key log line of each handshake, or null
 * @param wakeup run (from the handshake thread) whenever the engine has new output or events
 *     between loop calls, so the owner's loop can drain it; must be thread-safe and must not block
 * @param random the source of all randomness and key material
 */
public record DtlsConfig(
    DtlsRole role,
    DtlsCertificate certificate,
    List<Fingerprint> remoteFingerprints,
    List<SrtpProfile> srtpProfiles,
    int mtu,
    Duration initialRetransmit,
    Duration handshakeTimeout,
    @Nullable KeyLogSink keyLog,
    Runnable wakeup,
    SecureRandom random) {
  public static final int DEFAULT_MTU = 1200;

  public DtlsConfig {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(certificate, "certificate");
    remoteFingerprints = List.copyOf(remoteFingerprints);
    srtpProfiles = List.copyOf(srtpProfiles);
    Objects.requireNonNull(initialRetransmit, "initialRetransmit");
    Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
    Objects.requireNonNull(wakeup, "wakeup");
    Objects.requireNonNull(random, "random");
    if (remoteFingerprints.isEmpty()) {
      throw new IllegalArgumentException("remoteFingerprints must not be empty: WebRTC authenticates the peer by them");
    }
    if (srtpProfiles.size() != srtpProfiles.stream().distinct().count()) {
      throw new IllegalArgumentException("srtpProfiles has duplicates: " + srtpProfiles);
    }
    if (mtu < 256 || mtu > 65507) {
      throw new IllegalArgumentException("mtu must be 256..65507, not " + mtu);
    }
    if (initialRetransmit.toMillis() < 1 || initialRetransmit.toMillis() > 60_000) {
      throw new IllegalArgumentException("initialRetransmit must be 1 ms..60 s, not " + initialRetransmit);
    }
    if (handshakeTimeout.toMillis() < 1 || handshakeTimeout.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("handshakeTimeout must be positive, not " + handshakeTimeout);
    }
  }

  /** Defaults for everything but the essentials. */
  public static DtlsConfig of(DtlsRole role, DtlsCertificate certificate, List<Fingerprint> remoteFingerprints, SecureRandom random) {
    return new DtlsConfig(
        role,
        certificate,
        remoteFingerprints,
        List.of(SrtpProfile.AEAD_AES_256_GCM, SrtpProfile.AEAD_AES_128_GCM, SrtpProfile.AES128_CM_HMAC_SHA1_80, SrtpProfile.AES128_CM_HMAC_SHA1_32),
        DEFAULT_MTU,
        Duration.ofSeconds(1),
        Duration.ofSeconds(30),
        null,
        () -> {},
        random);
  }

  public DtlsConfig withSrtpProfiles(List<SrtpProfile> v) {
    return new DtlsConfig(role, certificate, remoteFingerprints, v, mtu, initialRetransmit, handshakeTimeout, keyLog, wakeup, random);
  }

  public DtlsConfig withMtu(int v) {
    return new DtlsConfig(role, certificate, remoteFingerprints, srtpProfiles, v, initialRetransmit, handshakeTimeout, keyLog, wakeup, random);
  }

  public DtlsConfig withInitialRetransmit(Duration v) {
    return new DtlsConfig(role, certificate, remoteFingerprints, srtpProfiles, mtu, v, handshakeTimeout, keyLog, wakeup, random);
  }

  public DtlsConfig withHandshakeTimeout(Duration v) {
    return new DtlsConfig(role, certificate, remoteFingerprints, srtpProfiles, mtu, initialRetransmit, v, keyLog, wakeup, random);
  }

  public DtlsConfig withKeyLog(@Nullable KeyLogSink v) {
    return new DtlsConfig(role, certificate, remoteFingerprints, srtpProfiles, mtu, initialRetransmit, handshakeTimeout, v, wakeup, random);
  }

  public DtlsConfig withWakeup(Runnable v) {
    return new DtlsConfig(role, certificate, remoteFingerprints, srtpProfiles, mtu, initialRetransmit, handshakeTimeout, keyLog, v, random);
  }
}

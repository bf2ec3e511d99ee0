package dev.webrtc4j.internal.dtls;

import dev.webrtc4j.internal.util.Bytes;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/** What a {@link DtlsEngine} reports through {@link DtlsEngine#pollEvent()}. */
public sealed interface DtlsEvent {
  /**
   * The handshake completed and the peer's certificate matched one of its signalled fingerprints.
   *
   * @param remoteCertificates the peer's chain as DER, leaf first (never empty)
   * @param cipherSuite the negotiated cipher suite, IANA name (e.g. {@code TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256})
   * @param srtp the SRTP profile and keys, or null when the peer did not negotiate {@code use_srtp}
   */
  record Connected(List<Bytes> remoteCertificates, String cipherSuite, @Nullable SrtpKeyingMaterial srtp)
      implements DtlsEvent {
    public Connected {
      remoteCertificates = List.copyOf(remoteCertificates);
      Objects.requireNonNull(cipherSuite, "cipherSuite");
    }

    public Optional<SrtpProfile> srtpProfile() {
      return srtp == null ? Optional.empty() : Optional.of(srtp.profile());
    }
  }

  /** One application-data record's plaintext (for WebRTC: one SCTP packet). */
  record ApplicationData(Bytes data) implements DtlsEvent {
    public ApplicationData {
      Objects.requireNonNull(data, "data");
    }
  }

  /** The peer sent close_notify; the engine answered with its own and is now closed. */
  record Closed() implements DtlsEvent {}

  /**
   * The handshake or the connection failed; the engine is now failed.
   *
   * @param reason why
   * @param message a human-readable detail, for logs
   * @param receivedAlert the fatal alert the peer sent (RFC 5246 §7.2 AlertDescription), or -1
   * @param sentAlert the fatal alert this endpoint sent, or -1
   */
  record Failed(FailureReason reason, String message, int receivedAlert, int sentAlert) implements DtlsEvent {
    public Failed {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(message, "message");
    }

    public OptionalInt receivedAlertDescription() {
      return receivedAlert < 0 ? OptionalInt.empty() : OptionalInt.of(receivedAlert);
    }

    public OptionalInt sentAlertDescription() {
      return sentAlert < 0 ? OptionalInt.empty() : OptionalInt.of(sentAlert);
    }
  }

  /** Why a DTLS association failed. */
  enum FailureReason {
    /** The peer's certificate matches none of its signalled fingerprints (W3C errorDetail {@code fingerprint-failure}). */
    FINGERPRINT_MISMATCH("fingerprint-failure"),
    /** The peer sent a fatal alert ({@code dtls-failure}). */
    ALERT_RECEIVED("dtls-failure"),
    /** This endpoint found a protocol error and sent a fatal alert ({@code dtls-failure}). */
    PROTOCOL_ERROR("dtls-failure"),
    /** The handshake did not complete within the configured time ({@code dtls-failure}). */
    TIMEOUT("dtls-failure"),
    /** A failure inside this endpoint ({@code dtls-failure}). */
    INTERNAL_ERROR("dtls-failure");

    private final String w3cErrorDetail;

    FailureReason(String w3cErrorDetail) {
      this.w3cErrorDetail = w3cErrorDetail;
    }

    /** The W3C {@code RTCErrorDetailType} value for an {@code RTCError} built from this failure. */
    public String w3cErrorDetail() {
      return w3cErrorDetail;
    }
  }
}

package dev.webrtc4j;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * The W3C {@code RTCError}: an {@code OperationError} with WebRTC-specific detail.
 *
 * @see <a href="https://w3c.github.io/webrtc-pc/#rtcerror-interface">W3C WebRTC §11.1</a>
 */
public final class RTCError extends RTCException {
  private static final long serialVersionUID = 1L;

  /** The W3C {@code RTCErrorDetailType}. */
  public enum ErrorDetail {
    DATA_CHANNEL_FAILURE("data-channel-failure"),
    DTLS_FAILURE("dtls-failure"),
    FINGERPRINT_FAILURE("fingerprint-failure"),
    SCTP_FAILURE("sctp-failure"),
    SDP_SYNTAX_ERROR("sdp-syntax-error"),
    HARDWARE_ENCODER_NOT_AVAILABLE("hardware-encoder-not-available"),
    HARDWARE_ENCODER_ERROR("hardware-encoder-error");

    private final String w3cName;

    ErrorDetail(String w3cName) {
      this.w3cName = w3cName;
    }

    public String w3cName() {
      return w3cName;
    }

    public static ErrorDetail fromW3cName(String name) {
      for (ErrorDetail d : values()) {
        if (d.w3cName.equals(name)) {
          return d;
        }
      }
      throw new IllegalArgumentException("'" + name + "' is not a valid value for enumeration RTCErrorDetailType");
    }
  }

  private final ErrorDetail errorDetail;
  private final OptionalInt sdpLineNumber;
  private final OptionalInt sctpCauseCode;
  private final OptionalInt receivedAlert;
  private final OptionalInt sentAlert;

  private RTCError(
      ErrorDetail errorDetail,
      String message,
      OptionalInt sdpLineNumber,
      OptionalInt sctpCauseCode,
      OptionalInt receivedAlert,
      OptionalInt sentAlert) {
    super(Name.OPERATION_ERROR, message);
    this.errorDetail = Objects.requireNonNull(errorDetail, "errorDetail");
    this.sdpLineNumber = sdpLineNumber;
    this.sctpCauseCode = sctpCauseCode;
    this.receivedAlert = receivedAlert;
    this.sentAlert = sentAlert;
  }

  public static RTCError of(ErrorDetail detail, String message) {
    return new RTCError(detail, message, OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty());
  }

  public static RTCError sdpSyntax(String message, int lineNumber) {
    return new RTCError(ErrorDetail.SDP_SYNTAX_ERROR, message, OptionalInt.of(lineNumber), OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty());
  }

  public static RTCError sctp(String message, int causeCode) {
    return new RTCError(ErrorDetail.SCTP_FAILURE, message, OptionalInt.empty(), OptionalInt.of(causeCode), OptionalInt.empty(), OptionalInt.empty());
  }

  public static RTCError dtls(String message, OptionalInt receivedAlert, OptionalInt sentAlert) {
    return new RTCError(ErrorDetail.DTLS_FAILURE, message, OptionalInt.empty(), OptionalInt.empty(), receivedAlert, sentAlert);
  }

  public ErrorDetail errorDetail() {
    return errorDetail;
  }

  public OptionalInt sdpLineNumber() {
    return sdpLineNumber;
  }

  public OptionalInt sctpCauseCode() {
    return sctpCauseCode;
  }

  public OptionalInt receivedAlert() {
    return receivedAlert;
  }

  public OptionalInt sentAlert() {
    return sentAlert;
  }
}

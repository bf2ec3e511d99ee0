package dev.webrtc4j.internal.dtls;

/**
 * Which side of the DTLS handshake this endpoint takes. In WebRTC the role follows from
 * {@code a=setup} (<a href="https://www.rfc-editor.org/rfc/rfc5763#section-5">RFC 5763 §5</a>,
 * RFC 8842 §5): {@code active} is the DTLS client, {@code passive} the server; the caller maps it.
 */
public enum DtlsRole {
  /** Sends the ClientHello ({@code a=setup:active}). */
  CLIENT,
  /** Waits for the ClientHello ({@code a=setup:passive}). */
  SERVER
}

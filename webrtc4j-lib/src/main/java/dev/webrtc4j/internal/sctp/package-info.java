/**
 * The sans-I/O SCTP association (RFC 9260 over DTLS per RFC 8261, with RFC 3758 partial
 * reliability and RFC 6525 stream reset): chunk codecs ({@link dev.webrtc4j.internal.sctp.SctpPacket},
 * the sealed {@link dev.webrtc4j.internal.sctp.Chunk}), the {@link dev.webrtc4j.internal.sctp.Association}
 * with its send queue, outstanding queue and receive queue, and the
 * {@link dev.webrtc4j.internal.sctp.DataChannelController} that runs DCEP (RFC 8832) and the
 * data-channel state machine on top (it lives here because it needs both this package and
 * {@code internal.dcep}). No I/O, no clock, no threads: time and randomness are injected.
 * Confined to the connection's event loop. Design notes: docs/design/sctp.md.
 */
@NullMarked
package dev.webrtc4j.internal.sctp;

import org.jspecify.annotations.NullMarked;

/**
 * The Data Channel Establishment Protocol (RFC 8832): DATA_CHANNEL_OPEN and DATA_CHANNEL_ACK
 * messages, the WebRTC PPIDs (RFC 8831 §8), and stream-id allocation by DTLS role (RFC 8832 §6).
 * Pure values; the channel state machine is {@code internal.sctp.DataChannelController}.
 */
@NullMarked
package dev.webrtc4j.internal.dcep;

import org.jspecify.annotations.NullMarked;

/**
 * STUN (RFC 8489) messages and attributes, integrity and fingerprint, transactions; the TURN
 * (RFC 8656) client core. Sans-I/O; time is passed in.
 */
@NullMarked
package dev.webrtc4j.internal.stun;

import org.jspecify.annotations.NullMarked;

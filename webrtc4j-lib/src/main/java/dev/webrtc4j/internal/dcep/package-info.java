/**
 * The Data Channel Establishment Protocol (RFC 8832) messages and stream-id allocation
 * (RFC 8831). Pure values.
 */
@NullMarked
package dev.webrtc4j.internal.dcep;

import org.jspecify.annotations.NullMarked;

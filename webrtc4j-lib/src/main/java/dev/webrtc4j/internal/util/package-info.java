/**
 * Byte readers and writers, the immutable {@link dev.webrtc4j.internal.util.Bytes} value,
 * sequence-number unwrapping and ids. Pure.
 */
@NullMarked
package dev.webrtc4j.internal.util;

import org.jspecify.annotations.NullMarked;

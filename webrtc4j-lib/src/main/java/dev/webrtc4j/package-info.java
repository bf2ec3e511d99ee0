/**
 * The W3C WebRTC API in Java idiom: {@code RTCPeerConnection}, {@code RTCDataChannel}, transceivers, transports, events and errors.
 *
 * <p>Every public method is thread-safe: it enqueues a task on the connection's event loop and
 * returns. Listeners and future completions run on the connection's serial dispatch executor.
 */
@NullMarked
package dev.webrtc4j;

import org.jspecify.annotations.NullMarked;

package dev.webrtc4j.cli.echo;

import dev.webrtc4j.RTCPeerConnection;
import dev.webrtc4j.RTCPeerConnectionState;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Optional;

/**
 * Reads {@code RTCPeerConnection.connectionState()}, which the transport wiring adds to the
 * library. Until that lands the accessor does not exist and this returns empty; the one caller then
 * relies on its connect timeout alone. TEMPORARY: replaced by a direct call once the wiring is merged.
 */
final class PeerStates {
  private static final MethodHandle CONNECTION_STATE = find("connectionState", RTCPeerConnectionState.class);

  private PeerStates() {}

  static Optional<RTCPeerConnectionState> connectionState(RTCPeerConnection pc) {
    if (CONNECTION_STATE == null) {
      return Optional.empty();
    }
    try {
      return Optional.of((RTCPeerConnectionState) CONNECTION_STATE.invoke(pc));
    } catch (Throwable t) {
      throw new IllegalStateException("connectionState() failed", t);
    }
  }

  private static MethodHandle find(String name, Class<?> type) {
    try {
      return MethodHandles.publicLookup().findVirtual(RTCPeerConnection.class, name, MethodType.methodType(type));
    } catch (NoSuchMethodException | IllegalAccessException absent) {
      return null;
    }
  }
}

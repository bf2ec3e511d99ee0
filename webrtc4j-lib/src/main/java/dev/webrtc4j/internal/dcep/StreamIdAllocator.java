package dev.webrtc4j.internal.dcep;

import java.util.BitSet;
import java.util.OptionalInt;

/**
 * Stream identifiers for data channels. RFC 8832 §6: "...the DTLS client MUST use streams with
 * an even stream identifier, and the DTLS server MUST use streams with an odd stream identifier."
 * Negotiated channels (RFC 8831 §6.5) may take any free id; {@link #reserve} records them.
 */
public final class StreamIdAllocator {
  /** Our DTLS role in the association's transport. */
  public enum DtlsRole {
    CLIENT,
    SERVER
  }

  private final DtlsRole role;
  private final int maxStreams;
  private final BitSet used = new BitSet();

  /**
   * @param maxStreams the negotiated stream count (ids are 0..maxStreams-1; 65535 in WebRTC)
   */
  public StreamIdAllocator(DtlsRole role, int maxStreams) {
    if (maxStreams < 1 || maxStreams > 65535) {
      throw new IllegalArgumentException("maxStreams " + maxStreams);
    }
    this.role = role;
    this.maxStreams = maxStreams;
  }

  public DtlsRole role() {
    return role;
  }

  /** The lowest free id of our parity (as libwebrtc), or empty when all are taken (W3C: OperationError). */
  public OptionalInt allocate() {
    for (int id = first(); id < maxStreams; id += 2) {
      if (!used.get(id)) {
        used.set(id);
        return OptionalInt.of(id);
      }
    }
    return OptionalInt.empty();
  }

  private int first() {
    return role == DtlsRole.CLIENT ? 0 : 1;
  }

  /** Takes an id chosen elsewhere (negotiated, or opened by the peer). False when taken or out of range. */
  public boolean reserve(int id) {
    if (id < 0 || id >= maxStreams || used.get(id)) {
      return false;
    }
    used.set(id);
    return true;
  }

  public boolean isUsed(int id) {
    return used.get(id);
  }

  /** Frees an id after its channel closed (both directions reset). */
  public void release(int id) {
    used.clear(id);
  }

  /** Whether the peer may open {@code id} (it must have the peer's parity). */
  public boolean isPeerParity(int id) {
    return (id % 2 == 0) == (role == DtlsRole.SERVER);
  }
}

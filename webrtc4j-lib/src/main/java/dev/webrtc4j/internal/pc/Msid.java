package dev.webrtc4j.internal.pc;

import java.util.Objects;

/** An {@code a=msid} line (RFC 8830 §2): the stream id ("-" for none) and the track id. */
public record Msid(String streamId, String trackId) {
  public Msid {
    Objects.requireNonNull(streamId, "streamId");
    Objects.requireNonNull(trackId, "trackId");
  }
}

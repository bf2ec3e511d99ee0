package dev.webrtc4j.internal.pc;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A transceiver at the signaling level: the W3C [[Mid]], [[Direction]], [[CurrentDirection]],
 * [[FiredDirection]], [[Stopping]], [[Stopped]], its sender's track and stream ids and its
 * receiver's track. Mutable and confined to the connection's event loop; the API layer reads
 * {@link View} snapshots.
 */
public final class Transceiver {
  final int id;
  final String kind;
  @Nullable String mid;
  /** The mid createOffer put in an offer before it was applied, reused by the next createOffer. */
  @Nullable String proposedMid;
  Direction direction;
  @Nullable Direction currentDirection;
  @Nullable Direction firedDirection;
  boolean stopping;
  boolean stopped;
  /** Created by addTrack (W3C: such a transceiver may be matched to a new remote m-section). */
  boolean addTrackCreated;
  /** Created by applying a remote offer (removed again by a rollback of that offer). */
  boolean remoteCreated;
  /** A track was attached by addTrack after creation (keeps a rollback from removing it). */
  boolean trackAttachedSinceRemoteCreation;
  @Nullable String senderTrackId;
  List<String> senderStreamIds = List.of();
  final long ssrc;
  final long rtxSsrc;
  final String receiverTrackId;
  List<String> remoteStreamIds = List.of();
  @Nullable String remoteTrackId;
  /** [[CurrentDirection]] has once been sendrecv or sendonly (addTrack must not reuse it). */
  boolean everSent;

  Transceiver(int id, String kind, Direction direction, long ssrc, long rtxSsrc, String receiverTrackId) {
    this.id = id;
    this.kind = kind;
    this.direction = direction;
    this.ssrc = ssrc;
    this.rtxSsrc = rtxSsrc;
    this.receiverTrackId = receiverTrackId;
  }

  /** An immutable snapshot, for the API layer's accessors. */
  public record View(
      int id,
      String kind,
      @Nullable String mid,
      Direction direction,
      @Nullable Direction currentDirection,
      boolean stopping,
      boolean stopped,
      @Nullable String senderTrackId,
      List<String> senderStreamIds,
      String receiverTrackId,
      List<String> remoteStreamIds) {}

  View view() {
    return new View(id, kind, mid, direction, currentDirection, stopping, stopped, senderTrackId, senderStreamIds,
        receiverTrackId, remoteStreamIds);
  }

  /** What a rollback restores (W3C §4.4.1.6 "rollback"). */
  record Memento(@Nullable String mid, @Nullable Direction firedDirection, List<String> remoteStreamIds,
      @Nullable String remoteTrackId, boolean stopped, boolean stopping, Direction direction) {}

  Memento memento() {
    return new Memento(mid, firedDirection, remoteStreamIds, remoteTrackId, stopped, stopping, direction);
  }

  public int id() {
    return id;
  }

  public String kind() {
    return kind;
  }
}

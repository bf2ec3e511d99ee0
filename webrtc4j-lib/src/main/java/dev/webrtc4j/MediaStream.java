package dev.webrtc4j;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * The W3C {@code MediaStream}: a set of tracks that belong together (one a=msid stream in SDP).
 *
 * <p>{@code addtrack} and {@code removetrack} fire only when the stack changes a remote stream
 * (W3C §5.3 "process the addition/removal of a remote track"), not when the application calls
 * {@link #addTrack} or {@link #removeTrack}, as in browsers.
 *
 * @see <a href="https://w3c.github.io/mediacapture-main/#mediastream">Media Capture §4.2 MediaStream</a>
 */
public final class MediaStream extends EventTarget {
  public static final EventType<MediaStreamTrackEvent> ADDTRACK = EventType.of("addtrack", MediaStreamTrackEvent.class);
  public static final EventType<MediaStreamTrackEvent> REMOVETRACK =
      EventType.of("removetrack", MediaStreamTrackEvent.class);

  private final String id;
  private final LinkedHashSet<MediaStreamTrack> tracks = new LinkedHashSet<>();

  MediaStream(String id, List<MediaStreamTrack> tracks, Executor dispatcher) {
    super(dispatcher);
    this.id = Objects.requireNonNull(id, "id");
    for (MediaStreamTrack t : tracks) {
      this.tracks.add(Objects.requireNonNull(t, "tracks: element is null"));
    }
  }

  /** {@code new MediaStream()}: an empty stream with a random id. */
  public MediaStream() {
    this(UUID.randomUUID().toString(), List.of(), Standalone.DISPATCH);
  }

  /** {@code new MediaStream(tracks)}: a stream with a random id holding {@code tracks}. */
  public MediaStream(List<MediaStreamTrack> tracks) {
    this(UUID.randomUUID().toString(), tracks, Standalone.DISPATCH);
  }

  /** {@code new MediaStream(tracks)}. */
  public MediaStream(MediaStreamTrack... tracks) {
    this(List.of(tracks));
  }

  /** A remote stream with the id of its a=msid, dispatching on the connection's executor. */
  static MediaStream remote(String id, Executor dispatcher) {
    return new MediaStream(id, List.of(), dispatcher);
  }

  /** The stream's identifier (the msid stream id for remote streams). */
  public String id() {
    return id;
  }

  /** Whether any track is live. */
  public boolean active() {
    return getTracks().stream().anyMatch(t -> t.readyState() == MediaStreamTrackState.LIVE);
  }

  /** All tracks, in the order they were added. */
  public List<MediaStreamTrack> getTracks() {
    synchronized (tracks) {
      return List.copyOf(tracks);
    }
  }

  /** The audio tracks. */
  public List<MediaStreamTrack> getAudioTracks() {
    return getTracks().stream().filter(t -> t.kind().equals(MediaStreamTrack.AUDIO)).toList();
  }

  /** The video tracks. */
  public List<MediaStreamTrack> getVideoTracks() {
    return getTracks().stream().filter(t -> t.kind().equals(MediaStreamTrack.VIDEO)).toList();
  }

  /** The track with this id, if the stream holds it. */
  public Optional<MediaStreamTrack> getTrackById(String trackId) {
    Objects.requireNonNull(trackId, "trackId");
    return getTracks().stream().filter(t -> t.id().equals(trackId)).findFirst();
  }

  /** Adds {@code track}; does nothing if the stream already holds it. Fires no event. */
  public void addTrack(MediaStreamTrack track) {
    Objects.requireNonNull(track, "track");
    synchronized (tracks) {
      tracks.add(track);
    }
  }

  /** Removes {@code track}; does nothing if the stream does not hold it. Fires no event. */
  public void removeTrack(MediaStreamTrack track) {
    Objects.requireNonNull(track, "track");
    synchronized (tracks) {
      tracks.remove(track);
    }
  }

  /** A new stream with a new id holding a {@link MediaStreamTrack#clone()} of every track. */
  public MediaStream clone() {
    List<MediaStreamTrack> clones = new ArrayList<>();
    for (MediaStreamTrack t : getTracks()) {
      clones.add(t.clone());
    }
    return new MediaStream(UUID.randomUUID().toString(), clones, dispatcher());
  }

  /** Sets the {@code onaddtrack} handler; {@code null} clears it. */
  public void setOnAddTrack(@Nullable EventListener<? super MediaStreamTrackEvent> handler) {
    setEventHandler(ADDTRACK, handler);
  }

  /** Sets the {@code onremovetrack} handler; {@code null} clears it. */
  public void setOnRemoveTrack(@Nullable EventListener<? super MediaStreamTrackEvent> handler) {
    setEventHandler(REMOVETRACK, handler);
  }

  /**
   * The stack adds a remote track (W3C §5.3 "add a track to a stream"): adds it unless present
   * and fires {@code addtrack}, in one dispatch task.
   */
  void addTrackFromRemote(MediaStreamTrack track) {
    Objects.requireNonNull(track, "track");
    queueTask(() -> {
      synchronized (tracks) {
        return tracks.add(track);
      }
    }, new MediaStreamTrackEvent(ADDTRACK.name(), track));
  }

  /** The stack removes a remote track: removes it if present and fires {@code removetrack}. */
  void removeTrackFromRemote(MediaStreamTrack track) {
    Objects.requireNonNull(track, "track");
    queueTask(() -> {
      synchronized (tracks) {
        return tracks.remove(track);
      }
    }, new MediaStreamTrackEvent(REMOVETRACK.name(), track));
  }

  @Override
  public String toString() {
    return "MediaStream[" + id + " " + getTracks() + "]";
  }
}

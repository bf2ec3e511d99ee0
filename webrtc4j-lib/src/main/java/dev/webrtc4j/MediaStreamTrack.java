package dev.webrtc4j;

import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * The W3C {@code MediaStreamTrack}: one audio or video track, local (created by the application)
 * or remote (created by an {@code RTCRtpReceiver}).
 *
 * <p>A JVM has no camera or microphone: local tracks are created with {@link #audio(String)} and
 * {@link #video(String)}; sources that feed them encoded frames come with the media API.
 *
 * <p>Events: {@code ended} (the source ended, e.g. the remote sender stopped; never fired by
 * {@link #stop()}), {@code mute} and {@code unmute} (media stopped or resumed flowing).
 *
 * @see <a href="https://w3c.github.io/mediacapture-main/#mediastreamtrack">Media Capture §4.3 MediaStreamTrack</a>
 */
public final class MediaStreamTrack extends EventTarget {
  public static final EventType<Event> ENDED = EventType.plain("ended");
  public static final EventType<Event> MUTE = EventType.plain("mute");
  public static final EventType<Event> UNMUTE = EventType.plain("unmute");

  /** The kind of a track. */
  public static final String AUDIO = "audio";
  public static final String VIDEO = "video";

  private final String kind;
  private final String id;
  private final String label;
  private volatile boolean enabled = true;
  private volatile boolean muted;
  private volatile MediaStreamTrackState readyState = MediaStreamTrackState.LIVE;

  MediaStreamTrack(String kind, String id, String label, boolean muted, Executor dispatcher) {
    super(dispatcher);
    this.kind = checkKind(kind);
    this.id = Objects.requireNonNull(id, "id");
    this.label = Objects.requireNonNull(label, "label");
    this.muted = muted;
  }

  /** A new live local audio track with a random id. */
  public static MediaStreamTrack audio(String label) {
    return new MediaStreamTrack(AUDIO, UUID.randomUUID().toString(), label, false, Standalone.DISPATCH);
  }

  /** A new live local video track with a random id. */
  public static MediaStreamTrack video(String label) {
    return new MediaStreamTrack(VIDEO, UUID.randomUUID().toString(), label, false, Standalone.DISPATCH);
  }

  /**
   * A remote track as a receiver creates it: muted until media arrives (W3C §5.3 "create an
   * RTCRtpReceiver"), its events dispatched on the connection's {@code dispatcher}.
   */
  static MediaStreamTrack remote(String kind, String id, Executor dispatcher) {
    return new MediaStreamTrack(kind, id, "remote " + kind, true, dispatcher);
  }

  /** {@code "audio"} or {@code "video"}. */
  public String kind() {
    return kind;
  }

  /** The track's identifier. */
  public String id() {
    return id;
  }

  /** A human-readable label; for remote tracks {@code "remote audio"} or {@code "remote video"}. */
  public String label() {
    return label;
  }

  /** Whether the track is enabled; a disabled track sends silence or black frames. */
  public boolean enabled() {
    return enabled;
  }

  /** Enables or disables the track; default enabled. */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /** Whether the source is not delivering media. */
  public boolean muted() {
    return muted;
  }

  /** {@code live} or, once stopped or ended, {@code ended}. */
  public MediaStreamTrackState readyState() {
    return readyState;
  }

  /** Ends the track for good. No {@code ended} event is fired (W3C: stop() is not an end). */
  public void stop() {
    readyState = MediaStreamTrackState.ENDED;
  }

  /** A new track with a new id and this track's kind, label, enabled and ready state. */
  public MediaStreamTrack clone() {
    MediaStreamTrack c =
        new MediaStreamTrack(kind, UUID.randomUUID().toString(), label, muted, dispatcher());
    c.enabled = enabled;
    c.readyState = readyState;
    return c;
  }

  /** Sets the {@code onended} handler; {@code null} clears it. */
  public void setOnEnded(@Nullable EventListener<? super Event> handler) {
    setEventHandler(ENDED, handler);
  }

  /** Sets the {@code onmute} handler; {@code null} clears it. */
  public void setOnMute(@Nullable EventListener<? super Event> handler) {
    setEventHandler(MUTE, handler);
  }

  /** Sets the {@code onunmute} handler; {@code null} clears it. */
  public void setOnUnmute(@Nullable EventListener<? super Event> handler) {
    setEventHandler(UNMUTE, handler);
  }

  /**
   * The source ended (e.g. the remote side stopped sending): "track ended" — sets ended and fires
   * {@code ended}, unless the track had already ended.
   */
  void endFromSource() {
    queueTask(() -> {
      if (readyState == MediaStreamTrackState.ENDED) {
        return false;
      }
      readyState = MediaStreamTrackState.ENDED;
      return true;
    }, Event.of(ENDED.name()));
  }

  /** "Set the muted state": updates {@link #muted()} and fires {@code mute} or {@code unmute}. */
  void setMutedFromSource(boolean newMuted) {
    queueTask(() -> {
      if (muted == newMuted) {
        return false;
      }
      muted = newMuted;
      return true;
    }, Event.of(newMuted ? MUTE.name() : UNMUTE.name()));
  }

  private static String checkKind(String kind) {
    Objects.requireNonNull(kind, "kind");
    if (!kind.equals(AUDIO) && !kind.equals(VIDEO)) {
      throw new IllegalArgumentException("kind: '" + kind + "' is neither audio nor video");
    }
    return kind;
  }

  @Override
  public String toString() {
    return "MediaStreamTrack[" + kind + " " + id + " " + readyState.w3cName() + "]";
  }
}

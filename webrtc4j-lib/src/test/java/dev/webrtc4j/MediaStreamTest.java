package dev.webrtc4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** MediaStream and MediaStreamTrack, after Media Capture §4.2–4.4 (wpt mediacapture-streams/MediaStream-*.html). */
class MediaStreamTest {
  private final ManualExecutor dispatcher = new ManualExecutor();

  @Test
  void localTracksStartLiveEnabledAndUnmuted() {
    MediaStreamTrack a = MediaStreamTrack.audio("mic");
    MediaStreamTrack v = MediaStreamTrack.video("cam");
    assertThat(a.kind()).isEqualTo("audio");
    assertThat(v.kind()).isEqualTo("video");
    assertThat(a.label()).isEqualTo("mic");
    assertThat(a.id()).isNotEqualTo(v.id()).hasSize(36);
    assertThat(a.enabled()).isTrue();
    assertThat(a.muted()).isFalse();
    assertThat(a.readyState()).isEqualTo(MediaStreamTrackState.LIVE);
  }

  @Test
  void stopEndsTheTrackWithoutAnEndedEvent() {
    MediaStreamTrack t = new MediaStreamTrack("audio", "id1", "mic", false, dispatcher);
    List<String> events = new ArrayList<>();
    t.setOnEnded(e -> events.add(e.type()));
    t.stop();
    dispatcher.runAll();
    assertThat(t.readyState()).isEqualTo(MediaStreamTrackState.ENDED);
    assertThat(events).isEmpty();
    t.endFromSource(); // already ended: nothing
    dispatcher.runAll();
    assertThat(events).isEmpty();
  }

  @Test
  void aSourceEndFiresEndedOnce() {
    MediaStreamTrack t = MediaStreamTrack.remote("video", "r1", dispatcher);
    List<String> events = new ArrayList<>();
    t.addEventListener(MediaStreamTrack.ENDED, e -> events.add(e.type() + "@" + t.readyState().w3cName()));
    t.endFromSource();
    t.endFromSource();
    dispatcher.runAll();
    assertThat(events).containsExactly("ended@ended");
  }

  @Test
  void remoteTracksStartMutedAndFireMuteAndUnmuteOnChanges() {
    MediaStreamTrack t = MediaStreamTrack.remote("audio", "r2", dispatcher);
    assertThat(t.muted()).isTrue();
    assertThat(t.label()).isEqualTo("remote audio");
    List<String> events = new ArrayList<>();
    t.setOnMute(e -> events.add("mute"));
    t.setOnUnmute(e -> events.add("unmute@" + t.muted()));
    t.setMutedFromSource(true); // no change: no event
    t.setMutedFromSource(false);
    t.setMutedFromSource(true);
    dispatcher.runAll();
    assertThat(events).containsExactly("unmute@false", "mute");
  }

  @Test
  void cloneKeepsKindLabelEnabledAndStateWithANewId() {
    MediaStreamTrack t = MediaStreamTrack.video("cam");
    t.setEnabled(false);
    MediaStreamTrack c = t.clone();
    assertThat(c.id()).isNotEqualTo(t.id());
    assertThat(c.kind()).isEqualTo("video");
    assertThat(c.label()).isEqualTo("cam");
    assertThat(c.enabled()).isFalse();
    t.stop();
    assertThat(c.readyState()).isEqualTo(MediaStreamTrackState.LIVE); // independent
    assertThat(t.clone().readyState()).isEqualTo(MediaStreamTrackState.ENDED);
  }

  @Test
  void kindMustBeAudioOrVideo() {
    assertThatThrownBy(() -> MediaStreamTrack.remote("text", "x", dispatcher)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kind");
  }

  @Test
  void streamsHoldTracksInOrderWithoutDuplicates() {
    MediaStreamTrack a = MediaStreamTrack.audio("a");
    MediaStreamTrack v = MediaStreamTrack.video("v");
    MediaStream s = new MediaStream(a, v);
    s.addTrack(a); // already there
    assertThat(s.getTracks()).containsExactly(a, v);
    assertThat(s.getAudioTracks()).containsExactly(a);
    assertThat(s.getVideoTracks()).containsExactly(v);
    assertThat(s.getTrackById(v.id())).containsSame(v);
    assertThat(s.getTrackById("nope")).isEmpty();
    assertThat(s.active()).isTrue();
    s.removeTrack(a);
    s.removeTrack(a); // absent: nothing
    assertThat(s.getTracks()).containsExactly(v);
    v.stop();
    assertThat(s.active()).isFalse();
    assertThat(new MediaStream().getTracks()).isEmpty();
    assertThat(new MediaStream().id()).isNotEqualTo(s.id());
  }

  @Test
  void applicationChangesFireNoEventsButRemoteChangesDo() {
    MediaStream s = MediaStream.remote("msid-1", dispatcher);
    assertThat(s.id()).isEqualTo("msid-1");
    List<String> events = new ArrayList<>();
    s.setOnAddTrack(e -> events.add("add:" + e.track().id()));
    s.setOnRemoveTrack(e -> events.add("remove:" + e.track().id()));
    MediaStreamTrack mine = MediaStreamTrack.audio("mine");
    s.addTrack(mine);
    s.removeTrack(mine);
    dispatcher.runAll();
    assertThat(events).isEmpty();

    MediaStreamTrack remote = MediaStreamTrack.remote("video", "rv", dispatcher);
    s.addTrackFromRemote(remote);
    s.addTrackFromRemote(remote); // already there: no second event
    dispatcher.runAll();
    assertThat(s.getTracks()).containsExactly(remote);
    s.removeTrackFromRemote(remote);
    s.removeTrackFromRemote(remote);
    dispatcher.runAll();
    assertThat(events).containsExactly("add:rv", "remove:rv");
    assertThat(s.getTracks()).isEmpty();
  }

  @Test
  void cloneClonesEveryTrack() {
    MediaStreamTrack a = MediaStreamTrack.audio("a");
    MediaStream s = new MediaStream(List.of(a));
    MediaStream c = s.clone();
    assertThat(c.id()).isNotEqualTo(s.id());
    assertThat(c.getTracks()).hasSize(1);
    assertThat(c.getTracks().get(0)).isNotSameAs(a);
    assertThat(c.getTracks().get(0).label()).isEqualTo("a");
  }
}

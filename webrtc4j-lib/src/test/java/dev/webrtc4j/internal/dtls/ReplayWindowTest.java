package dev.webrtc4j.internal.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplayWindowTest {

  private static boolean receive(ReplayWindow w, long sequence) {
    if (!w.mayAccept(sequence)) {
      return false;
    }
    w.accept(sequence);
    return true;
  }

  @Test
  void eachSequenceNumberIsAcceptedOnce() {
    ReplayWindow w = new ReplayWindow();
    assertThat(receive(w, 1)).isTrue();
    assertThat(receive(w, 1)).isFalse();
    assertThat(receive(w, 2)).isTrue();
    assertThat(receive(w, 2)).isFalse();
    assertThat(receive(w, 1)).isFalse();
  }

  @Test
  void reorderedRecordsWithinTheWindowAreAcceptedOnce() {
    ReplayWindow w = new ReplayWindow();
    assertThat(receive(w, 10)).isTrue();
    assertThat(receive(w, 7)).isTrue();
    assertThat(receive(w, 9)).isTrue();
    assertThat(receive(w, 7)).isFalse();
    assertThat(receive(w, 8)).isTrue();
    assertThat(receive(w, 8)).isFalse();
    assertThat(w.highest()).isEqualTo(10);
  }

  @Test
  void recordsLeftOfTheWindowAreDiscarded() {
    ReplayWindow w = new ReplayWindow();
    assertThat(receive(w, 100)).isTrue();
    assertThat(w.mayAccept(100 - ReplayWindow.SIZE + 1)).isTrue(); // the window's left edge
    assertThat(w.mayAccept(100 - ReplayWindow.SIZE)).isFalse();
    assertThat(receive(w, 100 - ReplayWindow.SIZE + 1)).isTrue();
    assertThat(receive(w, 100 - ReplayWindow.SIZE + 1)).isFalse();
  }

  @Test
  void aJumpBeyondTheWindowForgetsWhatWasBehindAndStillRefusesTheOld() {
    ReplayWindow w = new ReplayWindow();
    for (long s = 1; s <= 70; s++) {
      assertThat(receive(w, s)).isTrue();
    }
    assertThat(receive(w, 1000)).isTrue();
    assertThat(receive(w, 70)).isFalse(); // now left of the window
    assertThat(receive(w, 999)).isTrue(); // never received, inside the window
    assertThat(receive(w, 1000 - ReplayWindow.SIZE + 1)).isTrue();
    assertThat(receive(w, 1000 - ReplayWindow.SIZE + 1)).isFalse();
  }

  @Test
  void checkingDoesNotMoveTheWindow() {
    ReplayWindow w = new ReplayWindow();
    assertThat(w.mayAccept(5)).isTrue();
    assertThat(w.mayAccept(5)).isTrue(); // a forged record checked, not accepted
    assertThat(w.highest()).isEqualTo(-1);
    assertThat(receive(w, 5)).isTrue();
  }

  @Test
  void theFirstRecordMayHaveAnySequenceNumber() {
    ReplayWindow w = new ReplayWindow();
    assertThat(receive(w, 0)).isTrue();
    ReplayWindow v = new ReplayWindow();
    assertThat(receive(v, GcmRecordLayer.MAX_SEQUENCE)).isTrue();
    assertThat(receive(v, GcmRecordLayer.MAX_SEQUENCE - 1)).isTrue();
    assertThat(receive(v, GcmRecordLayer.MAX_SEQUENCE)).isFalse();
  }
}

package dev.webrtc4j.internal.pc;

import static dev.webrtc4j.internal.pc.SignalingState.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The W3C §4.3.1 state diagram as a table: every (state, side, type) triple, legal or not. */
class SignalingStateTest {
  private record Row(SignalingState from, boolean remote, SdpType type, SignalingState to) {}

  // The legal transitions of https://w3c.github.io/webrtc-pc/#rtcsignalingstate-enum; everything
  // not in this table is an InvalidStateError.
  private static final List<Row> LEGAL = List.of(
      new Row(STABLE, false, SdpType.OFFER, HAVE_LOCAL_OFFER),
      new Row(STABLE, true, SdpType.OFFER, HAVE_REMOTE_OFFER),
      new Row(HAVE_LOCAL_OFFER, false, SdpType.OFFER, HAVE_LOCAL_OFFER),
      new Row(HAVE_LOCAL_OFFER, true, SdpType.ANSWER, STABLE),
      new Row(HAVE_LOCAL_OFFER, true, SdpType.PRANSWER, HAVE_REMOTE_PRANSWER),
      new Row(HAVE_REMOTE_PRANSWER, true, SdpType.PRANSWER, HAVE_REMOTE_PRANSWER),
      new Row(HAVE_REMOTE_PRANSWER, true, SdpType.ANSWER, STABLE),
      new Row(HAVE_REMOTE_OFFER, true, SdpType.OFFER, HAVE_REMOTE_OFFER),
      new Row(HAVE_REMOTE_OFFER, false, SdpType.ANSWER, STABLE),
      new Row(HAVE_REMOTE_OFFER, false, SdpType.PRANSWER, HAVE_LOCAL_PRANSWER),
      new Row(HAVE_LOCAL_PRANSWER, false, SdpType.PRANSWER, HAVE_LOCAL_PRANSWER),
      new Row(HAVE_LOCAL_PRANSWER, false, SdpType.ANSWER, STABLE),
      new Row(HAVE_LOCAL_OFFER, false, SdpType.ROLLBACK, STABLE),
      new Row(HAVE_LOCAL_OFFER, true, SdpType.ROLLBACK, STABLE),
      new Row(HAVE_REMOTE_OFFER, false, SdpType.ROLLBACK, STABLE),
      new Row(HAVE_REMOTE_OFFER, true, SdpType.ROLLBACK, STABLE));

  @Test
  void everyLegalTransitionOfTheSpecDiagramIsAccepted() {
    for (Row r : LEGAL) {
      assertThat(SignalingState.next(r.from(), r.remote(), r.type())).as(r.toString()).isEqualTo(r.to());
    }
  }

  @Test
  void everyOtherTransitionIsRefused() {
    List<Row> refused = new ArrayList<>();
    for (SignalingState from : SignalingState.values()) {
      for (boolean remote : new boolean[] {false, true}) {
        for (SdpType type : SdpType.values()) {
          boolean legal = LEGAL.stream().anyMatch(r -> r.from() == from && r.remote() == remote && r.type() == type);
          if (!legal) {
            assertThat(SignalingState.next(from, remote, type)).as(from + " remote=" + remote + " " + type).isNull();
            refused.add(new Row(from, remote, type, null));
          }
        }
      }
    }
    // 6 states x 2 sides x 4 types = 48 triples, 16 legal.
    assertThat(refused).hasSize(48 - LEGAL.size());
  }

  @Test
  void closedAcceptsNothing() {
    for (SdpType type : SdpType.values()) {
      assertThat(SignalingState.next(CLOSED, false, type)).isNull();
      assertThat(SignalingState.next(CLOSED, true, type)).isNull();
    }
  }
}

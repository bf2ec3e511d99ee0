package dev.webrtc4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The event records (wpt RTCDataChannelEvent-constructor.html, RTCPeerConnectionIceErrorEvent-idl.html). */
class EventRecordsTest {

  @Test
  void dataChannelEventsNeedAChannel() {
    // 'RTCDataChannelEvent constructor without RTCDataChannelEventInit / with channel null' → TypeError
    assertThatThrownBy(() -> new RTCDataChannelEvent("type", null)).isInstanceOf(NullPointerException.class)
        .hasMessage("channel");
    RTCDataChannel dc = RTCDataChannel.create("", RTCDataChannelInit.DEFAULT, Runnable::run);
    RTCDataChannelEvent e = RTCDataChannelEvent.of(dc);
    assertThat(e.type()).isEqualTo("datachannel");
    assertThat(e.channel()).isSameAs(dc);
  }

  @Test
  void iceErrorEventsCarryTheServerFailure() {
    RTCPeerConnectionIceErrorEvent e = new RTCPeerConnectionIceErrorEvent("icecandidateerror", Optional.empty(),
        OptionalInt.empty(), "stun:stun.example.org", RTCPeerConnectionIceErrorEvent.SERVER_UNREACHABLE,
        "no response");
    assertThat(e.errorCode()).isEqualTo(701);
    assertThat(e.address()).isEmpty();
    assertThat(e.url()).isEqualTo("stun:stun.example.org");
  }

  @Test
  void errorAndToneEventsHaveTheirW3cTypes() {
    RTCErrorEvent err = RTCErrorEvent.of(RTCError.of(RTCError.ErrorDetail.DATA_CHANNEL_FAILURE, "x"));
    assertThat(err.type()).isEqualTo("error");
    assertThat(err.error().name()).isEqualTo("OperationError");
    assertThat(RTCDTMFToneChangeEvent.of("").tone()).isEmpty();
    assertThat(RTCDTMFToneChangeEvent.of("5").type()).isEqualTo("tonechange");
    assertThat(Event.of("open")).isEqualTo(Event.of("open")).isInstanceOf(Event.Plain.class);
    assertThat(MessageEvent.of(new MessageEvent.Text("hi")).type()).isEqualTo("message");
  }
}

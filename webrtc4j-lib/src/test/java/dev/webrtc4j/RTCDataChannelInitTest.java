package dev.webrtc4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RTCDataChannelInit, mirroring the option cases of web-platform-tests webrtc/RTCPeerConnection-createDataChannel.html. */
class RTCDataChannelInitTest {

  private static RTCDataChannelInit.Builder b() {
    return RTCDataChannelInit.builder();
  }

  @Test
  void defaultsAreTheW3cDefaults() {
    RTCDataChannelInit d = RTCDataChannelInit.DEFAULT;
    assertThat(d.ordered()).isTrue();
    assertThat(d.maxPacketLifeTime()).isEmpty();
    assertThat(d.maxRetransmits()).isEmpty();
    assertThat(d.protocol()).isEmpty();
    assertThat(d.negotiated()).isFalse();
    assertThat(d.id()).isEmpty();
    assertThat(d.priority()).isEqualTo(RTCPriorityType.LOW);
    assertThat(d.toBuilder().build()).isEqualTo(d);
  }

  @Test
  void zeroLifetimeOrRetransmitsAlone() {
    // 'createDataChannel with maxPacketLifeTime 0 should succeed', '... maxRetransmits 0 ...'
    assertThatCode(() -> b().maxPacketLifeTime(0).build().validate("")).doesNotThrowAnyException();
    assertThatCode(() -> b().maxRetransmits(0).build().validate("")).doesNotThrowAnyException();
  }

  @Test
  void bothLifetimeAndRetransmitsIsATypeError() {
    // 'createDataChannel with both maxPacketLifeTime and maxRetransmits should throw TypeError'
    assertThatThrownBy(() -> b().maxPacketLifeTime(0).maxRetransmits(0).build().validate(""))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxPacketLifeTime");
    assertThatThrownBy(() -> b().maxPacketLifeTime(42).maxRetransmits(42).build().validate(""))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 65534, 65535})
  void anIdWithoutNegotiatedIsAcceptedButNotUsed(int id) {
    // 'createDataChannel with id X and negotiated not set should succeed, but not set the channel's id'
    RTCDataChannelInit init = b().id(id).build();
    assertThatCode(() -> init.validate("")).doesNotThrowAnyException();
    assertThat(init.initialId()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 65534})
  void aNegotiatedIdIsUsed(int id) {
    // 'createDataChannel with id X and negotiated true should succeed, and set the channel's id'
    RTCDataChannelInit init = b().negotiated(true).id(id).build();
    init.validate("");
    assertThat(init.initialId()).hasValue(id);
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 65536})
  void idsOutsideAnUnsignedShortAreTypeErrors(int id) {
    // 'createDataChannel with id -1 / 65536 (negotiated or not) should throw TypeError'
    assertThatThrownBy(() -> b().id(id).build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id");
    assertThatThrownBy(() -> b().negotiated(true).id(id).build()).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aNegotiatedId65535IsATypeError() {
    // 'createDataChannel with id 65535 should throw TypeError'
    assertThatThrownBy(() -> b().negotiated(true).id(65535).build().validate(""))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id");
  }

  @Test
  void negotiatedWithoutAnIdIsATypeError() {
    assertThatThrownBy(() -> b().negotiated(true).build().validate(""))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id");
  }

  @Test
  void lifetimeAndRetransmitsAreUnsignedShorts() {
    assertThatThrownBy(() -> b().maxPacketLifeTime(-1).build()).hasMessageContaining("maxPacketLifeTime");
    assertThatThrownBy(() -> b().maxRetransmits(65536).build()).hasMessageContaining("maxRetransmits");
  }

  @Test
  void labelsAndProtocolsLongerThan65535BytesAreTypeErrors() {
    // 'createDataChannel with too long label should throw TypeError' (also with negotiated+id)
    assertThatThrownBy(() -> RTCDataChannelInit.DEFAULT.validate("l".repeat(65536)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label");
    assertThatThrownBy(() -> b().negotiated(true).id(42).build().validate("l".repeat(65536)))
        .isInstanceOf(IllegalArgumentException.class);
    // '... too long label (2 byte unicode) ...'
    assertThatThrownBy(() -> RTCDataChannelInit.DEFAULT.validate("\u00b5".repeat(32768)))
        .isInstanceOf(IllegalArgumentException.class);
    // '... too long protocol ...' and '(2 byte unicode)'
    assertThatThrownBy(() -> b().protocol("p".repeat(65536)).build().validate(""))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("protocol");
    assertThatThrownBy(() -> b().protocol("\u00b6".repeat(32768)).negotiated(true).id(42).build().validate(""))
        .isInstanceOf(IllegalArgumentException.class);
    // 'createDataChannel with maximum length label and protocol should succeed'
    assertThatCode(() -> b().protocol("p".repeat(65535)).build().validate("l".repeat(65535)))
        .doesNotThrowAnyException();
  }

  @Test
  void protocolsAreUsvStrings() {
    // 'createDataChannel with protocol lone surrogate should succeed' → U+FFFD
    assertThat(b().protocol("\uD800").build().protocol()).isEqualTo("\uFFFD");
    assertThat(b().protocol("a\uDC00b").build().protocol()).isEqualTo("a\uFFFDb");
    assertThat(b().protocol("\uD83D\uDE00").build().protocol()).isEqualTo("\uD83D\uDE00"); // a valid pair stays
  }
}

package dev.webrtc4j.internal.ice;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** W3C RTCIceConnectionState derivation, as a table. */
class ConnectionStateTest {
  @ParameterizedTest(name = "{7}: closed={0} selected={1} consentExpired={2} silent={3} completed={4} failed={5} remote={6}")
  @CsvSource({
    // closed, selected, consentExpired, silent, completed, checklistFailed, remoteKnown, expected
    "true,  true,  false, false, true,  false, true,  closed",
    "true,  false, false, false, false, true,  true,  closed",
    "false, false, false, false, false, false, false, new",
    "false, false, false, false, false, false, true,  checking",
    "false, false, false, false, false, true,  true,  failed",
    "false, true,  false, false, false, false, true,  connected",
    "false, true,  false, false, true,  false, true,  completed",
    "false, true,  false, true,  true,  false, true,  disconnected",
    "false, true,  false, true,  false, false, true,  disconnected",
    "false, true,  true,  true,  true,  false, true,  failed",
    "false, true,  true,  false, false, false, true,  failed",
  })
  void derivesTheW3cState(boolean closed, boolean selected, boolean consentExpired, boolean silent, boolean completed,
      boolean checklistFailed, boolean remoteKnown, String expected) {
    assertThat(IceAgent.deriveConnectionState(closed, selected, consentExpired, silent, completed, checklistFailed, remoteKnown))
        .isEqualTo(IceConnectionState.fromW3cName(expected));
  }
}

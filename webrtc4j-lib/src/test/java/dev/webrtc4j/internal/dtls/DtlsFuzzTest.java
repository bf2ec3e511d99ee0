package dev.webrtc4j.internal.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Jazzer targets. In a plain {@code mvn test} they replay the seeds under
 * {@code DtlsFuzzTestInputs/<method>/}; with {@code JAZZER_FUZZ=1} they fuzz.
 *
 * <p>Properties: an {@code a=fingerprint} value either parses, and then round-trips through its
 * SDP form, or is rejected with {@link IllegalArgumentException}; a connected BouncyCastle engine
 * never throws for any datagram, and ends up connected, closed or failed (with an event), never
 * anything else.
 */
class DtlsFuzzTest {
  private static EnginePair pair;

  @FuzzTest(maxDuration = "10s")
  void parseFingerprint(byte[] input) {
    String s = new String(input, StandardCharsets.UTF_8);
    Fingerprint f;
    try {
      f = Fingerprint.parse(s);
    } catch (IllegalArgumentException e) {
      return;
    }
    assertThat(Fingerprint.parse(f.toSdp())).isEqualTo(f);
    assertThat(f.value().length()).isEqualTo(f.hash().length());
  }

  /**
   * Only with {@code JAZZER_FUZZ=1}: under Jazzer's agent every BouncyCastle class gets
   * instrumented as it loads, which costs most of a minute; plain runs get the same property from
   * {@link BcDtlsEngineRobustnessTest}'s seeded mutations instead.
   */
  @FuzzTest(maxDuration = "30s")
  @EnabledIfEnvironmentVariable(named = "JAZZER_FUZZ", matches = "1")
  void connectedServerSurvivesAnyDatagram(byte[] input) throws Exception {
    if (pair == null || pair.server.state() != DtlsState.CONNECTED) {
      if (pair != null) {
        pair.close();
      }
      pair = EnginePair.started();
      pair.runUntilConnected();
    }
    pair.server.handleDatagram(pair.now, ByteBuffer.wrap(input));
    for (DtlsEvent e; (e = pair.server.pollEvent()) != null; ) {
      if (e instanceof DtlsEvent.Failed f) {
        assertThat(pair.server.state()).isEqualTo(DtlsState.FAILED);
        assertThat(f.message()).isNotEmpty();
      }
    }
    while (pair.server.pollTransmit() != null) {
      // discard answers (e.g. a close_notify reply)
    }
    assertThat(pair.server.state()).isIn(EnumSet.of(DtlsState.CONNECTED, DtlsState.CLOSED, DtlsState.FAILED));
  }

  @AfterAll
  static void closePair() throws Exception {
    if (pair != null) {
      pair.close();
      pair = null;
    }
  }
}

package dev.webrtc4j.internal.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;

/**
 * Jazzer target for {@link UdpMuxStunScanner}: no input throws or moves the buffer, and a local
 * ufrag is only ever the non-empty part of a USERNAME before its first colon. Plain
 * {@code mvn test} replays the empty input and any committed crash inputs; {@code JAZZER_FUZZ=1}
 * fuzzes.
 */
class UdpMuxStunScannerFuzzTest {
  @FuzzTest(maxDuration = "60s")
  void scannerNeverThrowsAndUfragIsAUsernamePrefix(byte[] input) {
    ByteBuffer b = ByteBuffer.wrap(input);
    String username = UdpMuxStunScanner.username(b);
    String ufrag = UdpMuxStunScanner.localUfrag(b);
    assertThat(b.position()).isZero();
    assertThat(b.limit()).isEqualTo(input.length);
    if (ufrag != null) {
      assertThat(UdpMuxStunScanner.isBindingRequest(b)).isTrue();
      assertThat(username).startsWith(ufrag + ":");
      assertThat(ufrag).isNotEmpty().doesNotContain(":");
    }
  }
}

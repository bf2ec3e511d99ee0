package dev.webrtc4j.internal.sctp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.webrtc4j.internal.util.MalformedPacketException;
import java.nio.ByteBuffer;

/**
 * Jazzer target for the packet and chunk parser: any bytes either parse or throw
 * {@link MalformedPacketException}; what parses writes back to bytes that parse to the same
 * record. Plain {@code mvn test} replays the seeds in SctpPacketFuzzTestInputs/parsePacket.
 */
class SctpPacketFuzzTest {
  @FuzzTest
  void parsePacket(byte[] data) {
    SctpPacket p;
    try {
      p = SctpPacket.parse(ByteBuffer.wrap(data), false);
    } catch (MalformedPacketException e) {
      return;
    }
    ByteBuffer again = p.toBuffer();
    assertThat(again.remaining()).isEqualTo(p.encodedLength());
    try {
      assertThat(SctpPacket.parse(again)).isEqualTo(p);
    } catch (MalformedPacketException e) {
      throw new AssertionError("re-encoded packet does not parse", e);
    }
  }
}

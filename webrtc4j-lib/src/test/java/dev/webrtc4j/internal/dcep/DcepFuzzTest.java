package dev.webrtc4j.internal.dcep;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.webrtc4j.internal.util.MalformedPacketException;
import java.nio.ByteBuffer;

/** Jazzer target for the DCEP parser: parse or MalformedPacketException; parsed messages round-trip. */
class DcepFuzzTest {
  @FuzzTest
  void parseDcep(byte[] data) {
    DcepMessage m;
    try {
      m = DcepMessage.parse(ByteBuffer.wrap(data));
    } catch (MalformedPacketException e) {
      return;
    }
    try {
      assertThat(DcepMessage.parse(m.toBuffer())).isEqualTo(m);
    } catch (MalformedPacketException e) {
      throw new AssertionError("re-encoded DCEP message does not parse", e);
    }
  }
}

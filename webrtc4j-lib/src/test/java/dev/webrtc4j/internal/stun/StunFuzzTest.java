package dev.webrtc4j.internal.stun;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.webrtc4j.internal.util.MalformedPacketException;
import java.nio.ByteBuffer;

/**
 * Jazzer targets for the STUN and ChannelData parsers and the raw-byte integrity checks. In a
 * plain {@code mvn test} they replay the seeds under {@code StunFuzzTestInputs/<method>/} (the
 * RFC 5769 vectors and TURN messages); with {@code JAZZER_FUZZ=1} they fuzz.
 *
 * <p>The property: any input either parses, or throws {@link MalformedPacketException}; whatever
 * parses re-encodes to bytes that parse to the same message; the integrity helpers never throw.
 */
class StunFuzzTest {
  private static final IntegrityKey KEY = IntegrityKey.shortTerm("VOkJxbRl1RmTxUk/WvJxBt");

  @FuzzTest(maxDuration = "10s")
  void parseStun(byte[] input) {
    ByteBuffer raw = ByteBuffer.wrap(input).asReadOnlyBuffer();
    // Never throws, whatever the bytes.
    StunIntegrity.check(raw, KEY);
    StunIntegrity.hasValidFingerprint(raw);
    StunMessage.looksLikeStun(raw);
    StunMessage m;
    try {
      m = StunMessage.parse(raw.duplicate());
    } catch (MalformedPacketException e) {
      return;
    }
    ByteBuffer written = m.toBuffer();
    assertThat(written.remaining()).isEqualTo(m.encodedLength());
    try {
      assertThat(StunMessage.parse(written)).isEqualTo(m);
    } catch (MalformedPacketException e) {
      throw new AssertionError("re-encoded message does not parse: " + m, e);
    }
    m.unknownComprehensionRequired();
    StunMessage.unknownAttributesResponse(m);
    ByteBuffer signed = m.encode(KEY, true);
    assertThat(StunIntegrity.check(signed, KEY)).isEqualTo(IntegrityCheck.VALID);
    assertThat(StunIntegrity.hasValidFingerprint(signed)).isTrue();
  }

  @FuzzTest(maxDuration = "10s")
  void parseChannelDataAndStream(byte[] input) {
    try {
      ChannelData cd = ChannelData.parse(ByteBuffer.wrap(input));
      assertThat(ChannelData.parse(cd.toBuffer(true))).isEqualTo(cd);
    } catch (MalformedPacketException e) {
      // dropped, as a core would
    }
    StunStreamDeframer d = new StunStreamDeframer();
    d.feed(ByteBuffer.wrap(input));
    for (ByteBuffer f; (f = d.poll()) != null; ) {
      assertThat(f.remaining()).isPositive();
    }
  }
}

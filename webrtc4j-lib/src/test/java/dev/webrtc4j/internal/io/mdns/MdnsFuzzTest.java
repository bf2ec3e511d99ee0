package dev.webrtc4j.internal.io.mdns;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.webrtc4j.internal.util.MalformedPacketException;
import java.nio.ByteBuffer;

/**
 * Jazzer target for the mDNS parser. A plain {@code mvn test} replays the seeds under
 * {@code MdnsFuzzTestInputs/parse/} (the hand-built vectors of {@link MdnsMessageTest}); with
 * {@code JAZZER_FUZZ=1} it fuzzes. The property: any input parses or throws
 * {@link MalformedPacketException}, {@code tryParse} never throws, and reading addresses out of
 * whatever parsed never throws.
 */
class MdnsFuzzTest {
  @FuzzTest(maxDuration = "10s")
  void parse(byte[] input) {
    ByteBuffer raw = ByteBuffer.wrap(input).asReadOnlyBuffer();
    MdnsMessage.tryParse(raw.duplicate());
    MdnsMessage m;
    try {
      m = MdnsMessage.parse(raw.duplicate());
    } catch (MalformedPacketException e) {
      return;
    }
    for (MdnsRecord r : m.allRecords()) {
      r.address();
      assertThat(m.addressRecordsFor(r.name())).allSatisfy(a -> assertThat(a.name()).isEqualTo(r.name()));
    }
  }
}

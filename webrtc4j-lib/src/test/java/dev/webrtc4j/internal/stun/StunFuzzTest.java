package dev.webrtc4j.internal.stun;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.webrtc4j.internal.util.Datagram;
import dev.webrtc4j.internal.util.MalformedPacketException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;

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

  /** A TURN client after a successful Allocate, fed fuzzed datagrams from its server: never throws. */
  @FuzzTest(maxDuration = "10s")
  void turnClientSurvivesAnyServerDatagram(byte[] input) throws Exception {
    InetSocketAddress server = new InetSocketAddress(InetAddress.getLoopbackAddress(), 3478);
    InetSocketAddress local = new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000);
    TurnClient client = new TurnClient(TurnClient.Config.udp(server, local, "u", "p"), new SplittableRandom(1));
    client.allocate(0);
    Datagram request = client.pollTransmit();
    StunMessage allocate = StunMessage.parse(request.payload());
    // Answer with a 401 so the client holds a key, then feed the fuzzed bytes, raw and as a
    // response to the pending transaction.
    StunMessage challenge =
        StunMessage.errorResponse(allocate, 401, "Unauthorized", new StunAttribute.Realm("r"), new StunAttribute.Nonce("n"));
    client.handleDatagram(0, new Datagram(server, local, challenge.encode(null, true)));
    client.handleDatagram(1, new Datagram(server, local, ByteBuffer.wrap(input)));
    if (input.length >= 20) {
      byte[] asResponse = input.clone();
      StunMessage pending = StunMessage.parse(client.pollTransmit().payload());
      ByteBuffer.wrap(asResponse).putInt(4, StunMessage.MAGIC_COOKIE).put(8, pending.transactionId().value().toArray());
      client.handleDatagram(2, new Datagram(server, local, ByteBuffer.wrap(asResponse)));
    }
    client.handleTimeout(client.pollTimeout());
    while (client.pollEvent() != null) {
      // drain
    }
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

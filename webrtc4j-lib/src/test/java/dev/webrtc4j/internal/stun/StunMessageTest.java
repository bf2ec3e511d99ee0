package dev.webrtc4j.internal.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webrtc4j.internal.stun.StunAttribute.ErrorCode;
import dev.webrtc4j.internal.stun.StunAttribute.Fingerprint;
import dev.webrtc4j.internal.stun.StunAttribute.IceControlled;
import dev.webrtc4j.internal.stun.StunAttribute.MessageIntegrity;
import dev.webrtc4j.internal.stun.StunAttribute.Nonce;
import dev.webrtc4j.internal.stun.StunAttribute.Priority;
import dev.webrtc4j.internal.stun.StunAttribute.Realm;
import dev.webrtc4j.internal.stun.StunAttribute.Software;
import dev.webrtc4j.internal.stun.StunAttribute.Unknown;
import dev.webrtc4j.internal.stun.StunAttribute.UnknownAttributes;
import dev.webrtc4j.internal.stun.StunAttribute.Username;
import dev.webrtc4j.internal.stun.StunAttribute.XorMappedAddress;
import dev.webrtc4j.internal.util.Bytes;
import dev.webrtc4j.internal.util.MalformedPacketException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StunMessageTest {
  private static final TransactionId RFC_TID = TransactionId.fromHex("b7e7a701bc34d686fa87dfae");
  private static final IntegrityKey SHORT_TERM = IntegrityKey.shortTerm(StunVectors.SHORT_TERM_PASSWORD);
  private static final IntegrityKey LONG_TERM =
      IntegrityKey.longTerm(
          StunVectors.LONG_TERM_USERNAME, StunVectors.LONG_TERM_REALM, StunVectors.LONG_TERM_PASSWORD, StunAttribute.PasswordAlgorithm.MD5);

  private static StunMessage parse(Bytes bytes) throws MalformedPacketException {
    ByteBuffer in = bytes.asReadOnlyBuffer();
    StunMessage m = StunMessage.parse(in);
    assertThat(in.hasRemaining()).isFalse();
    return m;
  }

  private static Bytes write(StunMessage m) {
    ByteBuffer out = ByteBuffer.allocate(m.encodedLength());
    m.writeTo(out);
    assertThat(out.hasRemaining()).isFalse();
    return Bytes.of(out.array());
  }

  /** The vector with each attribute's padding set to zero, as our writer sends it. */
  private static Bytes zeroPadding(Bytes vector) {
    byte[] b = vector.toArray();
    int p = 20;
    while (p < b.length) {
      int len = ((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF);
      for (int i = p + 4 + len; i < p + 4 + StunAttribute.padded(len); i++) {
        b[i] = 0;
      }
      p += 4 + StunAttribute.padded(len);
    }
    return Bytes.wrapOwned(b);
  }

  private static InetSocketAddress addr(String ip, int port) throws Exception {
    return new InetSocketAddress(InetAddress.getByName(ip), port);
  }

  @Test
  void parsesRfc5769SampleRequest() throws Exception {
    StunMessage m = parse(StunVectors.load(StunVectors.RFC5769_REQUEST));
    assertThat(m)
        .isEqualTo(
            StunMessage.of(
                StunMethod.BINDING,
                StunClass.REQUEST,
                RFC_TID,
                new Software("STUN test client"),
                new Priority(0x6e0001ffL),
                new IceControlled(0x932ff9b151263b36L),
                new Username("evtj:h6vY"),
                new MessageIntegrity(Bytes.fromHex("9aeaa70cbfd8cb56781ef2b5b2d3f249c1b571a2")),
                new Fingerprint(0xe57a3bcf)));
  }

  @Test
  void parsesRfc5769Ipv4Response() throws Exception {
    StunMessage m = parse(StunVectors.load(StunVectors.RFC5769_IPV4_RESPONSE));
    assertThat(m.method()).isEqualTo(StunMethod.BINDING);
    assertThat(m.messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
    assertThat(m.transactionId()).isEqualTo(RFC_TID);
    assertThat(m.attributes())
        .containsExactly(
            new Software("test vector"),
            new XorMappedAddress(addr("192.0.2.1", 32853)),
            new MessageIntegrity(Bytes.fromHex("2b91f599fd9e90c38c7489f92af9ba53f06be7d7")),
            new Fingerprint(0xc07d4c96));
  }

  @Test
  void parsesRfc5769Ipv6Response() throws Exception {
    StunMessage m = parse(StunVectors.load(StunVectors.RFC5769_IPV6_RESPONSE));
    assertThat(m.find(XorMappedAddress.class).orElseThrow().address())
        .isEqualTo(addr("2001:db8:1234:5678:11:2233:4455:6677", 32853));
    assertThat(m.find(Software.class).orElseThrow().value()).isEqualTo("test vector");
    assertThat(m.find(Fingerprint.class).orElseThrow().crc()).isEqualTo(0xc8fb0b4c);
  }

  @Test
  void parsesRfc5769LongTermRequest() throws Exception {
    StunMessage m = parse(StunVectors.load(StunVectors.RFC5769_LONG_TERM));
    assertThat(m)
        .isEqualTo(
            StunMessage.of(
                StunMethod.BINDING,
                StunClass.REQUEST,
                TransactionId.fromHex("78ad3433c6ad72c029da412e"),
                new Username(StunVectors.LONG_TERM_USERNAME),
                new Nonce(StunVectors.LONG_TERM_NONCE),
                new Realm(StunVectors.LONG_TERM_REALM),
                new MessageIntegrity(Bytes.fromHex("f67024656dd64a3e02b8e0712e85c9a28ca89666"))));
  }

  @ParameterizedTest
  @ValueSource(strings = {StunVectors.RFC5769_REQUEST, StunVectors.RFC5769_IPV4_RESPONSE, StunVectors.RFC5769_IPV6_RESPONSE, StunVectors.RFC5769_LONG_TERM})
  void writeToReproducesTheVectorWithZeroPadding(String vector) throws Exception {
    Bytes bytes = StunVectors.load(vector);
    assertThat(write(parse(bytes))).isEqualTo(zeroPadding(bytes));
  }

  @Test
  void longTermVectorIsWrittenByteForByte() throws Exception {
    // This vector pads with zeros, so both writeTo and encode (which recomputes the HMAC) give it back.
    Bytes bytes = StunVectors.load(StunVectors.RFC5769_LONG_TERM);
    StunMessage m = parse(bytes);
    assertThat(write(m)).isEqualTo(bytes);
    assertThat(Bytes.copyOf(m.encode(LONG_TERM, false))).isEqualTo(bytes);
  }

  @ParameterizedTest
  @ValueSource(strings = {StunVectors.RFC5769_REQUEST, StunVectors.RFC5769_IPV4_RESPONSE, StunVectors.RFC5769_IPV6_RESPONSE, StunVectors.RFC5769_LONG_TERM})
  void parseOfWriteIsIdentity(String vector) throws Exception {
    StunMessage m = parse(StunVectors.load(vector));
    assertThat(parse(write(m))).isEqualTo(m);
  }

  @ParameterizedTest
  @ValueSource(strings = {StunVectors.RFC5769_REQUEST, StunVectors.RFC5769_IPV4_RESPONSE, StunVectors.RFC5769_IPV6_RESPONSE, StunVectors.RFC5769_LONG_TERM})
  void everyTruncationIsMalformed(String vector) {
    Bytes bytes = StunVectors.load(vector);
    for (int n = 0; n < bytes.length(); n++) {
      ByteBuffer cut = bytes.asReadOnlyBuffer().limit(n);
      assertThatThrownBy(() -> StunMessage.parse(cut)).as("truncated to %d", n).isInstanceOf(MalformedPacketException.class);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {-8, -4, -1, 1, 2, 4, 8})
  void corruptedMessageLengthIsMalformed(int delta) {
    byte[] b = StunVectors.load(StunVectors.RFC5769_REQUEST).toArray();
    int length = ((b[2] & 0xFF) << 8 | (b[3] & 0xFF)) + delta;
    b[2] = (byte) (length >> 8);
    b[3] = (byte) length;
    assertThatThrownBy(() -> StunMessage.parse(ByteBuffer.wrap(b))).isInstanceOf(MalformedPacketException.class);
  }

  @Test
  void corruptedAttributeLengthIsMalformed() {
    byte[] b = StunVectors.load(StunVectors.RFC5769_IPV4_RESPONSE).toArray();
    b[23] = 0x40; // SOFTWARE claims 64 bytes
    assertThatThrownBy(() -> StunMessage.parse(ByteBuffer.wrap(b))).isInstanceOf(MalformedPacketException.class);
    byte[] c = StunVectors.load(StunVectors.RFC5769_IPV4_RESPONSE).toArray();
    c[39] = 0x07; // XOR-MAPPED-ADDRESS of 7 bytes
    assertThatThrownBy(() -> StunMessage.parse(ByteBuffer.wrap(c))).isInstanceOf(MalformedPacketException.class);
  }

  @Test
  void rejectsBadMagicCookieAndTopBits() {
    byte[] b = StunVectors.load(StunVectors.RFC5769_REQUEST).toArray();
    b[4] = 0x22;
    assertThatThrownBy(() -> StunMessage.parse(ByteBuffer.wrap(b))).isInstanceOf(MalformedPacketException.class);
    byte[] c = StunVectors.load(StunVectors.RFC5769_REQUEST).toArray();
    c[0] = (byte) 0x40;
    assertThatThrownBy(() -> StunMessage.parse(ByteBuffer.wrap(c))).isInstanceOf(MalformedPacketException.class);
    assertThat(StunMessage.looksLikeStun(ByteBuffer.wrap(c))).isFalse();
    assertThat(StunMessage.looksLikeStun(StunVectors.load(StunVectors.RFC5769_REQUEST).asReadOnlyBuffer())).isTrue();
  }

  @Test
  void attributesAfterFingerprintAreMalformed() {
    Bytes v = StunVectors.load(StunVectors.RFC5769_REQUEST);
    byte[] b = new byte[v.length() + 4];
    System.arraycopy(v.toArray(), 0, b, 0, v.length());
    b[b.length - 4] = 0x00;
    b[b.length - 3] = 0x25; // USE-CANDIDATE after FINGERPRINT
    b[3] = (byte) (b[3] + 4);
    assertThatThrownBy(() -> StunMessage.parse(ByteBuffer.wrap(b))).isInstanceOf(MalformedPacketException.class);
  }

  @Test
  void attributesAfterMessageIntegrityAreIgnored() throws Exception {
    StunMessage m =
        StunMessage.of(StunMethod.BINDING, StunClass.REQUEST, RFC_TID, new Username("a:b"), new MessageIntegrity(Bytes.wrapOwned(new byte[20])), new Priority(5));
    StunMessage parsed = parse(write(m));
    assertThat(parsed.attributes()).containsExactly(new Username("a:b"), new MessageIntegrity(Bytes.wrapOwned(new byte[20])));
  }

  @Test
  void messageTypesInterleaveClassBits() {
    assertThat(StunMethod.BINDING.messageType(StunClass.REQUEST)).isEqualTo(0x0001);
    assertThat(StunMethod.BINDING.messageType(StunClass.INDICATION)).isEqualTo(0x0011);
    assertThat(StunMethod.BINDING.messageType(StunClass.SUCCESS_RESPONSE)).isEqualTo(0x0101);
    assertThat(StunMethod.BINDING.messageType(StunClass.ERROR_RESPONSE)).isEqualTo(0x0111);
    assertThat(StunMethod.ALLOCATE.messageType(StunClass.SUCCESS_RESPONSE)).isEqualTo(0x0103);
    assertThat(StunMethod.ALLOCATE.messageType(StunClass.ERROR_RESPONSE)).isEqualTo(0x0113);
    assertThat(StunMethod.SEND.messageType(StunClass.INDICATION)).isEqualTo(0x0016);
    assertThat(StunMethod.DATA.messageType(StunClass.INDICATION)).isEqualTo(0x0017);
    assertThat(StunMethod.CHANNEL_BIND.messageType(StunClass.REQUEST)).isEqualTo(0x0009);
    assertThat(new StunMethod(0xFFF).messageType(StunClass.ERROR_RESPONSE)).isEqualTo(0x3FFF);
    for (int t = 0; t < 0x4000; t++) {
      StunMethod m = StunMethod.fromMessageType(t);
      assertThat(m.messageType(StunMethod.classOfMessageType(t))).isEqualTo(t);
    }
  }

  @Test
  void unknownComprehensionRequiredAttributeGets420WithUnknownAttributes() throws Exception {
    StunMessage request =
        StunMessage.of(
            StunMethod.BINDING,
            StunClass.REQUEST,
            RFC_TID,
            new Unknown(0x7F01, Bytes.fromHex("0102")),
            new Unknown(0xC001, Bytes.fromHex("03")),
            new Username("u"));
    StunMessage parsed = parse(write(request));
    assertThat(parsed).isEqualTo(request);
    assertThat(parsed.unknownComprehensionRequired()).containsExactly(0x7F01);
    StunMessage response = StunMessage.unknownAttributesResponse(parsed).orElseThrow();
    assertThat(response.messageClass()).isEqualTo(StunClass.ERROR_RESPONSE);
    assertThat(response.transactionId()).isEqualTo(RFC_TID);
    assertThat(response.attributes()).containsExactly(new ErrorCode(420, "Unknown Attribute"), new UnknownAttributes(List.of(0x7F01)));
    assertThat(Bytes.copyOf(response.toBuffer()).toHex())
        .isEqualTo("0111" + "0024" + "2112a442" + RFC_TID.value().toHex() + "00090015" + "00000414" + "556e6b6e6f776e20417474726962757465" + "000000" + "000a0002" + "7f010000");
  }

  @Test
  void noUnknownAttributesResponseForKnownOrOptionalAttributes() throws Exception {
    StunMessage request = StunMessage.of(StunMethod.BINDING, StunClass.REQUEST, RFC_TID, new Unknown(0x8123, Bytes.EMPTY));
    assertThat(StunMessage.unknownAttributesResponse(request)).isEmpty();
  }
}

package dev.webrtc4j.internal.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webrtc4j.internal.stun.StunAttribute.*;
import dev.webrtc4j.internal.util.Bytes;
import dev.webrtc4j.internal.util.MalformedPacketException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StunAttributeTest {
  private static final TransactionId TID = TransactionId.fromHex("b7e7a701bc34d686fa87dfae");

  private static InetSocketAddress addr(String ip, int port) {
    try {
      return new InetSocketAddress(InetAddress.getByName(ip), port);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Each attribute with its wire encoding (header, value, zero padding), built from the RFC layouts. */
  static Stream<Arguments> attributes() {
    return Stream.of(
        Arguments.of(new MappedAddress(addr("192.0.2.1", 32853)), "00010008 0001 8055 c0000201"),
        Arguments.of(new MappedAddress(addr("2001:db8::1", 1)), "00010014 0002 0001 20010db8000000000000000000000001"),
        Arguments.of(new XorMappedAddress(addr("192.0.2.1", 32853)), "00200008 0001 a147 e112a643"),
        Arguments.of(new XorMappedAddress(addr("2001:db8:1234:5678:11:2233:4455:6677", 32853)), "00200014 0002 a147 0113a9faa5d3f179bc25f4b5bed2b9d9"),
        Arguments.of(new XorPeerAddress(addr("192.0.2.1", 32853)), "00120008 0001 a147 e112a643"),
        Arguments.of(new XorRelayedAddress(addr("192.0.2.1", 32853)), "00160008 0001 a147 e112a643"),
        Arguments.of(new AlternateServer(addr("192.0.2.1", 3478)), "80230008 0001 0d96 c0000201"),
        Arguments.of(new Username("evtj:h6vY"), "00060009 6576746a3a68367659 000000"),
        Arguments.of(new Realm("example.org"), "0014000b 6578616d706c652e6f7267 00"),
        Arguments.of(new Nonce("abcd"), "00150004 61626364"),
        Arguments.of(new Software("x"), "80220001 78 000000"),
        Arguments.of(new MessageIntegrity(Bytes.wrapOwned(new byte[20])), "00080014 " + "00".repeat(20)),
        Arguments.of(new MessageIntegritySha256(Bytes.wrapOwned(new byte[16])), "001c0010 " + "00".repeat(16)),
        Arguments.of(new Fingerprint(0xe57a3bcf), "80280004 e57a3bcf"),
        Arguments.of(new ErrorCode(401, "Unauthorized"), "00090010 00000401 556e617574686f72697a6564"),
        Arguments.of(new ErrorCode(438, "x"), "00090005 00000426 78 000000"),
        Arguments.of(new UnknownAttributes(List.of(0x0001, 0x7f01, 0x0003)), "000a0006 0001 7f01 0003 0000"),
        Arguments.of(new PasswordAlgorithm(PasswordAlgorithm.SHA256), "001d0004 0002 0000"),
        Arguments.of(new PasswordAlgorithm(PasswordAlgorithm.MD5, Bytes.fromHex("aa")), "001d0005 0001 0001 aa 000000"),
        Arguments.of(
            new PasswordAlgorithms(List.of(new PasswordAlgorithm(PasswordAlgorithm.MD5, Bytes.fromHex("aa")), new PasswordAlgorithm(PasswordAlgorithm.SHA256))),
            "8002000c 0001 0001 aa000000 0002 0000"),
        Arguments.of(new Userhash(Bytes.wrapOwned(new byte[32])), "001e0020 " + "00".repeat(32)),
        Arguments.of(new Priority(0x6e0001ffL), "00240004 6e0001ff"),
        Arguments.of(new UseCandidate(), "00250000"),
        Arguments.of(new IceControlled(0x932ff9b151263b36L), "80290008 932ff9b151263b36"),
        Arguments.of(new IceControlling(-1L), "802a0008 ffffffffffffffff"),
        Arguments.of(new ChannelNumber(0x4000), "000c0004 4000 0000"),
        Arguments.of(new Lifetime(600), "000d0004 00000258"),
        Arguments.of(new Data(Bytes.fromHex("010203")), "00130003 010203 00"),
        Arguments.of(new RequestedAddressFamily(StunAttribute.FAMILY_IPV6), "00170004 02000000"),
        Arguments.of(new EvenPort(true), "00180001 80 000000"),
        Arguments.of(new EvenPort(false), "00180001 00 000000"),
        Arguments.of(new RequestedTransport(RequestedTransport.UDP), "00190004 11000000"),
        Arguments.of(new DontFragment(), "001a0000"),
        Arguments.of(new ReservationToken(Bytes.fromHex("0102030405060708")), "00220008 0102030405060708"),
        Arguments.of(new AdditionalAddressFamily(StunAttribute.FAMILY_IPV6), "80000004 02000000"),
        Arguments.of(new AddressErrorCode(StunAttribute.FAMILY_IPV6, 440, "no"), "80010006 02 00 04 28 6e6f 0000"),
        Arguments.of(new Icmp(3, 4, 1400), "80040008 0000 03 04 00000578"),
        Arguments.of(new Unknown(0xc057, Bytes.fromHex("0001")), "c0570002 0001 0000"));
  }

  @Test
  void everyAttributeRecordHasAnEncodingCase() {
    Set<Class<?>> covered = new HashSet<>();
    attributes().forEach(a -> covered.add(a.get()[0].getClass()));
    List<Class<?>> records = new ArrayList<>();
    for (Class<?> c : StunAttribute.class.getPermittedSubclasses()) {
      if (c.isRecord()) {
        records.add(c);
      } else {
        records.addAll(List.of(c.getPermittedSubclasses()));
      }
    }
    assertThat(records).hasSizeGreaterThan(30);
    assertThat(covered).containsAll(records);
  }

  private static String body(StunMessage m) {
    return Bytes.copyOf(m.toBuffer()).toHex().substring(40);
  }

  @ParameterizedTest
  @MethodSource("attributes")
  void encodesAsTheRfcLayout(StunAttribute attribute, String hex) {
    StunMessage m = StunMessage.of(StunMethod.BINDING, StunClass.INDICATION, TID, attribute);
    assertThat(body(m)).isEqualTo(hex.replace(" ", ""));
    assertThat(attribute.encodedLength()).isEqualTo(hex.replace(" ", "").length() / 2);
  }

  @ParameterizedTest
  @MethodSource("attributes")
  void parsesBackToTheSameRecord(StunAttribute attribute, String hex) throws Exception {
    StunMessage m = StunMessage.of(StunMethod.BINDING, StunClass.INDICATION, TID, attribute);
    StunMessage parsed = StunMessage.parse(m.toBuffer());
    assertThat(parsed).isEqualTo(m);
  }

  @ParameterizedTest
  @MethodSource("attributes")
  void everyTruncatedValueIsMalformed(StunAttribute attribute, String hex) {
    if (attribute.valueLength() == 0 || attribute instanceof Unknown || attribute instanceof Data
        || attribute instanceof Username || attribute instanceof Realm || attribute instanceof Nonce || attribute instanceof Software) {
      return; // variable-length values have no wrong length shorter than themselves
    }
    byte[] value = Bytes.fromHex(hex.replace(" ", "")).toArray();
    int valueLength = attribute.valueLength();
    for (int n = 0; n < valueLength; n++) {
      if (attribute instanceof UnknownAttributes && n % 2 == 0) {
        continue; // an even prefix is a shorter valid list
      }
      if ((attribute instanceof ErrorCode || attribute instanceof AddressErrorCode) && n >= 4) {
        continue; // a shorter reason phrase is valid
      }
      if (attribute instanceof PasswordAlgorithms && (n == 0 || n == 8)) {
        continue; // no entry, or the first entry alone, is a valid list
      }
      ByteBuffer msg = ByteBuffer.allocate(20 + 4 + StunAttribute.padded(n));
      msg.putShort((short) 0x0011).putShort((short) (4 + StunAttribute.padded(n))).putInt(StunMessage.MAGIC_COOKIE);
      TID.value().writeTo(msg);
      msg.putShort((short) attribute.type()).putShort((short) n).put(value, 4, n);
      msg.flip();
      assertThatThrownBy(() -> StunMessage.parse(msg)).as("%s value cut to %d", attribute, n).isInstanceOf(MalformedPacketException.class);
    }
  }
}

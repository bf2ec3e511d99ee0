package dev.webrtc4j.internal.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webrtc4j.internal.stun.StunAttribute.ErrorCode;
import dev.webrtc4j.internal.stun.StunAttribute.Lifetime;
import dev.webrtc4j.internal.stun.StunAttribute.Nonce;
import dev.webrtc4j.internal.stun.StunAttribute.PasswordAlgorithm;
import dev.webrtc4j.internal.stun.StunAttribute.Realm;
import dev.webrtc4j.internal.stun.StunAttribute.RequestedTransport;
import dev.webrtc4j.internal.stun.StunAttribute.Software;
import dev.webrtc4j.internal.stun.StunAttribute.Username;
import dev.webrtc4j.internal.stun.StunAttribute.XorMappedAddress;
import dev.webrtc4j.internal.stun.StunAttribute.XorRelayedAddress;
import dev.webrtc4j.internal.util.Bytes;
import dev.webrtc4j.internal.util.MalformedPacketException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Messages captured from a real coturn 4.6.1 exchange (see the provenance lines of the .hex files). */
class CoturnVectorsTest {
  private static final IntegrityKey KEY = IntegrityKey.longTerm("webrtc4j", "webrtc4j.test", "s3cret-pass", PasswordAlgorithm.MD5);

  private static StunMessage parse(String name) throws MalformedPacketException {
    return StunMessage.parse(StunVectors.load(name).asReadOnlyBuffer());
  }

  @Test
  void the401CarriesRealmNonceAndSoftware() throws Exception {
    StunMessage m = parse("coturn-allocate-401.hex");
    assertThat(m.method()).isEqualTo(StunMethod.ALLOCATE);
    assertThat(m.messageClass()).isEqualTo(StunClass.ERROR_RESPONSE);
    assertThat(m.errorCode()).contains(new ErrorCode(401, "Unauthorized"));
    assertThat(m.find(Nonce.class)).contains(new Nonce("d83a1cb25353a504"));
    assertThat(m.find(Realm.class)).contains(new Realm("webrtc4j.test"));
    assertThat(m.find(Software.class)).contains(new Software("Coturn-4.6.1 'Gorst'"));
    assertThat(StunIntegrity.hasValidFingerprint(StunVectors.load("coturn-allocate-401.hex").asReadOnlyBuffer())).isTrue();
  }

  @Test
  void ourAuthenticatedAllocateVerifiesWithTheLongTermKey() throws Exception {
    StunMessage m = parse("coturn-allocate-request-authenticated.hex");
    assertThat(m.find(RequestedTransport.class)).contains(new RequestedTransport(17));
    assertThat(m.find(Lifetime.class)).contains(new Lifetime(600));
    assertThat(m.find(Username.class)).contains(new Username("webrtc4j"));
    ByteBuffer raw = StunVectors.load("coturn-allocate-request-authenticated.hex").asReadOnlyBuffer();
    assertThat(StunIntegrity.check(raw, KEY)).isEqualTo(IntegrityCheck.VALID);
    // Our encoder reproduces the captured bytes from the parsed record and the key.
    assertThat(Bytes.copyOf(m.encode(KEY, true))).isEqualTo(StunVectors.load("coturn-allocate-request-authenticated.hex"));
  }

  @Test
  void theSuccessResponseNamesRelayedAndMappedAddresses() throws Exception {
    StunMessage m = parse("coturn-allocate-success.hex");
    assertThat(m.messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
    assertThat(m.find(XorRelayedAddress.class)).contains(new XorRelayedAddress(new InetSocketAddress("127.0.0.1", 41005)));
    assertThat(m.find(XorMappedAddress.class)).contains(new XorMappedAddress(new InetSocketAddress("127.0.0.1", 43826)));
    assertThat(m.find(Lifetime.class)).contains(new Lifetime(600));
    ByteBuffer raw = StunVectors.load("coturn-allocate-success.hex").asReadOnlyBuffer();
    assertThat(StunIntegrity.check(raw, KEY)).isEqualTo(IntegrityCheck.VALID);
    assertThat(StunIntegrity.hasValidFingerprint(raw)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"coturn-allocate-401.hex", "coturn-allocate-request-authenticated.hex", "coturn-allocate-success.hex"})
  void writeToGivesTheCapturedBytesAndEveryTruncationIsMalformed(String name) throws Exception {
    Bytes bytes = StunVectors.load(name);
    assertThat(Bytes.copyOf(parse(name).toBuffer())).isEqualTo(bytes);
    for (int n = 0; n < bytes.length(); n++) {
      ByteBuffer cut = bytes.asReadOnlyBuffer().limit(n);
      assertThatThrownBy(() -> StunMessage.parse(cut)).isInstanceOf(MalformedPacketException.class);
    }
  }
}

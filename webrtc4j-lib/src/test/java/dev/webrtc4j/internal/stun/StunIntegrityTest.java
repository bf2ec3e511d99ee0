package dev.webrtc4j.internal.stun;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webrtc4j.internal.stun.StunAttribute.MessageIntegritySha256;
import dev.webrtc4j.internal.stun.StunAttribute.PasswordAlgorithm;
import dev.webrtc4j.internal.stun.StunAttribute.Username;
import dev.webrtc4j.internal.util.Bytes;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StunIntegrityTest {
  private static final IntegrityKey SHORT_TERM = IntegrityKey.shortTerm(StunVectors.SHORT_TERM_PASSWORD);
  private static final IntegrityKey LONG_TERM =
      IntegrityKey.longTerm(StunVectors.LONG_TERM_USERNAME, StunVectors.LONG_TERM_REALM, StunVectors.LONG_TERM_PASSWORD, PasswordAlgorithm.MD5);

  @ParameterizedTest
  @ValueSource(strings = {StunVectors.RFC5769_REQUEST, StunVectors.RFC5769_IPV4_RESPONSE, StunVectors.RFC5769_IPV6_RESPONSE})
  void shortTermVectorsCarryValidIntegrityAndFingerprint(String vector) {
    ByteBuffer raw = StunVectors.load(vector).asReadOnlyBuffer();
    assertThat(StunIntegrity.check(raw, SHORT_TERM)).isEqualTo(IntegrityCheck.VALID);
    assertThat(StunIntegrity.hasValidFingerprint(raw)).isTrue();
    assertThat(raw.position()).isZero();
  }

  @Test
  void longTermVectorCarriesValidIntegrity() {
    ByteBuffer raw = StunVectors.load(StunVectors.RFC5769_LONG_TERM).asReadOnlyBuffer();
    assertThat(StunIntegrity.check(raw, LONG_TERM)).isEqualTo(IntegrityCheck.VALID);
    assertThat(StunIntegrity.hasValidFingerprint(raw)).isFalse();
  }

  @Test
  void longTermKeyIsMd5OfUsernameRealmPassword() {
    // MD5("\u30DE\u30C8\u30EA\u30C3\u30AF\u30B9:example.org:TheMatrIX"), computed independently.
    assertThat(LONG_TERM.key().length()).isEqualTo(16);
    assertThat(LONG_TERM.sha256()).isFalse();
    IntegrityKey sha = IntegrityKey.longTerm("user", "realm", "pass", PasswordAlgorithm.SHA256);
    assertThat(sha.key().length()).isEqualTo(32);
    assertThat(sha.sha256()).isTrue();
  }

  @Test
  void wrongPasswordIsInvalid() {
    ByteBuffer raw = StunVectors.load(StunVectors.RFC5769_REQUEST).asReadOnlyBuffer();
    assertThat(StunIntegrity.check(raw, IntegrityKey.shortTerm("wrong"))).isEqualTo(IntegrityCheck.INVALID);
    ByteBuffer lt = StunVectors.load(StunVectors.RFC5769_LONG_TERM).asReadOnlyBuffer();
    assertThat(StunIntegrity.check(lt, IntegrityKey.longTerm(StunVectors.LONG_TERM_USERNAME, "example.org", "thematrix", PasswordAlgorithm.MD5)))
        .isEqualTo(IntegrityCheck.INVALID);
  }

  @Test
  void everyFlippedBitBeforeTheHmacBreaksIntegrity() {
    byte[] vector = StunVectors.load(StunVectors.RFC5769_REQUEST).toArray();
    int miAt = vector.length - 8 - 24;
    for (int i = 0; i < miAt + 24; i++) {
      if (i == 2 || i == 3) {
        continue; // the length field is replaced during the computation
      }
      byte[] b = vector.clone();
      b[i] ^= 0x01;
      assertThat(StunIntegrity.check(ByteBuffer.wrap(b), SHORT_TERM)).as("flip at %d", i).isNotEqualTo(IntegrityCheck.VALID);
    }
  }

  @Test
  void everyFlippedBitBreaksTheFingerprint() {
    byte[] vector = StunVectors.load(StunVectors.RFC5769_IPV4_RESPONSE).toArray();
    for (int i = 0; i < vector.length; i++) {
      byte[] b = vector.clone();
      b[i] ^= 0x10;
      assertThat(StunIntegrity.hasValidFingerprint(ByteBuffer.wrap(b))).as("flip at %d", i).isFalse();
    }
  }

  @Test
  void messageWithoutIntegrityIsAbsent() {
    StunMessage m = StunMessage.of(StunMethod.BINDING, StunClass.REQUEST, TransactionId.random(new SplittableRandom(1)), new Username("x"));
    assertThat(StunIntegrity.check(m.encode(null, true), SHORT_TERM)).isEqualTo(IntegrityCheck.ABSENT);
    assertThat(StunIntegrity.hasValidFingerprint(m.encode(null, false))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {StunVectors.RFC5769_REQUEST, StunVectors.RFC5769_IPV4_RESPONSE, StunVectors.RFC5769_IPV6_RESPONSE})
  void reEncodedVectorsVerify(String vector) throws Exception {
    StunMessage m = StunMessage.parse(StunVectors.load(vector).asReadOnlyBuffer());
    ByteBuffer encoded = m.encode(SHORT_TERM, true);
    assertThat(StunIntegrity.check(encoded, SHORT_TERM)).isEqualTo(IntegrityCheck.VALID);
    assertThat(StunIntegrity.hasValidFingerprint(encoded)).isTrue();
    StunMessage again = StunMessage.parse(encoded.duplicate());
    assertThat(again.attributes()).hasSameSizeAs(m.attributes());
    assertThat(again.attributes().subList(0, m.attributes().size() - 2)).isEqualTo(m.attributes().subList(0, m.attributes().size() - 2));
  }

  @Test
  void sha256IntegrityRoundTripsAndIsCheckedInsteadOfSha1() throws Exception {
    IntegrityKey key = IntegrityKey.longTerm("user", "realm", "pass", PasswordAlgorithm.SHA256);
    StunMessage m = StunMessage.of(StunMethod.ALLOCATE, StunClass.REQUEST, TransactionId.random(new SplittableRandom(2)), new Username("user"));
    ByteBuffer encoded = m.encode(key, true);
    StunMessage parsed = StunMessage.parse(encoded.duplicate());
    assertThat(parsed.find(MessageIntegritySha256.class).orElseThrow().hmac().length()).isEqualTo(32);
    assertThat(StunIntegrity.check(encoded, key)).isEqualTo(IntegrityCheck.VALID);
    assertThat(StunIntegrity.check(encoded, IntegrityKey.longTerm("user", "realm", "pasS", PasswordAlgorithm.SHA256))).isEqualTo(IntegrityCheck.INVALID);
    assertThat(StunIntegrity.hasValidFingerprint(encoded)).isTrue();
  }

  @Test
  void emptyPasswordIsAUsableKey() {
    StunMessage m = StunMessage.of(StunMethod.BINDING, StunClass.REQUEST, TransactionId.random(new SplittableRandom(3)));
    ByteBuffer encoded = m.encode(IntegrityKey.shortTerm(""), false);
    assertThat(StunIntegrity.check(encoded, IntegrityKey.shortTerm(""))).isEqualTo(IntegrityCheck.VALID);
    assertThat(StunIntegrity.check(encoded, IntegrityKey.shortTerm("a"))).isEqualTo(IntegrityCheck.INVALID);
  }

  @Test
  void fingerprintIsCrc32XorStun() {
    // CRC-32 of "123456789" is the standard check value 0xCBF43926.
    byte[] digits = "123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    assertThat(StunIntegrity.fingerprint(digits, 0, digits.length)).isEqualTo(0xCBF43926 ^ 0x5354554e);
    assertThat(Bytes.of(digits).length()).isEqualTo(9);
  }
}

package dev.webrtc4j.internal.stun;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webrtc4j.internal.stun.StunAttribute.ErrorCode;
import dev.webrtc4j.internal.stun.StunAttribute.Priority;
import dev.webrtc4j.internal.stun.StunAttribute.Unknown;
import dev.webrtc4j.internal.stun.StunAttribute.UnknownAttributes;
import dev.webrtc4j.internal.stun.StunAttribute.Username;
import dev.webrtc4j.internal.stun.StunRequestValidator.Accepted;
import dev.webrtc4j.internal.stun.StunRequestValidator.Dropped;
import dev.webrtc4j.internal.stun.StunRequestValidator.Rejected;
import dev.webrtc4j.internal.stun.StunRequestValidator.Result;
import dev.webrtc4j.internal.util.Bytes;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class StunRequestValidatorTest {
  private static final Function<String, String> PASSWORDS = u -> u.equals("evtj:h6vY") ? StunVectors.SHORT_TERM_PASSWORD : null;
  private final SplittableRandom random = new SplittableRandom(3);

  private static int code(Result r) {
    return ((Rejected) r).response().errorCode().orElseThrow().code();
  }

  @Test
  void acceptsTheRfc5769Request() {
    Result r = StunRequestValidator.checkShortTerm(StunVectors.load(StunVectors.RFC5769_REQUEST).asReadOnlyBuffer(), PASSWORDS, true);
    assertThat(r).isInstanceOf(Accepted.class);
    assertThat(((Accepted) r).username()).isEqualTo("evtj:h6vY");
    assertThat(((Accepted) r).request().find(Priority.class)).contains(new Priority(0x6e0001ffL));
  }

  @Test
  void unknownUsernameOrWrongHmacIs401() {
    Result unknownUser = StunRequestValidator.checkShortTerm(StunVectors.load(StunVectors.RFC5769_REQUEST).asReadOnlyBuffer(), u -> null, true);
    assertThat(code(unknownUser)).isEqualTo(401);
    Result wrongPassword = StunRequestValidator.checkShortTerm(StunVectors.load(StunVectors.RFC5769_REQUEST).asReadOnlyBuffer(), u -> "nope", true);
    assertThat(code(wrongPassword)).isEqualTo(401);
    assertThat(((Rejected) wrongPassword).key()).isNull();
    ByteBuffer encoded = ((Rejected) wrongPassword).encode();
    assertThat(StunIntegrity.check(encoded, IntegrityKey.shortTerm("nope"))).isEqualTo(IntegrityCheck.ABSENT);
    assertThat(StunIntegrity.hasValidFingerprint(encoded)).isTrue();
  }

  @Test
  void missingUsernameOrIntegrityIs400() {
    StunMessage noIntegrity = StunMessage.of(StunMethod.BINDING, StunClass.REQUEST, TransactionId.random(random), new Username("evtj:h6vY"));
    assertThat(code(StunRequestValidator.checkShortTerm(noIntegrity.encode(null, true), PASSWORDS, true))).isEqualTo(400);
    StunMessage noUsername = StunMessage.of(StunMethod.BINDING, StunClass.REQUEST, TransactionId.random(random));
    assertThat(code(StunRequestValidator.checkShortTerm(noUsername.encode(IntegrityKey.shortTerm("x"), true), PASSWORDS, true))).isEqualTo(400);
  }

  @Test
  void badOrMissingFingerprintIsDroppedSilently() {
    byte[] b = StunVectors.load(StunVectors.RFC5769_REQUEST).toArray();
    b[b.length - 1] ^= 1;
    assertThat(StunRequestValidator.checkShortTerm(ByteBuffer.wrap(b), PASSWORDS, true)).isInstanceOf(Dropped.class);
    StunMessage m = StunMessage.of(StunMethod.BINDING, StunClass.REQUEST, TransactionId.random(random), new Username("evtj:h6vY"));
    ByteBuffer noFingerprint = m.encode(IntegrityKey.shortTerm(StunVectors.SHORT_TERM_PASSWORD), false);
    assertThat(StunRequestValidator.checkShortTerm(noFingerprint, PASSWORDS, true)).isInstanceOf(Dropped.class);
    assertThat(StunRequestValidator.checkShortTerm(noFingerprint, PASSWORDS, false)).isInstanceOf(Accepted.class);
  }

  @Test
  void garbageAndResponsesAreDropped() {
    assertThat(StunRequestValidator.checkShortTerm(ByteBuffer.wrap(new byte[] {1, 2, 3}), PASSWORDS, true)).isInstanceOf(Dropped.class);
    assertThat(StunRequestValidator.checkShortTerm(StunVectors.load(StunVectors.RFC5769_IPV4_RESPONSE).asReadOnlyBuffer(), PASSWORDS, true))
        .isInstanceOf(Dropped.class);
  }

  @Test
  void unknownComprehensionRequiredAttributeAfterAuthenticationIs420WithIntegrity() {
    IntegrityKey key = IntegrityKey.shortTerm(StunVectors.SHORT_TERM_PASSWORD);
    StunMessage m =
        StunMessage.of(StunMethod.BINDING, StunClass.REQUEST, TransactionId.random(random), new Username("evtj:h6vY"), new Unknown(0x0777, Bytes.fromHex("01")));
    Result r = StunRequestValidator.checkShortTerm(m.encode(key, true), PASSWORDS, true);
    assertThat(code(r)).isEqualTo(ErrorCode.UNKNOWN_ATTRIBUTE);
    assertThat(((Rejected) r).response().find(UnknownAttributes.class)).contains(new UnknownAttributes(List.of(0x0777)));
    assertThat(StunIntegrity.check(((Rejected) r).encode(), key)).isEqualTo(IntegrityCheck.VALID);
  }
}

package dev.webrtc4j.internal.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webrtc4j.internal.util.Bytes;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.XECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPublicKeySpec;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.crypto.KeyAgreement;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.TlsAgreement;
import org.bouncycastle.tls.crypto.TlsECConfig;
import org.junit.jupiter.api.Test;

class X25519DomainTest {
  /** Hands out the given byte strings, in order, to nextBytes: the private keys of a test. */
  static final class ScriptedRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;
    final Deque<byte[]> script = new ArrayDeque<>();

    @Override
    public void nextBytes(byte[] bytes) {
      byte[] next = script.removeFirst();
      assertThat(next).hasSize(bytes.length);
      System.arraycopy(next, 0, bytes, 0, bytes.length);
    }
  }

  static byte[] hex(String s) {
    return Bytes.fromHex(s).toArray();
  }

  static String hex(byte[] b) {
    return Bytes.of(b).toHex();
  }

  static TlsAgreement agreement(SecureRandom random) {
    JdkTlsCrypto crypto = new JdkTlsCrypto(random);
    return crypto.createECDomain(new TlsECConfig(NamedGroup.x25519)).createECDH();
  }

  @Test
  void theCryptoUsesThisDomainForX25519Only() {
    JdkTlsCrypto crypto = new JdkTlsCrypto(new SecureRandom());
    assertThat(crypto.createECDomain(new TlsECConfig(NamedGroup.x25519))).isInstanceOf(X25519Domain.class);
    assertThat(crypto.createECDomain(new TlsECConfig(NamedGroup.secp256r1))).isNotInstanceOf(X25519Domain.class);
  }

  /** RFC 7748 §6.1. */
  @Test
  void matchesTheRfc7748DiffieHellmanVector() throws Exception {
    String alicePrivate = "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a";
    String alicePublic = "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a";
    String bobPrivate = "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb";
    String bobPublic = "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f";
    String shared = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";
    ScriptedRandom random = new ScriptedRandom();
    random.script.add(hex(alicePrivate));
    random.script.add(hex(bobPrivate));
    TlsAgreement alice = agreement(random);
    TlsAgreement bob = agreement(random);
    assertThat(hex(alice.generateEphemeral())).isEqualTo(alicePublic);
    assertThat(hex(bob.generateEphemeral())).isEqualTo(bobPublic);
    alice.receivePeerValue(hex(bobPublic));
    bob.receivePeerValue(hex(alicePublic));
    assertThat(hex(alice.calculateSecret().extract())).isEqualTo(shared);
    assertThat(hex(bob.calculateSecret().extract())).isEqualTo(shared);
  }

  /** Against the JDK's XDH, the implementation this one replaced. */
  @Test
  void agreesWithTheJdksX25519() throws Exception {
    KeyPairGenerator jdkGenerator = KeyPairGenerator.getInstance("X25519");
    KeyFactory jdkKeys = KeyFactory.getInstance("X25519");
    for (int i = 0; i < 20; i++) {
      KeyPair jdk = jdkGenerator.generateKeyPair();
      TlsAgreement ours = agreement(new SecureRandom());
      byte[] ourPublic = ours.generateEphemeral();
      ours.receivePeerValue(littleEndianU(((XECPublicKey) jdk.getPublic()).getU()));
      KeyAgreement ka = KeyAgreement.getInstance("X25519");
      ka.init(jdk.getPrivate());
      ka.doPhase(jdkKeys.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, new BigInteger(1, reverse(ourPublic)))), true);
      assertThat(hex(ours.calculateSecret().extract())).isEqualTo(hex(ka.generateSecret()));
    }
  }

  @Test
  void aPeerValueOfTheWrongLengthIsAnIllegalParameter() throws Exception {
    TlsAgreement a = agreement(new SecureRandom());
    a.generateEphemeral();
    assertThatThrownBy(() -> a.receivePeerValue(new byte[31]))
        .isInstanceOfSatisfying(TlsFatalAlert.class, e -> assertThat(e.getAlertDescription()).isEqualTo(AlertDescription.illegal_parameter));
    assertThatThrownBy(() -> a.receivePeerValue(new byte[33])).isInstanceOf(TlsFatalAlert.class);
  }

  /** RFC 7748 §6.1: a small-order point gives the all-zero secret, which must be refused. */
  @Test
  void aSmallOrderPeerPointFailsTheHandshake() throws Exception {
    TlsAgreement a = agreement(new SecureRandom());
    a.generateEphemeral();
    a.receivePeerValue(new byte[32]); // u = 0
    assertThatThrownBy(a::calculateSecret)
        .isInstanceOfSatisfying(TlsFatalAlert.class, e -> assertThat(e.getAlertDescription()).isEqualTo(AlertDescription.handshake_failure));
  }

  @Test
  void calculatingBeforeBothValuesIsRefused() throws Exception {
    TlsAgreement a = agreement(new SecureRandom());
    assertThatThrownBy(a::calculateSecret).isInstanceOf(TlsFatalAlert.class);
  }

  /**
   * With a prepared key pair (RFC 7748 §6.1's Alice), the first agreement uses it and erases its
   * private half; the crypto's next agreement draws its own key pair from the random.
   */
  @Test
  void aPreparedKeyPairServesTheFirstAgreementOnly() throws Exception {
    ScriptedRandom alice = new ScriptedRandom();
    alice.script.add(hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"));
    X25519Domain.KeyPair[] made = new X25519Domain.KeyPair[1];
    Prepared<X25519Domain.KeyPair> prepared = new Prepared<>(() -> made[0] = X25519Domain.KeyPair.random(alice));
    ScriptedRandom later = new ScriptedRandom();
    later.script.add(hex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb"));
    JdkTlsCrypto crypto = new JdkTlsCrypto(later, null, prepared);
    prepared.make();
    TlsAgreement first = crypto.createECDomain(new TlsECConfig(NamedGroup.x25519)).createECDH();
    assertThat(hex(first.generateEphemeral())).isEqualTo("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
    assertThat(made[0].privateKey()).containsOnly((byte) 0);
    first.receivePeerValue(hex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"));
    assertThat(hex(first.calculateSecret().extract())).isEqualTo("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
    TlsAgreement second = crypto.createECDomain(new TlsECConfig(NamedGroup.x25519)).createECDH();
    assertThat(hex(second.generateEphemeral())).isEqualTo("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
    assertThat(later.script).isEmpty();
    assertThat(prepared.take()).isNull();
  }

  static byte[] reverse(byte[] b) {
    byte[] r = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      r[i] = b[b.length - 1 - i];
    }
    return r;
  }

  static byte[] littleEndianU(BigInteger u) {
    byte[] big = u.toByteArray();
    byte[] fixed = new byte[32];
    int n = Math.min(32, big.length);
    System.arraycopy(big, big.length - n, fixed, 32 - n, n);
    return reverse(fixed);
  }
}

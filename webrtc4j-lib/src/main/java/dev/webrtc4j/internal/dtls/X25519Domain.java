package dev.webrtc4j.internal.dtls;

import java.io.IOException;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.TlsAgreement;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.bouncycastle.tls.crypto.TlsECDomain;
import org.bouncycastle.tls.crypto.TlsSecret;
import org.jspecify.annotations.Nullable;

/**
 * ECDHE over X25519 (RFC 7748, RFC 8422 §5.11) with our own {@link X25519Function} for the
 * agreement and BouncyCastle's lightweight {@code X25519.scalarMultBase} for the key pair, instead
 * of the JDK's {@code XDH}: on JDK 25 the JDK took about 550 µs per key pair and 400 µs per
 * agreement here, BouncyCastle 50 µs and 120 µs; our ladder's agreement is about 0.7 of
 * BouncyCastle's CPU, while BouncyCastle's fixed-base key pair (a precomputed table on the
 * Edwards curve) is about 0.5 of a ladder (docs/perf-notes/x25519v7.md). Each side does one
 * agreement on the handshake's critical path. The arithmetic is constant-time (the private
 * scalar is secret); the shared secret becomes a secret of the given (JCA) crypto, so the PRF and
 * the key block stay on the JDK.
 *
 * <p>The ephemeral key pair can be made ahead ({@link KeyPair}, through {@link Prepared}: it does
 * not depend on the peer), so that the handshake's flight does not wait for it; it is used for
 * one agreement, and its private half is erased after it.
 */
final class X25519Domain implements TlsECDomain {
  private final TlsCrypto crypto;
  private final @Nullable Prepared<KeyPair> prepared;

  X25519Domain(TlsCrypto crypto) {
    this(crypto, null);
  }

  /** With {@code prepared}, the first agreement uses that key pair (any later one makes its own). */
  X25519Domain(TlsCrypto crypto, @Nullable Prepared<KeyPair> prepared) {
    this.crypto = crypto;
    this.prepared = prepared;
  }

  /** An ephemeral X25519 key pair; the private scalar is secret and used for one agreement. */
  record KeyPair(byte[] privateKey, byte[] publicKey) {
    static KeyPair random(java.security.SecureRandom random) {
      byte[] privateKey = new byte[X25519.SCALAR_SIZE];
      random.nextBytes(privateKey); // RFC 7748 §5: the scalar is clamped when used
      byte[] publicKey = new byte[X25519.POINT_SIZE];
      X25519.scalarMultBase(privateKey, 0, publicKey, 0);
      return new KeyPair(privateKey, publicKey);
    }

    @Override
    public String toString() {
      return "KeyPair[secret]";
    }
  }

  @Override
  public TlsAgreement createECDH() {
    return new Agreement();
  }

  /** One ephemeral key pair and one agreement. */
  private final class Agreement implements TlsAgreement {
    private final byte[] privateKey = new byte[X25519.SCALAR_SIZE];
    private final byte[] peerPublicKey = new byte[X25519.POINT_SIZE];
    private boolean generated;
    private boolean received;

    @Override
    public byte[] generateEphemeral() {
      KeyPair pair = prepared == null ? null : prepared.take();
      if (pair == null) {
        pair = KeyPair.random(crypto.getSecureRandom());
      }
      System.arraycopy(pair.privateKey(), 0, privateKey, 0, X25519.SCALAR_SIZE);
      Arrays.fill(pair.privateKey(), (byte) 0);
      generated = true;
      return pair.publicKey();
    }

    @Override
    public void receivePeerValue(byte[] peerValue) throws IOException {
      // RFC 8422 §5.11: the public value is the 32-byte u-coordinate.
      if (peerValue == null || peerValue.length != X25519.POINT_SIZE) {
        throw new TlsFatalAlert(AlertDescription.illegal_parameter, "X25519 public value must be 32 bytes");
      }
      System.arraycopy(peerValue, 0, peerPublicKey, 0, X25519.POINT_SIZE);
      received = true;
    }

    @Override
    public TlsSecret calculateSecret() throws IOException {
      if (!generated || !received) {
        throw new TlsFatalAlert(AlertDescription.internal_error, "X25519 agreement before both public values");
      }
      byte[] secret = new byte[X25519.POINT_SIZE];
      try {
        // RFC 8422 §5.11 / RFC 7748 §6.1: an all-zero result (small-order peer point) MUST abort.
        if (!X25519Function.agreement(privateKey, peerPublicKey, secret)) {
          throw new TlsFatalAlert(AlertDescription.handshake_failure, "X25519 shared secret is all zeros");
        }
        return crypto.createSecret(secret);
      } finally {
        Arrays.fill(secret, (byte) 0);
        Arrays.fill(privateKey, (byte) 0);
        Arrays.fill(peerPublicKey, (byte) 0);
      }
    }
  }
}

package dev.webrtc4j.internal.stun;

import dev.webrtc4j.internal.util.Bytes;
import java.util.random.RandomGenerator;

/**
 * The 96-bit STUN transaction ID (RFC 8489 §5): it pairs a response with its request and is the
 * second half of the XOR key of the XOR-*-ADDRESS attributes.
 *
 * @param value exactly 12 bytes
 */
public record TransactionId(Bytes value) {
  public static final int LENGTH = 12;

  public TransactionId {
    if (value.length() != LENGTH) {
      throw new IllegalArgumentException("transaction id must be 12 bytes, got " + value.length());
    }
  }

  /**
   * A fresh id. RFC 8489 §5: "The transaction ID MUST be uniformly and randomly chosen from the
   * interval 0 .. 2**96-1 and MUST be cryptographically random." Production code therefore passes
   * a {@link java.security.SecureRandom}; tests pass a seeded generator.
   */
  public static TransactionId random(RandomGenerator random) {
    byte[] id = new byte[LENGTH];
    random.nextBytes(id);
    return new TransactionId(Bytes.wrapOwned(id));
  }

  public static TransactionId fromHex(String hex) {
    return new TransactionId(Bytes.fromHex(hex));
  }

  @Override
  public String toString() {
    return "TransactionId[" + value.toHex() + "]";
  }
}

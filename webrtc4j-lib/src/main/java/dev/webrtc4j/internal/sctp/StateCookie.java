package dev.webrtc4j.internal.sctp;

import dev.webrtc4j.internal.util.Bytes;
import dev.webrtc4j.internal.util.ByteReader;
import dev.webrtc4j.internal.util.MalformedPacketException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The content of our State Cookie (RFC 9260 §5.1.3): everything needed to build the association
 * from a COOKIE ECHO alone, plus its creation time and lifetime, signed with HMAC-SHA256 under a
 * per-association secret. Layout (big-endian): version (1), local tag, peer tag, local initial
 * TSN, peer initial TSN, peer a_rwnd (4 each), outbound and inbound streams (2 each), peer
 * feature bits (1), creation time and lifetime in nanoseconds (8 each), then the 32-byte MAC.
 *
 * @param peerFeatures bit 0: FORWARD TSN, bit 1: RE-CONFIG
 */
record StateCookie(
    int localTag, int peerTag, Tsn localInitialTsn, Tsn peerInitialTsn, long peerRwnd, int outboundStreams,
    int inboundStreams, int peerFeatures, long createdAtNanos, long lifetimeNanos) {
  static final int VERSION = 1;
  static final int CONTENT_LENGTH = 1 + 4 * 5 + 2 * 2 + 1 + 8 * 2;
  static final int MAC_LENGTH = 32;
  static final int LENGTH = CONTENT_LENGTH + MAC_LENGTH;

  /**
   * The HMAC-SHA256 signer of one association, keyed once with that association's own secret.
   *
   * <p>What is shared is only the unkeyed {@code Mac} found once per JVM: {@code Mac.getInstance}
   * walks the security providers on every call (most of a signer's set-up cost when few
   * connections have warmed it up), a clone of the found one only copies an empty digest. The
   * secret itself stays per association: a JVM-wide key would make a cookie minted for one
   * connection valid on every other (a cookie is only accepted inside the DTLS session of its
   * peer, but nothing is saved by giving that up), and a shared keyed {@code Mac} would need a
   * lock or one copy per thread, since loops run on many threads.
   */
  static final class Signer {
    private static final @Nullable Mac UNKEYED = unkeyed();

    private final Mac mac;

    Signer(byte[] secret) {
      try {
        Mac m;
        try {
          m = UNKEYED == null ? Mac.getInstance("HmacSHA256") : (Mac) UNKEYED.clone();
        } catch (CloneNotSupportedException e) {
          m = Mac.getInstance("HmacSHA256");
        }
        m.init(new SecretKeySpec(secret, "HmacSHA256"));
        mac = m;
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("HmacSHA256 unavailable", e);
      }
    }

    /**
     * Never keyed or used, only cloned: clones read it concurrently. Its provider is chosen here
     * (getProvider), so a clone does not take the Mac's provider-selection lock.
     */
    private static @Nullable Mac unkeyed() {
      try {
        Mac m = Mac.getInstance("HmacSHA256");
        m.getProvider();
        m.clone(); // providers whose Mac cannot be cloned fall back to getInstance per signer
        return m;
      } catch (GeneralSecurityException | CloneNotSupportedException e) {
        return null;
      }
    }

    byte[] sign(byte[] content, int len) {
      mac.update(content, 0, len);
      return mac.doFinal();
    }
  }

  Bytes encode(Signer signer) {
    ByteBuffer b = ByteBuffer.allocate(LENGTH);
    b.put((byte) VERSION).putInt(localTag).putInt(peerTag).putInt(localInitialTsn.value())
        .putInt(peerInitialTsn.value()).putInt((int) peerRwnd).putShort((short) outboundStreams)
        .putShort((short) inboundStreams).put((byte) peerFeatures).putLong(createdAtNanos).putLong(lifetimeNanos);
    b.put(signer.sign(b.array(), CONTENT_LENGTH));
    return Bytes.wrapOwned(b.array());
  }

  /** Why a cookie is refused. */
  enum Problem {
    MALFORMED,
    BAD_MAC
  }

  /**
   * Checks the MAC in constant time and decodes. Throws with {@link Problem} in the message.
   * Staleness is the caller's check (it needs {@code now} and answers with an ERROR).
   */
  static StateCookie decode(Bytes cookie, Signer signer) throws MalformedPacketException {
    if (cookie.length() != LENGTH) {
      throw new MalformedPacketException(0, Problem.MALFORMED + ": cookie length " + cookie.length());
    }
    byte[] raw = cookie.toArray();
    byte[] expected = signer.sign(raw, CONTENT_LENGTH);
    byte[] carried = java.util.Arrays.copyOfRange(raw, CONTENT_LENGTH, LENGTH);
    if (!MessageDigest.isEqual(expected, carried)) {
      throw new MalformedPacketException(CONTENT_LENGTH, Problem.BAD_MAC + ": cookie signature mismatch");
    }
    ByteReader r = new ByteReader(ByteBuffer.wrap(raw, 0, CONTENT_LENGTH));
    if (r.u8("version") != VERSION) {
      throw r.malformed(Problem.MALFORMED + ": cookie version");
    }
    return new StateCookie(r.i32("local tag"), r.i32("peer tag"), new Tsn(r.i32("local tsn")), new Tsn(r.i32("peer tsn")),
        r.u32("peer rwnd"), r.u16("outbound"), r.u16("inbound"), r.u8("features"), r.i64("created"), r.i64("lifetime"));
  }

  boolean isStale(long now) {
    return now - createdAtNanos > lifetimeNanos;
  }
}

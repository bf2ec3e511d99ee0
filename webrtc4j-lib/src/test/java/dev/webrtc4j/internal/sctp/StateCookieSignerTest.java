package dev.webrtc4j.internal.sctp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webrtc4j.internal.util.Bytes;
import dev.webrtc4j.internal.util.MalformedPacketException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Signers share the JVM's unkeyed Mac but each keeps its association's secret. */
class StateCookieSignerTest {
  private static final StateCookie COOKIE =
      new StateCookie(7, 9, new Tsn(100), new Tsn(200), 65536, 10, 10, 3, 1_000_000L, 60_000_000_000L);

  private static byte[] secret(int seed) {
    byte[] s = new byte[32];
    for (int i = 0; i < s.length; i++) {
      s[i] = (byte) (seed * 31 + i);
    }
    return s;
  }

  @Test
  void aCookieVerifiesOnlyUnderTheSecretThatSignedIt() throws Exception {
    StateCookie.Signer a = new StateCookie.Signer(secret(1));
    StateCookie.Signer b = new StateCookie.Signer(secret(2));
    Bytes signed = COOKIE.encode(a);
    assertThat(StateCookie.decode(signed, a)).isEqualTo(COOKIE);
    // Another association's signer (another secret) refuses it.
    assertThatThrownBy(() -> StateCookie.decode(signed, b))
        .isInstanceOf(MalformedPacketException.class).hasMessageContaining("BAD_MAC");
    // The same secret in a second signer gives the same MAC: no state leaks between clones.
    assertThat(COOKIE.encode(new StateCookie.Signer(secret(1)))).isEqualTo(signed);
  }

  @Test
  void signersMadeOnManyThreadsAtOnceAreIndependent() throws Exception {
    StateCookie.Signer reference = new StateCookie.Signer(secret(5));
    Bytes expected = COOKIE.encode(reference);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Bytes>> results = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        results.add(pool.submit(() -> COOKIE.encode(new StateCookie.Signer(secret(5)))));
      }
      for (Future<Bytes> f : results) {
        assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
  }
}

package dev.webrtc4j;

import dev.webrtc4j.internal.io.SystemClock;
import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Default certificates (ECDSA P-256, 30 days) made ahead of time, so that a new connection need not
 * generate its own before {@code createOffer} or {@code createAnswer} can resolve. W3C lets a
 * connection generate its certificate at construction; this only moves the generation earlier, off
 * the connection's loop and the setup's critical path.
 *
 * <p>Every certificate is <b>fresh and handed out once</b> ({@link #take} removes it): no two
 * connections ever share one, so each has its own key and fingerprint, as when it generates its
 * own. Only connections whose {@link dev.webrtc4j.spi.Settings#defaultKeySources() key sources are
 * the defaults} use the pool (the pool's certificates come from a new {@link SecureRandom} and the
 * system clock, as theirs would); with a seeded generator or a test clock a connection generates
 * its own, reproducibly. A certificate older than {@link #MAX_AGE_MILLIS} is discarded, not handed
 * out, so its validity (counted from its generation) stays within minutes of what the connection
 * would have generated. Refills run on the common pool, one at a time, after each take.
 */
final class CertificatePool {
  private static final System.Logger LOG = System.getLogger(CertificatePool.class.getName());

  /** How many are kept ready: both sides of a connection made in one process, and the next pair's. */
  static final int SIZE = 4;

  /** A certificate waiting longer than this is dropped (ten minutes). */
  static final long MAX_AGE_MILLIS = 10 * 60 * 1000;

  private record Made(RTCCertificate certificate, long madeAtMillis) {}

  private static final ConcurrentLinkedQueue<Made> READY = new ConcurrentLinkedQueue<>();
  private static final AtomicInteger READY_COUNT = new AtomicInteger();
  private static final AtomicBoolean REFILLING = new AtomicBoolean();

  private CertificatePool() {}

  /**
   * A fresh certificate nobody else has or will get, or null when none is ready (the caller then
   * generates its own). Either way a refill starts.
   */
  static @Nullable RTCCertificate take() {
    long now = SystemClock.WALL.millis();
    RTCCertificate out = null;
    for (Made m; out == null && (m = READY.poll()) != null; ) {
      READY_COUNT.decrementAndGet();
      if (now - m.madeAtMillis() < MAX_AGE_MILLIS && now >= m.madeAtMillis()) {
        out = m.certificate();
      }
    }
    refill();
    return out;
  }

  private static void refill() {
    if (READY_COUNT.get() >= SIZE || !REFILLING.compareAndSet(false, true)) {
      return;
    }
    ForkJoinPool.commonPool().execute(() -> {
      try {
        while (READY_COUNT.get() < SIZE) {
          long madeAt = SystemClock.WALL.millis();
          RTCCertificate c = RTCCertificate.generateNow(AlgorithmIdentifier.ecdsaP256(), SystemClock.WALL, new SecureRandom());
          // The DTLS handshake needs the JDK's X.509 view of its own certificate (BC's Certificate
          // message): parsed here, it is not parsed in each side's flight (~0.09 ms per side).
          c.dtls().x509();
          READY.add(new Made(c, madeAt));
          READY_COUNT.incrementAndGet();
        }
      } catch (RuntimeException e) {
        // Connections then generate their own, and report the failure themselves if it recurs.
        LOG.log(Level.WARNING, "generating certificates ahead of time failed", e);
      } finally {
        REFILLING.set(false);
      }
    });
  }
}

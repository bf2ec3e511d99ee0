package dev.webrtc4j.internal.dtls;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where BouncyCastle handshakes (and the client's deferred signature checks) run: a new virtual
 * thread each by default, or, with the system property {@value #PLATFORM_PROPERTY}{@code =true}, a
 * small JVM-wide pool of platform threads with a virtual thread for each task beyond its size.
 *
 * <p>Why the platform option exists: a handshake computes for up to a millisecond per flight
 * (signatures, key agreement), and the JDK does not preempt a virtual thread that computes. On a
 * machine with few cores, handshakes on virtual threads hold carriers, and the connections' event
 * loops and dispatchers (virtual threads too) wait: in the setup benchmark the W3C events fired at
 * DTLS start lagged their loop step by 0.5-0.9 ms, against 0.02-0.1 ms on platform threads. Why
 * it is not the default: on this shared 2-core machine under a load average of 10-20 the DTLS
 * handshake itself was slower on platform threads in most paired runs (each hand-off between the
 * loop and the handshake became an OS wake-up of a sleeping thread, which a loaded scheduler
 * serves late); no idle machine was available to decide (docs/perf-notes/dtls-handshake.md).
 *
 * <p>Why a pool: a new platform thread took about 0.3 ms to start here (a virtual one 0.07 ms, a
 * pooled one 0.03 ms), on the loop that starts the handshake. Why bounded, with virtual threads
 * beyond: a blocked handshake holds its thread until its peer answers, so handshakes must never
 * queue behind each other, and a JVM setting up thousands of connections keeps a bounded count of
 * platform threads. Idle pool threads end after {@link #KEEP_ALIVE}.
 */
final class HandshakeThreads {
  /** Concurrent handshakes that get a platform thread. */
  static final int POOL_SIZE = Math.max(4, Runtime.getRuntime().availableProcessors());

  static final Duration KEEP_ALIVE = Duration.ofSeconds(30);

  /** The system property that selects the platform pool ({@code true}); virtual threads otherwise. */
  static final String PLATFORM_PROPERTY = "dev.webrtc4j.dtls.platformHandshakeThreads";

  private static final AtomicInteger COUNT = new AtomicInteger();

  private static final ThreadFactory PLATFORM = r -> {
    Thread t = new Thread(r, "webrtc4j-dtls-handshake-" + COUNT.incrementAndGet());
    t.setDaemon(true);
    return t;
  };

  private static final ThreadPoolExecutor POOL =
      new ThreadPoolExecutor(0, POOL_SIZE, KEEP_ALIVE.toSeconds(), TimeUnit.SECONDS, new SynchronousQueue<>(), PLATFORM);

  /** Runs each task on a new virtual thread. */
  static final Executor VIRTUAL = task -> Thread.ofVirtual().name("webrtc4j-dtls-handshake").start(task);

  /** Runs each task on a pooled platform thread when one is free or can be added, else on a new virtual thread. */
  static final Executor PLATFORM_POOL = task -> {
    try {
      POOL.execute(task);
    } catch (RejectedExecutionException e) {
      VIRTUAL.execute(task);
    }
  };

  /** Where handshakes (and their deferred signature checks) run. */
  static final Executor EXECUTOR = Boolean.getBoolean(PLATFORM_PROPERTY) ? PLATFORM_POOL : VIRTUAL;

  private HandshakeThreads() {}

  /** Platform threads in the pool now (for tests). */
  static int poolThreads() {
    return POOL.getPoolSize();
  }
}

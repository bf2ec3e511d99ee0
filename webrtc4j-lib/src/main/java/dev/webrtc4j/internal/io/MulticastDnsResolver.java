package dev.webrtc4j.internal.io;

import dev.webrtc4j.internal.io.mdns.MdnsMessage;
import dev.webrtc4j.internal.io.mdns.MdnsRecord;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Resolves {@code .local} names (draft-ietf-mmusic-mdns-ice-candidates) by multicast DNS, RFC 6762:
 * sends one query for A and AAAA with the QU bit, resends it on a schedule (RFC 6762 §5.2 asks for
 * "at least one second" and then doubling intervals; the default sends at 0, 1 s and 3 s), and
 * reports {@code null} when nothing answered within the timeout (default 5 s). Concurrent requests
 * for one name share one query; answers are cached for their TTL (bounded entries).
 *
 * <p>I/O goes through two seams so tests never touch the network: a {@link Transport} (the default,
 * {@link MdnsUdpTransport#multicast()}, joins 224.0.0.251 / ff02::fb; tests pass an in-memory fake
 * or a loopback-unicast one) and a {@link Scheduler} (virtual time in tests).
 *
 * <p>Threading: thread-safe. {@link Callback}s run on the transport's receive thread or the
 * scheduler's thread, never under a lock, and must not block: the owner of an ICE agent enqueues
 * {@code agent.mdnsResolved(now, name, address)} onto the connection's event loop.
 */
public final class MulticastDnsResolver implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(MulticastDnsResolver.class.getName());

  /** Where the query goes and the responses come from. */
  public interface Transport extends AutoCloseable {
    /** Opens the sockets; every received datagram goes to {@code receiver} (any thread). */
    void start(Consumer<ByteBuffer> receiver) throws IOException;

    /** Sends the query to the group (or the stand-in). Never throws for network conditions. */
    void send(ByteBuffer query);

    @Override
    void close();
  }

  /** A clock and a one-shot timer. */
  public interface Scheduler {
    long nanoTime();

    /** Runs {@code task} once after {@code delayNanos}; the returned handle cancels it. */
    Runnable schedule(long delayNanos, Runnable task);
  }

  /** The result: the address, or {@code null} when the name did not resolve. */
  @FunctionalInterface
  public interface Callback {
    void resolved(String hostname, @Nullable InetAddress address);
  }

  /**
   * @param sendAt when to send the query, from the first request (the first is normally zero)
   * @param timeout when to give up and report {@code null}
   * @param maxCacheEntries how many names the cache holds (oldest evicted first)
   * @param maxTtl cap on a cached answer's lifetime
   */
  public record Options(List<Duration> sendAt, Duration timeout, int maxCacheEntries, Duration maxTtl) {
    public Options {
      sendAt = List.copyOf(sendAt);
      Objects.requireNonNull(timeout, "timeout");
      Objects.requireNonNull(maxTtl, "maxTtl");
      if (sendAt.isEmpty() || timeout.isNegative() || timeout.isZero() || maxCacheEntries < 0 || maxTtl.isNegative()) {
        throw new IllegalArgumentException("bad mDNS options " + sendAt + " " + timeout + " " + maxCacheEntries);
      }
      for (Duration d : sendAt) {
        if (d.isNegative() || d.compareTo(timeout) >= 0) {
          throw new IllegalArgumentException("sendAt " + d + " must lie in [0, timeout " + timeout + ")");
        }
      }
    }

    public static Options defaults() {
      return new Options(List.of(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(3)),
          Duration.ofSeconds(5), 256, Duration.ofMinutes(2));
    }

    public Options withTimeout(Duration t) {
      return new Options(sendAt, t, maxCacheEntries, maxTtl);
    }
  }

  private record Waiter(String hostname, Callback callback) {}

  private record CacheEntry(InetAddress address, long expiresAt) {}

  private static final class Pending {
    final List<Waiter> waiters = new ArrayList<>();
    final List<Runnable> cancels = new ArrayList<>();
  }

  private final Transport transport;
  private final Scheduler scheduler;
  private final Options options;
  private final @Nullable AutoCloseable ownedScheduler;
  private final Object lock = new Object();
  private final Map<String, Pending> pending = new HashMap<>();
  private final LinkedHashMap<String, CacheEntry> cache = new LinkedHashMap<>();
  private boolean closed;

  /** Starts {@code transport} now. */
  public MulticastDnsResolver(Transport transport, Scheduler scheduler, Options options) throws IOException {
    this(transport, scheduler, options, null);
  }

  private MulticastDnsResolver(Transport transport, Scheduler scheduler, Options options, @Nullable AutoCloseable owned)
      throws IOException {
    this.transport = Objects.requireNonNull(transport, "transport");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.options = Objects.requireNonNull(options, "options");
    this.ownedScheduler = owned;
    transport.start(this::onDatagram);
  }

  /**
   * The production resolver: real multicast on the host's interfaces, the system clock and one
   * daemon timer thread. Never used by tests.
   */
  public static MulticastDnsResolver createDefault(Options options) throws IOException {
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "webrtc4j-mdns-timer");
      t.setDaemon(true);
      return t;
    });
    executor.setRemoveOnCancelPolicy(true);
    MdnsUdpTransport transport = MdnsUdpTransport.multicast();
    try {
      return new MulticastDnsResolver(transport, executorScheduler(executor), options, executor::shutdownNow);
    } catch (IOException | RuntimeException e) {
      executor.shutdownNow();
      transport.close();
      throw e;
    }
  }

  /** A {@link Scheduler} over an executor and {@link System#nanoTime()}. */
  public static Scheduler executorScheduler(ScheduledExecutorService executor) {
    return new Scheduler() {
      @Override
      public long nanoTime() {
        return System.nanoTime();
      }

      @Override
      public Runnable schedule(long delayNanos, Runnable task) {
        var future = executor.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
      }
    };
  }

  /**
   * Resolves {@code hostname}; {@code callback} gets the answer exactly once (possibly before this
   * returns, for a cached answer or a name that is not a valid {@code .local} name).
   */
  public void resolve(String hostname, Callback callback) {
    Objects.requireNonNull(hostname, "hostname");
    Objects.requireNonNull(callback, "callback");
    String key = MdnsMessage.normalize(hostname);
    ByteBuffer query;
    try {
      if (!key.endsWith(".local")) {
        throw new IllegalArgumentException("not a .local name");
      }
      query = MdnsMessage.encodeQuery(key);
    } catch (IllegalArgumentException e) {
      LOG.log(System.Logger.Level.DEBUG, "mDNS: cannot query {0}: {1}", hostname, e.getMessage());
      callback.resolved(hostname, null);
      return;
    }
    @Nullable InetAddress cached = null;
    boolean fail = false;
    boolean start = false;
    synchronized (lock) {
      if (closed) {
        fail = true;
      } else {
        CacheEntry hit = cache.get(key);
        if (hit != null && hit.expiresAt - scheduler.nanoTime() > 0) {
          cached = hit.address;
        } else {
          if (hit != null) {
            cache.remove(key);
          }
          Pending p = pending.get(key);
          if (p == null) {
            p = new Pending();
            pending.put(key, p);
            start = true;
          }
          p.waiters.add(new Waiter(hostname, callback));
          if (start) {
            for (Duration at : options.sendAt()) {
              p.cancels.add(scheduler.schedule(at.toNanos(), () -> send(key, query)));
            }
            p.cancels.add(scheduler.schedule(options.timeout().toNanos(), () -> timeout(key)));
          }
        }
      }
    }
    if (fail) {
      callback.resolved(hostname, null);
    } else if (cached != null) {
      callback.resolved(hostname, cached);
    }
  }

  private void send(String key, ByteBuffer query) {
    synchronized (lock) {
      if (closed || !pending.containsKey(key)) {
        return;
      }
    }
    transport.send(query.duplicate());
  }

  private void timeout(String key) {
    Pending p;
    synchronized (lock) {
      p = pending.remove(key);
    }
    if (p != null) {
      LOG.log(System.Logger.Level.DEBUG, "mDNS: no answer for {0} within {1}", key, options.timeout());
      complete(p, null);
    }
  }

  /** A datagram from the transport, on its thread. */
  void onDatagram(ByteBuffer datagram) {
    Optional<MdnsMessage> parsed = MdnsMessage.tryParse(datagram);
    if (parsed.isEmpty()) {
      LOG.log(System.Logger.Level.DEBUG, "mDNS: dropping a malformed datagram");
      return;
    }
    MdnsMessage m = parsed.get();
    // RFC 6762 §18.3: "Multicast DNS messages received with an OPCODE other than zero MUST be
    // silently ignored." §18.11: "... with non-zero Response Codes MUST be silently ignored."
    if (!m.isResponse() || m.opcode() != 0 || (m.flags() & 0xF) != 0) {
      return;
    }
    List<Map.Entry<Pending, InetAddress>> done = new ArrayList<>();
    synchronized (lock) {
      if (closed) {
        return;
      }
      long now = scheduler.nanoTime();
      Map<String, MdnsRecord> firstByName = new LinkedHashMap<>();
      for (MdnsRecord r : m.allRecords()) {
        if (r.address().isEmpty()) {
          continue;
        }
        if (r.ttlSeconds() == 0) {
          // RFC 6762 §10.1: a TTL of zero is a goodbye: the record "should be deleted".
          cache.remove(r.name());
          continue;
        }
        firstByName.putIfAbsent(r.name(), r);
      }
      for (MdnsRecord r : firstByName.values()) {
        InetAddress address = r.address().orElseThrow();
        Pending p = pending.remove(r.name());
        if (p == null && !cache.containsKey(r.name())) {
          continue; // an answer for a name nobody asked about: not ours to cache
        }
        long ttl = Math.min(Duration.ofSeconds(r.ttlSeconds()).toNanos(), options.maxTtl().toNanos());
        putCache(r.name(), new CacheEntry(address, now + ttl));
        if (p != null) {
          done.add(Map.entry(p, address));
        }
      }
    }
    for (Map.Entry<Pending, InetAddress> e : done) {
      complete(e.getKey(), e.getValue());
    }
  }

  private void putCache(String key, CacheEntry entry) {
    if (options.maxCacheEntries() == 0) {
      return;
    }
    cache.remove(key);
    cache.put(key, entry);
    Iterator<String> it = cache.keySet().iterator();
    while (cache.size() > options.maxCacheEntries() && it.hasNext()) {
      it.next();
      it.remove();
    }
  }

  private static void complete(Pending p, @Nullable InetAddress address) {
    for (Runnable cancel : p.cancels) {
      cancel.run();
    }
    for (Waiter w : p.waiters) {
      try {
        w.callback.resolved(w.hostname, address);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "mDNS callback failed", e);
      }
    }
  }

  /** Names cached now, for tests and stats. */
  int cacheSize() {
    synchronized (lock) {
      return cache.size();
    }
  }

  /** Stops the transport; outstanding requests get {@code null}. */
  @Override
  public void close() {
    List<Pending> left;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      left = new ArrayList<>(pending.values());
      pending.clear();
      cache.clear();
    }
    transport.close();
    for (Pending p : left) {
      complete(p, null);
    }
    if (ownedScheduler != null) {
      try {
        ownedScheduler.close();
      } catch (Exception e) {
        LOG.log(System.Logger.Level.DEBUG, "mDNS scheduler close failed", e);
      }
    }
  }
}
